// Policy terms beyond the lexicon's names, and context checks on its matches:
// - the object of a verb or noun of combat (مكافحة، محاربة، التصدي ل، القضاء
//   على) is a Threat candidate: what policy acts against;
// - an Instrument takes the adjectives after its head (مذكرة تفاهم علمي،
//   اتفاق تعاون عسكري) and its purpose (اتفاقية … للمناخ);
// - a Principle after a negating head (فقدان، انعدام، غياب) is what is lost,
//   not a value invoked.
import type { PreparedText } from './document';
import type { Candidate } from './entities';
import type { Rules } from './rules';

/** Threat candidates: the definite noun (and its definite adjective) after a word of combat. */
export function combatObjects(doc: PreparedText, rules: Rules, covered: Uint8Array): Candidate[] {
  const out: Candidate[] = [];
  const n = doc.tokens.length;
  const joined = (k: number) => k < n && !doc.hardBreakBefore[k];
  for (let i = 0; i + 1 < n; i++) {
    if (!doc.readingsAt(i).some((r) => rules.combatWords.has(r.stem))) continue;
    let k = i + 1;
    // التصدي ل…، القضاء على …: the preposition, written apart, after the word.
    if (joined(k) && doc.readingsAt(k).some((r) => !r.proclitics && rules.combatPrepositions.has(r.stem))) k++;
    if (!joined(k) || covered[k]) continue;
    const head = doc.readingsAt(k).find((r) => (r.proclitics === '' || r.proclitics === 'ل') && r.stem.startsWith('ال') && r.stem.length > 4);
    if (!head || rules.combatNotThreats.has(head.stem)) continue;
    let last = k + 1;
    if (joined(last) && !covered[last] && isAdjective(doc.tokens[last].text)) last++;
    out.push({ first: k, last, skip: head.proclitics === 'ل' ? 0 : head.skip, proclitics: head.proclitics, label: 'Threat', rule: 'combat-object' });
  }
  return out;
}

/** A definite nisba adjective (الإلكتروني، المنظمة is no adjective: only ي/ية endings). */
function isAdjective(word: string): boolean {
  return word.startsWith('ال') && /(ي|يه|يين|يون|يات)$/.test(word);
}

/** Instruments extended over the adjectives after them (indefinite after an indefinite head) and a purpose with ل (للمناخ). */
export function extendInstruments(doc: PreparedText, rules: Rules, candidates: Candidate[], covered: Uint8Array): Candidate[] {
  const n = doc.tokens.length;
  return candidates.map((c) => {
    if (c.label !== 'Instrument') return c;
    let last = c.last;
    const definite = doc.tokens[c.first].text.slice(c.skip).startsWith('ال') || doc.tokens[c.last - 1].text.startsWith('ال');
    while (last < n && !doc.hardBreakBefore[last] && !covered[last] && last - c.last < rules.instrumentAdjectiveReach) {
      const w = doc.tokens[last].text;
      const adjective = definite ? isAdjective(w) : !w.startsWith('ال') && /(ي|يه)$/.test(w) && w.length > 3;
      const purpose = doc.readingsAt(last).some((r) => r.proclitics === 'ل' && rules.instrumentPurposeNouns.has(r.stem));
      if (!adjective && !purpose) break;
      last++;
    }
    return last === c.last ? c : { ...c, last };
  });
}

/**
 * Principles held by someone: a noun of value with a possessive suffix (كرامتهم، حقوقهم) and the
 * definite adjectives after it, coordinated or not (حقوقهم الاجتماعية والاقتصادية).
 */
export function possessedPrinciples(doc: PreparedText, rules: Rules, covered: Uint8Array): Candidate[] {
  const out: Candidate[] = [];
  const n = doc.tokens.length;
  for (let i = 0; i < n; i++) {
    if (covered[i]) continue;
    const r = doc.readingsAt(i).find((x) => !/[بكل]/.test(x.proclitics) && possessedHead(rules, x.stem));
    if (!r) continue;
    let last = i + 1;
    while (last < n && !doc.hardBreakBefore[last] && !covered[last] && doc.readingsAt(last).some((x) => (x.proclitics === '' || x.proclitics === 'و') && isAdjective(x.stem))) last++;
    out.push({ first: i, last, skip: r.skip, proclitics: r.proclitics, label: 'Principle', rule: 'possessed-principle' });
  }
  return out;
}

/** Whether a word is a noun of value with a possessive suffix (ت restored to ة before it). */
function possessedHead(rules: Rules, word: string): boolean {
  for (const suffix of rules.possessiveSuffixes) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 2) continue;
    const base = word.slice(0, -suffix.length);
    if (rules.possessedPrinciples.has(base) || (base.endsWith('ت') && rules.possessedPrinciples.has(base.slice(0, -1) + 'ه'))) return true;
  }
  return false;
}

/** Drops Principle matches right after a negating head (فقدان التنوع، انعدام المساواة). */
export function withoutNegatedPrinciples(doc: PreparedText, rules: Rules, candidates: Candidate[]): Candidate[] {
  return candidates.filter((c) => c.label !== 'Principle' || c.first === 0 || doc.hardBreakBefore[c.first] || !doc.readingsAt(c.first - 1).some((r) => rules.negatingHeads.has(r.stem)));
}

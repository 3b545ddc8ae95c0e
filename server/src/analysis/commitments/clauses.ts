// Clauses for commitments. The prepared text breaks a clause at every comma,
// quotation mark and full stop; a commitment's clause runs on across breaks
// that do not end what is being said:
// - the full stop of an abbreviation (د. فلان، أ. د. فلان);
// - quotation marks around a quoted complement (طالب "بالتضامن" مع …);
// - a short aside set off by commas (وقع العراق، الخميس، اتفاقا …);
// - a comma before a coordinated complement of the same verb (على ضرورة …، وعلى ضرورة …).
import { Clause, CommitmentContext, tokenIs } from './context';

export function segmentClauses(ctx: CommitmentContext): Clause[] {
  const base = baseClauses(ctx);
  const out: Clause[] = [];
  for (let k = 0; k < base.length; k++) {
    const c = base[k];
    const prev = out[out.length - 1];
    if (prev && continuesClause(ctx, base, k)) prev.last = c.last;
    else out.push({ ...c });
  }
  return out;
}

function baseClauses(ctx: CommitmentContext): Clause[] {
  const { clauseOf } = ctx.doc;
  const n = ctx.doc.tokens.length;
  const out: Clause[] = [];
  for (let first = 0; first < n; ) {
    let last = first;
    while (last < n && clauseOf[last] === clauseOf[first]) last++;
    out.push({ first, last });
    first = last;
  }
  return out;
}

/** Whether base clause k continues the clause before it. */
function continuesClause(ctx: CommitmentContext, base: Clause[], k: number): boolean {
  const gap = ctx.doc.tokens[base[k].first].gapBefore;
  if (gap.includes('\n')) return false;
  if (afterAbbreviation(ctx, base[k].first)) return true;
  const marks = gap.replace(/\s/g, '');
  if (/^["“”«»]+$/.test(marks)) return true;
  if (/[.!?؟;؛:]/.test(marks)) return false;
  return isAside(ctx, base, k) || isAside(ctx, base, k - 1) || coordinatedComplement(ctx, base[k].first);
}

/** A one-letter word before a full stop is an abbreviation (د.، أ.، م.). */
function afterAbbreviation(ctx: CommitmentContext, i: number): boolean {
  if (i === 0) return false;
  const gap = ctx.doc.tokens[i].gapBefore.replace(/\s/g, '');
  const previous = ctx.doc.tokens[i - 1].text;
  return gap === '.' && previous.length === 1;
}

/** A clause of a few words between two commas, with no cue of its own: an aside (الخميس، بالخصوص، كذلك). */
function isAside(ctx: CommitmentContext, base: Clause[], k: number): boolean {
  if (k <= 0 || k + 1 >= base.length) return false;
  const c = base[k];
  if (c.last - c.first > ctx.rules.asideMaxWords) return false;
  const comma = (i: number) => /^[،,]$/.test(ctx.doc.tokens[i].gapBefore.replace(/\s/g, ''));
  return comma(c.first) && comma(base[k + 1].first);
}

/** و + a preposition after a comma (، وعلى ضرورة …، وب…): a second complement of the verb before. */
function coordinatedComplement(ctx: CommitmentContext, i: number): boolean {
  const gap = ctx.doc.tokens[i].gapBefore.replace(/\s/g, '');
  if (!/^[،,]$/.test(gap)) return false;
  const rs = ctx.doc.readingsAt(i);
  // A clitic set apart by a quotation mark (، وب"مراجعة …) also continues.
  const clitic = /^و[بل]$/.test(ctx.doc.tokens[i].text);
  return clitic || rs.some((r) => r.proclitics === 'و' && ctx.rules.prepositions.has(r.stem)) || (rs.some((r) => r.proclitics === 'وب') && tokenIs(ctx, i, ctx.rules.cues.obligationNouns));
}

/**
 * A call whose clause ends before its complement (طالب الوزير فلان، المقيم في …، "بالتضامن" …):
 * the clause runs on over the next clauses of its sentence, at most asideClauses of them, until one
 * holds a complement (a word with ب, إلى، على، أن; not ل, which is as often a purpose).
 */
export function withComplement(ctx: CommitmentContext, clauses: Clause[], k: number, cueToken: number): number {
  const { doc, rules } = ctx;
  const hasComplement = (first: number, last: number) => {
    for (let i = first; i < last; i++) {
      if (doc.readingsAt(i).some((r) => /ب$/.test(r.proclitics) || rules.complementizers.has(r.stem) || rules.callComplements.has(r.stem))) return true;
    }
    return false;
  };
  if (hasComplement(cueToken + 1, clauses[k].last)) return k;
  let j = k;
  while (j + 1 < clauses.length && j - k < rules.asideClauses && doc.sentenceOf[clauses[j + 1].first] === doc.sentenceOf[cueToken]) {
    j++;
    if (hasComplement(clauses[j].first, clauses[j].last)) return j;
  }
  return k;
}

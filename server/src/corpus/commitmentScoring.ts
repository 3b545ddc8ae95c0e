// Scoring the arguments and the strength of commitments, as
// ../shared/dev-policy/README.md ("Suggested scoring") defines it, on top of
// the span matching of scoring.ts.
//
// A reference argument is a slot: one committing party (or one principle)
// that may go by several surfaces, written `A / B`. A predicted argument is
// written the same way (its mention text and its English name, say). A slot
// is filled when some predicted argument, normalised, equals, contains or is
// contained in one of the slot's surfaces. Per matched required commitment:
// a filled slot is a true positive, an unfilled one a false negative, a
// predicted argument that fills no slot a false positive (one that fills an
// already filled slot again is neutral). An unmatched required commitment
// counts all its slots as false negatives. A reference commitment without a
// role the options call implicit (no `actors=`: passive `تم`) is not scored
// for that role; any other missing role is the empty set.
//
// Strength: for a matched required commitment whose reference gives one, it
// is right when the prediction's is one of the accepted values (`call / intent`).

import { foldChar } from '../analysis/normalize';
import { prf, Prf, ScoredItem, ScoreOptions, ScoreReport, scoreAnnotations, SpanMatch } from './scoring';

/** Separates the alternatives of one slot, in reference notes and predicted arguments alike. */
export const ALTERNATIVE_SEPARATOR = ' / ';
export const STRENGTH_ROLE = 'strength';

export interface SlotError {
  reference: ScoredItem;
  /** Undefined when the reference commitment was not found. */
  predicted?: ScoredItem;
  role: string;
  /** Slots not filled, as written in the reference. */
  missing: string[];
  /** Predicted arguments that fill no slot. */
  extra: string[];
}

export interface StrengthScores {
  /** Matched required commitments whose reference gives a strength. */
  scored: number;
  correct: number;
  accuracy: number;
  /** confusion[reference value as written][predicted value] = count. */
  confusion: Record<string, Record<string, number>>;
  errors: { reference: ScoredItem; predicted: ScoredItem; expected: string; found: string }[];
}

export interface CommitmentReport extends ScoreReport {
  slots: { byRole: Record<string, Prf>; errors: SlotError[] };
  strength: StrengthScores;
}

export interface CommitmentScoreOptions extends ScoreOptions {
  roles: readonly string[];
  /** Roles whose absence from a reference note means "left implicit, not scored". */
  implicitRoles?: readonly string[];
}

/** Diacritics and tatweel removed, alef forms, ta marbuta and alef maqsura folded, lower case, single spaces. */
export function normalizeArgument(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldChar(text.charCodeAt(i));
  return out.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The alternatives of one slot (`A / B` → [A, B]), normalised, empty ones dropped. */
export function slotAlternatives(slot: string): string[] {
  return slot
    .split(ALTERNATIVE_SEPARATOR.trim())
    .map(normalizeArgument)
    .filter((s) => s !== '');
}

function sameParty(a: string, b: string): boolean {
  return a === b || a.includes(b) || b.includes(a);
}

/** Whether the predicted argument (its alternatives) fills the reference slot. */
export function fillsSlot(slot: string, predicted: string): boolean {
  const forms = slotAlternatives(predicted);
  return slotAlternatives(slot).some((s) => forms.some((p) => sameParty(s, p)));
}

/** Slot counts of one role of one reference commitment against one prediction's arguments (none when unmatched). */
export function scoreSlots(slots: string[], predicted: string[]): { tp: number; fp: number; fn: number; missing: string[]; extra: string[] } {
  const missing = slots.filter((slot) => !predicted.some((p) => fillsSlot(slot, p)));
  const extra = predicted.filter((p) => !slots.some((slot) => fillsSlot(slot, p)));
  return { tp: slots.length - missing.length, fp: extra.length, fn: missing.length, missing, extra };
}

type Counts = { tp: number; fp: number; fn: number };

function scoredRoles(reference: ScoredItem, options: CommitmentScoreOptions): string[] {
  const args = reference.args ?? {};
  return options.roles.filter((role) => args[role] !== undefined || !(options.implicitRoles ?? []).includes(role));
}

function scoreSlotArguments(reference: ScoredItem[], matches: SpanMatch[], options: CommitmentScoreOptions) {
  const counts = new Map<string, Counts>(options.roles.map((r) => [r, { tp: 0, fp: 0, fn: 0 }]));
  const errors: SlotError[] = [];
  const matchOf = new Map(matches.map((m) => [m.reference, m]));
  for (const ref of reference) {
    if (ref.optional || ref.args === undefined) continue;
    const predicted = matchOf.get(ref)?.predicted;
    for (const role of scoredRoles(ref, options)) {
      const s = scoreSlots(ref.args[role] ?? [], predicted ? (predicted.args?.[role] ?? []) : []);
      const c = counts.get(role) as Counts;
      c.tp += s.tp;
      c.fp += s.fp;
      c.fn += s.fn;
      if (s.missing.length || s.extra.length) errors.push({ reference: ref, predicted, role, missing: s.missing, extra: s.extra });
    }
  }
  const byRole: Record<string, Prf> = {};
  for (const [role, c] of counts) byRole[role] = prf(c.tp, c.fp, c.fn);
  return { byRole, errors };
}

/** The accepted values of a reference strength (`call / intent` → call, intent). */
export function acceptedStrengths(value: string): string[] {
  return value.split('/').map((s) => s.trim()).filter(Boolean);
}

function emptyStrength(): StrengthScores {
  return { scored: 0, correct: 0, accuracy: 0, confusion: {}, errors: [] };
}

function addConfusion(confusion: StrengthScores['confusion'], expected: string, found: string, n = 1): void {
  const row = (confusion[expected] ??= {});
  row[found] = (row[found] ?? 0) + n;
}

export function scoreStrength(matches: SpanMatch[]): StrengthScores {
  const out = emptyStrength();
  for (const m of matches) {
    const expected = m.reference.args?.[STRENGTH_ROLE]?.join(', ');
    if (m.reference.optional || !expected) continue;
    const found = m.predicted.args?.[STRENGTH_ROLE]?.[0] ?? '(none)';
    out.scored++;
    addConfusion(out.confusion, expected, found);
    if (acceptedStrengths(expected).includes(found)) out.correct++;
    else out.errors.push({ reference: m.reference, predicted: m.predicted, expected, found });
  }
  out.accuracy = out.scored ? out.correct / out.scored : 0;
  return out;
}

/** Scores the commitments of one document: spans (scoring.ts), argument slots and strength. */
export function scoreCommitments(reference: ScoredItem[], predicted: ScoredItem[], options: CommitmentScoreOptions): CommitmentReport {
  const report = scoreAnnotations(reference, predicted, options);
  return {
    ...report,
    slots: scoreSlotArguments(reference, report.overlap.matches, options),
    strength: scoreStrength(report.overlap.matches),
  };
}

/** Adds up the slot and strength scores of several documents (spans: combineScoreReports). */
export function combineCommitmentExtras(reports: CommitmentReport[]): Pick<CommitmentReport, 'slots' | 'strength'> {
  const counts = new Map<string, Counts>();
  for (const r of reports) {
    for (const [role, s] of Object.entries(r.slots.byRole)) {
      const c = counts.get(role) ?? { tp: 0, fp: 0, fn: 0 };
      c.tp += s.tp;
      c.fp += s.fp;
      c.fn += s.fn;
      counts.set(role, c);
    }
  }
  const byRole: Record<string, Prf> = {};
  for (const [role, c] of counts) byRole[role] = prf(c.tp, c.fp, c.fn);
  const strength = emptyStrength();
  for (const r of reports) {
    strength.scored += r.strength.scored;
    strength.correct += r.strength.correct;
    strength.errors.push(...r.strength.errors);
    for (const [expected, row] of Object.entries(r.strength.confusion)) {
      for (const [found, n] of Object.entries(row)) addConfusion(strength.confusion, expected, found, n);
    }
  }
  strength.accuracy = strength.scored ? strength.correct / strength.scored : 0;
  return { slots: { byRole, errors: reports.flatMap((r) => r.slots.errors) }, strength };
}

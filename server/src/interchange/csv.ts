// The commitments as a table for spreadsheet programs: RFC 4180 (CRLF
// between records, fields with commas, quotes or line breaks quoted, quotes
// doubled), starting with a UTF-8 byte-order mark so that Excel reads the
// Arabic as UTF-8 rather than the system code page.
import { OffsetMap } from '../analysis/offsets';
import { AnnotatedDocument, ExportCommitment, SUGGESTED } from './corpusDocument';

export const COMMITMENT_COLUMNS = [
  'document',
  'id',
  'clause',
  'actors',
  'strength',
  'principles',
  'negated',
  'start',
  'end',
  'status',
] as const;

/** Separates several actors or principles inside one cell. */
export const LIST_SEPARATOR = '; ';

/**
 * A cell a spreadsheet would run as a formula starts with = + - @ (or a tab
 * or carriage return before one); a leading apostrophe makes it text, as
 * OWASP advises. Applied to text cells only: numbers are written by us.
 * It alters ordinary values that start with - + or @ (a list item, a
 * handle), so an export may go without it (`--no-formula-guard`) for a
 * program that does not run formulas.
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function row(cells: (string | number)[], guard: boolean): string {
  return cells.map((c) => (typeof c === 'number' ? String(c) : csvField(guard ? guardFormula(c) : c))).join(',') + '\r\n';
}

export function csvHeader(guard = true): string {
  return '\uFEFF' + row([...COMMITMENT_COLUMNS], guard);
}

/**
 * Offsets in code points, like every other export; the clause is
 * text[start:end], line breaks included (quoted cells keep them).
 * `guard`: the formula guard (guardFormula).
 */
export function csvRows(doc: AnnotatedDocument, withSuggestions = false, guard = true): string {
  const commitments = doc.commitments.filter((c) => withSuggestions || c.status !== SUGGESTED);
  const map = new OffsetMap(doc.text);
  return commitments
    .map((c: ExportCommitment) =>
      row([
        doc.name,
        c.id,
        doc.text.slice(map.toUtf16(c.start), map.toUtf16(c.end)),
        c.actorNames.join(LIST_SEPARATOR),
        c.strength ?? '',
        c.principleNames.join(LIST_SEPARATOR),
        c.negated ? 'yes' : 'no',
        c.start,
        c.end,
        c.status,
      ], guard),
    )
    .join('');
}

// Localised names of labels, strengths and review statuses, for hover cards,
// the outline and the corpus view. The names of labels and strengths are those
// of schema.json, each a key of the translation bundle (test/core/packaging.test.ts
// checks that each has its Arabic); a label of a corpus's own annotation.conf
// that has none is shown as it is written.
import * as l10n from '@vscode/l10n';
import { countPhrase, Counted } from '../../render/plurals';
import { serverLanguage } from '../localisation';

export const labelName = (label: string): string => l10n.t(label);

export const strengthName = (strength: string): string => l10n.t(strength);

/** A review status in words (any other stored status reads "stored"). */
export function statusName(status: string): string {
  const names: Record<string, string> = {
    suggested: l10n.t('suggestion'),
    accepted: l10n.t('accepted'),
    corrected: l10n.t('corrected'),
    manual: l10n.t('annotated by hand'),
    rejected: l10n.t('rejected'),
  };
  return names[status] ?? l10n.t('stored');
}

/** A count in the server's language, in the plural category of `count` (render/plurals.ts). */
export const countOf = (what: Counted, count: number, args?: (string | number)[]): string => countPhrase((o) => l10n.t(o), serverLanguage, what, count, args);

/** Stored annotations are drawn solid (■), suggestions dashed (⬚): the same mark in text as in the editor. */
export function statusMark(status: string): string {
  return status === 'suggested' ? '⬚' : '■';
}

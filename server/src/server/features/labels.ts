// Localised names of labels and strengths, for hover cards and the outline.
import * as l10n from '@vscode/l10n';

export function labelName(label: string): string {
  switch (label) {
    case 'Organization': return l10n.t('Organization');
    case 'Person': return l10n.t('Person');
    case 'Location': return l10n.t('Location');
    case 'Date': return l10n.t('Date');
    case 'Principle': return l10n.t('Principle');
    case 'Threat': return l10n.t('Threat');
    case 'Instrument': return l10n.t('Instrument');
    case 'Commitment': return l10n.t('Commitment');
    default: return label;
  }
}

export function strengthName(strength: string): string {
  switch (strength) {
    case 'binding': return l10n.t('binding');
    case 'intent': return l10n.t('intent');
    case 'aspirational': return l10n.t('aspirational');
    case 'call': return l10n.t('call');
    default: return strength;
  }
}

/** A review status in words. */
export function statusName(status: string): string {
  switch (status) {
    case 'suggested': return l10n.t('suggestion');
    case 'accepted': return l10n.t('accepted');
    case 'corrected': return l10n.t('corrected');
    case 'manual': return l10n.t('annotated by hand');
    case 'rejected': return l10n.t('rejected');
    default: return l10n.t('stored');
  }
}

/** Stored annotations are drawn solid (■), suggestions dashed (⬚): the same mark in text as in the editor. */
export function statusMark(status: string): string {
  return status === 'suggested' ? '⬚' : '■';
}

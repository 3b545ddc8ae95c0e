// `iltizam/readingView`: what the reading view shows of a document — its
// annotations with the names of commitment actors and principles resolved —
// as UTF-16 offsets of the document's text. The client renders it with
// core/readingView.ts.
import * as l10n from '@vscode/l10n';
import type { CancellationToken } from 'vscode-languageserver';
import type { ReadingViewResult } from '../../protocol/messages';
import { strengths as schemaStrengths } from '../../analysis/schema';
import type { AnnotatedView } from '../../annotations/view';
import { labelName, statusName, strengthName } from './labels';

export function readingViewOf(uri: string, version: number, view: AnnotatedView, token?: CancellationToken): ReadingViewResult | null {
  if (token?.isCancellationRequested) return null;
  const nameOf = new Map(view.entities.map((e) => [e.id, e.nameAr ?? e.text]));
  const labels = new Set([...view.entities.map((e) => e.label), 'Commitment']);
  const statuses = new Set([...view.entities, ...view.commitments].map((a) => a.status));
  const strengths = new Set([...schemaStrengths, ...view.commitments.map((c) => c.strength).filter((s): s is string => !!s)]);
  return {
    uri,
    version,
    text: view.text,
    entities: view.entities.map((e) => ({
      id: e.id,
      start: e.start,
      end: e.end,
      label: e.label,
      status: e.status,
      title: [e.nameEn, e.description].filter(Boolean).join(' — ') || undefined,
      confidence: e.status === 'suggested' ? e.confidence : undefined,
    })),
    commitments: view.commitments.map((c) => ({
      id: c.id,
      start: c.start,
      end: c.end,
      status: c.status,
      strength: c.strength,
      actors: c.actors.map((id) => nameOf.get(id)).filter((n): n is string => !!n),
      principles: c.principles.map((id) => nameOf.get(id)).filter((n): n is string => !!n),
      actorIds: c.actors.filter((id) => nameOf.has(id)),
      principleIds: c.principles.filter((id) => nameOf.has(id)),
    })),
    strings: {
      labels: Object.fromEntries([...labels].map((l) => [l, labelName(l)])),
      strengths: Object.fromEntries([...strengths].map((s) => [s, strengthName(s)])),
      actors: l10n.t('Who commits'),
      principles: l10n.t('Principles'),
      none: l10n.t('none'),
      suggested: statusName('suggested'),
      statuses: Object.fromEntries([...statuses].map((status) => [status, statusName(status)])),
      confidence: l10n.t('confidence {0}%'),
    },
  };
}

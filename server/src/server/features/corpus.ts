// The corpus view's requests: the documents with their review status, the
// entities by label (each distinct entity with its mention count, then its
// mentions), the commitments by actor, and the corpus statistics. Children
// are asked for when a node is expanded, so a big corpus is not sent at once.
import * as path from 'path';
import type { CancellationToken } from 'vscode-languageserver';
import type { CorpusIndex, IndexFilter } from '../../corpus/corpusIndex';
import type { CorpusCommitment, CorpusEntityGroup, CorpusMention, CorpusStatisticsResult, CorpusSummary, ReviewEntry } from '../../protocol/messages';
import { labelName, statusName, strengthName } from './labels';
import { rangeOfLocation } from './ranges';

export function corpusSummaryOf(index: CorpusIndex, reviews: (uri: string) => ReviewEntry, filter: IndexFilter, token: CancellationToken): CorpusSummary | null {
  if (token.isCancellationRequested) return null;
  const groups = index.entityGroups(filter);
  const labels = new Map<string, { entities: number; mentions: number }>();
  for (const g of groups) {
    const l = labels.get(g.label) ?? { entities: 0, mentions: 0 };
    l.entities++;
    l.mentions += g.mentions.length;
    labels.set(g.label, l);
  }
  const stats = index.statistics();
  return {
    documents: stats.annotationsByDocument.map((d) => ({ uri: d.uri, name: path.posix.basename(d.uri), review: reviews(d.uri), entities: d.entities, commitments: d.commitments })),
    labels: [...labels].map(([label, l]) => ({ label, name: labelName(label), ...l })),
    actors: index.commitmentsByActor(filter).map((g) => ({ actor: g.actor, commitments: g.commitments.length })),
  };
}

export function corpusEntitiesOf(index: CorpusIndex, label: string, filter: IndexFilter, token: CancellationToken): CorpusEntityGroup[] | null {
  if (token.isCancellationRequested) return null;
  return index.entityGroups({ ...filter, labels: [label] }).map((g) => {
    const sure = g.mentions.flatMap((m) => (m.status === 'suggested' && m.confidence !== undefined ? [m.confidence] : []));
    return { key: g.key, name: g.name, nameEn: g.nameEn, kb: g.kb, mentions: g.mentions.length, ...(sure.length ? { leastConfidence: Math.min(...sure) } : {}) };
  });
}

export function corpusMentionsOf(index: CorpusIndex, key: string, filter: IndexFilter, token: CancellationToken): CorpusMention[] | null {
  if (token.isCancellationRequested) return null;
  const group = index.entityGroups(filter).find((g) => g.key === key);
  return (group?.mentions ?? []).map((m) => ({
    uri: m.uri,
    range: rangeOfLocation(m),
    text: m.text,
    status: m.status,
    statusName: statusName(m.status),
    ...(m.status === 'suggested' && m.confidence !== undefined ? { confidence: m.confidence } : {}),
  }));
}

export function corpusCommitmentsOf(index: CorpusIndex, actor: string, filter: IndexFilter, token: CancellationToken): CorpusCommitment[] | null {
  if (token.isCancellationRequested) return null;
  const group = index.commitmentsByActor(filter).find((g) => g.actor === actor);
  return (group?.commitments ?? []).map((c) => ({
    uri: c.uri,
    range: rangeOfLocation(c),
    text: c.text,
    status: c.status,
    statusName: statusName(c.status),
    strength: strengthName(c.strength),
    principles: c.principles,
    actors: c.actors,
  }));
}

export function corpusStatisticsOf(index: CorpusIndex, token: CancellationToken): CorpusStatisticsResult | null {
  if (token.isCancellationRequested) return null;
  const stats = index.statistics();
  return {
    ...stats,
    labelNames: Object.fromEntries(Object.keys(stats.annotationsByLabel).map((l) => [l, labelName(l)])),
    strengthNames: Object.fromEntries(Object.keys(stats.commitmentsByStrength).map((s) => [s, strengthName(s)])),
    statusNames: Object.fromEntries(Object.keys(stats.byStatus).map((s) => [s, statusName(s)])),
  };
}

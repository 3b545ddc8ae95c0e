// The analysis of a part of a text placed in the whole text: for views that
// analyse only part of it (edited lines, a first screen, the text around a
// hover in a very long document, the slices of one).
import type { Analysis } from './types';

/** The analyses of consecutive parts of one text (placedAnalysis), as one analysis of it. */
export function joinedAnalysis(text: string, parts: Analysis[]): Analysis {
  return { text, entities: parts.flatMap((p) => p.entities), commitments: parts.flatMap((p) => p.commitments), sentences: parts.flatMap((p) => p.sentences) };
}

/**
 * `local`, the analysis of the text from `shift` on, as part of `text`:
 * offsets moved by `shift`, ids prefixed with `prefix` so that they never meet
 * the ids of an analysis of the whole text, and only what starts before `end`
 * kept (what follows was context).
 */
export function placedAnalysis(local: Analysis, text: string, shift: number, end: number, prefix: string): Analysis {
  const id = (x: string) => `${prefix}${x}`;
  const kept = <T extends { start: number }>(items: T[]) => items.filter((i) => i.start + shift < end);
  return {
    text,
    entities: kept(local.entities).map((e) => Object.assign({}, e, { id: id(e.id), start: e.start + shift, end: e.end + shift })),
    commitments: kept(local.commitments).map((c) =>
      Object.assign({}, c, {
        id: id(c.id),
        start: c.start + shift,
        end: c.end + shift,
        cue: { ...c.cue, start: c.cue.start + shift, end: c.cue.end + shift },
        actors: c.actors.map(id),
        principles: c.principles.map(id),
      }),
    ),
    sentences: kept(local.sentences).map((x) => ({ ...x, start: x.start + shift, end: x.end + shift })),
  };
}

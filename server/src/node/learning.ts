// The decisions of corpus folders read from disk, and adapted tagger models
// read and written (`iltizam train`, `iltizam analyze --model`).
import { prepareText } from '../analysis/document';
import type { Rules } from '../analysis/rules';
import { checkAdaptation } from '../analysis/tagger';
import type { DecidedDocument, TaggerAdaptation, TaggerModel } from '../analysis/tagger';
import { AnnotationSet } from '../annotations/annotationSet';
import { decisionsOf } from '../annotations/learning';
import { FormatError } from '../interchange/formatError';
import { reason } from '../messages/reason';
import { writeFileAtomic } from './annotationFiles';
import { fileExists, findCorpusTexts, readUtf8File } from './files';

/**
 * The texts under the folders that have a .ann, with its decisions. `reviewed`:
 * every such document counts as reviewed to the end (what no annotation covers is no name).
 */
export function readDecidedDocuments(folders: string[], rules: Rules, reviewed: boolean): DecidedDocument[] {
  const out: DecidedDocument[] = [];
  for (const entry of findCorpusTexts(folders)) {
    if (!fileExists(entry.annFile)) continue;
    const raw = readUtf8File(entry.textFile);
    const bom = raw.startsWith('\uFEFF');
    const text = bom ? raw.slice(1) : raw;
    const { set } = AnnotationSet.load(readUtf8File(entry.annFile), text, bom);
    out.push({ doc: prepareText(text, rules), ...decisionsOf(set), reviewed });
  }
  return out;
}

/** An adapted model file, checked against the shipped model; a FormatError naming the file when it is not one. */
export function readAdaptation(file: string, model: TaggerModel): TaggerAdaptation {
  const source = readUtf8File(file);
  try {
    return checkAdaptation(JSON.parse(source), model);
  } catch (err) {
    throw new FormatError(file, undefined, reason('{0}', (err as Error).message));
  }
}

export function writeAdaptation(file: string, adaptation: TaggerAdaptation): void {
  writeFileAtomic(file, JSON.stringify(adaptation) + '\n');
}

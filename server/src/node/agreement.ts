// Agreement between two annotators' corpus folders: the .ann files of the
// same name in both, each compared with corpus/agreement.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AgreementReport, AgreementTally } from '../corpus/agreement';
import { bratViewOf } from '../interchange/corpusDocument';
import { FormatError } from '../interchange/formatError';
import { reason } from '../messages/reason';
import { checkCancelled, RunControl, yieldToEventLoop } from '../interchange/runControl';
import { loadAnnotatedDocument } from './corpusDocuments';
import { findAnnFiles, readUtf8File } from './files';

export interface AgreementOptions extends RunControl {
  /** Folders of the two annotators' .ann files (texts beside them, in either folder). */
  corpusA: string;
  corpusB: string;
}

function textOf(name: string, a: string, b: string): string {
  const files = [a, b].map((dir) => path.join(dir, ...`${name}.txt`.split('/'))).filter((f) => fs.existsSync(f));
  if (!files.length) throw new FormatError(path.join(a, `${name}.ann`), undefined, reason('no text {0}.txt in either corpus', name));
  if (files.length === 2 && bratViewOf(readUtf8File(files[0])) !== bratViewOf(readUtf8File(files[1]))) {
    throw new FormatError(files[1], undefined, reason('differs from {0}: the two annotators did not annotate the same text', files[0]));
  }
  return files[0];
}

export async function agreement(options: AgreementOptions): Promise<AgreementReport> {
  for (const dir of [options.corpusA, options.corpusB]) {
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new FormatError(dir, undefined, reason('not a folder'));
  }
  const inA = new Map(findAnnFiles(options.corpusA).map((f) => [f.name, f.annFile]));
  const inB = new Map(findAnnFiles(options.corpusB).map((f) => [f.name, f.annFile]));
  const names = [...inA.keys()].filter((n) => inB.has(n));
  if (!names.length) throw new FormatError(options.corpusA, undefined, reason('no .ann file has a counterpart of the same name in {0}', options.corpusB));
  const tally = new AgreementTally();
  for (const [index, name] of names.entries()) {
    checkCancelled(options);
    options.onProgress?.({ done: index, total: names.length, document: name });
    const textFile = textOf(name, options.corpusA, options.corpusB);
    tally.add(name, loadAnnotatedDocument({ name, textFile, annFile: inA.get(name) as string }), loadAnnotatedDocument({ name, textFile, annFile: inB.get(name) as string }));
    await yieldToEventLoop();
  }
  options.onProgress?.({ done: names.length, total: names.length });
  return tally.report(names, [...inA.keys()].filter((n) => !inB.has(n)), [...inB.keys()].filter((n) => !inA.has(n)));
}

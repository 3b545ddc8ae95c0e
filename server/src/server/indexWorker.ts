// The worker thread that analyses for the server (started by indexThread.ts;
// bundled as dist/indexWorker.js beside dist/server.js): the workspace's
// files, each read, analysed with the server's settings, lexicon and adapted
// taggers, merged with its .ann, and sent back as the index's entry, in
// parts; and the open documents' texts, first, sent back as their analysis.
// It writes nothing: the .ann files are the server's to write.
import * as path from 'path';
import { getDefaultRules } from '../analysis/rules';
import { adaptedTagger, checkAdaptation, getDefaultTagger } from '../analysis/tagger';
import { documentEntry } from '../corpus/corpusIndex';
import { diskFiles, FileAccess } from '../node/fileAccess';
import { parentThread, ThreadPort } from '../node/threads';
import { AnalysisConfiguration, AnalysisService } from './analysisService';
import { AnnotationStores } from './annotationStores';
import { ENTRY_PART_SIZE, FromIndexWorker, IndexJob, ToIndexWorker } from './indexThread';
import { ADAPTATION_FILE } from './learning';
import { viewOfFile } from './workspaceIndex';

const refuse = (): never => {
  throw new Error('the index worker writes nothing');
};

/** The disk, read only. */
const readOnly: FileAccess = { ...diskFiles, write: refuse, replace: refuse, remove: refuse, removeStaleTemporaries: () => undefined };

/** A service that analyses as the server's does. */
function serviceFor(roots: string[], configuration: AnalysisConfiguration): AnalysisService {
  const service = new AnalysisService(new AnnotationStores(() => roots, readOnly), readOnly);
  service.settings = configuration.settings;
  service.folderSettings = new Map(configuration.folderSettings);
  for (const [file, text] of configuration.lexicons) service.loadWorkspaceLexicon(file, text);
  for (const root of configuration.adaptedFolders) {
    try {
      const source = readOnly.read(path.join(root, ADAPTATION_FILE));
      if (source === undefined) continue;
      const shipped = getDefaultTagger(service.currentLexicon, getDefaultRules());
      service.setAdaptedTagger(root, adaptedTagger(shipped, checkAdaptation(JSON.parse(source), shipped.model)));
    } catch {
      // The server said why when it loaded it; its folder is indexed with the shipped tagger.
    }
  }
  return service;
}

function indexOne(port: ThreadPort, service: AnalysisService, job: IndexJob): void {
  let entry;
  try {
    const view = viewOfFile(service, readOnly, job.uri, job.file);
    entry = view && documentEntry(job.uri, view);
  } catch (err) {
    port.post({ kind: 'failed', id: job.id, message: err instanceof Error ? err.message : String(err) } satisfies FromIndexWorker);
    return;
  }
  const entities = entry?.entities ?? [];
  const commitments = entry?.commitments ?? [];
  const parts = Math.max(1, Math.ceil(Math.max(entities.length, commitments.length) / ENTRY_PART_SIZE));
  for (let k = 0; k < parts; k++) {
    const slice = <T>(items: T[]) => items.slice(k * ENTRY_PART_SIZE, (k + 1) * ENTRY_PART_SIZE);
    port.post({ kind: 'part', id: job.id, entities: slice(entities), commitments: slice(commitments), last: k === parts - 1, indexed: !!entry } satisfies FromIndexWorker);
  }
}

type Work = IndexJob | Extract<ToIndexWorker, { kind: 'analyse' }>;

function analyseOne(port: ThreadPort, service: AnalysisService, work: Extract<ToIndexWorker, { kind: 'analyse' }>): void {
  try {
    const { entities, commitments, sentences } = service.analysisOfText(work.uri, work.text);
    port.post({ kind: 'analysis', id: work.id, analysis: { entities, commitments, sentences } } satisfies FromIndexWorker);
  } catch (err) {
    port.post({ kind: 'failed', id: work.id, message: err instanceof Error ? err.message : String(err) } satisfies FromIndexWorker);
  }
}

/**
 * An older text of the same document still queued is not analysed: the
 * document has changed since, and its analysis would be dropped on arrival
 * (edits a little apart each ask for one).
 */
function dropSuperseded(port: ThreadPort, queue: Work[], newer: Extract<ToIndexWorker, { kind: 'analyse' }>): void {
  for (let k = queue.length - 1; k >= 0; k--) {
    const w = queue[k];
    if (!('kind' in w) || w.uri !== newer.uri || w.text === newer.text) continue;
    queue.splice(k, 1);
    port.post({ kind: 'failed', id: w.id, message: 'superseded by a newer text of the document' } satisfies FromIndexWorker);
  }
}

function serve(port: ThreadPort): void {
  let generation = -1;
  let service: AnalysisService | undefined;
  const queue: Work[] = [];
  let running = false;
  const run = async () => {
    running = true;
    while (queue.length && service) {
      const work = queue.shift()!;
      if ('kind' in work) analyseOne(port, service, work);
      else indexOne(port, service, work);
      // A newer configuration, if one came meanwhile, empties the queue.
      await new Promise((resolve) => setImmediate(resolve));
    }
    running = false;
  };
  port.onMessage((m: ToIndexWorker) => {
    if (m.kind === 'configure') {
      generation = m.generation;
      service = serviceFor(m.roots, m.configuration);
      queue.length = 0;
    } else if (m.generation !== generation) {
      if (m.kind === 'analyse') port.post({ kind: 'failed', id: m.id, message: 'configured anew' } satisfies FromIndexWorker);
    } else {
      // An open document is waited for in the editor: before the files still queued, after those of its kind.
      if (m.kind === 'analyse') {
        dropSuperseded(port, queue, m);
        queue.splice(queue.filter((w) => 'kind' in w).length, 0, m);
      } else queue.push(...m.jobs);
      if (!running) void run();
    }
  });
}

const port = parentThread();
if (port) serve(port);

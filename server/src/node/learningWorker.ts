// The worker thread that adapts the tagger (learningThread.ts starts it; the
// bundle has it as dist/learningWorker.js beside dist/server.js). It only
// computes: the server reads the decisions and writes the result.
import { prepareText } from '../analysis/document';
import { getDefaultLexicon } from '../analysis/lexicon';
import { getDefaultRules } from '../analysis/rules';
import { learntEntriesNotInLexicon } from '../analysis/learntNames';
import { adaptTagger, getDefaultTagger } from '../analysis/tagger';
import type { LearningJob, LearningReply, LearningResult } from './learningThread';
import { parentThread } from './threads';

function run(job: LearningJob): LearningResult {
  const rules = getDefaultRules();
  const lexicon = job.lexiconOverrides.length ? getDefaultLexicon().withOverrides(job.lexiconOverrides) : getDefaultLexicon();
  const docs = job.documents.map((d) => ({ ...d, doc: prepareText(d.text, rules) }));
  return { adaptation: adaptTagger(getDefaultTagger(lexicon, rules), docs), entries: learntEntriesNotInLexicon(docs, lexicon) };
}

const port = parentThread();
port?.onMessage((message: { id: number; job?: LearningJob; warm?: boolean }) => {
  // Warming up: the shipped model and lexicon loaded while the decisions pause; nothing to answer.
  if (message.warm) return void getDefaultTagger(getDefaultLexicon(), getDefaultRules());
  let reply: LearningReply;
  try {
    reply = { id: message.id, result: run(message.job!) };
  } catch (err) {
    reply = { id: message.id, error: err instanceof Error ? err.message : String(err) };
  }
  port!.post(reply);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareText } from '../../server/src/analysis/document';
import { getDefaultLexicon } from '../../server/src/analysis/lexicon';
import { getDefaultRules } from '../../server/src/analysis/rules';
import { adaptTagger, DecidedSpan, getDefaultTagger } from '../../server/src/analysis/tagger';
import { DecidedText, LearningThread } from '../../server/src/node/learningThread';

// Made-up names the shipped model does not know.
const decided = 'استقبل زيدوني الكرماني وفدا من الخبراء في العاصمة. ووقعت هيئة برقان للتنمية اتفاقا مع الشركاء.';
const span = (words: string, label: string): DecidedSpan => ({ start: decided.indexOf(words), end: decided.indexOf(words) + words.length, label });
const documents: DecidedText[] = Array.from({ length: 6 }, () => ({
  text: decided,
  positives: [span('زيدوني الكرماني', 'Person'), span('هيئة برقان للتنمية', 'Organization')],
  negatives: [span('العاصمة', 'Location')],
  reviewed: false,
}));

test('the worker thread adapts the tagger as the core does, while this thread goes on turning its event loop', async () => {
  const thread = new LearningThread();
  try {
    let turns = 0;
    let settled = false;
    const result = thread.learn({ lexiconOverrides: [], documents });
    void result.finally(() => (settled = true));
    // The work is elsewhere: this thread is free until the answer comes (computed here, it would block before the first turn).
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    assert.ok(turns > 10, `the event loop turned ${turns} times while the worker learnt`);
    const rules = getDefaultRules();
    const inProcess = adaptTagger(getDefaultTagger(getDefaultLexicon(), rules), documents.map((d) => ({ ...d, doc: prepareText(d.text, rules) })));
    assert.deepEqual((await result).adaptation, inProcess, 'the same deltas, decisions and documents');
    assert.deepEqual((await result).entries.map((e) => `${e.label}:${e.ar}`), ['Organization:هيئة برقان للتنمية', 'Person:زيدوني الكرماني'], 'the names the lexicon lacks');
    assert.equal(inProcess.decisions, 18);
  } finally {
    await thread.close();
  }
});

test('a job the worker thread cannot do fails with its reason, and the worker is there for the next update', async () => {
  const thread = new LearningThread();
  try {
    await assert.rejects(thread.learn({ lexiconOverrides: [], documents: [{ text: undefined as unknown as string, positives: [], negatives: [], reviewed: false }] }), /undefined|text/i);
    // The worker is still there for the next update.
    assert.equal((await thread.learn({ lexiconOverrides: [], documents })).adaptation.decisions, 18);
  } finally {
    await thread.close();
  }
});

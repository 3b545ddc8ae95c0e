// The tagger's model in shared memory (tagger/sharedModel.ts): what the CLI's
// worker pool hands its workers instead of letting each decode the model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/analyze';
import { prepareText } from '../../server/src/analysis/document';
import { getDefaultLexicon } from '../../server/src/analysis/lexicon';
import { getDefaultRules } from '../../server/src/analysis/rules';
import { loadShippedModel, SequenceTagger } from '../../server/src/analysis/tagger';
import { FeatureExtractor } from '../../server/src/analysis/tagger/features';
import { StageModel, TaggerModel } from '../../server/src/analysis/tagger/model';
import { sharedTaggerModel, shareTaggerModel } from '../../server/src/analysis/tagger/sharedModel';

const TEXT = 'وقال المتحدث باسم الشركة فريد الزعبي إن الوفد سيزور مدينة قسنطينة الأسبوع المقبل، وتلتزم وزارة الصحة بحماية المدنيين في الموصل.';

const typedArraysOf = (stage: StageModel) => Object.values(stage).filter((v): v is Uint8Array => ArrayBuffer.isView(v));

test('a model rebuilt from its shared form, after crossing as postMessage copies it, reads the same shared memory', () => {
  const { model } = loadShippedModel();
  const shared = shareTaggerModel(model);
  for (const fields of shared.stages) for (const v of Object.values(fields)) if (ArrayBuffer.isView(v)) assert.ok(v.buffer instanceof SharedArrayBuffer);
  const received = sharedTaggerModel(structuredClone(shared));
  assert.ok(received instanceof TaggerModel && received.stages.every((s) => s instanceof StageModel));
  assert.equal(received.stages.length, model.stages.length);
  assert.equal(received.temperature, model.temperature);
  assert.deepEqual(received.entityVocabulary, model.entityVocabulary);
  // One copy: a byte written through the sender's array is read through the receiver's.
  const sent = new Uint8Array((Object.values(shared.stages[0]).find((v) => ArrayBuffer.isView(v)) as Uint8Array).buffer);
  const got = new Uint8Array(typedArraysOf(received.stages[0])[0].buffer);
  const before = sent[0];
  sent[0] = before ^ 0xff;
  assert.equal(got[0], before ^ 0xff);
  sent[0] = before;
  // The original model keeps its own memory: sharing copies once and leaves it as it was.
  for (const s of model.stages) for (const v of typedArraysOf(s)) assert.ok(!(v.buffer instanceof SharedArrayBuffer));
});

test('the rebuilt model scores and tags exactly as the decoded one', () => {
  const { model, clusters } = loadShippedModel();
  const rebuilt = sharedTaggerModel(structuredClone(shareTaggerModel(model)));
  const lexicon = getDefaultLexicon();
  const rules = getDefaultRules();
  const features = new FeatureExtractor({ rules, lexicon, clusters, entityVocabulary: model.entityVocabulary }).extract(prepareText(TEXT, rules));
  const length = features.offsets.length - 1;
  model.stages.forEach((stage, k) => {
    const a = stage.scores(features, 0, length);
    const b = rebuilt.stages[k].scores(features, 0, length);
    assert.deepEqual([...b.emissions], [...a.emissions]);
    assert.deepEqual([...b.transitions], [...a.transitions]);
  });
  const taggerOf = (m: TaggerModel) => new SequenceTagger(m, { rules, lexicon, clusters, entityVocabulary: m.entityVocabulary });
  const expected = analyzeText(TEXT, { tagger: taggerOf(model) });
  assert.ok(expected.entities.some((e) => e.source === 'tagger'), 'the text has a name only the tagger finds');
  assert.deepEqual(analyzeText(TEXT, { tagger: taggerOf(rebuilt) }), expected);
});

test('a stage holding something that cannot cross between threads as it is is refused, by name', () => {
  const { model } = loadShippedModel();
  const odd = Object.assign(Object.create(StageModel.prototype) as StageModel, { ...model.stages[0], cache: new Map() });
  assert.throws(() => shareTaggerModel(model.withStages([odd, ...model.stages.slice(1)])), /stages\[0\]\.cache cannot be shared/);
});

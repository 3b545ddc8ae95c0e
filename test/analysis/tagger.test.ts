import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareText } from '../../server/src/analysis/document';
import { getDefaultLexicon, Lexicon } from '../../server/src/analysis/lexicon';
import { getDefaultRules } from '../../server/src/analysis/rules';
import { analyzeText } from '../../server/src/analysis/analyze';
import { toAnalyzeRecord } from '../../server/src/interchange/analyzeRecord';
import { ChainScores, forwardBackward, spanMarginal, tagMarginal, viterbi } from '../../server/src/analysis/tagger/decode';
import { FeatureExtractor, fnv1a, mix } from '../../server/src/analysis/tagger/features';
import { encodeStage, StageModel, TaggerModel } from '../../server/src/analysis/tagger/model';
import { labelledDocuments, goldTags, trainTaggerModel, PipelineOptions } from '../../server/src/analysis/tagger/pipeline';
import { allowed, TAG_COUNT, tagIndex, TAGS } from '../../server/src/analysis/tagger/tags';
import { SequenceTagger, spansOf, documentEvidence } from '../../server/src/analysis/tagger/tagger';
import { WordClusters } from '../../server/src/analysis/tagger/clusters';
import { loadShippedModel } from '../../server/src/analysis/tagger';
import type { ConllToken } from '../../server/src/interchange/conll';

const T = TAG_COUNT;
const rules = getDefaultRules();

function tokensFeatures(text: string, extractor: FeatureExtractor) {
  const doc = prepareText(text, rules);
  const f = extractor.extract(doc);
  return { doc, of: (i: number) => new Set(f.hashes.subarray(f.offsets[i], f.offsets[i + 1])) };
}

test('features: the word, its stems and proclitics, prefixes and suffixes, shape, clusters and the lexicon', () => {
  const clusters = new WordClusters({ words: 'تونس\nالمدينه', clusters: '3.1 3.2' });
  const extractor = new FeatureExtractor({ rules, lexicon: getDefaultLexicon(), clusters });
  const { of } = tokensFeatures('زار وتونس 2019 والعراق', extractor);
  const second = of(1);
  for (const name of ['w=وتونس', 's=تونس', 'p=و', 'pre1=ت', 'pre3=تون', 'suf2=نس', 'shape=arabic', 'k1=3', 'k2=3.1']) assert.ok(second.has(fnv1a(name)), name);
  assert.ok(of(2).has(fnv1a('shape=year')));
  // The lexicon knows العراق as a Location: its match begins at token 3, and token 2 sees it on its right.
  const lexiconLocation = mix(fnv1a('Location'), 1);
  assert.ok(of(3).has(mix(fnv1a('template:lexicon0'), lexiconLocation)));
  assert.ok(of(2).has(mix(fnv1a('template:lexicon1'), lexiconLocation)));
});

test('features: context words and bigrams stop at the sentence, and depend on the neighbours', () => {
  const extractor = new FeatureExtractor({ rules, lexicon: new Lexicon([]) });
  const a = tokensFeatures('قال السيد كمال', extractor).of(2);
  const b = tokensFeatures('قال الوزير كمال', extractor).of(2);
  const c = tokensFeatures('قال. كمال', extractor).of(1);
  const own = [...a].filter((h) => b.has(h));
  assert.ok(own.includes(fnv1a('w=كمال')));
  assert.ok(own.length < a.size && own.length < b.size, 'the previous word changes the context features');
  const boundary = mix(fnv1a('template:stem-1'), fnv1a('<boundary>'));
  assert.ok(c.has(boundary) && !a.has(boundary), 'a sentence break is a boundary for the context');
});

/** Every tag sequence of a short chain, with its score. */
function allSequences(s: ChainScores): Array<{ tags: number[]; score: number }> {
  const out: Array<{ tags: number[]; score: number }> = [];
  const walk = (tags: number[]) => {
    if (tags.length === s.length) {
      let score = s.ends[tags[tags.length - 1]];
      for (let i = 0; i < tags.length; i++) {
        if (!allowed(i ? tags[i - 1] : -1, tags[i])) return;
        score += s.transitions[(i ? tags[i - 1] + 1 : 0) * T + tags[i]] + s.emissions[i * T + tags[i]];
      }
      out.push({ tags: [...tags], score });
      return;
    }
    for (let t = 0; t < T; t++) walk([...tags, t]);
  };
  walk([]);
  return out;
}

function randomScores(length: number, seed: number): ChainScores {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648) * 4 - 2;
  return {
    emissions: Float64Array.from({ length: length * T }, next),
    transitions: Float64Array.from({ length: (T + 1) * T }, next),
    ends: Float64Array.from({ length: T }, next),
    length,
  };
}

test('decoding: Viterbi finds the best allowed sequence, and never I- after O', () => {
  for (const seed of [1, 2, 3]) {
    const s = randomScores(3, seed);
    const all = allSequences(s);
    const best = all.reduce((a, b) => (b.score > a.score ? b : a));
    assert.deepEqual([...viterbi(s)], best.tags);
  }
  const s = randomScores(2, 9);
  s.emissions.fill(0);
  s.emissions[1 * T + tagIndex('I-LOC')] = 100;
  const tags = viterbi(s);
  assert.equal(TAGS[tags[1]], 'I-LOC');
  assert.equal(TAGS[tags[0]], 'B-LOC', 'I-LOC is only reached through B-LOC');
});

test('confidence: tag and span marginals are the probabilities of the enumerated sequences, at any temperature', () => {
  for (const temperature of [1, 2.5]) {
    const s = randomScores(3, 7);
    const all = allSequences(s);
    const z = all.reduce((sum, q) => sum + Math.exp(q.score / temperature), 0);
    const l = forwardBackward(s, temperature);
    const p = (pred: (tags: number[]) => boolean) => all.filter((q) => pred(q.tags)).reduce((sum, q) => sum + Math.exp(q.score / temperature), 0) / z;
    const bPers = tagIndex('B-PERS');
    const iPers = tagIndex('I-PERS');
    assert.ok(Math.abs(tagMarginal(l, 1, bPers) - p((t) => t[1] === bPers)) < 1e-9);
    // Exactly the name of tokens [0, 2): B-PERS I-PERS and then no I-PERS.
    assert.ok(Math.abs(spanMarginal(l, 0, 2, bPers, iPers) - p((t) => t[0] === bPers && t[1] === iPers && t[2] !== iPers)) < 1e-9);
    assert.ok(Math.abs(spanMarginal(l, 1, 3, bPers, iPers) - p((t) => t[1] === bPers && t[2] === iPers)) < 1e-9);
    let sum = 0;
    for (let t = 0; t < T; t++) sum += tagMarginal(l, 2, t);
    assert.ok(Math.abs(sum - 1) < 1e-9);
  }
});

test('the shipped model: stored weights decode to what was encoded', () => {
  const weights = { hashes: Uint32Array.from([5, 1, 9]), weights: Float64Array.from({ length: 3 * T }, (_, k) => (k % 7) - 3), transitions: new Float64Array((T + 1) * T).fill(0.5), ends: new Float64Array(T) };
  const stage = StageModel.decode(encodeStage(weights));
  assert.equal(stage.rowOf(7), -1);
  for (const [f, hash] of [5, 1, 9].entries()) {
    const row = stage.rowOf(hash);
    for (let t = 0; t < T; t++) assert.ok(Math.abs(stage.weights[row * T + t] - weights.weights[f * T + t]) < 1e-3);
  }
  assert.throws(() => new TaggerModel({ format: 1, tags: ['O'], temperature: 1, stages: [] }), /tags/);
});

// A small made-up corpus: people after قال, places after في, organisations headed by وزارة.
const PEOPLE = ['كمال', 'سمير', 'نادر', 'وائل', 'هشام', 'رامي', 'فادي', 'زياد'];
const SURNAMES = ['الخطيب', 'العلي', 'النجار', 'الحداد', 'الصباغ', 'المصري', 'الشامي', 'البغدادي'];
const PLACES = ['دمشق', 'عمان', 'بيروت', 'الرباط', 'طرابلس', 'صنعاء', 'الدوحة', 'مسقط'];
const FIELDS = ['الزراعة', 'الصحة', 'التعليم', 'النقل', 'المالية', 'الثقافة', 'الطاقة', 'السياحة'];

function syntheticCorpus(count: number, offset: number): ConllToken[] {
  const out: ConllToken[] = [];
  const add = (token: string, tag = 'O') => out.push({ token, tag, line: out.length + 1 });
  for (let k = 0; k < count; k++) {
    const i = (k + offset) % 8;
    const j = (k * 3 + offset) % 8;
    add('قال');
    add(PEOPLE[i], 'B-PERS');
    add(SURNAMES[j], 'I-PERS');
    add('إن');
    add('وزارة', 'B-ORG');
    add(FIELDS[j], 'I-ORG');
    add('ستعمل');
    add('في');
    add(PLACES[i], 'B-LOC');
    add('خلال');
    add('العام');
    add('.');
  }
  return out;
}

test('training: a re-trained tagger learns names in their contexts, with names it never saw, by both algorithms', () => {
  const lexicon = new Lexicon([]);
  const resources = { rules: { ...rules, firstNames: new Set<string>(), nameParts: new Set<string>(), commonWords: new Set<string>() }, lexicon };
  const docs = labelledDocuments(syntheticCorpus(60, 0), 5);
  for (const algorithm of ['perceptron', 'crf'] as const) {
    const options: PipelineOptions = { algorithm, epochs: 5, seed: 1, minCount: 1, folds: 3, secondPass: true, l2: 1e-4, learningRate: 0.2 };
    const data = trainTaggerModel(docs, () => resources, options);
    assert.equal(data.stages.length, 2);
    assert.deepEqual(trainTaggerModel(docs, () => resources, options), data, 'the same data and seed give the same model');
    const tagger = new SequenceTagger(new TaggerModel(data), resources);
    const doc = prepareText('قال جميل الحسيني إن وزارة الرياضة ستعمل في حلب خلال العام .', rules);
    const found = tagger.tag(doc).map((s) => `${s.label}:${doc.tokens.slice(s.first, s.last).map((t) => t.text).join(' ')}`);
    assert.deepEqual(found, ['Person:جميل الحسيني', 'Organization:وزاره الرياضه', 'Location:حلب'], algorithm);
    for (const s of tagger.tag(doc)) assert.ok(s.confidence > 0.5 && s.confidence <= 1, `${algorithm} ${s.confidence}`);
  }
});

test('training data: gold tags follow the core tokens, a B- token split in two gives B- then I-', () => {
  const [doc] = labelledDocuments([
    { token: 'زار', tag: 'O', line: 1 },
    { token: 'سان-بطرسبورغ', tag: 'B-LOC', line: 2 },
    { token: 'أمس', tag: 'O', line: 3 },
  ]);
  const prepared = prepareText(doc.text, rules);
  assert.deepEqual([...goldTags(prepared, doc)].map((t) => TAGS[t]), ['O', 'B-LOC', 'I-LOC', 'O']);
});

test('document-level evidence: a word tagged elsewhere in the document is evidence, its own tag is not', () => {
  const doc = prepareText('سافر كمال . ثم عاد كمال . وقال سمير', rules);
  const stemOf = (i: number) => fnv1a(doc.tokens[i].text);
  const evidence = documentEvidence(doc, [{ first: 1, last: 2, type: 'PERS' }], stemOf);
  assert.equal(evidence[4], 1, 'the second كمال sees the first as a person');
  assert.equal(evidence[1], 0, 'the first sees only itself');
  assert.equal(evidence[6], 0);
  assert.deepEqual(spansOf([0, tagIndex('B-PERS'), tagIndex('I-PERS'), 0, tagIndex('I-LOC')]).map((s) => [s.first, s.last, s.type]), [
    [1, 3, 'PERS'],
    [4, 5, 'LOC'],
  ]);
});

test('the shipped tagger finds names no lexicon lists, each with a confidence', () => {
  const { model, clusters } = loadShippedModel();
  assert.ok(model.stages.length >= 1 && clusters.size > 10000);
  const a = analyzeText('وقال المتحدث باسم الشركة فريد الزعبي إن الوفد سيزور مدينة قسنطينة الأسبوع المقبل.');
  const person = a.entities.find((e) => e.label === 'Person');
  assert.equal(person?.text, 'فريد الزعبي');
  assert.equal(person?.source, 'tagger');
  for (const e of a.entities) assert.ok(typeof e.confidence === 'number' && e.confidence > 0 && e.confidence <= 1, `${e.text} ${e.confidence}`);
  const record = toAnalyzeRecord('x', a);
  assert.equal(record.entities.find((e) => e.text === 'فريد الزعبي')?.confidence, person!.confidence);
});

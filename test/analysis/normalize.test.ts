import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldChar, normalizeForMatching, normalizeWord, originalSpan } from '../../server/src/analysis/normalize';
import { readings, tokenize } from '../../server/src/analysis/tokenize';
import { OffsetMap } from '../../server/src/analysis/offsets';

test('diacritics, tatweel and invisible marks are removed; letters folded', () => {
  assert.equal(normalizeWord('التطرّف'), normalizeWord('التطرف'));
  assert.equal(normalizeWord('التطـــرف'), normalizeWord('التطرف'));
  assert.equal(normalizeWord('الإرهاب'), 'الارهاب');
  assert.equal(normalizeWord('أآإٱ'), 'اااا');
  assert.equal(normalizeWord('مستشفى'), 'مستشفي');
  assert.equal(normalizeWord('الحكومة'), 'الحكومه');
  assert.equal(normalizeWord('٢٠٢١'), '2021');
  assert.equal(normalizeWord('۲۰۲۱'), '2021');
  assert.equal(normalizeWord('ال\u200fعراق\u200c'), 'العراق');
  assert.equal(normalizeWord('حقوق الإنسانِ'), 'حقوق الانسان');
});

test('normalised offsets map back to the original text', () => {
  const original = 'منع التطرّف العنيف';
  const norm = normalizeForMatching(original);
  const start = norm.text.indexOf('التطرف');
  const span = originalSpan(original, norm, start, start + 'التطرف'.length);
  // The span ends after the shadda written on the last letter's neighbour, on the original word.
  assert.equal(original.slice(span.start, span.end), 'التطرّف');
});

test('a span ends after diacritics on its last letter but not after invisible marks', () => {
  const original = 'إطارًا\u200f كبيرا';
  const norm = normalizeForMatching(original);
  const span = originalSpan(original, norm, 0, 'اطارا'.length);
  assert.equal(original.slice(span.start, span.end), 'إطارًا');
});

test('readings take one-letter proclitics off and keep لل', () => {
  const r = readings('والحكومه');
  assert.deepEqual(r.map((x) => [x.stem, x.skip]), [['والحكومه', 0], ['الحكومه', 1]]);
  assert.deepEqual(readings('بالعراق').map((x) => [x.stem, x.skip]), [['بالعراق', 0], ['العراق', 1]]);
  // ل fused with the article: the stem restores the article, the span keeps the whole token.
  assert.deepEqual(readings('للارهاب').map((x) => [x.stem, x.skip]), [['للارهاب', 0], ['الارهاب', 0]]);
  assert.deepEqual(readings('وللارهاب').map((x) => [x.stem, x.skip]).slice(-1), [['الارهاب', 1]]);
});

test('tokens record what separates them', () => {
  const tokens = tokenize('بغداد - بعد، (IOM)');
  assert.deepEqual(tokens.map((t) => t.text), ['بغداد', 'بعد', 'IOM']);
  assert.equal(tokens[1].gapBefore, ' - ');
  assert.equal(tokens[2].gapBefore, '، (');
});

test('code points and UTF-16 offsets convert both ways around astral characters', () => {
  const text = 'a😀b𝒳c';
  const map = new OffsetMap(text);
  assert.equal(map.toCodePoint(0), 0);
  assert.equal(map.toCodePoint(3), 2); // "b"
  assert.equal(map.toCodePoint(4), 3); // "𝒳"
  assert.equal(map.toCodePoint(6), 4); // "c"
  for (let cp = 0; cp <= 5; cp++) assert.equal(map.toCodePoint(map.toUtf16(cp)), cp);
  assert.equal(map.toUtf16(4), 6);
  assert.equal(map.codePointLength, 5);
});

test('presentation forms with no other form (﴾ ﴿ around a Quranic quotation) are kept, not folded forever', () => {
  const text = 'قال تعالى ﴿وَتَعَاوَنُوا عَلَى الْبِرِّ﴾ في حديثه عن حقوق الإنسان.';
  const norm = normalizeForMatching(text);
  assert.ok(norm.text.includes('﴿') && norm.text.includes('﴾'));
  assert.equal(foldChar('ﻻ'.charCodeAt(0)), 'لا', 'a ligature still folds to its letters');
});

test('hamza on و and ي: the precomposed and the decomposed spelling fold alike, offsets on the original', () => {
  // ؤ (U+0624) is و + U+0654 and ئ (U+0626) is ي + U+0654 in canonical decomposition.
  assert.equal(normalizeWord('مسؤول'), normalizeWord('مسو\u0654ول'));
  assert.equal(normalizeWord('اللاجئين'), normalizeWord('اللاجي\u0654ين'));
  assert.equal(normalizeWord('مسؤول'), normalizeWord('مسؤول'.normalize('NFD')));
  for (const original of ['رئيس المحكمة الجنائية', 'رئيس المحكمة الجنائية'.normalize('NFD')]) {
    const norm = normalizeForMatching(original);
    assert.equal(norm.text, 'رييس المحكمه الجناييه');
    const start = norm.text.indexOf('الجناييه');
    const span = originalSpan(original, norm, start, start + 'الجناييه'.length);
    assert.equal(original.slice(span.start, span.end), original.slice(original.lastIndexOf(' ') + 1));
  }
});

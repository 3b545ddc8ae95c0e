import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { editBetween, moveSpan, TextEdit, TextSearcher } from '../../server/src/annotations/anchoring';
import { AnnotationSet } from '../../server/src/annotations/annotationSet';

const alice = { by: 'alice', at: '2025-01-02T03:04:05Z' };

function apply(text: string, e: TextEdit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

/** A set over `text` with one annotation per [label, needle] (the first occurrence of each needle). */
function setWith(text: string, spans: [string, string][]): AnnotationSet {
  const set = AnnotationSet.empty(text);
  for (const [label, needle] of spans) {
    const start = text.indexOf(needle);
    assert.ok(start >= 0, needle);
    set.add(label, [{ start, end: start + needle.length }], 'manual', alice);
  }
  return set;
}

const live = (start: number, end: number, text = '') => ({ fragments: [{ start, end }], text });

// --------------------------------------------------- moving with the text --

test('a span moves with the text as a highlight does', () => {
  const span = live(10, 20);
  const at = (e: TextEdit) => moveSpan(span, e).fragments[0];
  assert.deepEqual(at({ start: 0, end: 0, text: 'abc' }), { start: 13, end: 23 }, 'insertion before');
  assert.deepEqual(at({ start: 10, end: 10, text: 'abc' }), { start: 13, end: 23 }, 'insertion at the start stays outside');
  assert.deepEqual(at({ start: 15, end: 15, text: 'abc' }), { start: 10, end: 23 }, 'insertion inside grows it');
  assert.deepEqual(at({ start: 20, end: 20, text: 'abc' }), { start: 10, end: 20 }, 'insertion at the end stays outside');
  assert.deepEqual(at({ start: 2, end: 5, text: '' }), { start: 7, end: 17 }, 'deletion before');
  assert.deepEqual(at({ start: 12, end: 14, text: 'x' }), { start: 10, end: 19 }, 'replacement inside');
  assert.deepEqual(at({ start: 5, end: 12, text: 'xy' }), { start: 7, end: 15 }, 'deletion over the start trims it');
  assert.deepEqual(at({ start: 18, end: 25, text: 'xy' }), { start: 10, end: 18 }, 'deletion over the end trims it');
  assert.deepEqual(at({ start: 10, end: 20, text: 'new' }), { start: 10, end: 13 }, 'its text retyped: it covers the new text');
  assert.deepEqual(at({ start: 25, end: 30, text: '' }), { start: 10, end: 20 }, 'deletion after');
});

test('a span whose text is deleted is lost, not dropped, and found again in a replacement', () => {
  const span = { fragments: [{ start: 10, end: 16 }], text: 'العراق' };
  const deleted = moveSpan(span, { start: 5, end: 20, text: '' });
  assert.deepEqual([deleted.fragments, deleted.lostAt], [[], 5]);
  assert.equal(moveSpan(deleted, { start: 0, end: 0, text: 'ab' }).lostAt, 7, 'a lost annotation keeps moving as a point');
  const replaced = moveSpan(span, { start: 0, end: 30, text: 'في العراق اليوم' });
  assert.deepEqual(replaced.fragments, [{ start: 3, end: 9 }]);
});

// ----------------------------------------------------------- re-anchoring --

const TEXT = 'وقعت المنظمة الدولية للهجرة اتفاقية تعاون مع الحكومة في بغداد لمنع التطرف العنيف في العراق.';

function reload(set: AnnotationSet, newText: string) {
  return AnnotationSet.load(set.serialize(), newText);
}

test('after an insertion before them, annotations are found at their moved text', () => {
  const set = setWith(TEXT, [['Organization', 'المنظمة الدولية للهجرة'], ['Location', 'العراق'], ['Threat', 'التطرف العنيف']]);
  const edited = 'عاجل: ' + TEXT;
  const { set: loaded, anchoring } = reload(set, edited);
  assert.deepEqual(anchoring.map((a) => a.how), ['moved', 'moved', 'moved']);
  for (const a of loaded.annotations()) assert.equal(edited.slice(a.fragments[0].start, a.fragments[0].end), a.text);
  const iraq = edited.indexOf('العراق');
  assert.ok(loaded.serialize().includes(`T2\tLocation ${iraq} ${iraq + 6}\tالعراق\n`), 'the next save records the new offsets');
});

test('the occurrence nearest to where an annotation is expected wins', () => {
  const text = 'العراق أولا ثم العراق ثانيا ثم العراق ثالثا';
  const set = AnnotationSet.empty(text);
  const second = text.indexOf('العراق', 1);
  set.add('Location', [{ start: 0, end: 6 }], 'manual', alice);
  set.add('Location', [{ start: second, end: second + 6 }], 'manual', alice);
  const edited = 'مقدمة طويلة جدا: ' + text;
  const { set: loaded } = reload(set, edited);
  const starts = loaded.annotations().map((a) => a.fragments[0].start);
  assert.deepEqual(starts, [17, 17 + second]);
});

test('edits inside an annotation: found by a tolerant match (diacritics, white space, a changed letter)', () => {
  const set = setWith(TEXT, [['Organization', 'المنظمة الدولية للهجرة'], ['Threat', 'التطرف العنيف'], ['Location', 'بغداد']]);
  const edited = TEXT.replace('المنظمة الدولية للهجرة', 'المنظّمة  الدوليّة للهجره').replace('التطرف العنيف', 'التطرّف العنيفة').replace('في بغداد', 'في مدينة بغداد');
  const { set: loaded, anchoring } = reload(set, edited);
  assert.deepEqual(anchoring.map((a) => a.how), ['tolerant', 'tolerant', 'moved']);
  const texts = loaded.annotations().map((a) => edited.slice(a.fragments[0].start, a.fragments[0].end));
  assert.deepEqual(texts, ['المنظّمة  الدوليّة للهجره', 'التطرّف العنيف', 'بغداد']);
});

test('an annotation whose text is gone is kept, lost, and written back unchanged', () => {
  const set = setWith(TEXT, [['Location', 'بغداد'], ['Location', 'العراق']]);
  const before = set.serialize();
  const edited = TEXT.replace('في بغداد ', '');
  const { set: loaded, anchoring } = AnnotationSet.load(before, edited);
  assert.deepEqual(anchoring.map((a) => a.how), ['lost', 'moved']);
  const lost = loaded.get('T1')!;
  assert.equal(lost.text, 'بغداد');
  assert.ok(lost.lostAt !== undefined);
  assert.match(loaded.serialize(), /^T1\tLocation 56 61\tبغداد$/m, 'its line stays as it was');
  loaded.reattach('T1', [{ start: 0, end: 4 }], alice);
  assert.match(loaded.serialize(), /^T1\tLocation 0 4\tوقعت$/m);
});

test('a discontinuous annotation is re-anchored fragment by fragment', () => {
  const text = 'التطرف، بل والعنيف أيضا';
  const set = AnnotationSet.empty(text);
  set.add('Threat', [{ start: 0, end: 6 }, { start: 12, end: 18 }], 'manual', alice);
  assert.match(set.serialize(), /^T1\tThreat 0 6;12 18\tالتطرف العنيف$/m);
  const edited = 'قال: ' + text;
  const { set: loaded, anchoring } = AnnotationSet.load(set.serialize(), edited);
  assert.equal(anchoring[0].how, 'moved');
  assert.deepEqual(loaded.get('T1')!.fragments, [{ start: 5, end: 11 }, { start: 17, end: 23 }]);
});

test('an emoji before an annotation round-trips exactly, in code points on disk', () => {
  const text = '😀 وقعت 👍🏽 المنظمة الدولية للهجرة';
  const set = setWith(text, [['Organization', 'المنظمة الدولية للهجرة']]);
  const ann = set.serialize();
  // 😀 is one code point, 👍🏽 two (a thumb and a skin tone): 1 + 1 + 4 + 1 + 2 + 1 = 10.
  assert.match(ann, /^T1\tOrganization 10 32\tالمنظمة الدولية للهجرة$/m);
  const { set: loaded, anchoring } = AnnotationSet.load(ann, text);
  assert.equal(anchoring[0].how, 'exact');
  assert.equal(loaded.serialize(), ann);
  assert.deepEqual(loaded.get('T1')!.fragments, [{ start: 13, end: 35 }]);
});

test('a CRLF text with a byte-order mark: offsets as brat counts them', () => {
  const text = 'اتفاقية\r\nفي بغداد\r\nوالعراق';
  const set = AnnotationSet.empty(text, true);
  const start = text.indexOf('العراق');
  set.add('Location', [{ start, end: start + 6 }], 'manual', alice);
  // brat (codecs.open, binary mode): BOM (1) + "اتفاقية\r\n" (9) + "في بغداد\r\n" (10) + "و" (1) = 21.
  assert.match(set.serialize(), /^T1\tLocation 21 27\tالعراق$/m);
  const { anchoring } = AnnotationSet.load(set.serialize(), text, true);
  assert.equal(anchoring[0].how, 'exact');
});

test('a .ann written when a CRLF counted as one is moved onto brat\'s offsets, no annotation lost', () => {
  const text = 'اتفاقية\r\nفي بغداد\r\nوالعراق';
  // The old counting: BOM (1) + "اتفاقية\n" (8) + "في " (3) = 12 for بغداد; 19 for العراق.
  const old = 'T1\tLocation 12 17\tبغداد\nT2\tLocation 19 25\tالعراق\nT3\tLocation 1 8\tاتفاقية\n';
  const { set, anchoring } = AnnotationSet.load(old, text, true);
  assert.deepEqual(anchoring.map((a) => a.how), ['moved', 'moved', 'exact'], 'T3 lies before the first CRLF: the same either way');
  assert.deepEqual(set.get('T1')!.fragments, [{ start: text.indexOf('بغداد'), end: text.indexOf('بغداد') + 5 }]);
  assert.deepEqual(set.get('T2')!.fragments, [{ start: text.indexOf('العراق'), end: text.indexOf('العراق') + 6 }]);
  const written = set.serialize();
  assert.match(written, /^T1\tLocation 13 18\tبغداد$/m);
  assert.match(written, /^T2\tLocation 21 27\tالعراق$/m);
  assert.deepEqual(AnnotationSet.load(written, text, true).anchoring.map((a) => a.how), ['exact', 'exact', 'exact']);
});

// ------------------------------------------------------- property tests --

const WORDS = ['بغداد', 'العراق', 'الإرهاب', 'المنظمة', 'حقوق الإنسان', 'التطرف', 'الأمم المتحدة', 'الهجرة'];

/** A text of distinct annotated words separated by filler that edits may change. */
const corpus = fc
  .tuple(fc.shuffledSubarray(WORDS, { minLength: 3, maxLength: WORDS.length }), fc.array(fc.stringMatching(/^[a-z0-9 ]{1,12}$/), { minLength: WORDS.length + 1, maxLength: WORDS.length + 1 }))
  .map(([words, fillers]) => {
    let text = fillers[0];
    const spans: { start: number; end: number }[] = [];
    words.forEach((w, i) => {
      spans.push({ start: text.length, end: text.length + w.length });
      text += w + fillers[i + 1];
    });
    return { text, spans, words };
  });

/** Edits anywhere: insertions, deletions, replacements, with Latin and Arabic text. */
const anyEdit = fc.record({ a: fc.nat(), b: fc.nat(), text: fc.stringMatching(/^[a-zب ]{0,6}$/) });

function toEdit(text: string, r: { a: number; b: number; text: string }): TextEdit {
  const x = r.a % (text.length + 1);
  const y = r.b % (text.length + 1);
  return { start: Math.min(x, y), end: Math.max(x, y), text: r.text };
}

test('property: under any edit sequence no annotation is lost from the set or the file', () => {
  fc.assert(
    fc.property(corpus, fc.array(anyEdit, { maxLength: 25 }), ({ text, spans }, raw) => {
      const set = AnnotationSet.empty(text);
      spans.forEach((s) => set.add('Location', [s], 'manual', alice));
      let current = text;
      for (const r of raw) {
        const edit = toEdit(current, r);
        current = apply(current, edit);
        set.applyEdits([edit], current);
      }
      const annotations = set.annotations();
      assert.equal(annotations.length, spans.length);
      for (const a of annotations) {
        if (a.lostAt !== undefined) {
          assert.ok(a.lostAt >= 0 && a.lostAt <= current.length);
          continue;
        }
        for (const f of a.fragments) assert.ok(0 <= f.start && f.start <= f.end && f.end <= current.length, JSON.stringify(f));
        assert.equal(a.text, a.fragments.map((f) => current.slice(f.start, f.end)).join(' '));
      }
      const reloaded = AnnotationSet.load(set.serialize(), current);
      assert.deepEqual(reloaded.errors, []);
      assert.equal(reloaded.set.annotations().length, spans.length, 'every T line is still in the file');
    }),
    { numRuns: 300 },
  );
});

test('property: edits outside the annotations keep their text, and reloading the old file finds them where the edits moved them', () => {
  fc.assert(
    fc.property(corpus, fc.array(fc.record({ pick: fc.nat(), a: fc.nat(), b: fc.nat(), text: fc.stringMatching(/^[a-z0-9 ]{0,8}$/) }), { maxLength: 20 }), ({ text, spans, words }, raw) => {
      const set = AnnotationSet.empty(text);
      spans.forEach((s) => set.add('Location', [s], 'manual', alice));
      const original = set.serialize();
      let current = text;
      for (const r of raw) {
        // An edit inside one of the filler gaps (edges included).
        const live = set.annotations().map((a) => a.fragments[0]);
        const gaps = [{ start: 0, end: live[0].start }, ...live.map((s, i) => ({ start: s.end, end: i + 1 < live.length ? live[i + 1].start : current.length }))];
        const gap = gaps[r.pick % gaps.length];
        const width = gap.end - gap.start;
        const x = gap.start + (r.a % (width + 1));
        const y = gap.start + (r.b % (width + 1));
        const edit = { start: Math.min(x, y), end: Math.max(x, y), text: r.text };
        current = apply(current, edit);
        set.applyEdits([edit], current);
      }
      const moved = set.annotations();
      assert.deepEqual(moved.map((a) => a.text), words, 'each annotation still covers its word');
      const { set: reloaded } = AnnotationSet.load(original, current);
      assert.deepEqual(reloaded.annotations().map((a) => a.fragments), moved.map((a) => a.fragments));
    }),
    { numRuns: 300 },
  );
});

test('the tolerant search finds a phrase despite diacritics, tatweel and letter variants', () => {
  const searcher = new TextSearcher('قالت إن مكافحـة التطرّف العنيف أولوية');
  const found = searcher.tolerant('مكافحة التطرف العنيف', 0)!;
  assert.equal('قالت إن مكافحـة التطرّف العنيف أولوية'.slice(found.start, found.end), 'مكافحـة التطرّف العنيف');
  assert.equal(searcher.tolerant('الديمقراطية', 0), undefined);
});

test('an exact match does not end inside the marks of its last letter', () => {
  const set = setWith('قال جيورجي جيغاوري', [['Person', 'جيورجي جيغاوري']]);
  const edited = 'قال السيد جيورجي جيغاوريّ';
  const { set: loaded } = reload(set, edited);
  const [person] = loaded.annotations();
  assert.equal(edited.slice(person.fragments[0].start, person.fragments[0].end), 'جيورجي جيغاوريّ');
});

test('editBetween is the one replacement between two texts, never inside a surrogate pair', () => {
  assert.equal(editBetween('بغداد', 'بغداد'), undefined);
  assert.deepEqual(editBetween('في بغداد اليوم', 'في البصرة اليوم'), { start: 3, end: 8, text: 'البصرة' });
  // The two emoji share their high surrogate: the replacement takes the whole pair.
  const e = editBetween('a\u{1F600}b', 'a\u{1F601}b')!;
  assert.deepEqual(e, { start: 1, end: 3, text: '\u{1F601}' });
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (before, after) => {
      const edit = editBetween(before, after);
      if (!edit) return before === after;
      return apply(before, edit) === after && !/^[\uDC00-\uDFFF]/.test(before.slice(edit.start));
    }),
  );
});

test('a span over a line break is written as a discontinuous span whose fragment texts match, and read back in place', () => {
  for (const br of ['\n', '\r\n', '\u2028', '\u0085', '\f']) {
    const text = `تلتزم الدولة بحقوق${br}الإنسان كاملة`;
    const start = text.indexOf('حقوق');
    const end = text.indexOf('الإنسان') + 'الإنسان'.length;
    const set = AnnotationSet.empty(text);
    set.add('Principle', [{ start, end }], 'manual', alice);
    const ann = set.serialize();
    const line = ann.split('\n').find((l) => l.startsWith('T1\t'))!;
    const [, spec, recorded] = line.split('\t');
    const fragments = spec.split(' ').slice(1).join(' ').split(';').map((p) => p.split(' ').map(Number));
    assert.equal(fragments.length, 2, `${JSON.stringify(br)}: ${line}`);
    // brat's check: the recorded text is the fragments' texts joined by one space, and no line break in the line.
    const points = Array.from(text);
    assert.equal(recorded, fragments.map(([s, e]) => points.slice(s, e).join('')).join(' '));
    assert.doesNotMatch(line, /[\r\n\u2028\u0085\f]/);
    const { set: loaded, anchoring } = AnnotationSet.load(ann, text);
    assert.equal(anchoring[0].how, 'exact');
    assert.equal(loaded.serialize(), ann);
  }
});

test('a .ann that recorded a line break as a space in one fragment is read in place and written split', () => {
  const text = 'تلتزم الدولة بحقوق\nالإنسان كاملة';
  const start = text.indexOf('حقوق');
  const old = `T1\tPrinciple ${start} ${start + 12}\tحقوق الإنسان\n`;
  const { set, anchoring } = AnnotationSet.load(old, text);
  assert.equal(anchoring[0].how, 'exact');
  assert.match(set.serialize(), new RegExp(`^T1\\tPrinciple ${start} ${start + 4};${start + 5} ${start + 12}\\tحقوق الإنسان$`, 'm'));
});

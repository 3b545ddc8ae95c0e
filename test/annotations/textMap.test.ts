import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BratTextMap, legacyCrlfFragments, recordedText, splitAtLineBreaks } from '../../server/src/annotations/textMap';

test('astral characters before a span: code points in the file, UTF-16 units in the editor', () => {
  const text = 'a😀b 𝒳 العراق';
  const map = new BratTextMap(text);
  const start = text.indexOf('العراق');
  assert.equal(start, 8, 'two astral characters take four units');
  assert.equal(map.toAnn(start), 6);
  assert.equal(map.toEditor(6), start);
  assert.equal(map.annSlice(6, 12), 'العراق');
  assert.equal(map.annLength, 12);
});

test('a byte-order mark is character 0 for brat but not in the editor', () => {
  const text = 'بغداد';
  const map = new BratTextMap(text, true);
  assert.equal(map.toAnn(0), 1);
  assert.equal(map.toEditor(1), 0);
  assert.equal(map.toEditor(0), 0, 'the BOM itself maps to the start');
  assert.equal(map.annSlice(1, 6), 'بغداد');
  assert.equal(map.annLength, 6);
  // A client that keeps the BOM in the text needs no shift.
  const kept = new BratTextMap('\uFEFFبغداد', true);
  assert.equal(kept.toAnn(1), 1);
});

test('CRLF counts as two characters, as brat reads the text with codecs.open (binary mode, no newline translation)', () => {
  const text = 'سطر\r\nبغداد\r\nالعراق';
  const map = new BratTextMap(text);
  const baghdad = text.indexOf('بغداد');
  const iraq = text.indexOf('العراق');
  assert.equal(map.toAnn(baghdad), 5);
  assert.equal(map.toAnn(iraq), 12);
  assert.equal(map.toEditor(12), iraq);
  assert.equal(map.annSlice(12, 18), 'العراق');
  assert.equal(map.annSlice(3, 5), '\r\n');
  assert.equal(map.annLength, text.length);
});

test('offsets of a .ann written when a CRLF counted as one move onto the offsets brat counts', () => {
  const text = 'سطر\r\nبغداد\r\nالعراق';
  const map = new BratTextMap(text, true);
  // Old counting: BOM (1) + "سطر\n" (4) = 5 for بغداد, + "بغداد\n" (6) = 11 for العراق.
  assert.equal(map.fromLegacyCrlf(5), 6);
  assert.equal(map.fromLegacyCrlf(11), 13);
  assert.equal(map.fromLegacyCrlf(4), 4, 'the line break itself maps to its CR');
  assert.equal(map.annSlice(13, 19), 'العراق');
  assert.deepEqual(legacyCrlfFragments(map, [{ start: 11, end: 17 }], 'العراق'), [{ start: 13, end: 19 }]);
  assert.equal(legacyCrlfFragments(map, [{ start: 13, end: 19 }], 'بغداد'), undefined, 'a line not written the old way is left to re-anchoring');
  assert.equal(legacyCrlfFragments(new BratTextMap('سطر\nبغداد'), [{ start: 4, end: 9 }], 'بغداد'), undefined, 'no CRLF, nothing to move');
});

test('editor → file → editor is the identity for every offset not inside a CRLF', () => {
  const pieces = fc.constantFrom('a', 'ع', '😀', '\r\n', '\n', ' ', 'ّ', '\r');
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 40 }), fc.boolean(), (parts, bom) => {
      const text = parts.join('');
      const map = new BratTextMap(text, bom);
      for (let u = 0; u <= text.length; u++) {
        const insideCrlf = text[u - 1] === '\r' && text[u] === '\n';
        const insidePair = /[\uDC00-\uDFFF]/.test(text[u] ?? '');
        if (insideCrlf || insidePair) continue;
        assert.equal(map.toEditor(map.toAnn(u)), u, `offset ${u} of ${JSON.stringify(text)}`);
      }
      assert.equal(map.toAnn(text.length), map.annLength);
    }),
  );
});

test('the recorded text of a span joins fragments with a space and keeps no line break', () => {
  assert.equal(recordedText(['violent', 'extremism']), 'violent extremism');
  assert.equal(recordedText(['سطر\r\nثان']), 'سطر ثان');
});

test('a span over a line break is split as brat writes a selection over lines: one fragment per line, the breaks left out', () => {
  for (const br of ['\n', '\r\n', '\u2028', '\u0085', '\f', '\r', '\u2029', '\v']) {
    const text = `حقوق${br}الإنسان`;
    const fragments = splitAtLineBreaks([{ start: 0, end: text.length }], (s, e) => text.slice(s, e));
    assert.deepEqual(fragments, [{ start: 0, end: 4 }, { start: 4 + br.length, end: text.length }], JSON.stringify(br));
  }
  // Offsets are code points: an emoji before the break counts once.
  const emoji = 'a😀\nb';
  const points = Array.from(emoji);
  assert.deepEqual(splitAtLineBreaks([{ start: 0, end: 4 }], (s, e) => points.slice(s, e).join('')), [{ start: 0, end: 2 }, { start: 3, end: 4 }]);
  // A span starting or ending at a break leaves the break out, with no empty fragment.
  assert.deepEqual(splitAtLineBreaks([{ start: 0, end: 5 }], () => '\nابc\n'), [{ start: 1, end: 4 }]);
});

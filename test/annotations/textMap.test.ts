import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BratTextMap, recordedText } from '../../server/src/annotations/textMap';

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

test('CRLF counts as one character, as brat reads text with universal newlines', () => {
  const text = 'سطر\r\nبغداد\r\nالعراق';
  const map = new BratTextMap(text);
  const baghdad = text.indexOf('بغداد');
  const iraq = text.indexOf('العراق');
  assert.equal(map.toAnn(baghdad), 4);
  assert.equal(map.toAnn(iraq), 10);
  assert.equal(map.toEditor(10), iraq);
  assert.equal(map.annSlice(10, 16), 'العراق');
  // The line break (brat's "\n") maps to the CR, never between CR and LF.
  assert.equal(map.toEditor(3), 3);
  assert.equal(map.toAnn(4), 3, 'between CR and LF is the line break');
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

// One pairing of a text with its .ann, for paths and file: URIs alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotationNameOf, documentNameOf, isAnnotationName, isTextName, textNameOf } from '../../server/src/annotations/pairing';

test('X.txt pairs with X.ann, the extensions matched without regard to case, paths and URIs alike', () => {
  assert.equal(annotationNameOf('/c/doc.txt'), '/c/doc.ann');
  assert.equal(annotationNameOf('file:///c/Report.TXT'), 'file:///c/Report.ann');
  assert.equal(annotationNameOf('/c/notes.md'), '/c/notes.md.ann');
  assert.equal(textNameOf('file:///c/doc.ar.ann'), 'file:///c/doc.ar.txt');
  assert.equal(textNameOf('/c/Doc.ANN'), '/c/Doc.txt');
  assert.equal(textNameOf('/c/doc.json'), '/c/doc.json');
  assert.ok(isTextName('a/B.TXT') && isTextName('a.txt') && !isTextName('a.txt.bak'));
  assert.ok(isAnnotationName('x.ANN') && !isAnnotationName('x.annotation'));
  assert.equal(documentNameOf('sub/doc.ar.txt'), 'sub/doc.ar');
  assert.equal(documentNameOf('sub/doc.ann'), 'sub/doc');
});

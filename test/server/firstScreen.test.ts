// The first screen first: right after a document opens, the visible range's
// colours come from those lines alone (AnalysisService.firstScreenViewOf),
// before the whole document is analysed; once it is, the exact view is used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisService, FIRST_SCREEN_LENGTH, firstScreenRegion } from '../../server/src/server/analysisService';
import { AnnotationStores } from '../../server/src/server/annotationStores';
import { MemoryFiles } from './memoryFiles';

const samples = path.resolve(__dirname, '..', '..', '..', 'samples');
const sample = fs.readFileSync(path.join(samples, 'iom-onsa-agreement.txt'), 'utf8');

function serviceOver(files: MemoryFiles): AnalysisService {
  return new AnalysisService(new AnnotationStores(() => ['/ws'], files), files);
}

const colours = (entities: readonly { start: number; end: number; label: string; status: string }[]) => entities.map((e) => `${e.start}-${e.end} ${e.label} ${e.status}`);

test('a document never analysed gets its first screen from those lines alone, with the stored annotations over them, and the exact view afterwards', () => {
  const at = sample.indexOf('بغداد');
  const ann = `T1\tLocation ${at} ${at + 5}\tبغداد\nA1\tReview T1 accepted\n`;
  const files = new MemoryFiles({ '/ws/doc.txt': sample, '/ws/doc.ann': ann });
  const doc = TextDocument.create('file:///ws/doc.txt', 'plaintext', 1, sample);
  const lines = sample.split('\n');
  const screenEnd = lines.slice(0, 3).join('\n').length;
  const service = serviceOver(files);
  const first = service.firstScreenViewOf(doc, 0, screenEnd);
  assert.ok(first, 'a first-screen view');
  // Only the screen's lines (and the line before the range, none here) are analysed.
  assert.ok(first.entities.every((e) => e.start < screenEnd));
  const exact = serviceOver(new MemoryFiles({ '/ws/doc.txt': sample, '/ws/doc.ann': ann })).viewOf(doc);
  const onScreen = exact.entities.filter((e) => e.start < screenEnd);
  assert.deepEqual(colours(first.entities), colours(onScreen), 'the sample\'s first lines are coloured as the whole analysis colours them');
  assert.ok(first.entities.some((e) => e.status === 'accepted'), 'the stored annotation is shown with its status');
  service.viewOf(doc);
  assert.equal(service.firstScreenViewOf(doc, 0, screenEnd), undefined, 'analysed: the exact view is used');
});

test('a range longer than a first screen is coloured from its top: a first screen’s length of lines, not the whole analysis', () => {
  let text = '';
  while (text.length < 100_000) text += sample + '\n';
  const doc = TextDocument.create('file:///ws/big.txt', 'plaintext', 1, text);
  const first = serviceOver(new MemoryFiles({ '/ws/big.txt': text })).firstScreenViewOf(doc, 0, 90_000);
  assert.ok(first, 'a first-screen view');
  // Up to the end of the line where the first screen's length ends (the line after is context only).
  const end = text.indexOf('\n', FIRST_SCREEN_LENGTH);
  assert.ok(first.entities.length > 0 && first.entities.every((e) => e.end <= end), 'nothing after the first screen’s lines');
  assert.ok(first.entities.some((e) => e.start > FIRST_SCREEN_LENGTH - sample.length), 'its last lines are coloured too');
});

test('a first screen of lines too long for it is cut at white space', () => {
  let text = '';
  while (text.length < 200_000) text += sample.replace(/\s+/g, ' ') + ' ';
  const region = firstScreenRegion(text, 1_000, text.length);
  assert.ok(region.end - region.start <= 2 * FIRST_SCREEN_LENGTH && region.end - region.start >= FIRST_SCREEN_LENGTH);
  assert.ok(region.start <= 1_000 && (region.start === 0 || text[region.start - 1] === ' '), 'starts after a space');
  assert.match(text[region.end], /\s/, 'ends at a space');
  const doc = TextDocument.create('file:///ws/line.txt', 'plaintext', 1, text);
  const first = serviceOver(new MemoryFiles({ '/ws/line.txt': text })).firstScreenViewOf(doc, 1_000, text.length);
  assert.ok(first && first.entities.length > 0 && first.entities.every((e) => e.start >= region.start && e.end <= region.end));
});

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  codePointOffsets,
  EDITOR_KEYS,
  EditorInput,
  keyLabel,
  layoutEditor,
  renderEditorPage,
  resizeSpan,
  reviewOrder,
  snapToCodePoint,
  spanOfSelection,
} from '../../server/src/render/annotationEditor';

const strings = {
  labels: { Organization: 'منظمة', Person: 'شخص', Location: 'مكان', Commitment: 'التزام' },
  strengths: { binding: 'ملزم' },
  actors: 'الملتزمون',
  principles: 'المبادئ',
  none: 'لا شيء',
  statuses: { suggested: 'اقتراح', accepted: 'مقبول' },
  confidence: 'الثقة {0}٪',
};

function input(text: string, entities: EditorInput['entities'], commitments: EditorInput['commitments'] = []): EditorInput {
  return { text, entities, commitments, strings };
}

/** The text a reader sees in some HTML: without the labels and notes, entities decoded. */
function visible(html: string): string {
  return html
    .replace(/<bdi[^>]*>.*?<\/bdi>/g, '')
    .replace(/<\/p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

test('paragraphs are right-to-left, each with its offset, and the marks carry their ids, offsets and a focusable element', () => {
  const text = 'وقعت المنظمة الدولية للهجرة اتفاقية.\nفي بغداد.';
  const model = layoutEditor(input(text, [
    { id: 'T1', start: 5, end: 27, label: 'Organization', status: 'accepted' },
    { id: 's2', start: 40, end: 45, label: 'Location', status: 'suggested', confidence: 0.724 },
  ]));
  const html = model.chunks.map((_, i) => model.html(i)).join('');
  assert.match(html, /<p dir="rtl" data-p="0">/);
  assert.match(html, /<p dir="rtl" data-p="37">/);
  assert.match(html, /<mark class="entity l-Organization" data-id="T1" data-start="5" data-end="27" tabindex="-1" role="button" aria-label="منظمة, مقبول: المنظمة الدولية للهجرة"/);
  // A suggestion is drawn apart, with its confidence in the label and for screen readers.
  assert.match(html, /<mark class="entity l-Location suggested" data-id="s2"[^>]*aria-label="مكان, اقتراح, الثقة 72٪: بغداد"/);
  assert.match(html, /<bdi class="tag" data-skip aria-hidden="true">مكان · الثقة 72٪<\/bdi>/);
  assert.match(html, /<bdi class="tag" data-skip aria-hidden="true">منظمة<\/bdi>/, 'a stored annotation shows no confidence');
  assert.equal(visible(html), text + '\n');
});

test('code-point offsets: an emoji before a name counts once', () => {
  const text = '🌍 كريمة العبيدي تحدثت.';
  const start = text.indexOf('كريمة');
  const model = layoutEditor(input(text, [{ id: 's1', start, end: start + 'كريمة العبيدي'.length, label: 'Person', status: 'suggested' }]));
  const [mark] = model.marks;
  assert.equal(start, 3);
  assert.deepEqual([mark.cpStart, mark.cpEnd], [2, 2 + [...'كريمة العبيدي'].length]);
  assert.deepEqual([...codePointOffsets('a😀b😀c', [0, 1, 3, 4, 6, 7]).entries()], [[0, 0], [1, 1], [3, 2], [4, 3], [6, 4], [7, 5]]);
});

test('a selection becomes a span of whole characters without the spaces at its edges, whichever way it was dragged', () => {
  const text = '🌍 كريمة العبيدي تحدثت.';
  // Dragged right to left (the focus before the anchor), with the space after the name.
  assert.deepEqual(spanOfSelection(text, 17, 3), { start: 3, end: 16 });
  // An end in the middle of the emoji takes it whole; a start there too.
  assert.equal(snapToCodePoint(text, 1, 'end'), 2);
  assert.equal(snapToCodePoint(text, 1, 'start'), 0);
  assert.deepEqual(spanOfSelection(text, 1, 8), { start: 0, end: 8 });
  // Bidi marks and spaces alone are nothing to annotate.
  assert.equal(spanOfSelection('أ \u200f  ب', 1, 4), undefined);
  assert.deepEqual(spanOfSelection('أ \u200fكلمة\u200e ب', 1, 9), { start: 3, end: 7 });
});

test('a span grows or shrinks by a word at either edge, never across a line break nor to nothing', () => {
  const text = 'وقعت المنظمة الدولية للهجرة اتفاقية\nفي بغداد';
  const org = { start: 5, end: 20 }; // المنظمة الدولية
  assert.equal(text.slice(org.start, org.end), 'المنظمة الدولية');
  assert.deepEqual(resizeSpan(text, org, 'end', true), { start: 5, end: 27 });
  assert.deepEqual(resizeSpan(text, org, 'end', false), { start: 5, end: 12 });
  assert.deepEqual(resizeSpan(text, org, 'start', true), { start: 0, end: 20 });
  assert.deepEqual(resizeSpan(text, org, 'start', false), { start: 13, end: 20 });
  // One word: shrinking leaves it as it is.
  assert.deepEqual(resizeSpan(text, { start: 5, end: 12 }, 'end', false), { start: 5, end: 12 });
  assert.deepEqual(resizeSpan(text, { start: 5, end: 12 }, 'start', false), { start: 5, end: 12 });
  // The last word of a line does not grow into the next, nor the first into the one before.
  const last = { start: 28, end: 35 };
  assert.deepEqual(resizeSpan(text, last, 'end', true), last);
  const first = { start: 36, end: 38 };
  assert.deepEqual(resizeSpan(text, first, 'start', true), first);
  assert.deepEqual(resizeSpan(text, { start: 0, end: 4 }, 'start', true), { start: 0, end: 4 });
});

test('the review orders: undecided suggestions only, in document order, or least confident first with unscored ones last', () => {
  const mark = (id: string, start: number, status: string, confidence?: number) => ({ id, kind: 'entity' as const, label: 'Person', status, start, end: start + 2, cpStart: start, cpEnd: start + 2, confidence });
  const order = reviewOrder([mark('a', 10, 'suggested', 0.9), mark('b', 0, 'suggested'), mark('T1', 5, 'accepted'), mark('c', 20, 'suggested', 0.3), mark('d', 30, 'suggested', 0.3)]);
  assert.deepEqual(order.document, ['b', 'a', 'c', 'd']);
  assert.deepEqual(order.confidence, ['c', 'd', 'a', 'b']);
});

test('a long text comes in chunks of whole paragraphs, in order and covering it; a mark across paragraphs is focusable once', () => {
  const para = 'تلتزم الحكومة بحماية حقوق الإنسان في جميع المحافظات وفق القانون.';
  const text = Array.from({ length: 400 }, () => para).join('\n');
  const across = { id: 'T9', start: para.length - 8, end: para.length + 6, label: 'Organization', status: 'accepted' };
  const model = layoutEditor(input(text, [across], [{ id: 'E1', start: 0, end: 20, status: 'suggested', strength: 'binding', actors: ['الحكومة'], principles: [], actorIds: ['T3'] }]), 2000);
  assert.ok(model.chunks.length > 5);
  assert.equal(model.chunks[0].start, 0);
  assert.equal(model.chunks.at(-1)!.end, text.length);
  for (let i = 1; i < model.chunks.length; i++) assert.equal(model.chunks[i].start, model.chunks[i - 1].end + 1, 'the next chunk starts after the line break');
  assert.equal(model.chunks.map((_, i) => visible(model.html(i))).join(''), text + '\n');
  const html = model.chunks.map((_, i) => model.html(i)).join('');
  assert.equal(html.match(/data-id="T9"[^>]*tabindex/g)?.length, 1);
  assert.equal(html.match(/data-id="T9"/g)?.length, 2, 'drawn in both paragraphs');
  assert.match(html, /<span class="commitment suggested" data-id="E1"[^>]*aria-label="التزام, اقتراح, ملزم: /);
  assert.match(html, /<bdi class="note" data-skip aria-hidden="true" data-for="E1">الملتزمون: الحكومة · المبادئ: لا شيء<\/bdi>/);
  assert.deepEqual(model.marks.find((m) => m.id === 'E1')?.actorIds, ['T3']);
});

test('text and names are escaped, and marks out of the text are left out', () => {
  const text = '<script>alert(1)</script> "منظمة"';
  const model = layoutEditor(input(text, [
    { id: 'x"><img', start: 0, end: 8, label: 'Organization', status: 'accepted', title: '"><b>' },
    { id: 'out', start: 30, end: 90, label: 'Organization', status: 'accepted' },
  ]));
  const html = model.html(0);
  assert.doesNotMatch(html, /<script|<img|<b>/);
  assert.match(html, /&lt;script&gt;/);
  assert.deepEqual(model.marks.map((m) => m.id), ['x"><img']);
});

test('the page: a CSP with a nonce, the script from the extension, the legend of every key, the theme\'s colours', () => {
  const actionNames = Object.fromEntries([...EDITOR_KEYS.map((k) => k.action), 'undo', 'redo'].map((a) => [a, `do ${a}`])) as Parameters<typeof renderEditorPage>[0]['actionNames'];
  const page = renderEditorPage({
    title: 'a.txt',
    actionNames,
    keysHeading: 'Keys',
    documentLabel: 'Document',
    loading: 'Loading',
    uiDir: 'ltr',
    colours: { Organization: { light: '#1565c0', dark: 'red;}body{' } },
    nonce: 'abc',
    cspSource: 'vscode-resource:',
    scriptUrl: 'vscode-resource:/media/annotationEditor.js',
  });
  assert.match(page, /<html lang="ar" dir="rtl">/);
  assert.match(page, /script-src 'nonce-abc'; font-src vscode-resource:;/);
  assert.match(page, /<script nonce="abc" src="vscode-resource:\/media\/annotationEditor.js"><\/script>/);
  for (const { action, keys } of EDITOR_KEYS) assert.ok(page.includes(`<kbd dir="ltr">${keys.map(keyLabel).join('</kbd> <kbd dir="ltr">')}</kbd> do ${action}`), action);
  assert.match(page, /<kbd dir="ltr">Ctrl\+Z<\/kbd> do undo/);
  assert.match(page, /<div id="bar" dir="ltr">/);
  assert.match(page, /\.l-Organization\{--c:#1565c0\}/);
  assert.doesNotMatch(page, /body\{;/, 'a colour that is not one is not written');
  assert.match(page, /var\(--vscode-focusBorder\)/);
  assert.equal(keyLabel({ key: 'ArrowLeft', shift: true, alt: true }), 'Alt+Shift+←');
});

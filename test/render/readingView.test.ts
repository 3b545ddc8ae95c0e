import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/analyze';
import { ReadingInput, renderReadingBody, renderReadingPage } from '../../server/src/render/readingView';

const strings = {
  labels: { Organization: 'منظمة', Principle: 'مبدأ', Instrument: 'أداة', Location: 'مكان', Date: 'تاريخ' },
  strengths: { binding: 'ملزم' },
  actors: 'الملتزمون',
  principles: 'المبادئ',
  none: 'لا شيء',
  suggested: 'مقترح',
  title: 'sample.txt',
};
const colours = { Organization: { light: '#1565c0', dark: '#64b5f6' } };

function inputOf(text: string): ReadingInput {
  const a = analyzeText(text);
  const name = (id: string) => a.entities.find((e) => e.id === id)?.text ?? id;
  return {
    text,
    entities: a.entities.map((e) => ({ id: e.id, start: e.start, end: e.end, label: e.label, status: 'suggested', title: e.nameEn })),
    commitments: a.commitments.map((c) => ({ id: c.id, start: c.start, end: c.end, status: 'accepted', strength: c.strength, actors: c.actors.map(name), principles: c.principles.map(name) })),
    colours,
    strings,
  };
}

/** The text a reader sees, without the inserted labels and notes. */
function visibleText(html: string): string[] {
  return [...html.matchAll(/<p[^>]*>(.*?)<\/p>/g)].map((m) =>
    m[1].replace(/<bdi[^>]*>.*?<\/bdi>/g, '').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  );
}

/** Checks that the elements nest properly. */
function assertWellFormed(html: string): void {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)(p|mark|span|bdi)\b[^>]*>/g)) {
    if (m[1]) assert.equal(stack.pop(), m[2], `closing </${m[2]}> matches its opening`);
    else stack.push(m[2]);
  }
  assert.deepEqual(stack, []);
}

const TEXT = 'وقعت المنظمة الدولية للهجرة (IOM) اتفاقية مع الحكومة العراقية في 16 كانون الأول 2021.\n\nوتلتزم المنظمة بمبدأ عدم الإضرار <وحقوق الإنسان> & غيرها.';

test('paragraphs keep their text exactly, with labels and notes set apart', () => {
  const body = renderReadingBody(inputOf(TEXT));
  assertWellFormed(body);
  assert.deepEqual(visibleText(body), TEXT.split('\n'));
  assert.ok(body.includes('<bdi class="tag">منظمة</bdi></mark>'), 'an entity ends with its label');
  assert.match(body, /<bdi class="note" data-for="[^"]+">الملتزمون: [^<]*المنظمة الدولية للهجرة[^<]* · ملزم · المبادئ: /);
  assert.ok(!body.includes('<وحقوق'), 'text is escaped');
  assert.match(body, /<mark class="entity l-Organization suggested" data-id="[^"]+" data-start="5" data-end="27"/);
});

test('crossing and multi-line spans are split into well-nested pieces, labelled once', () => {
  const text = 'أولا ثانيا ثالثا\nرابعا خامسا';
  const input: ReadingInput = {
    text,
    entities: [
      { id: 'a', start: 0, end: 10, label: 'Organization', status: 'accepted' },
      { id: 'b', start: 6, end: 22, label: 'Location', status: 'accepted' },
    ],
    commitments: [{ id: 'c', start: 0, end: text.length, status: 'suggested', strength: 'binding', actors: [], principles: [] }],
    colours,
    strings,
  };
  const body = renderReadingBody(input);
  assertWellFormed(body);
  assert.deepEqual(visibleText(body), text.split('\n'));
  assert.equal((body.match(/<bdi class="tag">مكان<\/bdi>/g) ?? []).length, 1);
  assert.equal((body.match(/data-id="b"/g) ?? []).length, 3, 'b is cut by a\'s end and by the line break');
  assert.equal((body.match(/class="[^"]*cont[^"]*" data-id="b"/g) ?? []).length, 2);
  assert.equal((body.match(/<bdi class="note"/g) ?? []).length, 1, 'the commitment note comes once, at its end');
  assert.ok(body.trimEnd().endsWith('</bdi></p>'), 'after the last paragraph');
});

test('the page is right-to-left Arabic, self-contained, and carries the webview script only when asked', () => {
  const saved = renderReadingPage(inputOf(TEXT));
  assert.match(saved, /<html lang="ar" dir="rtl">/);
  assert.ok(!saved.includes('<script'));
  assert.ok(!/(src|href)=/.test(saved), 'no external resources');
  assert.ok(saved.includes('--c:#1565c0') && saved.includes('--c:#64b5f6'), 'light and dark colours');
  const webview = renderReadingPage(inputOf(TEXT), { script: 'acquireVsCodeApi()', nonce: 'abc123', cspSource: 'vscode-resource:' });
  assert.match(webview, /Content-Security-Policy" content="default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123'/);
  assert.ok(webview.includes('<script nonce="abc123">acquireVsCodeApi()</script>'));
});

test('the page can load the bundled Arabic font, from the webview or embedded, for Arabic letters only', () => {
  const withFont = renderReadingPage(inputOf(TEXT), { fontUrl: 'data:font/woff2;base64,d09GMgABAAAA' });
  assert.match(withFont, /@font-face\{font-family:"Noto Naskh Arabic";[^}]*src:url\("data:font\/woff2;base64,d09GMgABAAAA"\) format\("woff2"\);unicode-range:U\+0600-06FF,/);
  assert.match(withFont, /body\{[^}]*font-family:"Noto Naskh Arabic","Amiri"/, 'the system fonts follow it, for Latin letters too');
  assert.ok(!/(src|href)=/.test(withFont), 'still no external resources');
  assert.ok(!renderReadingPage(inputOf(TEXT)).includes('@font-face'), 'without a font, the fonts of the machine');
  const odd = renderReadingPage(inputOf(TEXT), { fontUrl: 'https://x/a") ;}</style><script>b' });
  assert.ok(!odd.includes('a")') && !odd.includes('</style><script>'), 'a URL cannot end the string or the style');
});

test('a page can show a message instead of the document, with the webview script all the same', () => {
  const input: ReadingInput = { text: '', entities: [], commitments: [], colours: {}, strings: { labels: {}, strengths: {}, actors: '', principles: '', none: '', suggested: '', title: 'draft.txt' } };
  const page = renderReadingPage(input, { script: 'acquireVsCodeApi()', nonce: 'n1', placeholder: 'draft.txt is not annotated <yet>' });
  assert.match(page, /<article id="document"><p class="placeholder" dir="auto">draft\.txt is not annotated &lt;yet&gt;<\/p><\/article>/);
  assert.ok(page.includes('<script nonce="n1">acquireVsCodeApi()</script>'));
});

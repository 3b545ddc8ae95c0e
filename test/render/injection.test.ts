// Text from the corpus and the settings never becomes markup: colours that
// would close the reading view's <style> are refused, a saved page forbids
// scripts, labels named after Object.prototype's members are labels like any other.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CorpusIndex } from '../../server/src/corpus/corpusIndex';
import { cssColour, renderReadingPage } from '../../server/src/render/readingView';
import { escapeMarkdown } from '../../server/src/render/markdown';
import { renderStatistics } from '../../server/src/render/statisticsView';

const strings = { labels: {}, strengths: {}, actors: 'a', principles: 'p', none: '-', suggested: 's', title: 't' };

test('a colour that would close the <style> is not written into it; a saved page has a policy that runs no script', () => {
  const hostile = 'red}</style><script>alert(1)</script><style>';
  const input = { text: 'نص', entities: [], commitments: [], colours: { Person: { light: hostile, dark: '#fff;background:url(https://x)' } }, strings };
  const saved = renderReadingPage(input);
  assert.ok(!saved.includes('<script'), 'no script in the page');
  assert.ok(!saved.includes('url(https://x)'));
  assert.match(saved, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">/);
  assert.equal(cssColour('#1565c0'), '#1565c0');
  assert.equal(cssColour('rgb(10, 20, 30)'), 'rgb(10, 20, 30)');
  assert.equal(cssColour('teal'), 'teal');
  assert.equal(cssColour(hostile), '#888888');
});

test('Markdown from the corpus is literal: no links, images, HTML or headings', () => {
  const note = '# Title\n[click](command:workbench.action.terminal.new) ![x](https://evil/x.png) <img src=x onerror=alert(1)>';
  const escaped = escapeMarkdown(note);
  assert.ok(!/(^|[^\\])\[/.test(escaped) && !/(^|[^\\])</.test(escaped) && !/(^|[^\\])\]\(/.test(escaped), escaped);
  assert.ok(!escaped.includes('\n'));
});

test('labels and strengths named constructor or __proto__ are counted and shown like any other', () => {
  const index = new CorpusIndex();
  const entity = (label: string, start: number) => ({ id: `T${start}`, start, end: start + 1, text: 'x', label, source: 'rule' as const, status: 'accepted' as const });
  index.set('file:///a.txt', { text: 'x x x x x', entities: [entity('constructor', 0), entity('__proto__', 2), entity('toString', 4), entity('constructor', 6)], commitments: [] });
  const stats = index.statistics();
  assert.equal(stats.annotationsByLabel.constructor, 2);
  assert.equal(stats.annotationsByLabel['__proto__'], 1);
  assert.deepEqual(Object.keys(stats.annotationsByLabel).sort(), ['__proto__', 'constructor', 'toString']);
  const wire = JSON.parse(JSON.stringify(stats));
  const html = renderStatistics(wire, { title: 't', byLabel: 'l', byDocument: 'd', byStrength: 's', actors: 'a', principles: 'p', byStatus: 'st', empty: '-', labelNames: {}, strengthNames: {}, statusNames: {}, documents: '1' });
  assert.match(html, /<title>constructor: 2<\/title>/);
  assert.match(html, /<title>__proto__: 1<\/title>/);
});

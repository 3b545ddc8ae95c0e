import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/analyze';
import { CorpusIndex } from '../../server/src/corpus/corpusIndex';
import { barChart, renderStatistics } from '../../server/src/render/statisticsView';

const strings = {
  title: 'إحصاءات المدوّنة', byLabel: 'حسب التسمية', byDocument: 'حسب الوثيقة', byStrength: 'حسب القوة', actors: 'الجهات', principles: 'المبادئ', byStatus: 'حسب الحالة',
  empty: 'لا شيء', labelNames: { Organization: 'منظمة' }, strengthNames: { binding: 'ملزم' }, statusNames: { suggested: 'مقترح' }, documents: '2 documents',
};

test('bars are proportional to their values, longest first, with the value and the whole name as a tooltip', () => {
  const svg = barChart('t', [{ name: 'a', value: 10 }, { name: 'b', value: 5 }], 'none');
  const widths = [...svg.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
  assert.equal(widths.length, 2);
  assert.equal(widths[0], 2 * widths[1]);
  assert.match(svg, /<title>a: 10<\/title>/);
  assert.equal(barChart('t', [], 'none'), '<section><h2>t</h2><p class="empty">none</p></section>');
  const long = barChart('t', [{ name: 'م'.repeat(40) + '<x>', value: 1 }], 'none');
  assert.ok(long.includes('…') && long.includes('&lt;x&gt;: 1</title>') && !long.includes('<x>'));
});

test('the statistics page has a chart per question, from the corpus index', () => {
  const index = new CorpusIndex();
  index.set('file:///a.txt', analyzeText('وقعت المنظمة الدولية للهجرة اتفاقية مع الحكومة العراقية. وتلتزم المنظمة الدولية للهجرة بمبدأ عدم الإضرار.'));
  index.set('file:///b%20c.txt', analyzeText('أكدت منظمة الهجرة الدولية دعمها للنازحين في نينوى.'));
  const html = renderStatistics(index.statistics(), strings, { Organization: '#1565c0' });
  assert.equal((html.match(/<section>/g) ?? []).length, 6);
  assert.match(html, /<title>منظمة: 4<\/title>/, 'four organisation mentions, under the localised label');
  assert.match(html, /<title>ملزم: 2<\/title>/);
  assert.match(html, /<title>المنظمة الدولية للهجرة: 2<\/title>/, 'the top actor');
  assert.ok(html.includes('>b c.txt<'), 'document names are decoded');
  assert.ok(html.includes('fill="#1565c0"'), 'label colours as presentation attributes, which a content security policy allows');
});

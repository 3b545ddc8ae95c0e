// Re-anchoring has a budget of search work: spans too long to look for
// tolerantly within it are reported lost at once, the short ones still found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reanchor, REANCHOR_BUDGET_CELLS } from '../../server/src/annotations/anchoring';

const words = ['الحكومة', 'تلتزم', 'بحماية', 'المدنيين', 'في', 'المدينة', 'والقرى', 'المجاورة'];

function textOf(length: number, seed: number): string {
  const out: string[] = [];
  let n = seed;
  let size = 0;
  while (size < length) {
    n = (n * 1103515245 + 12345) % 2147483648;
    const w = words[n % words.length];
    out.push(w);
    size += w.length + 1;
  }
  return out.join(' ');
}

test('three 20,000-letter spans that moved and changed on a 90 KB text are reported lost within the budget; a short one is found', () => {
  const text = textOf(90_000, 7);
  const spanAt = (start: number) => ({ start, end: start + 20_000 });
  const requests = [10_000, 35_000, 60_000].map((start, i) => {
    const recorded = text.slice(start, start + 20_000);
    // The file's text differs a little from the text now (a word changed), and it sits elsewhere.
    const changed = recorded.slice(0, 5000) + 'تغيير' + recorded.slice(5005);
    return { id: `T${i + 1}`, fragments: [spanAt(start + 7)], text: changed, inPlace: false };
  });
  const short = text.slice(500, 540);
  requests.push({ id: 'T9', fragments: [{ start: 520, end: 560 }], text: short.slice(0, 10) + 'ـ' + short.slice(11), inPlace: false });
  const budget = { cells: REANCHOR_BUDGET_CELLS };
  const results = reanchor(text, requests, budget);
  assert.deepEqual(results.slice(0, 3).map((r) => r.how), ['lost', 'lost', 'lost']);
  assert.equal(results[3].how, 'tolerant', 'a short span is still found');
  assert.ok(budget.cells >= 0);
});

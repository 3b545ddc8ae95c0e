// The sequence tagger's cost (issue 12): on a 50 KB document, warm, the
// analysis with the tagger against the rule core alone on the same text; the
// model's load time and the memory it adds, measured in a fresh process.
import { spawnSync } from 'child_process';
import * as path from 'path';
import { analyzeText } from '../server/src/analysis/analyze';
import { getDefaultLexicon } from '../server/src/analysis/lexicon';
import { getDefaultRules } from '../server/src/analysis/rules';
import { getDefaultTagger } from '../server/src/analysis/tagger';
import type { Analysis } from '../server/src/analysis/types';
import { median, medianTime, round } from './benchStats';

export interface TaggerFigures {
  bytes: number;
  runs: number;
  ruleCoreMs: number;
  withTaggerMs: number;
  /** withTaggerMs / ruleCoreMs. */
  ratio: number;
  loadMs: number;
  addedHeapMB: number;
  addedRssMB: number;
}

/** Loads the shipped model in a fresh Node process: how long it takes, and how much heap and resident memory it adds. */
function measureLoad(): { loadMs: number; addedHeapMB: number; addedRssMB: number } {
  const index = path.resolve(__dirname, '..', 'server', 'src', 'analysis', 'tagger', 'index.js');
  const code = `
    const { loadShippedModel } = require(${JSON.stringify(index)});
    global.gc && global.gc();
    const m0 = process.memoryUsage();
    const t = performance.now();
    loadShippedModel();
    const loadMs = performance.now() - t;
    global.gc && global.gc();
    const m1 = process.memoryUsage();
    process.stdout.write(JSON.stringify({ loadMs, addedHeapMB: (m1.heapUsed - m0.heapUsed) / 1e6, addedRssMB: (m1.rss - m0.rss) / 1e6 }));`;
  const r = spawnSync(process.execPath, ['--expose-gc', '-e', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tagger load measurement failed: ${r.stderr}`);
  const figures = JSON.parse(r.stdout);
  return { loadMs: round(figures.loadMs), addedHeapMB: round(figures.addedHeapMB), addedRssMB: round(figures.addedRssMB) };
}

/**
 * The analysis of a text by a tagger that keeps nothing from earlier texts:
 * the shipped tagger's sentence memo emptied first (after an edit, the memo
 * makes the analysis of the same text again a re-use, not a measure of the core).
 */
export function analyzeAfresh(text: string): Analysis {
  getDefaultTagger(getDefaultLexicon(), getDefaultRules()).memo.clear();
  return analyzeText(text);
}

export function measureTagger(text: string, quick: boolean): TaggerFigures {
  const runs = quick ? 5 : 30;
  for (let k = 0; k < (quick ? 3 : 10); k++) {
    analyzeText(text, { tagger: false });
    analyzeText(text);
  }
  // Interleaved, so that both see the same machine load.
  const ruleTimes: number[] = [];
  const taggerTimes: number[] = [];
  for (let k = 0; k < runs; k++) {
    ruleTimes.push(medianTime(1, () => analyzeText(text, { tagger: false })));
    taggerTimes.push(medianTime(1, () => analyzeAfresh(text)));
  }
  const ruleCoreMs = median(ruleTimes);
  const withTaggerMs = median(taggerTimes);
  return { bytes: Buffer.byteLength(text, 'utf8'), runs, ruleCoreMs: round(ruleCoreMs), withTaggerMs: round(withTaggerMs), ratio: round(withTaggerMs / ruleCoreMs), ...measureLoad() };
}

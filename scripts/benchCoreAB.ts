// The core of this build against another build's (issue 18, "a leaner core"),
// in one process on the same texts, interleaved, beside the
// tokenise-and-look-up floor (benchFloor.ts):
//
//   node out/scripts/benchCoreAB.js OTHER_OUT [--sizes 0.1,1,3] [--runs 7]
//
// OTHER_OUT is the out/ directory of the other build (e.g. main's, copied
// aside after `npm run build`; it needs node_modules beside it). Both
// analyse each text with the tagger and with the rules alone, in alternating
// order; the figures are medians of CPU time (user + system of the process),
// which a machine shared with other work inflates less than wall time. It
// first checks that both give the same analysis (JSON), and exits non-zero
// when they do not.
import * as os from 'os';
import * as path from 'path';
import { analyzeText } from '../server/src/analysis/analyze';
import defaultLexiconData from '../server/data/lexicon.json';
import type { LexiconEntry } from '../server/src/analysis/lexicon';
import { CorpusGenerator, deriveSeed, loadSources, surfaceFormsOf } from './corpus';
import { floorDictionary, tokeniseAndLookUp } from './benchFloor';
import { median } from './benchStats';

type Analyze = typeof analyzeText;
const MB = 1_000_000;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function main(): void {
  const args = process.argv.slice(2);
  const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const otherOut = args[0];
  if (!otherOut || otherOut.startsWith('--')) throw new Error('usage: benchCoreAB.js OTHER_OUT [--sizes 0.1,1,3] [--runs 7]');
  const sizes = (value('--sizes') ?? '0.1,1,3').split(',').map(Number);
  const runs = Number(value('--runs') ?? 7);
  const other = (require(path.resolve(otherOut, 'server/src/analysis/analyze')) as { analyzeText: Analyze }).analyzeText;
  const root = path.resolve(__dirname, '..', '..');
  const generator = new CorpusGenerator(loadSources(root));
  const dictionary = floorDictionary(surfaceFormsOf((defaultLexiconData as { entries: LexiconEntry[] }).entries));
  const seed = 20211216;
  const warm = generator.document(deriveSeed(seed, 1), MB);
  for (const f of [other, analyzeText]) for (const options of [{}, { tagger: false as const }]) f(warm, options);
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log('size MB | floor ms (MB/s) | other, tagger ms (/floor) | this, tagger ms (/floor) | other, rules ms (/floor) | this, rules ms (/floor)');
  for (const sizeMB of sizes) {
    const text = generator.document(deriveSeed(seed, Math.round(sizeMB * MB)), Math.round(sizeMB * MB));
    for (const options of [{}, { tagger: false as const }]) {
      if (JSON.stringify(other(text, options)) !== JSON.stringify(analyzeText(text, options))) {
        console.log(`${sizeMB} MB${options.tagger === false ? ' (rules alone)' : ''}: the two builds give different analyses`);
        process.exitCode = 1;
      }
    }
    const times: Record<string, number[]> = { floor: [], otherTagger: [], thisTagger: [], otherRules: [], thisRules: [] };
    const time = (key: string, f: () => void) => {
      const t = cpuMs();
      f();
      times[key].push(cpuMs() - t);
    };
    // The floor takes a millisecond or two: repeated for 50 ms, per pass.
    const floor = () => {
      const t = cpuMs();
      let passes = 0;
      do {
        tokeniseAndLookUp(text, dictionary);
        passes++;
      } while (cpuMs() - t < 50);
      times.floor.push((cpuMs() - t) / passes);
    };
    const steps: Array<[string, () => void]> = [
      ['otherTagger', () => other(text)],
      ['thisTagger', () => analyzeText(text)],
      ['otherRules', () => other(text, { tagger: false })],
      ['thisRules', () => analyzeText(text, { tagger: false })],
    ];
    for (let r = 0; r < runs; r++) {
      floor();
      // Alternate which build goes first.
      const order = r % 2 ? steps : [steps[1], steps[0], steps[3], steps[2]];
      for (const [key, f] of order) time(key, f);
    }
    const floorMs = median(times.floor);
    const cell = (key: string) => `${median(times[key]).toFixed(1)} (${(floorMs / median(times[key])).toFixed(3)})`;
    const bytes = Buffer.byteLength(text, 'utf8');
    console.log(`${sizeMB} | ${floorMs.toFixed(2)} (${(bytes / MB / (floorMs / 1000)).toFixed(1)}) | ${cell('otherTagger')} | ${cell('thisTagger')} | ${cell('otherRules')} | ${cell('thisRules')}`);
  }
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
}

main();

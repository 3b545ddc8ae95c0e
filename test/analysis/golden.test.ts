// Golden tests: the analyser's whole output on the samples, one line per
// annotation, compared with the snapshot committed beside this file, so that a
// rule or lexicon change shows its whole effect in review. After a change
// that is meant, rewrite the snapshot and read its diff:
//   ILTIZAM_UPDATE_SNAPSHOTS=1 npm run test:unit
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../server/src/analysis/analyze';
import type { Analysis } from '../../server/src/analysis/types';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const samplesDir = path.join(repoRoot, 'samples');
/** In the source tree (the compiled test runs from out/). */
const snapshotFile = path.join(repoRoot, 'test', 'analysis', 'snapshots', 'samples.snap');
const UPDATE = process.env.ILTIZAM_UPDATE_SNAPSHOTS === '1';

/** One line per entity and commitment, in document order, with what a reviewer needs to judge it. */
export function describeAnalysis(analysis: Analysis): string[] {
  const byId = new Map(analysis.entities.map((e) => [e.id, e]));
  const name = (id: string) => byId.get(id)?.text ?? id;
  const entities = analysis.entities.map((e) => `${e.start}-${e.end} ${e.label} «${e.text}» ${e.source}${e.rule ? `:${e.rule}` : ''}${e.kb ? ` ${e.kb}` : ''}`);
  const commitments = analysis.commitments.map(
    (c) =>
      `${c.start}-${c.end} Commitment ${c.strength}${c.negated ? ' negated' : ''} cue «${c.cue.text}» actors [${c.actors.map(name).join(' | ')}] principles [${c.principles.map(name).join(' | ')}]`,
  );
  return [...entities, ...commitments];
}

function currentSnapshot(): string {
  const samples = fs.readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort();
  return samples.map((f) => [`== ${f}`, ...describeAnalysis(analyzeText(fs.readFileSync(path.join(samplesDir, f), 'utf8')))].join('\n')).join('\n\n') + '\n';
}

/** The lines only in `before` (-) and only in `after` (+), each with its sample, in order: a diff that reads at once. */
export function lineDiff(before: string, after: string): string[] {
  const sections = (s: string) => {
    const out = new Map<string, string[]>();
    let current = '';
    for (const line of s.split('\n')) {
      if (line.startsWith('== ')) out.set((current = line), []);
      else if (line) out.get(current)?.push(line);
    }
    return out;
  };
  const a = sections(before);
  const b = sections(after);
  const out: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const old = new Set(a.get(key) ?? []);
    const now = new Set(b.get(key) ?? []);
    const lines = [...(a.get(key) ?? []).filter((l) => !now.has(l)).map((l) => `- ${l}`), ...(b.get(key) ?? []).filter((l) => !old.has(l)).map((l) => `+ ${l}`)];
    if (lines.length || !a.has(key) || !b.has(key)) out.push(key, ...lines);
  }
  return out;
}

test('the analyser\'s output on the samples is the committed snapshot (ILTIZAM_UPDATE_SNAPSHOTS=1 rewrites it)', () => {
  const now = currentSnapshot();
  if (UPDATE) {
    fs.mkdirSync(path.dirname(snapshotFile), { recursive: true });
    fs.writeFileSync(snapshotFile, now);
    return;
  }
  assert.ok(fs.existsSync(snapshotFile), `${path.relative(repoRoot, snapshotFile)} is missing: run ILTIZAM_UPDATE_SNAPSHOTS=1 npm run test:unit`);
  const saved = fs.readFileSync(snapshotFile, 'utf8');
  if (saved === now) return;
  const diff = lineDiff(saved, now);
  assert.fail(`the analysis of the samples changed (- snapshot, + now); if meant, run ILTIZAM_UPDATE_SNAPSHOTS=1 npm run test:unit and commit the snapshot:\n${diff.join('\n')}`);
});

test('the snapshot diff names each sample and shows what went and what came', () => {
  const before = '== a.txt\n0-3 Person «x» rule\n4-5 Date «y» rule\n\n== b.txt\n1-2 Location «z» lexicon\n';
  const after = '== a.txt\n0-3 Person «x» rule\n4-6 Date «yy» rule\n\n== b.txt\n1-2 Location «z» lexicon\n';
  assert.deepEqual(lineDiff(before, after), ['== a.txt', '- 4-5 Date «y» rule', '+ 4-6 Date «yy» rule']);
  assert.deepEqual(lineDiff(before, before), []);
});

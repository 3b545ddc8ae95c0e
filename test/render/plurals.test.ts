// Counts read as the language says them: one string per plural category.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { COUNTED, countPhrase, pluralKey } from '../../server/src/render/plurals';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const arabic = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.ar.json'), 'utf8'));
const t = (o: { message: string; args: (string | number)[]; comment: string[] }) => l10n.t(o);

test('English: one and other ("1 commitment", "2 commitments", "0 commitments")', () => {
  l10n.config({ contents: {} });
  assert.equal(countPhrase(t, 'en', 'commitments', 1), '1 commitment');
  assert.equal(countPhrase(t, 'en', 'commitments', 2), '2 commitments');
  assert.equal(countPhrase(t, 'en', 'commitments', 0), '0 commitments');
  assert.equal(countPhrase(t, 'en', 'mentionedInDocument', 1), 'Mentioned once in this document.');
  assert.equal(countPhrase(t, 'en', 'documentsDone', 12, [3, 12]), '3 of 12 documents');
});

test('Arabic: six forms, zero one two few many other, each from the bundle', () => {
  l10n.config({ contents: arabic });
  const forms = [0, 1, 2, 3, 11, 100].map((n) => countPhrase(t, 'ar', 'commitments', n));
  assert.deepEqual(forms, ['0 التزام', 'التزام واحد', 'التزامان', '3 التزامات', '11 التزامًا', '100 التزام']);
  assert.equal(countPhrase(t, 'ar', 'documentsDone', 2, [1, 2]), '1 من وثيقتين');
  assert.equal(countPhrase(t, 'ar-EG', 'entities', 1), 'كيان واحد', 'a regional locale takes the language\'s rules');
});

test('every counted phrase has its Arabic form for each of the six categories', () => {
  const categories = new Intl.PluralRules('ar').resolvedOptions().pluralCategories;
  assert.equal(categories.length, 6);
  const missing = Object.keys(COUNTED).flatMap((what) => categories.map((c) => pluralKey(what as keyof typeof COUNTED, c)).filter((key) => !arabic[key]));
  assert.deepEqual(missing, []);
});

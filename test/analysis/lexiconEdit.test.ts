import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getDefaultLexicon, parseLexiconFile as parse, withLexiconEntry } from '../../server/src/analysis/lexicon';

/** The entries' fields that are there (the parser sets the optional ones to undefined). */
const parseLexiconFile = (source: string) => {
  const { entries, problems } = parse(source);
  return { entries: entries.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined))), problems };
};

test('adding to a workspace lexicon: a new file when there is none; appended to an object\'s entries or an array, the rest of the text (comments) as it was', () => {
  const created = withLexiconEntry(undefined, 'Threat', ' آفة  التهريب العابر ');
  assert.equal(created.added, true);
  assert.deepEqual(parseLexiconFile(created.text), { entries: [{ id: 'threat:آفة التهريب العابر', label: 'Threat', ar: 'آفة التهريب العابر' }], problems: [] });

  const commented = '{\n  // ours\n  "entries": [\n    { "id": "a", "label": "Principle", "ar": "التكافل الرقمي" }\n  ]\n}\n';
  const appended = withLexiconEntry(commented, 'Instrument', 'ميثاق الشراكة الوطنية');
  assert.ok(appended.text.includes('// ours'));
  assert.deepEqual(parseLexiconFile(appended.text).entries.map((e) => `${e.id} ${e.label} ${e.ar}`), ['a Principle التكافل الرقمي', 'instrument:ميثاق الشراكة الوطنية Instrument ميثاق الشراكة الوطنية']);

  const array = withLexiconEntry('[]', 'Person', 'زيدوني الكرماني');
  assert.deepEqual(parseLexiconFile(array.text).entries, [{ id: 'person:زيدوني الكرماني', label: 'Person', ar: 'زيدوني الكرماني' }]);
  // The compiled lexicon finds the entry.
  assert.equal(getDefaultLexicon().withOverrides(parse(array.text).entries).entryOf('زيدوني الكرماني')?.label, 'Person');
});

test('adding to a workspace lexicon: a form it has with that label is not added twice; an id taken gets a number; a file that is not a lexicon is an error and stays as it was', () => {
  const source = '{ "entries": [ { "id": "principle:التكافل الرقمي", "label": "Threat", "ar": "التكافل الرقمي" }, { "id": "x", "label": "Principle", "ar": "الحوكمة", "forms": ["التكافل الرّقمي"] } ] }';
  const again = withLexiconEntry(source, 'Principle', 'التكافل الرقمي');
  assert.deepEqual({ added: again.added, id: again.id, same: again.text === source }, { added: false, id: 'x', same: true });
  const other = withLexiconEntry(source, 'Threat', 'آفة');
  assert.equal(other.added, true);
  const withPrinciple = withLexiconEntry('{ "entries": [ { "id": "principle:الأمن", "label": "Threat", "ar": "أمن" } ] }', 'Principle', 'الأمن');
  assert.deepEqual(parseLexiconFile(withPrinciple.text).entries.map((e) => e.id), ['principle:الأمن', 'principle:الأمن#2']);
  for (const broken of ['{ "entries": [', '{ "names": [] }', '"text"']) assert.throws(() => withLexiconEntry(broken, 'Threat', 'آفة'), /not a lexicon/);
});

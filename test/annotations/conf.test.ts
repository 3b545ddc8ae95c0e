import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  argumentLabels,
  commitmentEventOf,
  ConfUsage,
  defaultStoreSchema,
  emptyConfUsage,
  extendAnnotationConf,
  formatAnnotationConf,
  parseAnnotationConf,
  schemaHasCommitments,
  strengthsOf,
} from '../../server/src/annotations/conf';
import { entityLabelNames } from '../../server/src/analysis/schema';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

test('reads the four sections of a brat annotation.conf', () => {
  const conf = [
    '# a corpus schema',
    '[entities]',
    '!Agent',
    '\tParty',
    '\tOfficial',
    '-',
    'Place',
    '',
    '[relations]',
    'Located\tArg1:Party, Arg2:Place',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    '<AGENT>=Party|Official',
    'Commitment\tActor*:<AGENT>, Place?:Place',
    'Meeting',
    '',
    '[attributes]',
    'Strength\tArg:Commitment, Value:hard|soft',
    'Uncertain\tArg:<EVENT>',
    '[drawing]',
    'Oops here',
  ].join('\r\n');
  const schema = parseAnnotationConf(conf, '/corpus/annotation.conf');
  assert.deepEqual(schema.entityLabels, ['Party', 'Official', 'Place']);
  assert.deepEqual(schema.relations, ['Located']);
  assert.deepEqual(schema.events, [
    {
      type: 'Commitment',
      args: [
        { role: 'Actor', types: ['Party', 'Official'], multiple: true },
        { role: 'Place', types: ['Place'], multiple: false },
      ],
    },
    { type: 'Meeting', args: [] },
  ]);
  assert.deepEqual(schema.attributes, [
    { name: 'Strength', targets: ['Commitment'], values: ['hard', 'soft'] },
    { name: 'Uncertain', targets: ['<EVENT>'] },
  ]);
  assert.deepEqual(
    schema.problems.map((p) => p.line),
    [21, 22],
    'an unknown section and the type under it are reported at their lines',
  );
  assert.deepEqual(strengthsOf(schema), ['hard', 'soft']);
  assert.deepEqual(argumentLabels(schema, 'Actor'), ['Party', 'Official']);
  assert.ok(schemaHasCommitments(schema));
  assert.ok(!schemaHasCommitments(parseAnnotationConf('[entities]\nPlace\n')));
});

test('the default schema written as annotation.conf reads back as the same schema', () => {
  const schema = defaultStoreSchema();
  assert.deepEqual(schema.entityLabels, entityLabelNames);
  const again = parseAnnotationConf(formatAnnotationConf(schema));
  assert.deepEqual(again.problems, []);
  assert.deepEqual(again.entityLabels, schema.entityLabels);
  assert.deepEqual(again.events, schema.events);
  assert.deepEqual(again.attributes, schema.attributes);
  assert.equal(commitmentEventOf(again)?.args[0].role, 'Actor');
  assert.deepEqual(strengthsOf(again), ['binding', 'intent', 'aspirational', 'call']);
});

test('the samples ship the default schema as annotation.conf, so that the folder opens in brat as it is', () => {
  const shipped = fs.readFileSync(path.join(repoRoot, 'samples', 'annotation.conf'), 'utf8');
  assert.equal(shipped, formatAnnotationConf(defaultStoreSchema()), 'regenerate with: node out/scripts/review-sample.js');
});

test('a corpus annotation.conf is extended with what the files use and it lacks, in place, and left as it is otherwise', () => {
  const conf = [
    '\uFEFF# our schema',
    '[entities]',
    '!Agent',
    '\tParty',
    'Place',
    '',
    '[events]',
    '<AGENT>=Party',
    'Commitment\tActor?:<AGENT>',
    'Meeting',
    '',
    '[attributes]',
    'Strength\tArg:Commitment, Value:hard|soft',
    'Uncertain\tArg:<EVENT>',
    '',
  ].join('\r\n');
  const used: ConfUsage = emptyConfUsage();
  used.entities.add('Party').add('Place');
  used.events.set('Commitment', new Map([['Actor', new Map([['Party', 'entity' as const]])]]));
  used.attributes.set('Uncertain', { targets: new Map([['Meeting', 'event' as const]]), values: new Set() });
  assert.equal(extendAnnotationConf(conf, used), conf, 'everything declared (through a macro, <EVENT>): unchanged');

  used.entities.add('Person');
  used.events.get('Commitment')!.set('Actor', new Map([['Party', 'entity'], ['Person', 'entity']]));
  used.events.get('Commitment')!.set('Principle', new Map([['Place', 'entity']]));
  used.events.set('Vote', new Map());
  used.relations.set('PartOf', new Map([['Arg1', new Set(['Party'])], ['Arg2', new Set(['Place'])]]));
  used.attributes.set('Strength', { targets: new Map([['Commitment', 'event'], ['Vote', 'event']]), values: new Set(['hard', 'binding']) });
  used.attributes.set('Uncertain', { targets: new Map([['Place', 'entity']]), values: new Set(['yes']) });
  used.attributes.set('Review', { targets: new Map([['Party', 'entity']]), values: new Set(['suggested']) });
  const note = '# Declared by the Iltizam export: the exported files use these and the schema did not declare them.';
  assert.deepEqual(extendAnnotationConf(conf, used).split('\r\n'), [
    '\uFEFF# our schema',
    '[entities]',
    '!Agent',
    '\tParty',
    'Place',
    note,
    'Person',
    '',
    '[events]',
    '<AGENT>=Party',
    'Commitment\tActor?:<AGENT>|Person, Principle*:Place',
    'Meeting',
    note,
    'Vote',
    '',
    '[attributes]',
    'Strength\tArg:Commitment|Vote, Value:hard|soft|binding',
    'Uncertain\tArg:<EVENT>|Place',
    note,
    'Review\tArg:Party, Value:suggested',
    '',
    '[relations]',
    '',
    note,
    'PartOf\tArg1:Party, Arg2:Place',
    '',
  ]);
  const again = parseAnnotationConf(extendAnnotationConf(conf, used));
  assert.deepEqual(again.problems, []);
  assert.deepEqual(again.entityLabels, ['Party', 'Place', 'Person'], 'only what is used is added: no default label');
});

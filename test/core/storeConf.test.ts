import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  argumentLabels,
  commitmentEventOf,
  defaultStoreSchema,
  formatAnnotationConf,
  parseAnnotationConf,
  schemaHasCommitments,
  strengthsOf,
} from '../../server/src/core/store/conf';
import { entityLabelNames } from '../../server/src/core/schema';

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

// annotation.conf macros are expanded within limits: a macro that refers to
// itself, one nested too deep or one standing for too many types is an error
// on its line, never a stack overflow or a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_MACRO_DEPTH, MAX_MACRO_TYPES, parseAnnotationConf } from '../../server/src/annotations/conf';
import { inEnglish } from '../../server/src/messages/reason';

test('a recursive macro is reported, not a stack overflow', () => {
  const schema = parseAnnotationConf('<A>=<B>|Person\n<B>=<A>|Location\n[entities]\nPerson\nLocation\n[events]\nCommitment Actor:<A>\n[relations]\n[attributes]\n');
  assert.ok(schema.problems.some((p) => p.line === 7 && /refers to itself/.test(inEnglish(p.message))), JSON.stringify(schema.problems));
  assert.deepEqual(schema.events[0].args[0].types.sort(), ['Location', 'Person']);
});

test('an exponential or deep macro is bounded: reported on its line, parsed at once', () => {
  const levels = 60;
  const lines = [`<M0>=Person|Location`];
  for (let i = 1; i < levels; i++) lines.push(`<M${i}>=<M${i - 1}>|<M${i - 1}>`);
  const schema = parseAnnotationConf([...lines, '[entities]', 'Person', 'Location', '[events]', `Commitment Actor:<M${levels - 1}>`, '[relations]', '[attributes]'].join('\n'));
  assert.ok(schema.problems.some((p) => new RegExp(`more than ${MAX_MACRO_DEPTH} deep`).test(inEnglish(p.message))), JSON.stringify(schema.problems));
  assert.ok(schema.events[0].args[0].types.length <= 2);
  const wide = Array.from({ length: MAX_MACRO_TYPES + 50 }, (_, i) => `T${i}`).join('|');
  const capped = parseAnnotationConf(`<W>=${wide}\n[entities]\nPerson\n[events]\nCommitment Actor:<W>\n[relations]\n[attributes]\n`);
  assert.equal(capped.events[0].args[0].types.length, MAX_MACRO_TYPES);
  assert.ok(capped.problems.some((p) => p.line === 5 && /more than 1000 types/.test(inEnglish(p.message))));
});

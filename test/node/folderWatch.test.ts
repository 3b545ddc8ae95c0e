// Following a folder for a client that cannot watch files: a folder that has
// just appeared may have been filled before the watch began, so its entries
// are reported once when asked for (a lexicon written right after mkdir).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { watchFolder } from '../../server/src/node/folderWatch';

test('a folder watched with existingToo reports what it already holds; without, only what changes', (t) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-folderwatch-'));
  t.after(() => fs.rmSync(folder, { recursive: true, force: true }));
  fs.writeFileSync(path.join(folder, 'lexicon.json'), '{}');
  const withExisting: string[] = [];
  const without: string[] = [];
  const stops = [watchFolder(folder, (f) => withExisting.push(f), true), watchFolder(folder, (f) => without.push(f))];
  for (const stop of stops) stop?.();
  assert.deepEqual(withExisting, [path.join(folder, 'lexicon.json')]);
  assert.deepEqual(without, []);
});

test('a missing folder cannot be watched: undefined, so that it is tried again when it appears', () => {
  assert.equal(watchFolder(path.join(os.tmpdir(), 'iltizam-no-such-folder-' + process.pid), () => undefined, true), undefined);
});

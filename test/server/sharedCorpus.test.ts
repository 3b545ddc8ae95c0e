// Several programs sharing a corpus: a decision written while another writer
// changes the same .ann (a second server, a script appending) is applied
// again to what that writer left, so nobody's work is lost; review.json keeps
// what it does not know and what others wrote meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CancellationToken } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisService } from '../../server/src/server/analysisService';
import { AnnotationStores } from '../../server/src/server/annotationStores';
import { executeStoreCommand } from '../../server/src/server/features/commands';
import { ReviewStatuses } from '../../server/src/server/reviewStatuses';
import { storeCommands } from '../../server/src/protocol/commands';
import { MemoryFiles } from './memoryFiles';

const sample = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'samples', 'iom-onsa-agreement.txt'), 'utf8');

function accept(service: AnalysisService, doc: TextDocument, text: string): void {
  const target = service.viewOf(doc).entities.find((e) => e.text === text && e.status === 'suggested');
  assert.ok(target, `${text} is suggested`);
  executeStoreCommand({ service, document: () => doc, changed: () => undefined }, storeCommands.accept, { uri: doc.uri, target: { id: target.id, version: doc.version } }, CancellationToken.None);
}

test('a line another program appends between our read and our write is kept, and the decision applied on top of it', () => {
  const files = new MemoryFiles({ '/ws/doc.txt': sample});
  const service = new AnalysisService(new AnnotationStores(() => ['/ws'], files), files);
  const doc = TextDocument.create('file:///ws/doc.txt', 'plaintext', 1, sample);
  service.viewOf(doc);
  let appended = 0;
  files.beforeReplace = (file) => {
    // The script appends its line just before each of our first two writes.
    if (file === '/ws/doc.ann' && appended < 2) files.files.set(file, (files.files.get(file) ?? '') + `#9${appended++}\tAnnotatorNotes T1\tfrom a script\n`);
  };
  accept(service, doc, 'المنظمة الدولية للهجرة');
  const ann = files.read('/ws/doc.ann') ?? '';
  assert.match(ann, /^#90\tAnnotatorNotes T1\tfrom a script$/m);
  assert.match(ann, /^#91\tAnnotatorNotes T1\tfrom a script$/m);
  assert.match(ann, /^T1\tOrganization 0 22\tالمنظمة الدولية للهجرة$/m, 'the decision is applied to what the script left');
});

test('two servers deciding on the same document keep both decisions', () => {
  const files = new MemoryFiles({ '/ws/doc.txt': sample});
  const first = new AnalysisService(new AnnotationStores(() => ['/ws'], files), files);
  const second = new AnalysisService(new AnnotationStores(() => ['/ws'], files), files);
  const doc = TextDocument.create('file:///ws/doc.txt', 'plaintext', 1, sample);
  first.viewOf(doc);
  second.viewOf(doc);
  // The second server decides just before the first one's write lands.
  let once = true;
  files.beforeReplace = () => {
    if (!once) return;
    once = false;
    accept(second, doc, 'المنظمة الدولية للهجرة');
  };
  const other = first.viewOf(doc).entities.find((e) => e.status === 'suggested' && e.start > 22);
  assert.ok(other);
  accept(first, doc, other.text);
  const ann = files.read('/ws/doc.ann') ?? '';
  assert.match(ann, /\tOrganization 0 22\tالمنظمة الدولية للهجرة$/m, 'the second server\'s decision is still there');
  assert.ok(ann.includes(`\t${other.text}\n`), 'the first server\'s decision too');
});

test('review.json keeps unknown fields and entries, and a status another program set meanwhile', () => {
  const original = { version: 1, tool: { name: 'other' }, documents: { 'b.txt': { status: 'someday', extra: 1 }, 'a.txt': { status: 'in-progress', by: 'x', at: 't', comment: 'keep' } } };
  const files = new MemoryFiles({ '/ws/a.txt': sample, '/ws/c.txt': sample, '/ws/.iltizam/review.json': JSON.stringify(original) });
  const reviews = new ReviewStatuses(() => ['/ws'], files);
  let once = true;
  files.beforeReplace = (file) => {
    if (!once) return;
    once = false;
    const now = JSON.parse(files.files.get(file)!);
    now.documents['c.txt'] = { status: 'reviewed', by: 'someone', at: 't2' };
    files.files.set(file, JSON.stringify(now));
  };
  reviews.set('file:///ws/a.txt', 'reviewed', { by: 'tester', at: '2026-01-01T00:00:00Z' });
  const written = JSON.parse(files.read('/ws/.iltizam/review.json') ?? '');
  assert.deepEqual(written.tool, { name: 'other' });
  assert.deepEqual(written.documents['b.txt'], { status: 'someday', extra: 1 });
  assert.deepEqual(written.documents['a.txt'], { status: 'reviewed', by: 'tester', at: '2026-01-01T00:00:00Z', comment: 'keep' });
  assert.deepEqual(written.documents['c.txt'], { status: 'reviewed', by: 'someone', at: 't2' });
  assert.equal(reviews.get('file:///ws/c.txt').status, 'reviewed');
});

test('review.json entries are keyed by path, a document named __proto__ or constructor like any other', () => {
  const files = new MemoryFiles({ '/ws/.iltizam/review.json': '{"version": 1, "documents": {"__proto__": {"status": "reviewed"}, "constructor": {"status": "in-progress"}}}' });
  const reviews = new ReviewStatuses(() => ['/ws'], files);
  assert.equal(reviews.get('file:///ws/__proto__').status, 'reviewed');
  assert.equal(reviews.get('file:///ws/constructor').status, 'in-progress');
  assert.equal(reviews.get('file:///ws/toString').status, 'not-started');
  assert.deepEqual(Object.keys(reviews.all()).sort(), ['file:///ws/__proto__', 'file:///ws/constructor']);
});

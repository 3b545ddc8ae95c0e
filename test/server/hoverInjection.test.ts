// A hover card shows what the .ann says (notes, who decided) as literal text:
// a note cannot become a command link, an image or HTML in the card.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CancellationToken } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisService } from '../../server/src/server/analysisService';
import { AnnotationStores } from '../../server/src/server/annotationStores';
import { hoverAt } from '../../server/src/server/features/hover';
import { MemoryFiles } from './memoryFiles';

const sample = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'samples', 'iom-onsa-agreement.txt'), 'utf8');

test('notes and decisions from the .ann are escaped in hover cards, never links, images or HTML', () => {
  const ann = [
    'T1\tOrganization 0 22\tالمنظمة الدولية للهجرة',
    '#1\tAnnotatorNotes T1\t[run](command:workbench.action.terminal.new) ![x](https://evil.example/x.png) <img src=x onerror=alert(1)>',
    '#2\tDecision T1\tby=[me](command:x); at=2026-01-01T00:00:00Z',
    '',
  ].join('\n');
  const files = new MemoryFiles({ '/ws/doc.txt': sample, '/ws/doc.ann': ann });
  const service = new AnalysisService(new AnnotationStores(() => ['/ws'], files), files);
  const doc = TextDocument.create('file:///ws/doc.txt', 'plaintext', 1, sample);
  const hover = hoverAt(doc, service.viewOf(doc), doc.positionAt(3), CancellationToken.None);
  const value = (hover?.contents as { value: string; isTrusted?: boolean }).value;
  assert.ok(value.includes('run'), value);
  assert.ok(!/(^|[^\\])\]\(/.test(value), `no link or image: ${value}`);
  assert.ok(!/(^|[^\\])<img/.test(value), `no HTML: ${value}`);
  assert.ok(!value.includes('](command:'), value);
  assert.equal((hover?.contents as { isTrusted?: boolean }).isTrusted, undefined, 'never trusted');
});

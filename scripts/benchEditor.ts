// Opening the annotation editor on a large document (issue 15), as the
// extension does it: the document opened in the server, the reading-view data
// asked for (`iltizam/readingView`, which waits for the document's analysis),
// then the editor's layout built (render/annotationEditor.ts: the marks, the
// review orders, the first chunks' HTML; the other chunks follow). Before
// that, the view shows the text alone (textMs). The webview draws only the
// chunks in view; the time it takes to draw them is measured by the end-to-end run
// (test/e2e/annotationEditor.mjs reports "opened in … ms").
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ReadingViewResult, readingViewRequest } from '../server/src/protocol/messages';
import { layoutEditor } from '../server/src/render/annotationEditor';
import { round } from './benchStats';
import { startLspServer } from './benchLsp';

export interface EditorOpenFigures {
  bytes: number;
  /** didOpen → the reading-view data received (the analysis of the whole text included). */
  dataMs: number;
  /** The text alone laid out, its first chunk's HTML made: what the view shows before the marks. */
  textMs: number;
  /** The editor's layout built from it (marks, review orders) and the first two chunks' HTML (what is sent at once). */
  modelMs: number;
  /** dataMs + modelMs: until the view has its first chunks with their marks. */
  openMs: number;
  /** The HTML of every other chunk, sent after. */
  allChunksMs: number;
  chunks: number;
  marks: number;
  firstChunksKB: number;
  htmlKB: number;
}

const STRINGS = { labels: {}, strengths: {}, actors: 'actors', principles: 'principles', none: 'none', statuses: {}, confidence: '{0}%' };

export async function measureEditorOpen(serverScript: string, text: string): Promise<EditorOpenFigures> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'iltizam-bench-editor-'));
  const workspace = path.join(folder, 'workspace');
  fs.mkdirSync(workspace);
  const file = path.join(folder, 'bench-editor.txt');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const server = await startLspServer(serverScript, { workspace });
  try {
    const c = server.connection;
    const started = performance.now();
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const data = (await c.sendRequest(readingViewRequest.method, { uri })) as ReadingViewResult | null;
    if (!data) throw new Error('no reading-view data for the benchmark document');
    const received = performance.now();
    const layout = layoutEditor({ ...data, strings: { ...STRINGS, ...data.strings, statuses: {} } });
    const firstHtml = layout.html(0) + (layout.chunks.length > 1 ? layout.html(1) : '');
    const built = performance.now();
    let html = 0;
    for (let i = 0; i < layout.chunks.length; i++) html += layout.html(i).length;
    const allBuilt = performance.now();
    const textFirst = layoutEditor({ text, entities: [], commitments: [], strings: STRINGS });
    textFirst.html(0);
    const textBuilt = performance.now();
    return {
      bytes: Buffer.byteLength(text, 'utf8'),
      textMs: round(textBuilt - allBuilt),
      dataMs: round(received - started),
      modelMs: round(built - received),
      openMs: round(built - started),
      allChunksMs: round(allBuilt - built),
      chunks: layout.chunks.length,
      marks: layout.marks.length,
      firstChunksKB: round(firstHtml.length / 1000),
      htmlKB: round(html / 1000),
    };
  } finally {
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

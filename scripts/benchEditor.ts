// Opening the annotation editor on a large document (issue 15), as the
// extension does it: the document opened in the server, the reading-view data
// asked for (`iltizam/readingView`, which waits for the document's analysis),
// then the editor's model built (render/annotationEditor.ts: every chunk's
// HTML, the marks, the review orders). The webview then draws only the chunks
// in view; the time it takes to draw them is measured by the end-to-end run
// (test/e2e/annotationEditor.mjs reports "opened in … ms").
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ReadingViewResult, readingViewRequest } from '../server/src/protocol/messages';
import { buildEditorModel } from '../server/src/render/annotationEditor';
import { round } from './benchStats';
import { startLspServer } from './benchLsp';

export interface EditorOpenFigures {
  bytes: number;
  /** didOpen → the reading-view data received (the analysis of the whole text included). */
  dataMs: number;
  /** The editor's model built from it. */
  modelMs: number;
  /** Both: what the extension waits for before the webview draws its first chunks. */
  openMs: number;
  chunks: number;
  marks: number;
  /** The HTML of the first chunk (what is drawn at once) and of all of them. */
  firstChunkKB: number;
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
    const model = buildEditorModel({ ...data, strings: { ...STRINGS, ...data.strings, statuses: {} } });
    const built = performance.now();
    const html = model.chunks.reduce((n, ch) => n + ch.html.length, 0);
    return {
      bytes: Buffer.byteLength(text, 'utf8'),
      dataMs: round(received - started),
      modelMs: round(built - received),
      openMs: round(built - started),
      chunks: model.chunks.length,
      marks: model.marks.length,
      firstChunkKB: round(model.chunks[0].html.length / 1000),
      htmlKB: round(html / 1000),
    };
  } finally {
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

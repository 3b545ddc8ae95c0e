// Opening the annotation editor on a large document (issue 15), as the
// extension does it: the document opened in the server; first the marks of the
// first chunk, asked for with its range (`iltizam/readingView` answers them at
// once from those lines alone, provisional, while the whole text is analysed:
// firstMarksMs); then the reading-view data of the whole text (which waits for
// its analysis) and the editor's layout built from it (render/annotationEditor.ts:
// the marks, the review orders, the first chunks' HTML; the other chunks
// follow). Before any of that, the view shows the text alone (textMs). The
// webview draws only the chunks in view; the time it takes to draw them is
// measured by the end-to-end run (test/e2e/annotationEditor.mjs).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ReadingViewResult, readingViewRequest } from '../server/src/protocol/messages';
import { layoutEditor } from '../server/src/render/annotationEditor';
import { round } from './benchStats';
import { INDEXED, startLspServer } from './benchLsp';

export interface EditorOpenFigures {
  bytes: number;
  /** didOpen → the first chunk's provisional marks received (its lines analysed alone) and its HTML made with them. */
  firstMarksMs: number;
  /** Whether that answer was provisional (false: the server had the whole analysis already, or the lines were too long). */
  firstMarksProvisional: boolean;
  firstMarks: number;
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

/** Issue 15: a document of 1 MB opens in under a second, its first screen with its marks. */
export function editorTargets(e: EditorOpenFigures | undefined): { target: string; value: number; limit: number; met: boolean; ratio: number }[] {
  if (!e) return [];
  return [{ target: 'annotation editor, 1 MB, fresh server: first-screen marks (ms)', value: e.firstMarksMs, limit: 1000, met: e.firstMarksMs < 1000, ratio: round(e.firstMarksMs / 1000) }];
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
    // The (empty) workspace indexed, as when an editor is opened: the open document is analysed in the worker thread.
    await server.waitForNotification(INDEXED, (p) => p.complete === true, 10000).catch(() => undefined);
    const started = performance.now();
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const chunk = layoutEditor({ text, entities: [], commitments: [], strings: STRINGS }).chunks[0];
    const early = (await c.sendRequest(readingViewRequest.method, { uri, range: { start: chunk.start, end: chunk.end } })) as ReadingViewResult | null;
    if (!early) throw new Error('no first-chunk data for the benchmark document');
    layoutEditor({ ...early, strings: { ...STRINGS, ...early.strings, statuses: {} } }).html(0);
    const firstMarks = performance.now();
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
      firstMarksMs: round(firstMarks - started),
      firstMarksProvisional: early.provisional === true,
      firstMarks: early.entities.length + early.commitments.length,
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

// The iltizam.* settings, pulled from the client (per workspace folder, with
// its scopeUri), and the workspace lexicon files they name: loaded, with
// their diagnostics, and the documents annotated again when they change.
import { pathToFileURL } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultSettings, Settings } from './analysisService';
import { readOrEmpty } from './annotationFileDocuments';
import type { AnnotationPush } from './annotationPush';
import type { ServerContext } from './context';
import { lexiconDiagnostics } from './features/lexiconDiagnostics';
import type { WorkspaceLearning } from './learning';

/** Settings as the client sends them (the `iltizam` section), each value checked, the default where it is missing or wrong. */
export function readSettings(config: any): Settings {
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  return {
    arabicThreshold: num(config?.arabicThreshold, defaultSettings.arabicThreshold),
    lexiconPaths: Array.isArray(config?.lexicon?.paths) ? config.lexicon.paths.filter((p: unknown) => typeof p === 'string') : defaultSettings.lexiconPaths,
    maxOutlineSymbols: Math.max(10, num(config?.outline?.maxSymbols, defaultSettings.maxOutlineSymbols)),
    annotator: typeof config?.annotator === 'string' ? config.annotator : defaultSettings.annotator,
    minConfidence: Math.min(1, Math.max(0, num(config?.suggestions?.minConfidence, defaultSettings.minConfidence))),
    taggerMaxLength: Math.max(0, num(config?.tagger?.maxDocumentLength, defaultSettings.taggerMaxLength)),
    learningEnabled: typeof config?.learning?.enabled === 'boolean' ? config.learning.enabled : defaultSettings.learningEnabled,
  };
}

export class SettingsSync {
  constructor(
    private readonly ctx: ServerContext,
    private readonly push: AnnotationPush,
    /** Indexes the corpus again (other suggestions everywhere). */
    private readonly rebuildIndex: () => void,
    private readonly learning: WorkspaceLearning,
  ) {}

  async refresh(): Promise<void> {
    const { ctx } = this;
    const thresholds = () => JSON.stringify([ctx.service.settings, ...ctx.service.folderSettings.values()].map((s) => [s.minConfidence, s.taggerMaxLength]));
    const thresholdsBefore = thresholds();
    if (ctx.client.pullConfiguration) {
      // The user's settings, then each workspace folder's (its own .vscode/settings.json wins in it).
      const roots = [...ctx.workspaceRoots];
      const items = [{ section: 'iltizam' }, ...roots.map((root) => ({ scopeUri: pathToFileURL(root).toString(), section: 'iltizam' }))];
      const configs: unknown[] = await ctx.connection.workspace.getConfiguration(items).catch(() => []);
      ctx.service.settings = readSettings(configs[0]);
      ctx.service.folderSettings = new Map(roots.map((root, i) => [root, readSettings(configs[i + 1] ?? configs[0])]));
    }
    const generation = ctx.service.lexiconVersion;
    for (const file of ctx.lexiconFiles()) this.loadLexicon(file);
    this.learning.refresh();
    this.push.pushAll();
    // Another lexicon, minimum confidence or tagger limit: other suggestions everywhere.
    if (ctx.service.lexiconVersion !== generation || thresholds() !== thresholdsBefore) this.rebuildIndex();
  }

  /** Loads a workspace lexicon file (from the editor's text, or from disk) and sends its diagnostics. */
  loadLexicon(file: string, text?: string): void {
    const { ctx } = this;
    const problems = ctx.service.loadWorkspaceLexicon(file, text);
    const uri = pathToFileURL(file).toString();
    const doc = ctx.documents.get(uri) ?? TextDocument.create(uri, 'json', 0, text ?? readOrEmpty(ctx, file));
    void ctx.connection.sendDiagnostics({ uri, diagnostics: lexiconDiagnostics(doc, problems) });
  }
}

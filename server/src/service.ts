// The service layer under the LSP handlers: open documents, their analyses
// cached by version, their stored annotations merged with the suggestions,
// the effective lexicon (default + workspace files) and settings. It knows
// nothing of the protocol's wire types.
import * as fs from 'fs';
import * as os from 'os';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, arabicShare } from './core/analyze';
import { getDefaultLexicon, Lexicon, LexiconEntry, LexiconProblem, parseLexiconFile } from './core/lexicon';
import type { Decision } from './core/store/annotationSet';
import { AnnotatedView, mergeView } from './core/store/view';
import type { Analysis } from './core/types';
import { AnnotationStores } from './stores';
import { WORKSPACE_LEXICON } from './core/workspaceFiles';

export interface Settings {
  arabicThreshold: number;
  lexiconPaths: string[];
  maxOutlineSymbols: number;
  /** Who the decisions are recorded as made by; empty: the user's login name. */
  annotator: string;
}

export const defaultSettings: Settings = { arabicThreshold: 0.3, lexiconPaths: [WORKSPACE_LEXICON], maxOutlineSymbols: 2000, annotator: '' };

interface Cached {
  version: number;
  lexiconGeneration: number;
  analysis: Analysis;
  view?: { storeGeneration: number; view: AnnotatedView };
}

export class AnalysisService {
  private readonly cache = new Map<string, Cached>();
  private lexiconValue: Lexicon | undefined;
  /** The effective lexicon. The default one is compiled on first use rather than on the way to the initialize response. */
  private get lexicon(): Lexicon {
    return (this.lexiconValue ??= getDefaultLexicon());
  }
  private set lexicon(value: Lexicon) {
    this.lexiconValue = value;
  }
  private lexiconGeneration = 0;
  /** Workspace lexicon files by path, with their entries and problems. */
  private readonly workspaceLexicons = new Map<string, { entries: LexiconEntry[]; problems: LexiconProblem[]; text: string }>();
  settings: Settings = defaultSettings;

  constructor(readonly stores: AnnotationStores = new AnnotationStores(() => [])) {}

  /** Whether the server annotates this document: plain text or arabic-policy, mostly Arabic. */
  isAnnotatable(doc: TextDocument): boolean {
    return this.isAnnotatableText(doc.getText(), doc.languageId);
  }

  /** The analysis of this version of the document, computed once. */
  analysisOf(doc: TextDocument): Analysis {
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === doc.version && cached.lexiconGeneration === this.lexiconGeneration) return cached.analysis;
    const analysis = analyzeText(doc.getText(), { lexicon: this.lexicon });
    this.cache.set(doc.uri, { version: doc.version, lexiconGeneration: this.lexiconGeneration, analysis });
    return analysis;
  }

  /** The stored annotations of this version of the document with the suggestions no decision covers. */
  viewOf(doc: TextDocument): AnnotatedView {
    const analysis = this.analysisOf(doc);
    const store = this.stores.open(doc.uri, doc.getText());
    const cached = this.cache.get(doc.uri)!;
    if (cached.view?.storeGeneration === store.generation) return cached.view.view;
    const view = mergeView(analysis, store.set.annotations(), store.schema, this.lexiconLookup());
    cached.view = { storeGeneration: store.generation, view };
    return view;
  }

  /**
   * The view of a file that is not open in the editor (for the workspace
   * index): analysed and merged with its .ann, without keeping anything.
   */
  viewOfClosedFile(uri: string, text: string): AnnotatedView {
    const wasOpen = !!this.stores.get(uri);
    const store = this.stores.open(uri, text);
    try {
      return mergeView(analyzeText(text, { lexicon: this.lexicon }), store.set.annotations(), store.schema, this.lexiconLookup());
    } finally {
      if (!wasOpen) this.stores.close(uri);
    }
  }

  /** Whether a text in this language (of an open document or a file) is one the server annotates. */
  isAnnotatableText(text: string, languageId = 'plaintext'): boolean {
    if (languageId === 'arabic-policy') return true;
    if (languageId !== 'plaintext') return false;
    const share = arabicShare(text);
    return share >= this.settings.arabicThreshold && share > 0;
  }

  private lexiconLookup() {
    const lexicon = this.lexicon;
    return (kb: string) => {
      const entry = lexicon.byId.get(kb);
      return entry && { nameAr: entry.ar, nameEn: entry.en, description: entry.description, wikidata: entry.wikidata };
    };
  }

  /** The workspace lexicon file that defines an entry (the last one wins), if any. */
  workspaceLexiconOf(id: string): { file: string; text: string } | undefined {
    let found: { file: string; text: string } | undefined;
    for (const [file, l] of this.workspaceLexicons) if (l.entries.some((e) => e.id === id)) found = { file, text: l.text };
    return found;
  }

  /** Who is deciding, and now. */
  decision(): Decision {
    let by = this.settings.annotator.trim();
    if (!by) {
      try {
        by = os.userInfo().username;
      } catch {
        by = 'unknown';
      }
    }
    return { by, at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.stores.close(uri);
  }

  /** Changes whenever the effective lexicon does. */
  get lexiconVersion(): number {
    return this.lexiconGeneration;
  }

  get currentLexicon(): Lexicon {
    return this.lexicon;
  }

  /**
   * Loads (or reloads) a workspace lexicon file from the given text, or from
   * disk when no text is given; a missing file removes its entries.
   * Returns the problems found, for diagnostics.
   */
  loadWorkspaceLexicon(filePath: string, text?: string): LexiconProblem[] {
    let source = text;
    if (source === undefined) {
      try {
        source = fs.readFileSync(filePath, 'utf8');
      } catch {
        if (this.workspaceLexicons.delete(filePath)) this.rebuildLexicon();
        return [];
      }
    }
    const previous = this.workspaceLexicons.get(filePath);
    if (previous && previous.text === source) return previous.problems;
    const parsed = parseLexiconFile(source);
    this.workspaceLexicons.set(filePath, { ...parsed, text: source });
    this.rebuildLexicon();
    return parsed.problems;
  }

  private rebuildLexicon(): void {
    const overrides = [...this.workspaceLexicons.values()].flatMap((l) => l.entries);
    this.lexicon = getDefaultLexicon().withOverrides(overrides);
    this.lexiconGeneration++;
  }
}

// The service layer under the LSP handlers: open documents, their analyses
// cached by version, their stored annotations merged with the suggestions,
// the effective lexicon (default + workspace files) and settings. It knows
// nothing of the protocol's wire types.
import * as path from 'path';
import { fileURLToPath } from 'url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, DEFAULT_ARABIC_THRESHOLD, isArabicText } from '../analysis/analyze';
import { hideUnsure } from '../analysis/combineEntities';
import { getDefaultRules } from '../analysis/rules';
import type { TextEdit } from '../annotations/anchoring';
import { getDefaultLexicon, Lexicon, LexiconEntry, LexiconProblem, parseLexiconFile } from '../analysis/lexicon';
import type { Decision } from '../annotations/annotationSet';
import { AnnotatedView, ColouredView, mergeView } from '../annotations/view';
import type { Analysis } from '../analysis/types';
import type { SequenceTagger } from '../analysis/tagger';
import { AnnotationStores } from './annotationStores';
import { WORKSPACE_LEXICON } from '../node/workspaceFiles';
import { loginName } from '../node/files';
import { joinedAnalysis, placedAnalysis } from '../analysis/placed';
import { diskFiles, FileAccess } from '../node/fileAccess';

export interface Settings {
  arabicThreshold: number;
  lexiconPaths: string[];
  maxOutlineSymbols: number;
  /** Who the decisions are recorded as made by; empty: the user's login name. */
  annotator: string;
  /** Suggested entities under this confidence are not shown (iltizam.suggestions.minConfidence). */
  minConfidence: number;
  /** Documents longer than this (characters) are analysed without the sequence tagger (iltizam.tagger.maxDocumentLength; 0: never). */
  taggerMaxLength: number;
  /** The tagger adapts to the workspace's decisions (iltizam.learning.enabled; see learning.ts). */
  learningEnabled: boolean;
}

/** The settings' defaults, written once: package.json declares the same (test/core/packaging.test.ts checks it). */
export const defaultSettings: Settings = { arabicThreshold: DEFAULT_ARABIC_THRESHOLD, lexiconPaths: [WORKSPACE_LEXICON], maxOutlineSymbols: 2000, annotator: '', minConfidence: 0, taggerMaxLength: 200_000, learningEnabled: true };

/** AnalysisService.configuration(): plain data, for a worker thread. */
export interface AnalysisConfiguration {
  settings: Settings;
  folderSettings: [string, Settings][];
  /** Workspace lexicon files and their texts, in the order they were loaded. */
  lexicons: [string, string][];
  adaptedFolders: string[];
}

interface Cached {
  version: number;
  lexiconGeneration: number;
  /** The settings the analysis was made with (per folder, so part of the cache key). */
  minConfidence: number;
  taggerMaxLength: number;
  analysis: Analysis;
  view?: { storeGeneration: number; view: AnnotatedView };
}

/** Above this many characters, a document's requests about one place are answered from the text around it until its exact view is computed (windowViewOf). */
export const WINDOW_DOCUMENT_LENGTH = 1_000_000;
/** Characters analysed on each side of the place in windowViewOf. */
const WINDOW_RADIUS = 4_000;
/** Characters of a very long document analysed between two pauses (analyseInSlices): a tenth of a second or so. */
const SLICE_LENGTH = 100_000;

/** Above this many characters of edited lines, the exact view is computed instead (a large paste or replace). */
const MAX_PROVISIONAL_REGION = 20_000;

/**
 * At most this many characters of a first screen are analysed (firstScreenViewOf), from the start of
 * the range: a screen of long lines is coloured from its top, the rest when the exact view comes.
 */
export const FIRST_SCREEN_LENGTH = 30_000;

/**
 * The part of `text` a first screen [from, to) is coloured from: its lines (as for an edit, see
 * editedLines) up to FIRST_SCREEN_LENGTH characters after `from`; where the lines are longer than
 * that, the text from the white space before `from` to the one after that length (no word cut).
 */
export function firstScreenRegion(text: string, from: number, to: number): { start: number; end: number; context: number } {
  const end = Math.min(to, from + FIRST_SCREEN_LENGTH);
  const lines = editedLines(text, from, end);
  if (lines.context - lines.start <= 2 * FIRST_SCREEN_LENGTH) return lines;
  const start = Math.max(0, text.lastIndexOf(' ', from - 1) + 1, text.lastIndexOf('\n', from - 1) + 1);
  const space = text.slice(end, end + FIRST_SCREEN_LENGTH).search(/\s/);
  const stop = space < 0 ? Math.min(text.length, end + FIRST_SCREEN_LENGTH) : end + space;
  return { start, end: stop, context: stop };
}

/**
 * Where an edit's annotations can have changed, in `text` after the edit:
 * [start, end) is the lines it touched and the line before them, since a few
 * rules look one token into the next line (an apposition, a coordinated head
 * noun, the parties), and the line before may look into the edited one. They
 * are analysed with the line after them, `context` its end, for the same
 * reason; the line after itself is as it was.
 */
function editedLines(text: string, start: number, end: number): { start: number; end: number; context: number } {
  let from = text.lastIndexOf('\n', start - 1) + 1;
  if (from > 0) from = text.lastIndexOf('\n', from - 2) + 1;
  const lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) return { start: from, end: text.length, context: text.length };
  const next = text.indexOf('\n', lineEnd + 1);
  return { start: from, end: lineEnd, context: next < 0 ? text.length : next };
}

/** The deepest of the folders that holds the document (a file: URI), if any. */
export function folderOf(uri: string, folders: Iterable<string>): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const file = fileURLToPath(uri);
  let best: string | undefined;
  for (const root of folders) {
    const inside = file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
    if (inside && (!best || root.length > best.length)) best = root;
  }
  return best;
}

export class AnalysisService {
  private readonly cache = new Map<string, Cached>();
  /** Per document, the part of its text that differs from the text of its cached analysis (offsets in the current text). */
  private readonly changedSinceAnalysis = new Map<string, { start: number; end: number }>();
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
  /** The settings of documents outside every workspace folder (the user's). */
  settings: Settings = defaultSettings;
  /** Each workspace folder's own settings (its .vscode/settings.json over the user's), by folder path. */
  folderSettings = new Map<string, Settings>();

  /** The settings that apply to a document: those of the deepest workspace folder holding it. */
  settingsFor(uri: string): Settings {
    const best = folderOf(uri, this.folderSettings.keys());
    return best ? this.folderSettings.get(best)! : this.settings;
  }

  /** Each workspace folder's tagger adapted to its decisions (learning.ts), by folder path; the shipped one elsewhere. */
  private readonly adaptedTaggers = new Map<string, SequenceTagger>();

  /** Sets (or, undefined, removes) a folder's adapted tagger; its documents are analysed again. */
  setAdaptedTagger(root: string, tagger: SequenceTagger | undefined): void {
    if (tagger) this.adaptedTaggers.set(root, tagger);
    else if (!this.adaptedTaggers.delete(root)) return;
    this.lexiconGeneration++; // the cache's generation: another tagger, other suggestions
  }

  hasAdaptedTagger(root: string): boolean {
    return this.adaptedTaggers.has(root);
  }

  constructor(
    readonly stores: AnnotationStores = new AnnotationStores(() => []),
    private readonly files: FileAccess = diskFiles,
  ) {}

  /**
   * Analyses (part of) a document of `documentLength` characters with the settings of its folder:
   * the tagger only up to the length where it would hold up requests (the whole analysis runs on
   * the thread that answers them), suggestions under the minimum confidence hidden.
   */
  private analyse(text: string, uri: string, documentLength: number, surroundingPersons?: Iterable<string>): Analysis {
    const { minConfidence, taggerMaxLength } = this.settingsFor(uri);
    const withTagger = documentLength <= taggerMaxLength;
    const root = folderOf(uri, this.adaptedTaggers.keys());
    const tagger = withTagger ? (root ? this.adaptedTaggers.get(root) : undefined) : false;
    return hideUnsure(analyzeText(text, { lexicon: this.lexicon, surroundingPersons, ...(tagger === undefined ? {} : { tagger }) }), minConfidence);
  }

  /**
   * What another thread needs to analyse the workspace's files as this service
   * does (server/indexWorker.ts): the settings, the workspace lexicon files'
   * texts, and the folders whose tagger is adapted (from their adaptation file).
   */
  configuration(): AnalysisConfiguration {
    return {
      settings: this.settings,
      folderSettings: [...this.folderSettings],
      lexicons: [...this.workspaceLexicons].map(([file, l]) => [file, l.text]),
      adaptedFolders: [...this.adaptedTaggers.keys()],
    };
  }

  /** Compiles the lexicon and the rules (once), ahead of the first analysis. */
  prepare(): void {
    getDefaultRules();
    // A few of the lexicon's names analysed: the analyser's code is loaded and compiled before a first screen needs it.
    const names = [...this.lexicon.byId.values()].slice(0, 20).map((e) => e.ar);
    this.analyse(names.join('، '), '', names.length, []);
  }

  /** Whether the server annotates this document: plain text or arabic-policy, mostly Arabic. */
  isAnnotatable(doc: TextDocument): boolean {
    return this.isAnnotatableText(doc.getText(), doc.languageId, doc.uri);
  }

  /** The analysis of this version of the document, computed once. */
  analysisOf(doc: TextDocument): Analysis {
    const cached = this.currentAnalysisOf(doc);
    if (cached) return cached;
    const text = doc.getText();
    const analysis = this.analyse(text, doc.uri, text.length);
    this.remember(doc, analysis);
    return analysis;
  }

  /** The whole text of a document analysed as its folder's settings say (in the worker thread, for an open document). */
  analysisOfText(uri: string, text: string): Analysis {
    return this.analyse(text, uri, text.length);
  }

  /** The analysis of this version of the document when it is computed already. */
  currentAnalysisOf(doc: TextDocument): Analysis | undefined {
    const cached = this.cache.get(doc.uri);
    const { minConfidence, taggerMaxLength } = this.settingsFor(doc.uri);
    if (cached && cached.version === doc.version && cached.lexiconGeneration === this.lexiconGeneration && cached.minConfidence === minConfidence && cached.taggerMaxLength === taggerMaxLength) return cached.analysis;
    return undefined;
  }

  private remember(doc: TextDocument, analysis: Analysis): void {
    const { minConfidence, taggerMaxLength } = this.settingsFor(doc.uri);
    this.cache.set(doc.uri, { version: doc.version, lexiconGeneration: this.lexiconGeneration, minConfidence, taggerMaxLength, analysis });
    this.changedSinceAnalysis.delete(doc.uri);
  }

  /** Analyses open documents in another thread (set by the server when it has its worker); undefined: it cannot now. */
  backgroundAnalyser: ((uri: string, text: string) => Promise<Omit<Analysis, 'text'> | undefined>) | undefined;
  private readonly inBackground = new Map<string, { key: string; done: Promise<void> }>();

  /**
   * Resolves when this version of the document has its analysis, made in the
   * worker thread when there is one, so that the requests meanwhile are
   * answered; at once when it is there already. If the worker cannot make it,
   * or the document changed meanwhile, analysisOf makes it when asked.
   */
  analysedInBackground(doc: TextDocument): Promise<void> {
    if (this.currentAnalysisOf(doc) || !this.backgroundAnalyser) return Promise.resolve();
    const key = JSON.stringify([doc.version, this.lexiconGeneration, this.settingsFor(doc.uri)]);
    const pending = this.inBackground.get(doc.uri);
    if (pending?.key === key) return pending.done;
    const text = doc.getText();
    const made = this.backgroundAnalyser(doc.uri, text);
    const done = made.then((analysis) => {
      if (this.inBackground.get(doc.uri)?.done === done) this.inBackground.delete(doc.uri);
      const stillSo = JSON.stringify([doc.version, this.lexiconGeneration, this.settingsFor(doc.uri)]) === key && doc.getText() === text;
      if (analysis && stillSo && !this.currentAnalysisOf(doc)) this.remember(doc, { text, ...analysis });
    });
    this.inBackground.set(doc.uri, { key, done });
    return done;
  }

  /** Whether some version of the document has been analysed (an edit can then be coloured from the edited lines). */
  hasAnalysed(doc: TextDocument): boolean {
    return this.cache.has(doc.uri);
  }

  /** The background analysis under way for this version of the document, if any (a request can wait for it instead of analysing here). */
  backgroundAnalysisOf(doc: TextDocument): Promise<void> | undefined {
    const pending = this.inBackground.get(doc.uri);
    return pending && pending.key === JSON.stringify([doc.version, this.lexiconGeneration, this.settingsFor(doc.uri)]) ? pending.done : undefined;
  }

  /**
   * Analyses a very long document (over WINDOW_DOCUMENT_LENGTH characters) a
   * slice at a time, with `pause` between slices so that requests are answered
   * meanwhile; the analysis is then this version's (viewOf uses it). Each slice
   * ends at a white space and is analysed on its own: rules that look across
   * the document see only their slice. False when the document or the
   * lexicon changed meanwhile (the analysis is dropped).
   */
  async analyseInSlices(doc: TextDocument, pause: () => Promise<void>): Promise<boolean> {
    if (this.currentAnalysisOf(doc)) return true;
    const { version } = doc;
    const generation = this.lexiconGeneration;
    const text = doc.getText();
    const parts: Analysis[] = [];
    for (let start = 0; start < text.length; ) {
      // A pause first: the requests that came with the document (a hover) are answered before any slice.
      await pause();
      if (doc.version !== version || this.lexiconGeneration !== generation) return false;
      const to = Math.min(text.length, start + SLICE_LENGTH);
      const space = text.slice(to, to + WINDOW_RADIUS).search(/\s/);
      const end = to === text.length || space < 0 ? to : to + space + 1;
      parts.push(placedAnalysis(this.analyse(text.slice(start, end), doc.uri, text.length), text, start, end, `s${parts.length}.`));
      start = end;
    }
    const { minConfidence, taggerMaxLength } = this.settingsFor(doc.uri);
    this.cache.set(doc.uri, { version, lexiconGeneration: generation, minConfidence, taggerMaxLength, analysis: joinedAnalysis(text, parts) });
    this.changedSinceAnalysis.delete(doc.uri);
    return true;
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

  /** Edits of an open document, each on the text the one before left: where its text now differs from its analysed one. */
  textEdited(uri: string, edits: TextEdit[]): void {
    let changed = this.changedSinceAnalysis.get(uri);
    for (const e of edits) {
      const inserted = e.start + e.text.length;
      if (!changed) {
        changed = { start: e.start, end: inserted };
        continue;
      }
      // Where the end of the changed part is after this edit: before it, it stays; after it, it moves.
      const end = changed.end <= e.start ? changed.end : changed.end >= e.end ? changed.end + e.text.length - (e.end - e.start) : inserted;
      changed = { start: Math.min(changed.start, e.start), end: Math.max(end, inserted) };
    }
    if (changed) this.changedSinceAnalysis.set(uri, changed);
  }

  /**
   * A view of the text around `offset` alone, for a request about one place
   * (a hover) in a document too long to wait for (over WINDOW_DOCUMENT_LENGTH
   * characters) while its exact view is not computed yet: a 20 MB document's
   * first hover does not wait for the analysis of all of it. Rules that look
   * across the document may see the place otherwise; the exact view, computed
   * after, is the truth. Undefined when viewOf is to be used.
   */
  windowViewOf(doc: TextDocument, offset: number): AnnotatedView | undefined {
    const text = doc.getText();
    if (text.length <= WINDOW_DOCUMENT_LENGTH || this.currentAnalysisOf(doc)) return undefined;
    // From a space (or a line break) on either side, so that no word is cut.
    const from = Math.max(0, offset - WINDOW_RADIUS);
    const start = from === 0 ? 0 : Math.max(0, text.lastIndexOf(' ', from) + 1, text.lastIndexOf('\n', from) + 1, from - WINDOW_RADIUS);
    const to = Math.min(text.length, offset + WINDOW_RADIUS);
    const space = text.slice(to, to + WINDOW_RADIUS).search(/\s/);
    const end = space < 0 ? Math.min(text.length, to + WINDOW_RADIUS) : to + space;
    const analysis = placedAnalysis(this.analyse(text.slice(start, end), doc.uri, text.length), text, start, end, 'w');
    const store = this.stores.open(doc.uri, text);
    const touches = (a: { fragments: { start: number; end: number }[] }) => a.fragments.some((f) => f.start < end && f.end > start);
    return mergeView(analysis, store.set.annotations().filter(touches), store.schema, this.lexiconLookup());
  }

  /**
   * A view of this version for colouring it, cheaply, while its exact view is
   * not computed yet: the last exact view with the edited lines (and a line on
   * each side, which a few rules look into) analysed again on their own, and
   * everything else moved by the edit. Rules that look across the document
   * (a surname seen elsewhere, "the government", the parties) may see it
   * otherwise; the exact view, computed when the edits pause, is the truth.
   * Undefined when there is no earlier view to start from, a decision or the
   * lexicon changed since, or the edit is too large to be worth it.
   */
  provisionalViewOf(doc: TextDocument): ColouredView | undefined {
    const cached = this.cache.get(doc.uri);
    const store = this.stores.get(doc.uri);
    const changed = this.changedSinceAnalysis.get(doc.uri);
    if (!cached?.view || !store || !changed || cached.version === doc.version || cached.lexiconGeneration !== this.lexiconGeneration) return undefined;
    if (store.decidedGeneration > cached.view.storeGeneration) return undefined;
    const before = cached.view.view;
    const text = doc.getText();
    const region = editedLines(text, changed.start, changed.end);
    if (region.end - region.start > MAX_PROVISIONAL_REGION) return undefined;
    const delta = text.length - before.text.length;
    const oldEnd = region.end - delta;

    // The people of the rest of the document, for their surnames in the edited lines (the analysis's, not the view's:
    // a person an annotator accepted is still one the analysis found).
    const persons = new Set<string>();
    for (const e of cached.analysis.entities) {
      if (e.label === 'Person' && e.rule !== 'repeated-name' && (e.end <= region.start || e.start >= oldEnd)) persons.add(e.text);
    }
    const inRegion = this.regionView(doc.uri, text, region, persons);

    // Outside the edited lines, the earlier view, moved by the edit after them. Both views are
    // sorted by start, so the parts follow each other in order; only what colours needs is copied.
    const entities: ColouredView['entities'][number][] = [];
    for (const e of before.entities) if (e.end <= region.start) entities.push(e);
    entities.push(...inRegion.entities);
    for (const e of before.entities) {
      if (e.start >= oldEnd) entities.push({ start: e.start + delta, end: e.end + delta, label: e.label, status: e.status, source: e.source });
    }
    const commitments: ColouredView['commitments'][number][] = [];
    for (const c of before.commitments) if (c.end <= region.start) commitments.push(c);
    commitments.push(...inRegion.commitments);
    for (const c of before.commitments) {
      if (c.start >= oldEnd) commitments.push({ start: c.start + delta, end: c.end + delta, negated: c.negated, cue: c.cue && { ...c.cue, start: c.cue.start + delta, end: c.cue.end + delta } });
    }
    return { entities, commitments };
  }

  /**
   * Colours for the first screen of a document never analysed yet (the
   * visible range an editor asks for right after opening it): the lines of
   * [from, to) analysed on their own, as for an edit (provisionalViewOf), with
   * the stored annotations over them. The exact view of the whole document
   * follows; rules that look across the document may see these lines
   * otherwise. A range longer than FIRST_SCREEN_LENGTH is coloured from its
   * top (firstScreenRegion). Undefined when the document has a view already.
   */
  firstScreenViewOf(doc: TextDocument, from: number, to: number): AnnotatedView | undefined {
    if (this.cache.has(doc.uri)) return undefined;
    const text = doc.getText();
    return this.regionView(doc.uri, text, firstScreenRegion(text, from, to));
  }

  /** The lines [start, end) of the region analysed on their own (the line after them as context), merged with the stored annotations over them. */
  private regionView(uri: string, text: string, region: { start: number; end: number; context: number }, persons?: Iterable<string>): AnnotatedView {
    const store = this.stores.open(uri, text);
    const local = this.analyse(text.slice(region.start, region.context), uri, text.length, persons);
    // What the line after says is only context: its own annotations are the earlier view's.
    const analysis: Analysis = { ...placedAnalysis(local, text, region.start, region.end, 'p'), sentences: [] };
    const touches = (a: { fragments: { start: number; end: number }[] }) => a.fragments.some((f) => f.start < region.end && f.end > region.start);
    return mergeView(analysis, store.set.annotations().filter(touches), store.schema, this.lexiconLookup());
  }

  /**
   * The view of a file that is not open in the editor (for the workspace
   * index): analysed and merged with its .ann, without keeping anything.
   */
  viewOfClosedFile(uri: string, text: string): AnnotatedView {
    const wasOpen = !!this.stores.get(uri);
    const store = this.stores.open(uri, text);
    try {
      return mergeView(this.analyse(text, uri, text.length), store.set.annotations(), store.schema, this.lexiconLookup());
    } finally {
      if (!wasOpen) this.stores.close(uri);
    }
  }

  /** Whether a text in this language (of an open document or a file) is one the server annotates. */
  isAnnotatableText(text: string, languageId: string, uri: string): boolean {
    if (languageId === 'arabic-policy') return true;
    // Whatever else the editor calls a text (VS Code `plaintext`, Neovim and Eglot `text`, Helix `text`...), its content decides;
    // an annotation file opened on its own is not a text to annotate.
    if (languageId === 'brat-standoff' || /\.ann$/i.test(uri)) return false;
    return isArabicText(text, this.settingsFor(uri).arabicThreshold);
  }

  private lexiconLookup() {
    const lexicon = this.lexicon;
    return (kb: string) => {
      const entry = lexicon.byId.get(kb);
      return entry && { nameAr: entry.ar, nameEn: entry.en, description: entry.description, wikidata: entry.wikidata };
    };
  }

  /** The entries of every workspace lexicon file, in order (laid over the default lexicon). */
  workspaceLexiconEntries(): LexiconEntry[] {
    return [...this.workspaceLexicons.values()].flatMap((l) => l.entries);
  }

  /** Forgets a workspace lexicon file's entries (the file may stay on disk: learning turned off). */
  dropWorkspaceLexicon(filePath: string): void {
    if (this.workspaceLexicons.delete(filePath)) this.rebuildLexicon();
  }

  /** The workspace lexicon file that defines an entry (the last one wins), if any. */
  workspaceLexiconOf(id: string): { file: string; text: string } | undefined {
    let found: { file: string; text: string } | undefined;
    for (const [file, l] of this.workspaceLexicons) if (l.entries.some((e) => e.id === id)) found = { file, text: l.text };
    return found;
  }

  /** Who is deciding, and now. */
  decision(uri: string): Decision {
    const by = this.settingsFor(uri).annotator.trim() || loginName();
    return { by, at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.inBackground.delete(uri);
    this.changedSinceAnalysis.delete(uri);
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
    try {
      source ??= this.files.read(filePath);
    } catch {
      source = undefined; // unreadable: as if it were not there
    }
    if (source === undefined) {
      if (this.workspaceLexicons.delete(filePath)) this.rebuildLexicon();
      return [];
    }
    const previous = this.workspaceLexicons.get(filePath);
    if (previous && previous.text === source) return previous.problems;
    const parsed = parseLexiconFile(source);
    this.workspaceLexicons.set(filePath, { ...parsed, text: source });
    this.rebuildLexicon();
    return parsed.problems;
  }

  private rebuildLexicon(): void {
    this.lexicon = getDefaultLexicon().withOverrides(this.workspaceLexiconEntries());
    this.lexiconGeneration++;
  }
}

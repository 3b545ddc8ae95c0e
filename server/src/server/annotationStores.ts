// The stored annotations of the open documents: each text's .ann read when
// the text opens, moved with its edits, and written after every decision, so
// that the annotator never saves a second file by hand. A .ann changed on disk
// by someone else is read again before anything is written over it.
import * as path from 'path';
import { fileURLToPath } from 'url';
import { diskFiles, FileAccess } from '../node/fileAccess';
import { annotationNameOf } from '../annotations/pairing';
import type { BratParseError } from '../annotations/brat';
import { editBetween, TextEdit } from '../annotations/anchoring';
import { AnchoringReport, AnnotationSet } from '../annotations/annotationSet';
import { defaultStoreSchema, formatAnnotationConf, parseAnnotationConf, StoreSchema } from '../annotations/conf';
import { DecisionHistory } from '../annotations/history';
import { FileRefused } from '../node/fileGuard';
import { reason } from '../messages/reason';

export interface DocumentStore {
  uri: string;
  /** The .txt and its .ann; absent for a document that is not a file (nothing can be stored). */
  textFile?: string;
  annotationFile?: string;
  set: AnnotationSet;
  history: DecisionHistory;
  /** The .ann as last read or written (undefined: there was none), to tell someone else's change from ours. */
  base: string | undefined;
  bom: boolean;
  schema: StoreSchema;
  /** Problems of the .ann as last read. */
  errors: BratParseError[];
  anchoring: AnchoringReport[];
  /** Changes whenever the stored annotations do, for caches. */
  generation: number;
  /**
   * The generation of the last change that was not the text's edits moving
   * the annotations (a decision, a reload, a schema): a view merged since
   * then differs from the current one only where the text was edited.
   */
  decidedGeneration: number;
}

export type StoreFailure = 'not-a-file' | 'write-failed' | 'read-only' | 'link-outside' | 'busy';

/** How often a decision is applied again to a .ann that others keep changing before it gives up. */
const MAX_ATTEMPTS = 20;

/** A store operation that could not be carried out; the document's annotations are as they were. */
export class StoreIoError extends Error {
  constructor(readonly reason: StoreFailure, readonly file: string | undefined, readonly cause?: unknown) {
    super(`${reason}${file ? `: ${file}` : ''}${cause instanceof Error ? ` (${cause.message})` : ''}`);
  }
}

export interface DecisionOutcome<T> {
  result: T;
  /** The .ann had been changed on disk: it was read again before the decision was applied. */
  reloaded: boolean;
}

function failureOf(err: unknown): StoreFailure {
  if (err instanceof FileRefused && err.reason === 'read-only') return 'read-only';
  if (err instanceof FileRefused && (err.reason === 'outside' || err.reason === 'unreadable-link')) return 'link-outside';
  return 'write-failed';
}

let generations = 0;

/** The store's annotations changed other than by edits of its text. */
function decided(store: DocumentStore): void {
  store.generation = ++generations;
  store.decidedGeneration = store.generation;
}

export class AnnotationStores {
  private readonly stores = new Map<string, DocumentStore>();
  private readonly schemas = new Map<string, StoreSchema>();

  constructor(
    private readonly roots: () => string[],
    private readonly files: FileAccess = diskFiles,
  ) {}

  /** Reads the .ann of a document that opens (once; later calls return the store). */
  open(uri: string, text: string): DocumentStore {
    const existing = this.stores.get(uri);
    if (existing) return existing;
    const textFile = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    const annotationFile = textFile && annotationNameOf(textFile);
    const store: DocumentStore = {
      uri,
      textFile,
      annotationFile,
      set: AnnotationSet.empty(text),
      history: new DecisionHistory(),
      base: undefined,
      bom: textFile ? this.files.startsWithBom(textFile) : false,
      schema: this.schemaFor(textFile),
      errors: [],
      anchoring: [],
      generation: ++generations,
      decidedGeneration: generations,
    };
    if (annotationFile) {
      this.files.removeStaleTemporaries(annotationFile);
      const content = this.readAnnotations(store);
      const refused = store.errors;
      this.load(store, content, text);
      if (content === undefined) store.errors = refused;
    }
    this.stores.set(uri, store);
    return store;
  }

  get(uri: string): DocumentStore | undefined {
    return this.stores.get(uri);
  }

  all(): DocumentStore[] {
    return [...this.stores.values()];
  }

  close(uri: string): void {
    this.stores.delete(uri);
  }

  private load(store: DocumentStore, content: string | undefined, text: string): void {
    if (content === undefined) {
      store.set = AnnotationSet.empty(text, store.bom);
      store.errors = [];
      store.anchoring = [];
    } else {
      const loaded = AnnotationSet.load(content, text, store.bom);
      store.set = loaded.set;
      store.errors = loaded.errors;
      store.anchoring = loaded.anchoring;
    }
    store.base = content;
    store.history.clear();
    decided(store);
  }

  private schemaFor(textFile: string | undefined): StoreSchema {
    const conf = textFile && this.files.findAnnotationConf(textFile, this.roots());
    if (!conf) return defaultStoreSchema();
    let schema = this.schemas.get(conf);
    if (!schema) {
      try {
        schema = parseAnnotationConf(this.files.read(conf) ?? '', conf);
      } catch {
        schema = defaultStoreSchema();
      }
      this.schemas.set(conf, schema);
    }
    return schema;
  }

  /** An annotation.conf changed, appeared or went: every store looks for its schema again. */
  reloadSchemas(): DocumentStore[] {
    this.schemas.clear();
    for (const store of this.stores.values()) {
      store.schema = this.schemaFor(store.textFile);
      decided(store);
    }
    return this.all();
  }

  /** Moves a document's stored annotations with edits of its text. */
  applyEdits(uri: string, edits: TextEdit[], newText: string): void {
    const store = this.stores.get(uri);
    if (!store || !edits.length) return;
    store.set.applyEdits(edits, newText);
    store.history.applyEdits(edits, newText);
    store.generation = ++generations; // an edit: decidedGeneration stays
  }

  /**
   * Applies a decision and writes the .ann. When the file changed on disk
   * since it was read or written, it is read again first and the decision is
   * applied to what is there now, so that nobody's change is overwritten. An
   * operation that throws leaves the annotations as they were.
   */
  decide<T>(uri: string, text: string, operation: (set: AnnotationSet) => T): DecisionOutcome<T> {
    const store = this.stores.get(uri) ?? this.open(uri, text);
    if (!store.annotationFile) throw new StoreIoError('not-a-file', undefined);
    this.follow(store, text);
    let reloaded = false;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      reloaded = this.reloadIfChanged(store, text) || reloaded;
      const before = store.set.clone();
      let written: boolean;
      let result: T;
      try {
        result = operation(store.set);
        written = this.write(store);
      } catch (err) {
        store.set = before;
        throw err;
      }
      if (written) {
        store.history.record(before);
        decided(store);
        return { result, reloaded };
      }
      // Someone else wrote the .ann between our read and our write: read theirs, decide again on it.
      store.set = before;
    }
    throw new StoreIoError('busy', store.annotationFile);
  }

  /**
   * A decision over many annotations (Accept All) in slices that let other
   * requests through: `steps` works on a copy of the set and pauses between
   * slices (`pause` lets the event loop run); the copy then replaces the set
   * in one write and one undo step, by compare-and-swap as decide does.
   * Undefined when the document, its store or its .ann changed during a pause
   * (the caller starts again on what is there now) or `pause` says stop.
   */
  async decideInSlices<T>(uri: string, currentText: () => string, steps: (set: AnnotationSet) => Generator<void, T>, pause: () => Promise<boolean>): Promise<DecisionOutcome<T> | undefined> {
    const text = currentText();
    const store = this.stores.get(uri) ?? this.open(uri, text);
    if (!store.annotationFile) throw new StoreIoError('not-a-file', undefined);
    this.follow(store, text);
    const reloaded = this.reloadIfChanged(store, text);
    const original = store.set;
    const generation = store.generation;
    const working = original.clone();
    const run = steps(working);
    let step = run.next();
    while (!step.done) {
      if (!(await pause())) return undefined;
      if (store.set !== original || store.generation !== generation || currentText() !== text) return undefined;
      step = run.next();
    }
    store.set = working;
    let written = false;
    try {
      written = this.write(store);
    } finally {
      if (!written) store.set = original;
    }
    // Another program wrote the .ann between our read and our write: the caller decides again on theirs.
    if (!written) return undefined;
    store.history.record(original);
    decided(store);
    return { result: step.value, reloaded };
  }

  /** Undoes (or redoes) the last decision; false when there is none. */
  step(uri: string, text: string, direction: 'undo' | 'redo'): DecisionOutcome<boolean> {
    const store = this.stores.get(uri);
    if (!store?.annotationFile) throw new StoreIoError('not-a-file', undefined);
    this.follow(store, text);
    if (this.reloadIfChanged(store, text)) return { result: false, reloaded: true };
    const current = store.set;
    const target = direction === 'undo' ? store.history.undo(current) : store.history.redo(current);
    if (!target) return { result: false, reloaded: false };
    store.set = target;
    let written = false;
    try {
      written = this.write(store);
      // Someone else wrote the .ann meanwhile: theirs is read, and nothing undone.
      if (!written) return { result: false, reloaded: this.reloadIfChanged(store, text) };
    } finally {
      if (!written) {
        // Put the history back as it was.
        store.set = current;
        if (direction === 'undo') store.history.redo(target);
        else store.history.undo(target);
      }
    }
    decided(store);
    return { result: true, reloaded: false };
  }

  /**
   * The text was saved: write the .ann again if edits moved its annotations,
   * so that its offsets match the saved text.
   */
  textSaved(uri: string, text: string): boolean {
    const store = this.stores.get(uri);
    if (!store?.annotationFile || store.base === undefined) return false;
    this.follow(store, text);
    if (this.reloadIfChanged(store, text)) return true;
    const content = store.set.serialize();
    if (content === store.base) return false;
    if (!this.write(store, content)) this.reloadIfChanged(store, text);
    decided(store);
    return true;
  }

  /**
   * The document closed. When the text on disk is not the one the annotations
   * were last written for (it was closed without saving its edits), they are
   * moved back onto the text on disk and the .ann rewritten, so that brat and
   * the exports find them where the file says. Annotations on text that was
   * never saved are kept as lost (their lines stay). True when it wrote.
   */
  textClosed(uri: string, diskText: string | undefined): boolean {
    const store = this.stores.get(uri);
    if (!store?.annotationFile || store.base === undefined || diskText === undefined) return false;
    // Changed on disk by someone else meanwhile: theirs is left as it is.
    if (this.readAnnotations(store) !== store.base) return false;
    const edit = editBetween(store.set.currentText, diskText.replace(/^\uFEFF/, ''));
    if (!edit) return false;
    this.applyEdits(uri, [edit], diskText.replace(/^\uFEFF/, ''));
    const before = store.base;
    return this.write(store) && store.base !== before;
  }

  /** A .ann changed on disk: the stores of that file read it again, unless it is what they wrote. */
  fileChanged(annotationFile: string, textOf: (uri: string) => string | undefined): DocumentStore[] {
    const changed: DocumentStore[] = [];
    for (const store of this.stores.values()) {
      if (store.annotationFile !== annotationFile) continue;
      const text = textOf(store.uri);
      if (text === undefined) continue;
      this.follow(store, text);
      if (this.reloadIfChanged(store, text)) changed.push(store);
    }
    return changed;
  }

  /** Keeps a store on the document's text should an update have been missed (it then behaves as a full replacement). */
  private follow(store: DocumentStore, text: string): void {
    const current = store.set.currentText;
    if (current !== text) this.applyEdits(store.uri, [{ start: 0, end: current.length, text }], text);
  }

  private reloadIfChanged(store: DocumentStore, text: string): boolean {
    const disk = this.readAnnotations(store);
    if (disk === store.base) return false;
    this.load(store, disk, text);
    return true;
  }

  /** Writes the .ann if it is still as last read or written (compare-and-swap); false when someone else changed it. */
  /** The .ann on disk; one the guard refuses (a folder, a pipe, too large) reads as none, its reason kept as an error. */
  private readAnnotations(store: DocumentStore): string | undefined {
    try {
      return this.files.read(store.annotationFile!);
    } catch (err) {
      if (!(err instanceof FileRefused)) throw err;
      store.errors = [{ line: 0, message: reason('{0}: {1}', err.file, err.detail) }];
      return store.base;
    }
  }

  private write(store: DocumentStore, content = store.set.serialize()): boolean {
    // Nothing to write for a text that never had a .ann and has no annotation.
    if (content === store.base || (store.base === undefined && content === '')) return true;
    try {
      if (!this.files.replace(store.annotationFile!, store.base, content, this.roots())) return false;
    } catch (err) {
      throw new StoreIoError(failureOf(err), store.annotationFile, err);
    }
    store.base = content;
    // The file now records where moved annotations are; only the lost ones still need a word.
    store.anchoring = store.anchoring.filter((a) => a.how === 'lost');
    if (!store.schema.file) this.writeDefaultConf(store);
    return true;
  }

  /**
   * brat reads a corpus's labels from its annotation.conf: a corpus under the
   * default schema gets that schema written beside its first .ann, once, so
   * that brat (and INCEpTION's brat import) opens what Iltizam wrote. It is a
   * courtesy: the .ann is written whether or not this succeeds.
   */
  private writeDefaultConf(store: DocumentStore): void {
    const conf = path.join(path.dirname(store.annotationFile!), 'annotation.conf');
    try {
      if (!this.files.exists(conf)) this.files.replace(conf, undefined, formatAnnotationConf(store.schema), this.roots());
    } catch {
      return;
    }
    this.schemas.delete(conf);
    for (const other of this.stores.values()) {
      if (other.schema.file) continue;
      other.schema = this.schemaFor(other.textFile);
      decided(other);
    }
  }
}

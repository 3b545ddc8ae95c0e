// Learning from the annotator: some time after the last decision, the shipped
// tagger is adapted to the decided annotations of the document's workspace
// folder (analysis/tagger/adapt.ts) and kept in that folder's
// .iltizam/tagger-adaptation.json, loaded again at start. Each folder learns
// only from its own .ann files; nothing leaves the machine.
import * as l10n from '@vscode/l10n';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LEARNT_ID_PREFIX } from '../analysis/learntNames';
import type { LexiconEntry } from '../analysis/lexicon';
import { getDefaultRules } from '../analysis/rules';
import { adaptedTagger, checkAdaptation, getDefaultTagger, SequenceTagger, TaggerAdaptation } from '../analysis/tagger';
import { AnnotationSet } from '../annotations/annotationSet';
import { decisionsOf } from '../annotations/learning';
import { annotationNameOf } from '../annotations/pairing';
import { DecidedText, LearningThread } from '../node/learningThread';
import { folderOf } from './analysisService';
import type { ServerContext } from './context';
import { countOf } from './features/labels';

/** Where a workspace folder's adapted tagger is kept. */
export const ADAPTATION_FILE = path.join('.iltizam', 'tagger-adaptation.json');

/**
 * Where a workspace folder's learnt entries (decided forms the lexicon lacks) are kept: a workspace lexicon file like the user's
 * (the same format, loaded the same way), which the learning writes and the reset deletes.
 */
export const LEARNT_LEXICON_FILE = path.join('.iltizam', 'learnt-lexicon.json');

/** How long after the last decision the tagger adapts (a burst of decisions is one update). */
export const LEARNING_DEBOUNCE_MS = 2000;

export class WorkspaceLearning {
  private shippedValue: SequenceTagger | undefined;
  /** Per folder, how many times its adaptation was forgotten: an update that began before a reset is dropped. */
  private readonly resets = new Map<string, number>();
  private readonly thread = new LearningThread();
  /** Per folder, whether the output last said learning was on. */
  private readonly announced = new Map<string, boolean>();

  constructor(
    private readonly ctx: ServerContext,
    /** The suggestions changed everywhere in a folder: push them and index again. */
    private readonly suggestionsChanged: () => void,
  ) {}

  private get shipped(): SequenceTagger {
    return (this.shippedValue ??= getDefaultTagger(this.ctx.service.currentLexicon, getDefaultRules()));
  }

  private enabled(root: string): boolean {
    return this.ctx.service.settingsFor(pathToFileURL(root).toString()).learningEnabled;
  }

  /** After the settings are read: each folder's stored adaptation and learnt entries loaded where learning is on, dropped where it is off. */
  refresh(): void {
    let changed = false;
    for (const root of this.ctx.workspaceRoots) {
      this.announce(root);
      const has = this.ctx.service.hasAdaptedTagger(root);
      const lexiconBefore = this.ctx.service.lexiconVersion;
      if (this.enabled(root)) this.ctx.service.loadWorkspaceLexicon(path.join(root, LEARNT_LEXICON_FILE));
      else this.ctx.service.dropWorkspaceLexicon(path.join(root, LEARNT_LEXICON_FILE));
      changed ||= this.ctx.service.lexiconVersion !== lexiconBefore;
      if (!this.enabled(root)) {
        this.ctx.timers.cancel(`learn:${root}`);
        if (has) this.ctx.service.setAdaptedTagger(root, undefined);
        changed ||= has;
      } else if (!has) {
        const adaptation = this.stored(root);
        if (adaptation) this.ctx.service.setAdaptedTagger(root, adaptedTagger(this.shipped, adaptation));
        changed ||= !!adaptation;
      }
    }
    if (changed) this.suggestionsChanged();
  }

  /** Says in the output whether the folder learns, at start and when the setting changes. */
  private announce(root: string): void {
    const on = this.enabled(root);
    if (this.announced.get(root) === on) return;
    this.announced.set(root, on);
    this.ctx.connection.console.info(on ? l10n.t('Learning from the decisions in {0} is on.', root) : l10n.t('Learning from the decisions in {0} is off.', root));
  }

  /** The folder's stored adaptation; undefined (and said in the output) when there is none or it is not one for this model. */
  private stored(root: string): TaggerAdaptation | undefined {
    const file = path.join(root, ADAPTATION_FILE);
    try {
      const source = this.ctx.files.read(file);
      return source === undefined ? undefined : checkAdaptation(JSON.parse(source), this.shipped.model);
    } catch (err) {
      this.ctx.connection.console.warn(l10n.t('The adapted tagger in {0} was not loaded: {1}', file, err instanceof Error ? err.message : String(err)));
      return undefined;
    }
  }

  /** A decision was made in this document: its folder's tagger adapts once the decisions pause. */
  decided(uri: string): void {
    const root = folderOf(uri, this.ctx.workspaceRoots);
    if (!root || !this.enabled(root)) return;
    this.thread.warm();
    this.ctx.timers.schedule(`learn:${root}`, LEARNING_DEBOUNCE_MS, () =>
      // A failure (an unreadable file, a full disk) leaves the tagger as it was and says why; the decisions are in the .ann anyway.
      this.adapt(root).catch((err) => this.ctx.connection.console.warn(l10n.t('The tagger could not learn from the decisions in {0}: {1}', root, err instanceof Error ? err.message : String(err)))),
    );
  }

  /**
   * Adapts the shipped tagger to the folder's decisions: read here, one document per turn of
   * the event loop, learnt in the worker thread while requests are answered. An update that a
   * reset (or learning turned off) overtook is dropped.
   */
  async adapt(root: string): Promise<void> {
    const resetsBefore = this.resets.get(root) ?? 0;
    const documents: DecidedText[] = [];
    for (const textFile of this.ctx.files.textFilesUnder([root])) {
      await new Promise((resolve) => setImmediate(resolve));
      const doc = this.decidedText(textFile);
      if (doc && doc.positives.length + doc.negatives.length) documents.push(doc);
    }
    const overtaken = () => !this.enabled(root) || (this.resets.get(root) ?? 0) !== resetsBefore;
    if (overtaken()) return;
    const lexiconOverrides = this.ctx.service.workspaceLexiconEntries().filter((e) => !e.id.startsWith(LEARNT_ID_PREFIX));
    const { adaptation, entries } = await this.thread.learn({ lexiconOverrides, documents });
    if (overtaken()) return;
    if (adaptation.decisions === 0 && !entries.length) {
      this.forget(root);
      return;
    }
    this.keepAdaptation(root, adaptation);
    this.keepEntries(root, entries);
    this.suggestionsChanged();
  }

  private keepAdaptation(root: string, adaptation: TaggerAdaptation): void {
    const file = path.join(root, ADAPTATION_FILE);
    if (adaptation.decisions === 0) {
      this.ctx.files.remove(file);
      this.ctx.service.setAdaptedTagger(root, undefined);
      return;
    }
    this.ctx.files.write(file, JSON.stringify(adaptation) + '\n', true);
    this.ctx.service.setAdaptedTagger(root, adaptedTagger(this.shipped, adaptation));
    this.ctx.connection.console.info(l10n.t('Adapted the tagger to {0} in {1}.', countOf('decisions', adaptation.decisions), countOf('documents', adaptation.documents)));
  }

  /** The learnt entries as the folder's learnt lexicon file, loaded as a workspace lexicon (none: the file goes). */
  private keepEntries(root: string, entries: LexiconEntry[]): void {
    const file = path.join(root, LEARNT_LEXICON_FILE);
    if (!entries.length) {
      this.ctx.files.remove(file);
      this.ctx.service.loadWorkspaceLexicon(file);
      return;
    }
    const text = JSON.stringify({ entries }, null, 2) + '\n';
    this.ctx.files.write(file, text, true);
    this.ctx.service.loadWorkspaceLexicon(file, text);
    this.ctx.connection.console.info(l10n.t('Learnt {0} for the workspace lexicon ({1}).', countOf('entries', entries.length), file));
  }

  /** A text's decisions: those of its open store (the editor's text), else of its .ann on disk. */
  private decidedText(textFile: string): DecidedText | undefined {
    const uri = pathToFileURL(textFile).toString();
    const open = this.ctx.documents.get(uri);
    const store = open && this.ctx.service.stores.get(uri);
    if (open && store) return { text: open.getText(), ...decisionsOf(store.set), reviewed: false };
    const ann = this.ctx.files.read(annotationNameOf(textFile));
    if (ann === undefined) return undefined;
    const raw = this.ctx.files.read(textFile) ?? '';
    const bom = raw.startsWith('\uFEFF');
    const text = bom ? raw.slice(1) : raw;
    return { text, ...decisionsOf(AnnotationSet.load(ann, text, bom).set), reviewed: false };
  }

  /** The worker stops with the server. */
  close(): Promise<void> {
    return this.thread.close();
  }

  /** Every folder's adaptation deleted: the shipped tagger again (iltizam.resetLearning). */
  reset(): void {
    for (const root of this.ctx.workspaceRoots) this.forget(root);
    this.ctx.connection.console.info(l10n.t('The tagger is the shipped one again: what it had learnt from the decisions was deleted.'));
    this.suggestionsChanged();
  }

  private forget(root: string): void {
    this.resets.set(root, (this.resets.get(root) ?? 0) + 1);
    this.ctx.timers.cancel(`learn:${root}`);
    this.ctx.files.remove(path.join(root, ADAPTATION_FILE));
    this.ctx.service.setAdaptedTagger(root, undefined);
    this.ctx.files.remove(path.join(root, LEARNT_LEXICON_FILE));
    this.ctx.service.loadWorkspaceLexicon(path.join(root, LEARNT_LEXICON_FILE));
  }
}

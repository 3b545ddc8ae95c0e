// The store commands (workspace/executeCommand): each decision is applied to
// the document's stored annotations and written to its .ann at once.
import * as l10n from '@vscode/l10n';
import { CancellationToken, ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { commitmentLabel } from '../../analysis/schema';
import { AnnotationSet, Decision, StoreError } from '../../annotations/annotationSet';
import { argumentLabels, conventions, schemaHasCommitments, strengthsOf } from '../../annotations/conf';
import { acceptAll, acceptAllSteps, acceptSuggestion, annotateSpans, rejectSuggestion, storedIdOf } from '../../annotations/decisions';
import { annotationsAt, AnnotatedView, isCommitment, ViewCommitment, ViewEntity } from '../../annotations/view';
import {
  AcceptAllArgs,
  AnnotateArgs,
  CommandResult,
  DescribeArgs,
  DescribedAnnotation,
  DescribeResult,
  ReattachArgs,
  SetArgumentsArgs,
  SetLabelArgs,
  SetNoteArgs,
  SetStrengthArgs,
  storeCommands,
  Target,
  TargetArgs,
} from '../../protocol/commands';
import type { AnalysisService } from '../analysisService';
import { StoreIoError } from '../annotationStores';
import { labelName } from './labels';
import { rangeIn } from './ranges';

export interface CommandContext {
  service: AnalysisService;
  /** The open, annotatable document with this URI. */
  document(uri: string): TextDocument | undefined;
  /** The stored annotations of a document changed (`reloaded`: its .ann had been changed on disk and was read again). */
  changed(doc: TextDocument, reloaded: boolean): void;
}

export const storeCommandList: string[] = Object.values(storeCommands);

function fail(message: string): never {
  throw new ResponseError(ErrorCodes.InvalidParams, message);
}

function explain(err: unknown): never {
  if (err instanceof ResponseError) throw err;
  if (err instanceof StoreError) {
    switch (err.code) {
      case 'unknown-annotation':
        fail(l10n.t('There is no annotation {0} (any more).', err.subject));
      case 'bad-span':
        fail(l10n.t('This span cannot be annotated: {0}', err.subject));
      case 'commitment-label':
        fail(l10n.t('A commitment cannot become an entity, nor an entity a commitment: delete it and annotate again.'));
      case 'not-a-commitment':
        fail(l10n.t('{0} is not a commitment.', err.subject));
      case 'bad-argument':
        fail(l10n.t('{0} cannot be an argument of a commitment.', err.subject));
    }
  }
  if (err instanceof StoreIoError) {
    if (err.reason === 'not-a-file') fail(l10n.t('Save the text as a file first: its annotations are stored in a .ann file beside it.'));
    if (err.reason === 'read-only') fail(l10n.t('{0} is read-only: the decision was not written. Make it writable, then decide again.', err.file ?? ''));
    if (err.reason === 'link-outside') fail(l10n.t('{0} is a symlink that does not lead to a file inside the workspace: the decision was not written.', err.file ?? ''));
    if (err.reason === 'busy') fail(l10n.t('{0} keeps being changed by another program: the decision was not written. Try again.', err.file ?? ''));
    fail(l10n.t('The annotations could not be written to {0}: {1}', err.file ?? '', err.cause instanceof Error ? err.cause.message : String(err.cause)));
  }
  throw err;
}

/** The annotation a command's target names; an InvalidParams error saying why when there is none. */
export function findTarget(doc: TextDocument, view: AnnotatedView, target: Target): ViewEntity | ViewCommitment {
  if ('id' in target) {
    const found = [...view.entities, ...view.commitments].find((a) => a.id === target.id);
    if (found) return found;
    if (target.version !== undefined && target.version !== doc.version && !/^T/.test(target.id)) {
      fail(l10n.t('The text changed since this suggestion was shown: try again.'));
    }
    fail(l10n.t('There is no annotation {0} (any more).', target.id));
  }
  const here = annotationsAt(view, doc.offsetAt(target.position)).filter((a) => !target.layer || (target.layer === 'commitment') === isCommitment(a));
  if (!here.length) fail(l10n.t('There is no annotation at the cursor.'));
  return here[0];
}

/** The stored T id of the target, accepting it first when it is a suggestion. */
function stored(set: AnnotationSet, view: AnnotatedView, a: ViewEntity | ViewCommitment, decision: Decision): string {
  if (a.storedId) return a.storedId;
  return acceptSuggestion(set, view, a, decision);
}

function described(doc: TextDocument, a: ViewEntity | ViewCommitment): DescribedAnnotation {
  const d: DescribedAnnotation = {
    id: a.id,
    label: isCommitment(a) ? commitmentLabel.name : a.label,
    layer: isCommitment(a) ? 'commitment' : 'entity',
    status: a.status,
    range: rangeIn(doc, a),
    text: a.text,
  };
  if (a.note) d.note = a.note;
  if (isCommitment(a)) {
    if (a.strength) d.strength = a.strength;
    d.actors = a.actors;
    d.principles = a.principles;
  }
  return d;
}

export function executeStoreCommand(ctx: CommandContext, command: string, args: unknown, token: CancellationToken): CommandResult | DescribeResult | null {
  const { uri } = (args ?? {}) as { uri?: string };
  if (typeof uri !== 'string') fail(l10n.t('The command needs the document\'s URI.'));
  const doc = ctx.document(uri);
  if (!doc) fail(l10n.t('{0} is not an open document that Iltizam annotates.', uri));
  const { service } = ctx;
  if (token.isCancellationRequested) return null;
  if (command === storeCommands.describe) return describeDocument(service, doc, (args as DescribeArgs).position);

  const text = doc.getText();
  let ids: string[] = [];
  let count: number | undefined;
  try {
    if (command === storeCommands.undo || command === storeCommands.redo) {
      const { result: stepped, reloaded } = service.stores.step(uri, text, command === storeCommands.undo ? 'undo' : 'redo');
      count = stepped ? 1 : 0;
      ctx.changed(doc, reloaded);
    } else {
      const apply = Object.hasOwn(DECISIONS, command) ? DECISIONS[command] : undefined;
      if (!apply) fail(l10n.t('Unknown command {0}.', command));
      const outcome = service.stores.decide(uri, text, (set) => {
        // The view is taken here: the .ann may just have been read again.
        const deciding: Deciding = { doc, set, view: service.viewOf(doc), decision: service.decision(uri), service };
        const changed = apply(deciding, args);
        count = deciding.count;
        return changed;
      });
      ids = outcome.result;
      ctx.changed(doc, outcome.reloaded);
    }
  } catch (err) {
    explain(err);
  }
  const store = service.stores.get(uri)!;
  const result: CommandResult = { ids, canUndo: store.history.canUndo, canRedo: store.history.canRedo };
  if (count !== undefined) result.count = count;
  return result;
}

/** How often Accept All starts again when the document or its .ann changes during its pauses, before it decides at once. */
const ACCEPT_ALL_ATTEMPTS = 3;

/** Lets the requests that came meanwhile through; false when the command was cancelled. */
const pauseUnless = (token: CancellationToken) => () => new Promise<boolean>((resolve) => setImmediate(() => resolve(!token.isCancellationRequested)));

/**
 * Accept All (thousands of suggestions) in slices that let other requests
 * through, still one write and one undo step (AnnotationStores.decideInSlices).
 * When the document keeps changing under it, the last attempt decides at once.
 */
export async function executeAcceptAll(ctx: CommandContext, args: AcceptAllArgs, token: CancellationToken): Promise<CommandResult | null> {
  const uri = args?.uri;
  if (typeof uri !== 'string') fail(l10n.t('The command needs the document\'s URI.'));
  const { service } = ctx;
  for (let attempt = 0; attempt < ACCEPT_ALL_ATTEMPTS; attempt++) {
    const doc = ctx.document(uri);
    if (!doc) fail(l10n.t('{0} is not an open document that Iltizam annotates.', uri));
    const view = service.viewOf(doc);
    const decision = service.decision(uri);
    let outcome: Awaited<ReturnType<typeof service.stores.decideInSlices<number>>>;
    try {
      outcome = await service.stores.decideInSlices(uri, () => doc.getText(), (set) => acceptAllSteps(set, view, decision, args.label), pauseUnless(token));
    } catch (err) {
      explain(err);
    }
    if (token.isCancellationRequested) return null;
    if (!outcome) continue;
    ctx.changed(doc, outcome.reloaded);
    const store = service.stores.get(uri)!;
    return { ids: [], count: outcome.result, canUndo: store.history.canUndo, canRedo: store.history.canRedo };
  }
  return executeStoreCommand(ctx, storeCommands.acceptAll, args, token) as CommandResult | null;
}

/** What the client's pickers need: the annotations at a position, the document's entities, its schema. */
function describeDocument(service: AnalysisService, doc: TextDocument, position: DescribeArgs['position']): DescribeResult {
  const view = service.viewOf(doc);
  const store = service.stores.open(doc.uri, doc.getText());
  const schema = store.schema;
  return {
    version: doc.version,
    at: position ? annotationsAt(view, doc.offsetAt(position)).map((a) => described(doc, a)) : [],
    entities: view.entities.map((e) => described(doc, e)),
    labels: schema.entityLabels,
    commitmentLabel: schemaHasCommitments(schema) ? commitmentLabel.name : undefined,
    strengths: strengthsOf(schema),
    actorLabels: argumentLabels(schema, conventions.commitment.actorRole) ?? schema.entityLabels,
    principleLabels: argumentLabels(schema, conventions.commitment.principleRole) ?? schema.entityLabels,
    annotationFile: store.annotationFile,
  };
}

/** One decision being made on a document's annotation set. */
interface Deciding {
  doc: TextDocument;
  set: AnnotationSet;
  view: AnnotatedView;
  decision: Decision;
  service: AnalysisService;
  /** How many suggestions were accepted (accept all). */
  count?: number;
}

/** Each decision command: what it does to the set, and the T ids it created or changed. */
const DECISIONS: Record<string, (d: Deciding, args: any) => string[]> = {
  [storeCommands.accept]: ({ doc, set, view, decision }, args: TargetArgs) => {
    const a = findTarget(doc, view, args.target);
    if (a.status === 'suggested') return [acceptSuggestion(set, view, a, decision)];
    // Accepting a stored annotation confirms it (one made elsewhere, or one rejected before).
    if (a.status !== 'accepted' && a.status !== 'manual' && a.status !== 'corrected') set.setStatus(a.storedId!, 'accepted', decision);
    return [a.storedId!];
  },
  [storeCommands.reject]: ({ doc, set, view, decision }, args: TargetArgs) => {
    const a = findTarget(doc, view, args.target);
    if (a.status === 'suggested') return [rejectSuggestion(set, a, decision)];
    if (a.status === 'manual') {
      set.remove(a.storedId!);
      return [];
    }
    set.setStatus(a.storedId!, 'rejected', decision);
    return [a.storedId!];
  },
  [storeCommands.setLabel]: ({ doc, set, view, decision, service }, { target, label }: SetLabelArgs) => {
    const a = findTarget(doc, view, target);
    checkLabel(label, service, doc);
    if (a.status === 'suggested') {
      if (isCommitment(a)) explain(new StoreError('commitment-label', a.id));
      return [acceptSuggestion(set, view, a, decision, label)];
    }
    set.setLabel(a.storedId!, label, decision);
    return [a.storedId!];
  },
  [storeCommands.acceptAll]: (d, { label }: AcceptAllArgs) => {
    d.count = acceptAll(d.set, d.view, d.decision, label);
    return [];
  },
  [storeCommands.annotate]: ({ doc, set, view, decision, service }, { label, ranges }: AnnotateArgs) => {
    checkLabel(label, service, doc);
    const spans = (ranges ?? []).map((r) => ({ start: doc.offsetAt(r.start), end: doc.offsetAt(r.end) })).filter((s) => s.end > s.start);
    if (!spans.length) fail(l10n.t('Select the text to annotate first.'));
    return annotateSpans(set, view, label, spans, decision);
  },
  [storeCommands.delete]: ({ doc, set, view, decision }, args: TargetArgs) => {
    const a = findTarget(doc, view, args.target);
    if (a.status === 'suggested') return [rejectSuggestion(set, a, decision)];
    set.remove(a.storedId!);
    return [];
  },
  [storeCommands.setNote]: ({ doc, set, view, decision }, { target, note }: SetNoteArgs) => {
    const id = stored(set, view, findTarget(doc, view, target), decision);
    set.setNote(id, note, decision);
    return [id];
  },
  [storeCommands.setStrength]: ({ doc, set, view, decision }, { target, strength }: SetStrengthArgs) => {
    const a = findTarget(doc, view, target);
    if (!isCommitment(a)) explain(new StoreError('not-a-commitment', a.id));
    const id = stored(set, view, a, decision);
    set.setStrength(id, strength, decision);
    return [id];
  },
  [storeCommands.setArguments]: ({ doc, set, view, decision }, { target, actors, principles }: SetArgumentsArgs) => {
    const a = findTarget(doc, view, target);
    if (!isCommitment(a)) explain(new StoreError('not-a-commitment', a.id));
    const accepted = new Map<string, string>();
    const toStored = (list: string[]) => list.map((x) => storedIdOf(set, view, x, decision, accepted));
    const id = a.storedId ?? acceptSuggestion(set, view, a, decision, undefined, accepted);
    const current = set.get(id)!.commitment!;
    set.setArguments(id, actors ? toStored(actors) : current.actors, principles ? toStored(principles) : current.principles, decision);
    return [id];
  },
  [storeCommands.reattach]: ({ doc, set, decision }, { id, range }: ReattachArgs) => {
    const span = { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
    if (span.end <= span.start) fail(l10n.t('Select the text to attach the annotation to.'));
    set.reattach(id, [span], decision);
    return [id];
  },
};

/** Fails unless the document's schema has this label. */
function checkLabel(label: unknown, service: AnalysisService, doc: TextDocument): asserts label is string {
  const schema = service.stores.open(doc.uri, doc.getText()).schema;
  const labels = [...schema.entityLabels, ...(schemaHasCommitments(schema) ? [commitmentLabel.name] : [])];
  if (typeof label !== 'string' || !labels.includes(label)) {
    fail(l10n.t('{0} is not a label of this corpus\'s schema ({1}).', typeof label === 'string' ? labelName(label) : String(label), labels.map(labelName).join('، ')));
  }
}

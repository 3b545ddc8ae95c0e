// Iltizam's extensions to LSP: every iltizam/* request and notification, typed
// with its parameters and result, shared by the server, the VS Code client and
// the tests. docs/PROTOCOL.md documents them (test/core/protocolDocs.test.ts
// keeps the two in step). Positions and ranges are the editor's (LSP: line and
// UTF-16 character); the commands of workspace/executeCommand are in commands.ts.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { AnnotationStatus } from '../annotations/view';
import type { AgreementReport } from '../corpus/agreement';
import type { CorpusStatistics } from '../corpus/corpusIndex';
import type { ExportFormat, ExportResult, ImportFormat, ImportResult } from '../interchange/formats';
import type { ReadingCommitment, ReadingEntity, ReadingStrings } from '../render/readingView';
import type { EditorStrings } from '../render/annotationEditor';
import type { WireRange } from './commands';

// ---- annotations (pushed) ---------------------------------------------------

export interface AnnotationsParams {
  uri: string;
  version: number;
  entities: { id?: string; range: WireRange; fragments?: WireRange[]; label: string; source: string; status?: AnnotationStatus }[];
  commitments: { id?: string; range: WireRange; fragments?: WireRange[]; strength?: string; negated: boolean; status?: AnnotationStatus }[];
  /** The labels the document's schema offers (its annotation.conf, or the default). */
  schema?: { labels: string[]; commitment?: string; strengths: string[] };
  counts?: { suggested: number; stored: number; rejected: number; lost: number };
  history?: { canUndo: boolean; canRedo: boolean };
  /** Whether decisions can be stored (the document is a file). */
  storable?: boolean;
}

/** Sent after each analysis of an open document and after each decision; empty lists for a document the server does not annotate. */
export const annotationsNotification = new NotificationType<AnnotationsParams>('iltizam/annotations');

// ---- corpus (reviewers' features) --------------------------------------------

export const reviewStates = ['not-started', 'in-progress', 'reviewed'] as const;
export type ReviewState = (typeof reviewStates)[number];

export interface ReviewEntry {
  status: ReviewState;
  by?: string;
  at?: string;
}

/** Which annotations the corpus view shows. */
export interface CorpusFilter {
  labels?: string[];
  /** suggested, stored (any decided), or a precise review status. */
  statuses?: string[];
}

export interface CorpusSummary {
  documents: { uri: string; name: string; review: ReviewEntry; entities: number; commitments: number }[];
  labels: { label: string; name: string; entities: number; mentions: number }[];
  actors: { actor: string; commitments: number }[];
}

export interface CorpusMention {
  uri: string;
  range: WireRange;
  text: string;
  status: string;
  statusName: string;
  /** A suggested entity's confidence (0–1). */
  confidence?: number;
}

export interface CorpusCommitment extends CorpusMention {
  strength: string;
  principles: string[];
  actors: string[];
}

export interface CorpusEntityGroup {
  key: string;
  name: string;
  nameEn?: string;
  kb?: string;
  mentions: number;
  /** The lowest confidence of its suggested mentions (none suggested: absent), for sorting by confidence. */
  leastConfidence?: number;
}

export interface CorpusStatisticsResult extends CorpusStatistics {
  labelNames: Record<string, string>;
  strengthNames: Record<string, string>;
  statusNames: Record<string, string>;
}

export interface SetReviewArgs {
  uri: string;
  status: ReviewState;
}

export const corpusRequests = {
  summary: new RequestType<{ filter?: CorpusFilter }, CorpusSummary | null, void>('iltizam/corpus/summary'),
  entities: new RequestType<{ label: string; filter?: CorpusFilter }, CorpusEntityGroup[] | null, void>('iltizam/corpus/entities'),
  mentions: new RequestType<{ key: string; filter?: CorpusFilter }, CorpusMention[] | null, void>('iltizam/corpus/mentions'),
  commitments: new RequestType<{ actor: string; filter?: CorpusFilter }, CorpusCommitment[] | null, void>('iltizam/corpus/commitments'),
  statistics: new RequestType<object, CorpusStatisticsResult | null, void>('iltizam/corpus/statistics'),
  setReview: new RequestType<SetReviewArgs, ReviewEntry, void>('iltizam/corpus/setReview'),
} as const;

/** Sent (debounced) when the workspace index or a review status changed. */
export const corpusChangedNotification = new NotificationType<object>('iltizam/corpus/changed');

export interface IndexProgressParams {
  done: number;
  total: number;
  complete: boolean;
  /** When complete: how many documents the index holds, and how long it took. */
  documents?: number;
  milliseconds?: number;
}

/** Sent while the workspace index is built at start-up, and once when it is complete. */
export const indexProgressNotification = new NotificationType<IndexProgressParams>('iltizam/corpus/indexed');

// ---- reading view --------------------------------------------------------------

export interface ReadingViewParams {
  uri: string;
  /**
   * The part the client shows first (UTF-16 offsets of the text, end excluded):
   * while the document has never been analysed, its lines are answered at once,
   * analysed on their own, and the result is marked provisional.
   */
  range?: { start: number; end: number };
}

export interface ReadingViewResult {
  uri: string;
  version: number;
  text: string;
  entities: ReadingEntity[];
  commitments: ReadingCommitment[];
  /** The words the views show, in the interface language (the page title is the client's); the annotation editor's too. */
  strings: Omit<ReadingStrings, 'title'> & Pick<EditorStrings, 'statuses' | 'confidence'>;
  /**
   * Set when only the lines of the asked range were analysed, on their own (the
   * document's analysis is not done yet): the marks outside them are missing and
   * the ids are not decisions' targets. The exact view follows with the next
   * `iltizam/annotations` push.
   */
  provisional?: true;
}

export const readingViewRequest = new RequestType<ReadingViewParams, ReadingViewResult | null, void>('iltizam/readingView');

// ---- export, import, agreement (run by the server, on files on disk) ------------

/** Progress of a run, for the client's progress bar; `run` is the id the client gave the request. */
export interface RunProgressParams {
  run: string;
  done: number;
  total: number;
  document?: string;
}

export const runProgressNotification = new NotificationType<RunProgressParams>('iltizam/run/progress');

/** The data of a run's error that names the file (and line) it comes from. A cancelled run fails with RequestCancelled. */
export interface FileErrorData {
  file: string;
  line?: number;
  /** Why, in the server's language. */
  reason: string;
  /** A file the server refused to overwrite (an import into annotated documents): the client may offer to replace it. */
  refusedToOverwrite?: string;
}

export interface ExportParams {
  run: string;
  /** Texts and folders of texts (file system paths). */
  paths: string[];
  format: ExportFormat;
  outDir: string;
  suggestions: boolean;
  utf16: boolean;
  splitProclitics: boolean;
  /** doccano: no overlapping spans (doccano's default project drops them). */
  flat?: boolean;
  /** conll: token<TAB>tag, as doccano's CoNLL import reads it. */
  conllTab?: boolean;
  /** webanno: the base IRI the texts are published under (else their file URIs). */
  baseIri?: string;
  /** csv: no apostrophe before cells starting with = + - @. */
  noFormulaGuard?: boolean;
}

/** The files an export would read and write, to check with the user before it runs. */
export const exportPlanRequest = new RequestType<Pick<ExportParams, 'paths' | 'format' | 'outDir'>, { inputs: string[]; outputs: string[] }, FileErrorData>('iltizam/export/plan');
/** An export's result, its warnings in the server's language. */
export type ExportResponse = Omit<ExportResult, 'warnings'> & { warnings: { document: string; message: string }[] };

export const exportRequest = new RequestType<ExportParams, ExportResponse, FileErrorData>('iltizam/export');

export interface ImportParams {
  run: string;
  file: string;
  format: ImportFormat;
  into: string;
  replace: boolean;
  utf16: boolean;
}

export const importRequest = new RequestType<ImportParams, ImportResult, FileErrorData>('iltizam/import');

export interface AgreementParams {
  run: string;
  corpusA: string;
  corpusB: string;
}

/** The report, and the same as text for an output channel. */
export const agreementRequest = new RequestType<AgreementParams, { report: AgreementReport; text: string }, FileErrorData>('iltizam/agreement');

// ---- active learning ----------------------------------------------------------

export interface SuggestionOrderParams {
  /** `document`: the suggestions of `uri` (an open document); `corpus`: of every indexed document. */
  scope: 'document' | 'corpus';
  uri?: string;
}

/** A suggestion no decision covers yet. */
export interface OrderedSuggestion {
  uri: string;
  range: WireRange;
  /** An entity label, or Commitment. */
  label: string;
  text: string;
  /** 0–1; absent for a commitment (they come after the entities). */
  confidence?: number;
}

/**
 * The undecided suggestions, least confident first (then by document and
 * position): what to review next. The editor reveals them one by one.
 */
export const suggestionOrderRequest = new RequestType<SuggestionOrderParams, OrderedSuggestion[] | null, void>('iltizam/suggestionOrder');

/** Every Iltizam request and notification, for the documentation check. */
export const allMessages = [
  annotationsNotification,
  ...Object.values(corpusRequests),
  corpusChangedNotification,
  indexProgressNotification,
  readingViewRequest,
  runProgressNotification,
  exportPlanRequest,
  exportRequest,
  importRequest,
  agreementRequest,
  suggestionOrderRequest,
];

// The commands the server executes (workspace/executeCommand) and their
// arguments: shared by the server, the VS Code client and the protocol tests.
// Positions and ranges are the editor's (LSP: line and UTF-16 character).

export const storeCommands = {
  accept: 'iltizam.server.accept',
  reject: 'iltizam.server.reject',
  setLabel: 'iltizam.server.setLabel',
  acceptAll: 'iltizam.server.acceptAll',
  annotate: 'iltizam.server.annotate',
  delete: 'iltizam.server.delete',
  setNote: 'iltizam.server.setNote',
  setStrength: 'iltizam.server.setStrength',
  setArguments: 'iltizam.server.setArguments',
  reattach: 'iltizam.server.reattach',
  undo: 'iltizam.server.undo',
  redo: 'iltizam.server.redo',
  describe: 'iltizam.server.describe',
} as const;

/** The server's commands on what the workspace's tagger learnt from its decisions (no arguments). */
export const learningCommands = {
  reset: 'iltizam.server.resetLearning',
} as const;

/** The workspace lexicon: an entity's text added with its label (argument TargetArgs; result AddToLexiconResult). */
export const lexiconCommands = {
  add: 'iltizam.server.addToLexicon',
} as const;

export interface AddToLexiconResult {
  /** The workspace lexicon file written (or that already had the entry). */
  file: string;
  /** The entry: its id, label and form. */
  id: string;
  label: string;
  ar: string;
  /** False when the file already had this form with this label. */
  added: boolean;
}

export type StoreCommand = (typeof storeCommands)[keyof typeof storeCommands];

/**
 * The VS Code client's own commands (package.json). Code actions that need a
 * picker or an input box name these when the client says it has them
 * (initializationOptions.clientCommands); their argument is `TargetArgs`,
 * or `DocumentArgs` for annotating the selection.
 */
export const clientCommands = {
  accept: 'iltizam.acceptSuggestion',
  reject: 'iltizam.rejectSuggestion',
  changeLabel: 'iltizam.changeLabel',
  acceptAll: 'iltizam.acceptAllSuggestions',
  acceptAllOfLabel: 'iltizam.acceptAllSuggestionsOfLabel',
  annotateSelection: 'iltizam.annotateSelection',
  delete: 'iltizam.deleteAnnotation',
  editNote: 'iltizam.editNote',
  setStrength: 'iltizam.setStrength',
  setActors: 'iltizam.setActors',
  setPrinciples: 'iltizam.setPrinciples',
  undo: 'iltizam.undoDecision',
  redo: 'iltizam.redoDecision',
} as const;

export interface WirePosition {
  line: number;
  character: number;
}

export interface WireRange {
  start: WirePosition;
  end: WirePosition;
}

/**
 * Which annotation a command acts on: one by id (a stored annotation's T id,
 * or a suggestion's id in the version of the document it was seen in), or the
 * one under a position (the innermost entity, else the commitment; `layer`
 * picks one of the two).
 */
export type Target = { id: string; version?: number } | { position: WirePosition; layer?: 'entity' | 'commitment' };

export interface DocumentArgs {
  uri: string;
}

export interface TargetArgs extends DocumentArgs {
  target: Target;
}

export interface AcceptAllArgs extends DocumentArgs {
  /** Only suggestions of this label (`Commitment` for the commitments). */
  label?: string;
}

export interface SetLabelArgs extends TargetArgs {
  label: string;
}

export interface AnnotateArgs extends DocumentArgs {
  label: string;
  /** One annotation per range. */
  ranges: WireRange[];
}

export interface SetNoteArgs extends TargetArgs {
  /** Empty removes the note. */
  note: string;
}

export interface SetStrengthArgs extends TargetArgs {
  strength: string;
}

export interface SetArgumentsArgs extends TargetArgs {
  /** Ids of entities (stored, or suggestions that are accepted with it); omitted: unchanged. */
  actors?: string[];
  principles?: string[];
}

export interface ReattachArgs extends DocumentArgs {
  /** T id of the stored annotation. */
  id: string;
  range: WireRange;
}

export interface DescribeArgs extends DocumentArgs {
  position?: WirePosition;
}

export interface CommandResult {
  /** T ids of the annotations created or changed. */
  ids: string[];
  /** How many suggestions were accepted (accept all), or decisions undone or redone (0 or 1). */
  count?: number;
  canUndo: boolean;
  canRedo: boolean;
}

export interface DescribedAnnotation {
  id: string;
  /** Entity label, or `Commitment`. */
  label: string;
  layer: 'entity' | 'commitment';
  status: string;
  range: WireRange;
  text: string;
  note?: string;
  strength?: string;
  actors?: string[];
  principles?: string[];
}

/** What the client needs for its pickers: the annotations under a position, the document's entities and the schema. */
export interface DescribeResult {
  version: number;
  at: DescribedAnnotation[];
  entities: DescribedAnnotation[];
  labels: string[];
  commitmentLabel?: string;
  strengths: string[];
  actorLabels: string[];
  principleLabels: string[];
  /** Where the file is written, when the document has one. */
  annotationFile?: string;
}

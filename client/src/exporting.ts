// The corpus commands: export the current document, a folder or the
// workspace to one of the formats NLP tools read; import annotations made
// elsewhere into a corpus folder; and compare two annotators' corpora. The
// language server runs them (the same node/ code as `npx iltizam
// export|import|agreement`); here are the quick picks for what the command
// line takes as options, a progress notification that can be cancelled, and
// an action to reveal the result.
//
// Each command also takes an argument object (see ExportArgs, ImportArgs,
// AgreementArgs): what it names is not asked, so another extension, a
// keybinding or a test can run the command without prompts. The command
// resolves to the core's result, or to undefined when it was cancelled or
// failed (the failure is shown to the user).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LSPErrorCodes, ResponseError } from 'vscode-languageclient/node';
import { countOf } from './names';
import type { AgreementReport } from '../../server/src/corpus/agreement';
import { COLLECTION_FILES, ExportFormat, formatMarksSuggestions, ImportFormat, ImportResult, isExportFormat, isImportFormat } from '../../server/src/interchange/formats';
import { agreementRequest, exportPlanRequest, exportRequest, ExportResponse, FileErrorData, importRequest, runProgressNotification } from '../../server/src/protocol/messages';

export const corpusCommands = {
  export: 'iltizam.export',
  import: 'iltizam.import',
  agreement: 'iltizam.agreement',
} as const;

/** A path on disk, as a string or a file: URI. */
type PathArg = string | vscode.Uri;

/** What `iltizam.export` accepts; whatever is missing is asked for. */
export interface ExportArgs {
  /** .txt files and folders of them. */
  paths?: PathArg[];
  format?: ExportFormat;
  outDir?: PathArg;
  suggestions?: boolean;
  /** doccano only. */
  utf16?: boolean;
  /** conll only. */
  splitProclitics?: boolean;
  /** doccano only: no overlapping spans, for doccano's default project. */
  flat?: boolean;
}

/** What `iltizam.import` accepts; whatever is missing is asked for. */
export interface ImportArgs {
  file?: PathArg;
  format?: ImportFormat;
  into?: PathArg;
  /** Overwrite .ann files that already have annotations (asked when missing and needed). */
  replace?: boolean;
  /** doccano only. */
  utf16?: boolean;
}

/** What `iltizam.agreement` accepts; whatever is missing is asked for. */
export interface AgreementArgs {
  corpusA?: PathArg;
  corpusB?: PathArg;
}

/** The language client, which runs the export, import and agreement (set when the commands are registered). */
let clientOf: () => LanguageClient | undefined = () => undefined;

/** A quick pick item that carries a value. */
type Item<T> = vscode.QuickPickItem & { value: T };

async function pick<T>(items: Item<T>[], title: string, placeHolder: string): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true, matchOnDescription: true });
  return picked?.value;
}

function fsPathOf(p: PathArg): string {
  if (typeof p === 'string') return /^file:\/\//i.test(p) ? vscode.Uri.parse(p).fsPath : p;
  return p.fsPath;
}

function isDirectory(p: string): boolean {
  return !!fs.statSync(p, { throwIfNoEntry: false })?.isDirectory();
}

function isFile(p: string): boolean {
  return !!fs.statSync(p, { throwIfNoEntry: false })?.isFile();
}

/** A path as the user knows it: relative to its workspace folder when it is in one. */
function shown(p: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.file(p), (vscode.workspace.workspaceFolders?.length ?? 0) > 1) || p;
}

const isText = (p: string) => /\.txt$/i.test(p);

/** The folder a dialog opens in: the workspace folder of `near`, or the first one. */
function dialogStart(near?: string): vscode.Uri | undefined {
  if (near) {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(near));
    if (folder) return folder.uri;
    return vscode.Uri.file(isDirectory(near) ? near : path.dirname(near));
  }
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** Asks for one folder on disk. */
async function pickFolder(options: { title: string; openLabel: string; near?: string }): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    title: options.title,
    openLabel: options.openLabel,
    defaultUri: dialogStart(options.near),
  });
  return picked?.[0] && onDisk(picked[0]);
}

/** The path of a file: URI; undefined (and a message) for anything else. */
function onDisk(uri: vscode.Uri): string | undefined {
  if (uri.scheme === 'file') return uri.fsPath;
  void vscode.window.showErrorMessage(vscode.l10n.t('Iltizam works with files on disk; {0} is not one.', uri.toString()));
  return undefined;
}

/** The ways to show a folder or file after a run, as message actions. */
function revealActions(target: string, file?: string): { title: string; run: () => Thenable<unknown> }[] {
  const uri = vscode.Uri.file(target);
  const actions: { title: string; run: () => Thenable<unknown> }[] = [];
  if (file) actions.push({ title: vscode.l10n.t('Open {0}', path.basename(file)), run: () => vscode.window.showTextDocument(vscode.Uri.file(file)) });
  if (vscode.workspace.getWorkspaceFolder(uri)) {
    actions.push({ title: vscode.l10n.t('Reveal in Explorer'), run: () => vscode.commands.executeCommand('revealInExplorer', uri) });
  } else if (vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName) {
    actions.push({ title: vscode.l10n.t('Open Folder'), run: () => vscode.commands.executeCommand('revealFileInOS', uri) });
  } else {
    actions.push({ title: vscode.l10n.t('Open Folder in a New Window'), run: () => vscode.commands.executeCommand('vscode.openFolder', uri, { forceNewWindow: true }) });
  }
  return actions;
}

async function showDone(message: string, actions: { title: string; run: () => Thenable<unknown> }[]): Promise<void> {
  const choice = await vscode.window.showInformationMessage(message, ...actions.map((a) => a.title));
  await actions.find((a) => a.title === choice)?.run();
}

/** The file (and line) a run's error names, when it comes from an input file. */
function fileErrorOf(err: unknown): FileErrorData | undefined {
  const data = err instanceof ResponseError ? (err.data as FileErrorData | undefined) : undefined;
  return data && typeof data.file === 'string' ? data : undefined;
}

/** Shows why a run failed: an error about an input names the file and line, with an action to open it there. */
async function showFailure(what: 'export' | 'import' | 'agreement', err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  const text =
    what === 'export' ? vscode.l10n.t('Export failed: {0}', message) : what === 'import' ? vscode.l10n.t('Import failed: {0}', message) : vscode.l10n.t('Agreement failed: {0}', message);
  const failed = fileErrorOf(err);
  if (!failed || !isFile(failed.file)) {
    void vscode.window.showErrorMessage(text);
    return;
  }
  const open = vscode.l10n.t('Open {0}', path.basename(failed.file));
  const choice = await vscode.window.showErrorMessage(text, open);
  if (choice !== open) return;
  const line = Math.max(0, (failed.line ?? 1) - 1);
  await vscode.window.showTextDocument(vscode.Uri.file(failed.file), { selection: new vscode.Range(line, 0, line, 0) });
}

let runs = 0;

/**
 * Runs a request of the server under a cancellable progress notification,
 * fed by the server's progress notifications for that run. Resolves to its
 * result, or undefined when it was cancelled or failed (said to the user).
 */
async function runWithProgress<T>(
  what: 'export' | 'import' | 'agreement',
  title: string,
  send: (client: LanguageClient, run: string, token: vscode.CancellationToken) => Promise<T>,
  /** Takes over a failure the caller handles itself (returns true when it did). */
  intercept?: (err: unknown) => boolean,
): Promise<T | undefined> {
  const client = clientOf();
  if (!client) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The Iltizam language server is not running.'));
    return undefined;
  }
  const run = `${what}-${++runs}`;
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      let reported = 0;
      const listener = client.onNotification(runProgressNotification, (p) => {
        if (p.run !== run) return;
        const share = p.total ? (100 * p.done) / p.total : 0;
        progress.report({
          increment: share - reported,
          message: p.document !== undefined ? vscode.l10n.t('{0} of {1}: {2}', p.done + 1, p.total, p.document) : undefined,
        });
        reported = share;
      });
      try {
        return await send(client, run, token);
      } finally {
        listener.dispose();
      }
    });
  } catch (err) {
    if (err instanceof ResponseError && err.code === LSPErrorCodes.RequestCancelled) {
      const text =
        what === 'export'
          ? vscode.l10n.t('Export cancelled; nothing was written.')
          : what === 'import'
            ? vscode.l10n.t('Import cancelled; nothing was imported.')
            : vscode.l10n.t('Agreement cancelled.');
      void vscode.window.showInformationMessage(text);
    } else if (!intercept?.(err)) void showFailure(what, err);
    return undefined;
  }
}

/** Saves, or not, the documents among `paths` that have unsaved changes. False: the user cancelled. */
async function settleUnsaved(paths: string[]): Promise<boolean> {
  const inside = (file: string) => paths.some((p) => file === p || file.startsWith(p.endsWith(path.sep) ? p : p + path.sep));
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file' && isText(d.uri.fsPath) && inside(d.uri.fsPath));
  if (!dirty.length) return true;
  const save = vscode.l10n.t('Save and Export');
  const asSaved = vscode.l10n.t('Export the Saved Version');
  const message =
    dirty.length === 1
      ? vscode.l10n.t('{0} has unsaved changes. The export reads the files on disk.', path.basename(dirty[0].uri.fsPath))
      : vscode.l10n.t('{0} documents have unsaved changes. The export reads the files on disk.', dirty.length);
  const choice = await vscode.window.showWarningMessage(message, { modal: true }, save, asSaved);
  if (choice === save) {
    for (const d of dirty) if (!(await d.save())) return false;
    return true;
  }
  return choice === asSaved;
}

// ---- export -----------------------------------------------------------------

function formatItems(): Item<ExportFormat>[] {
  return [
    { label: 'brat', description: vscode.l10n.t('X.txt, X.ann and annotation.conf for each document'), detail: vscode.l10n.t('For brat and INCEpTION; suggestions can be included, marked as such.'), value: 'brat' },
    { label: 'doccano', description: 'doccano.jsonl', detail: vscode.l10n.t('One document a line with its labelled spans, for doccano.'), value: 'doccano' },
    { label: 'CoNLL', description: vscode.l10n.t('X.conll for each document'), detail: vscode.l10n.t('CoNLL-2002 IOB2, a token and its tag a line; entities only, outermost span wins.'), value: 'conll' },
    { label: 'CSV', description: 'commitments.csv', detail: vscode.l10n.t('One commitment a row: clause, actors, strength, principles; for spreadsheets, R or pandas.'), value: 'csv' },
    { label: 'Web Annotation', description: vscode.l10n.t('X.jsonld for each document'), detail: vscode.l10n.t('W3C Web Annotation with text quote and position selectors.'), value: 'webanno' },
    { label: 'JSON', description: 'iltizam.jsonl', detail: vscode.l10n.t('The shape of `iltizam analyze`, one document a line, each annotation with its status.'), value: 'json' },
  ];
}

/** A format's name as the format picker shows it. */
const formatLabel = (format: string): string => ({ conll: 'CoNLL', csv: 'CSV', webanno: 'Web Annotation', json: 'JSON' })[format] ?? format;

/** The Explorer passes the clicked resource and the selection; a keybinding or another extension passes an object. */
function exportArgsOf(arg: unknown, selection: unknown): ExportArgs {
  if (arg instanceof vscode.Uri) {
    const uris = Array.isArray(selection) && selection.every((u) => u instanceof vscode.Uri) && selection.length ? (selection as vscode.Uri[]) : [arg];
    return { paths: uris };
  }
  return arg && typeof arg === 'object' ? (arg as ExportArgs) : {};
}

async function pickExportPaths(): Promise<string[] | undefined> {
  const editor = vscode.window.activeTextEditor?.document;
  const current = editor && editor.uri.scheme === 'file' && isText(editor.uri.fsPath) ? editor.uri.fsPath : undefined;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const items: Item<'current' | 'folder' | 'workspace'>[] = [];
  if (current) items.push({ label: `$(file) ${vscode.l10n.t('The Current Document')}`, description: shown(current), value: 'current' });
  items.push({ label: `$(folder) ${vscode.l10n.t('A Folder…')}`, description: vscode.l10n.t('its .txt files and those of its subfolders'), value: 'folder' });
  if (folders.length) items.push({ label: `$(root-folder) ${vscode.l10n.t('The Whole Workspace')}`, description: folders.map((f) => f.name).join(', '), value: 'workspace' });
  const scope = await pick(items, vscode.l10n.t('Export Annotations'), vscode.l10n.t('What to export'));
  if (scope === 'current') return current ? [current] : undefined;
  if (scope === 'workspace') return folders.filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  if (scope === 'folder') {
    const folder = await pickFolder({ title: vscode.l10n.t('Folder of texts to export'), openLabel: vscode.l10n.t('Export This Folder'), near: current });
    return folder ? [folder] : undefined;
  }
  return undefined;
}

/** The files an export will read and write (the server walks the corpus as the export will), to check them before writing. */
async function plannedOutputs(paths: string[], format: ExportFormat, outDir: string): Promise<{ inputs: Set<string>; outputs: string[] }> {
  const client = clientOf();
  if (!client) throw new Error(vscode.l10n.t('The Iltizam language server is not running.'));
  const planned = await client.sendRequest(exportPlanRequest, { paths, format, outDir });
  return { inputs: new Set(planned.inputs), outputs: planned.outputs };
}

/** Checks the destination with the user: never over the texts themselves; replacing earlier output only when agreed. */
async function confirmDestination(paths: string[], format: ExportFormat, outDir: string): Promise<boolean> {
  let planned: { inputs: Set<string>; outputs: string[] };
  try {
    planned = await plannedOutputs(paths, format, outDir);
  } catch (err) {
    // No documents, or two documents with one name.
    void showFailure('export', err);
    return false;
  }
  const own = planned.outputs.find((f) => planned.inputs.has(f));
  if (own) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The export would overwrite its own input ({0}); choose another folder.', shown(own)));
    return false;
  }
  const existing = planned.outputs.filter((f) => fs.existsSync(f));
  if (!existing.length) return true;
  const replace = vscode.l10n.t('Replace');
  const message =
    existing.length === 1
      ? vscode.l10n.t('{0} already exists in {1}. Replace it?', path.basename(existing[0]), shown(outDir))
      : vscode.l10n.t('{0} files of this export already exist in {1}, such as {2}. Replace them?', existing.length, shown(outDir), path.basename(existing[0]));
  return (await vscode.window.showWarningMessage(message, { modal: true }, replace)) === replace;
}

async function exportCommand(arg?: unknown, selection?: unknown): Promise<ExportResponse | undefined> {
  const args = exportArgsOf(arg, selection);
  const prompted = !(args.paths && args.format && args.outDir);

  let paths = args.paths?.map(fsPathOf).filter((p) => isDirectory(p) || isText(p));
  if (args.paths && !paths?.length) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Choose .txt documents or folders of them to export.'));
    return undefined;
  }
  paths ??= await pickExportPaths();
  if (!paths?.length) return undefined;

  if (args.format !== undefined && !isExportFormat(args.format)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Unknown export format "{0}".', String(args.format)));
    return undefined;
  }
  const format = args.format ?? (await pick(formatItems(), vscode.l10n.t('Export Annotations'), vscode.l10n.t('Format to export to')));
  if (!format) return undefined;

  let suggestions = args.suggestions;
  if (suggestions === undefined && formatMarksSuggestions(format) && prompted) {
    suggestions = await pick(
      [
        { label: vscode.l10n.t('Stored Annotations Only'), detail: vscode.l10n.t('What the annotators decided; rejected suggestions are left out.'), value: false },
        { label: vscode.l10n.t('Stored Annotations and Suggestions'), detail: vscode.l10n.t("Adds the suggestions the editor shows (with the workspace lexicon, in the corpus's labels) that no decision covers, marked as suggestions."), value: true },
      ],
      vscode.l10n.t('Export Annotations: {0}', formatLabel(format)),
      vscode.l10n.t('Which annotations to export'),
    );
    if (suggestions === undefined) return undefined;
  }
  if (suggestions && !formatMarksSuggestions(format)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The {0} format cannot mark suggestions as such; export them in another format.', formatLabel(format)));
    return undefined;
  }
  let utf16 = args.utf16;
  if (utf16 === undefined && format === 'doccano' && prompted) {
    utf16 = await pick(
      [
        { label: vscode.l10n.t('Code Points'), detail: vscode.l10n.t('Offsets count Unicode characters, as Iltizam and Python do.'), value: false },
        { label: vscode.l10n.t('UTF-16 Units'), detail: vscode.l10n.t("Offsets count UTF-16 units, as doccano's front end and JavaScript do."), value: true },
      ],
      vscode.l10n.t('Export Annotations: {0}', formatLabel(format)),
      vscode.l10n.t('What the offsets count'),
    );
    if (utf16 === undefined) return undefined;
  }
  let flat = args.flat;
  if (flat === undefined && format === 'doccano' && prompted) {
    // Said where the export is made: doccano's default project drops overlapping spans on import.
    flat = await pick(
      [
        { label: vscode.l10n.t('Overlapping Spans'), detail: vscode.l10n.t('Every annotation; for a doccano project with "Allow overlapping spans" on (the default project drops overlapping spans).'), value: false },
        { label: vscode.l10n.t('Flat'), detail: vscode.l10n.t("No overlapping spans: entities kept, the commitments overlapping them left out; for doccano's default project."), value: true },
      ],
      vscode.l10n.t('Export Annotations: {0}', formatLabel(format)),
      vscode.l10n.t('Commitments overlap their entities'),
    );
    if (flat === undefined) return undefined;
  }
  let splitProclitics = args.splitProclitics;
  if (splitProclitics === undefined && format === 'conll' && prompted) {
    splitProclitics = await pick(
      [
        { label: vscode.l10n.t('Whole Words'), detail: vscode.l10n.t('Each word a token, as written.'), value: false },
        { label: vscode.l10n.t('Split Proclitics'), detail: vscode.l10n.t('و ف ب ك ل become tokens of their own (لل stays).'), value: true },
      ],
      vscode.l10n.t('Export Annotations: {0}', formatLabel(format)),
      vscode.l10n.t('How to cut the text into tokens'),
    );
    if (splitProclitics === undefined) return undefined;
  }

  const outDir = args.outDir
    ? path.resolve(fsPathOf(args.outDir))
    : await pickFolder({ title: vscode.l10n.t('Export Annotations: the folder to write {0} into', formatLabel(format)), openLabel: vscode.l10n.t('Export Here'), near: paths[0] });
  if (!outDir) return undefined;

  if (prompted) {
    if (!(await settleUnsaved(paths))) return undefined;
    if (!(await confirmDestination(paths, format, outDir))) return undefined;
  }

  const result = await runWithProgress('export', vscode.l10n.t('Exporting annotations ({0})', formatLabel(format)), (client, run, token) =>
    client.sendRequest(exportRequest, { run, paths: paths as string[], format, outDir, suggestions: !!suggestions, utf16: !!utf16, splitProclitics: !!splitProclitics, flat: !!flat }, token),
  );
  if (!result) return undefined;

  const log = output();
  log.appendLine(vscode.l10n.t('Exported {0} as {1} to {2}:', countOf('documents', result.documents), format, outDir));
  for (const f of result.files) log.appendLine(`  ${f}`);
  if (result.annotationConf) log.appendLine(`  ${vscode.l10n.t("The schema is the corpus's own: {0}", result.annotationConf)}`);
  for (const f of result.lexiconFiles) log.appendLine(`  ${vscode.l10n.t('Suggestions found with the workspace lexicon {0}', f)}`);
  for (const w of result.warnings) log.appendLine(`  ${vscode.l10n.t('warning')}: ${w.document}: ${w.message}`);
  const single = COLLECTION_FILES[format] && result.files.find((f) => path.basename(f) === COLLECTION_FILES[format]);
  const actions = revealActions(outDir, single);
  if (result.warnings.length) actions.push({ title: vscode.l10n.t('Show Warnings'), run: async () => log.show() });
  const message = result.warnings.length
    ? vscode.l10n.t('Exported {0} to {1} in {2}, with {3}.', countOf('documents', result.documents), countOf('files', result.files.length), shown(outDir), countOf('warnings', result.warnings.length))
    : vscode.l10n.t('Exported {0} to {1} in {2}.', countOf('documents', result.documents), countOf('files', result.files.length), shown(outDir));
  void showDone(message, actions);
  return result;
}

// ---- import -----------------------------------------------------------------

function importArgsOf(arg: unknown): ImportArgs {
  if (arg instanceof vscode.Uri) {
    const format: ImportFormat | undefined = /\.jsonl?$/i.test(arg.path) ? 'doccano' : /\.(conll|iob|bio)$/i.test(arg.path) ? 'conll' : /\.ann$/i.test(arg.path) ? 'brat' : undefined;
    return { file: arg, format };
  }
  return arg && typeof arg === 'object' ? (arg as ImportArgs) : {};
}

async function importCommand(arg?: unknown): Promise<ImportResult | undefined> {
  const args = importArgsOf(arg);
  const prompted = !(args.file && args.format && args.into);
  if (args.format !== undefined && !isImportFormat(args.format)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Unknown import format "{0}".', String(args.format)));
    return undefined;
  }
  const format =
    args.format ??
    (await pick<ImportFormat>(
      [
        { label: 'brat', description: vscode.l10n.t('a .ann file, or a folder of them'), detail: vscode.l10n.t('Each X.ann with its X.txt beside it.'), value: 'brat' },
        { label: 'doccano', description: vscode.l10n.t('a .jsonl file'), detail: vscode.l10n.t('One document a line: "text" and "label" (or "entities").'), value: 'doccano' },
        { label: 'CoNLL', description: vscode.l10n.t('a .conll file'), detail: vscode.l10n.t("IOB2 or IOBES, a token and its tag a line; aligned against the corpus's text of the same name."), value: 'conll' },
      ],
      vscode.l10n.t('Import Annotations'),
      vscode.l10n.t('Format of the file to import'),
    ));
  if (!format) return undefined;

  let file = args.file && fsPathOf(args.file);
  if (!file) {
    const filters: Record<string, string[]> | undefined =
      format === 'doccano' ? { 'JSON Lines': ['jsonl', 'json'], [vscode.l10n.t('All Files')]: ['*'] } : format === 'conll' ? { CoNLL: ['conll', 'iob', 'bio', 'tsv', 'txt'], [vscode.l10n.t('All Files')]: ['*'] } : undefined;
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: true,
      canSelectFolders: format === 'brat',
      canSelectMany: false,
      title: vscode.l10n.t('Import Annotations: the {0} file', formatLabel(format)),
      openLabel: vscode.l10n.t('Import'),
      filters,
      defaultUri: dialogStart(),
    });
    file = picked?.[0] && onDisk(picked[0]);
    if (!file) return undefined;
  }
  let utf16 = args.utf16;
  if (utf16 === undefined && format === 'doccano' && prompted) {
    utf16 = await pick(
      [
        { label: vscode.l10n.t('Code Points'), detail: vscode.l10n.t('Offsets count Unicode characters, as Iltizam and Python do.'), value: false },
        { label: vscode.l10n.t('UTF-16 Units'), detail: vscode.l10n.t("Offsets count UTF-16 units, as doccano's front end and JavaScript do."), value: true },
      ],
      vscode.l10n.t('Import Annotations: {0}', formatLabel(format)),
      vscode.l10n.t('What the offsets of {0} count', path.basename(file)),
    );
    if (utf16 === undefined) return undefined;
  }
  const into = args.into
    ? path.resolve(fsPathOf(args.into))
    : await pickFolder({ title: vscode.l10n.t('Import Annotations: the corpus folder to import into'), openLabel: vscode.l10n.t('Import Here'), near: file });
  if (!into) return undefined;

  // Replacing is asked only when it matters: when the import refuses because a document already has annotations.
  let annotated: string | undefined;
  const intercept = (err: unknown) => {
    const failed = fileErrorOf(err);
    if (!failed?.refusedToOverwrite || args.replace !== undefined || !prompted) return false;
    annotated = failed.refusedToOverwrite;
    return true;
  };
  const run = (replace: boolean) =>
    runWithProgress(
      'import',
      vscode.l10n.t('Importing annotations ({0})', formatLabel(format)),
      (client, run, token) => client.sendRequest(importRequest, { run, file: file as string, format, into, replace, utf16: !!utf16 }, token),
      intercept,
    );
  let result = await run(!!args.replace);
  if (!result && annotated) {
    const replace = vscode.l10n.t('Replace');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} already has annotations. Replace the annotations of the documents imported from {1}?', shown(annotated), path.basename(file)),
      { modal: true },
      replace,
    );
    if (choice === replace) result = await run(true);
  }
  if (!result) return undefined;

  const log = output();
  log.appendLine(vscode.l10n.t('Imported {0} from {1} into {2}:', countOf('documents', result.documents.length), file, into));
  for (const f of result.files) log.appendLine(`  ${f}`);
  const firstText = result.files.find(isText) ?? path.join(into, ...`${result.documents[0]}.txt`.split('/'));
  const actions = revealActions(into, isFile(firstText) ? firstText : undefined);
  const names = result.documents.length > 3 ? `${result.documents.slice(0, 3).join(', ')}, …` : result.documents.join(', ');
  void showDone(vscode.l10n.t('Imported {0} into {1}: {2}.', countOf('documents', result.documents.length), shown(into), names), actions);
  return result;
}

// ---- agreement ----------------------------------------------------------------

function agreementArgsOf(arg: unknown, selection: unknown): AgreementArgs {
  if (arg instanceof vscode.Uri) {
    const uris = Array.isArray(selection) ? (selection as unknown[]).filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
    return uris.length === 2 ? { corpusA: uris[0], corpusB: uris[1] } : { corpusA: arg };
  }
  return arg && typeof arg === 'object' ? (arg as AgreementArgs) : {};
}

let agreementChannel: vscode.OutputChannel | undefined;

async function agreementCommand(arg?: unknown, selection?: unknown): Promise<AgreementReport | undefined> {
  const args = agreementArgsOf(arg, selection);
  const corpusA = args.corpusA
    ? fsPathOf(args.corpusA)
    : await pickFolder({ title: vscode.l10n.t("Annotator Agreement: annotator A's corpus folder"), openLabel: vscode.l10n.t('Choose as A') });
  if (!corpusA) return undefined;
  const corpusB = args.corpusB
    ? fsPathOf(args.corpusB)
    : await pickFolder({ title: vscode.l10n.t("Annotator Agreement: annotator B's corpus folder, to compare with {0}", path.basename(corpusA)), openLabel: vscode.l10n.t('Choose as B'), near: path.dirname(corpusA) });
  if (!corpusB) return undefined;

  const compared = await runWithProgress('agreement', vscode.l10n.t('Comparing {0} and {1}', path.basename(corpusA), path.basename(corpusB)), (client, run, token) =>
    client.sendRequest(agreementRequest, { run, corpusA, corpusB }, token),
  );
  if (!compared) return undefined;
  const { report, text } = compared;

  agreementChannel ??= vscode.window.createOutputChannel(vscode.l10n.t('Iltizam Agreement'));
  const channel = agreementChannel;
  channel.clear();
  channel.appendLine(vscode.l10n.t('Annotator A: {0}', corpusA));
  channel.appendLine(vscode.l10n.t('Annotator B: {0}', corpusB));
  channel.appendLine('');
  channel.append(text);
  channel.show(true);

  const f1 = (x: number) => (100 * x).toFixed(1);
  const saveJson = async () => {
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save the agreement report'),
      defaultUri: vscode.Uri.file(path.join(path.dirname(corpusA), `agreement-${path.basename(corpusA)}-${path.basename(corpusB)}.json`)),
      filters: { JSON: ['json'] },
    });
    if (target) await vscode.workspace.fs.writeFile(target, Buffer.from(JSON.stringify(report, null, 2) + '\n', 'utf8'));
  };
  // Not awaited: the command resolves with the report while the message waits for the user.
  void showDone(
    vscode.l10n.t(
      'Agreement over {0}: overlap F1 {1}, exact F1 {2}, {3}.',
      countOf('documents', report.documents.length),
      f1(report.overall.overlap.f1),
      f1(report.overall.exact.f1),
      countOf('disagreements', report.disagreements.length),
    ),
    [
      { title: vscode.l10n.t('Show Report'), run: async () => channel.show() },
      { title: vscode.l10n.t('Save as JSON…'), run: saveJson },
    ],
  );
  return report;
}

// ---- registration ---------------------------------------------------------------

let corpusChannel: vscode.OutputChannel | undefined;

/** The log of exports and imports: every file written, and what a format could not carry. */
function output(): vscode.OutputChannel {
  corpusChannel ??= vscode.window.createOutputChannel(vscode.l10n.t('Iltizam Export and Import'));
  return corpusChannel;
}

export function registerCorpusCommands(client: () => LanguageClient | undefined): vscode.Disposable[] {
  clientOf = client;
  return [
    vscode.commands.registerCommand(corpusCommands.export, exportCommand),
    vscode.commands.registerCommand(corpusCommands.import, importCommand),
    vscode.commands.registerCommand(corpusCommands.agreement, agreementCommand),
    { dispose: () => [corpusChannel, agreementChannel].forEach((c) => c?.dispose()) },
  ];
}

// Export, import and agreement for the editor, run here rather than in the
// extension host (the same node/ code as the CLI's), with progress
// notifications and the request's cancellation. A problem with an input file
// fails the request with the file and line in its data.
import { CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { formatAgreementReport } from '../corpus/agreement';
import { COLLECTION_FILES } from '../interchange/formats';
import { FormatError } from '../interchange/formatError';
import { CancelledError, RunControl } from '../interchange/runControl';
import { agreement } from '../node/agreement';
import { exportCorpus } from '../node/exportCorpus';
import { findCorpusTexts } from '../node/files';
import { importFile } from '../node/importFile';
import { agreementRequest, exportPlanRequest, exportRequest, ExportResponse, FileErrorData, importRequest, runProgressNotification } from '../protocol/messages';
import * as path from 'path';
import type { ServerContext } from './context';
import * as l10n from '@vscode/l10n';
import { formatErrorText, reasonText } from '../render/reasonText';

/** Runs `body` with progress sent for run \`run\` and the token as its cancellation; errors become ResponseErrors. */
async function running<T>(ctx: ServerContext, run: string, token: CancellationToken, body: (control: RunControl) => Promise<T> | T): Promise<T> {
  try {
    return await body({
      onProgress: (p) => void ctx.connection.sendNotification(runProgressNotification, { run, ...p }),
      isCancelled: () => token.isCancellationRequested,
    });
  } catch (err) {
    if (err instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, err.message);
    if (err instanceof FormatError) {
      const data: FileErrorData = { file: err.file, line: err.line, reason: reasonText(err.reason, l10n.t), refusedToOverwrite: err.refusedToOverwrite };
      throw new ResponseError<FileErrorData>(ErrorCodes.InvalidParams, formatErrorText(err, l10n.t), data);
    }
    throw new ResponseError(ErrorCodes.InternalError, err instanceof Error ? err.message : String(err));
  }
}

export function registerExchangeRequests(ctx: ServerContext): void {
  const { connection } = ctx;
  connection.onRequest(exportPlanRequest, ({ paths, format, outDir }, token) =>
    running(ctx, '', token, () => {
      const entries = findCorpusTexts(paths, [outDir]);
      const at = (relative: string) => path.resolve(outDir, ...relative.split('/'));
      const single = COLLECTION_FILES[format];
      const outputs = single
        ? [at(single)]
        : entries.flatMap((e) => (format === 'brat' ? [at(`${e.name}.txt`), at(`${e.name}.ann`)] : [at(`${e.name}.${format === 'conll' ? 'conll' : 'jsonld'}`)]));
      if (format === 'brat') outputs.push(at('annotation.conf'));
      return { inputs: entries.flatMap((e) => [path.resolve(e.textFile), path.resolve(e.annFile)]), outputs };
    }),
  );
  connection.onRequest(exportRequest, ({ run, ...params }, token) =>
    running(ctx, run, token, (control) =>
      // The schema and the suggestions are those the editor shows: annotation.conf looked for up to the
      // workspace folder, the workspace lexicon files the server loaded.
      exportCorpus({ ...params, roots: ctx.workspaceRoots, lexiconFiles: ctx.lexiconFiles().filter((f) => ctx.files.exists(f)), ...control }).then(
        (result): ExportResponse => ({ ...result, warnings: result.warnings.map((w) => ({ document: w.document, message: reasonText(w.message, l10n.t) })) }),
      ),
    ),
  );
  connection.onRequest(importRequest, ({ run, ...params }, token) => running(ctx, run, token, (control) => importFile({ ...params, ...control })));
  connection.onRequest(agreementRequest, ({ run, corpusA, corpusB }, token) =>
    running(ctx, run, token, async (control) => {
      const report = await agreement({ corpusA, corpusB, ...control });
      return { report, text: formatAgreementReport(report) };
    }),
  );
}

// The reviewers' requests (protocol/messages.ts): the corpus view over the
// workspace index, review statuses, and the reading view of a document.
import * as l10n from '@vscode/l10n';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity, ErrorCodes, ResponseError } from 'vscode-languageserver';
import { CorpusFilter, corpusRequests, readingViewRequest, reviewStates } from '../protocol/messages';
import type { ServerContext } from './context';
import { corpusCommitmentsOf, corpusEntitiesOf, corpusMentionsOf, corpusStatisticsOf, corpusSummaryOf } from './features/corpus';
import { readingViewOf } from './features/readingView';

/**
 * Reports each .iltizam/review.json that cannot be read as an error on that
 * file (statuses are then neither shown nor written over it), and clears the
 * report once it reads again. Sent after the index is built and whenever a
 * review file changes.
 */
export function publishReviewFileDiagnostics(ctx: ServerContext): void {
  const broken = new Map(ctx.reviews.errors().map((e) => [pathToFileURL(e.file).toString(), e]));
  for (const [uri, error] of broken) {
    const message = l10n.t('The review statuses in this file cannot be read ({0}). Fix or remove it: until then no status is shown or written.', error.reason);
    void ctx.connection.sendDiagnostics({ uri, diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: 'iltizam', message }] });
  }
  const reported = ctx.brokenReviewFiles;
  for (const uri of reported) if (!broken.has(uri)) void ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  reported.clear();
  for (const uri of broken.keys()) reported.add(uri);
}

const filterOf = (f: CorpusFilter | undefined) => ({ labels: f?.labels, statuses: f?.statuses });

export function registerCorpusRequests(ctx: ServerContext): void {
  const { connection, index, reviews, service } = ctx;
  connection.onRequest(corpusRequests.summary, async (params, token) => {
    await index.ready();
    return corpusSummaryOf(index.corpus, (uri) => reviews.get(uri), filterOf(params?.filter), token);
  });
  connection.onRequest(corpusRequests.entities, async (params, token) => {
    await index.ready();
    return corpusEntitiesOf(index.corpus, params.label, filterOf(params.filter), token);
  });
  connection.onRequest(corpusRequests.mentions, async (params, token) => {
    await index.ready();
    return corpusMentionsOf(index.corpus, params.key, filterOf(params.filter), token);
  });
  connection.onRequest(corpusRequests.commitments, async (params, token) => {
    await index.ready();
    return corpusCommitmentsOf(index.corpus, params.actor, filterOf(params.filter), token);
  });
  connection.onRequest(corpusRequests.statistics, async (_params, token) => {
    await index.ready();
    return corpusStatisticsOf(index.corpus, token);
  });
  connection.onRequest(corpusRequests.setReview, (params) => {
    if (!reviewStates.includes(params?.status)) throw new ResponseError(ErrorCodes.InvalidParams, `unknown review status ${JSON.stringify(params?.status)}`);
    try {
      reviews.set(params.uri, params.status, service.decision(params.uri));
    } catch (err) {
      throw new ResponseError(ErrorCodes.InternalError, err instanceof Error ? err.message : String(err));
    }
    ctx.corpusChanged();
    return reviews.get(params.uri);
  });
  connection.onRequest(readingViewRequest, async (params, token) => {
    const doc = ctx.annotatable(params.uri);
    if (!doc) return null;
    const range = params.range;
    if (range !== undefined && !(Number.isInteger(range?.start) && Number.isInteger(range?.end) && range.start >= 0 && range.start <= range.end)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `range must be { start, end }, whole UTF-16 offsets with 0 ≤ start ≤ end: ${JSON.stringify(range)}`);
    }
    // The first screen of a document never analysed: its lines alone, at once (the same view as its first tokens).
    const first = range && service.firstScreenViewOf(doc, range.start, range.end);
    if (first) {
      const result = readingViewOf(doc.uri, doc.version, first, token);
      return result && { ...result, provisional: true as const };
    }
    // The analysis the worker is making, rather than the same one again on this thread.
    await service.backgroundAnalysisOf(doc);
    return readingViewOf(doc.uri, doc.version, service.viewOf(doc), token);
  });
}

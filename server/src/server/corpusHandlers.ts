// The reviewers' requests (protocol/messages.ts): the corpus view over the
// workspace index, review statuses, and the reading view of a document.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { CorpusFilter, corpusRequests, readingViewRequest, reviewStates } from '../protocol/messages';
import type { ServerContext } from './context';
import { corpusCommitmentsOf, corpusEntitiesOf, corpusMentionsOf, corpusStatisticsOf, corpusSummaryOf } from './features/corpus';
import { readingViewOf } from './features/readingView';

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
  connection.onRequest(readingViewRequest, (params, token) => {
    const doc = ctx.annotatable(params.uri);
    return doc ? readingViewOf(doc.uri, doc.version, service.viewOf(doc), token) : null;
  });
}

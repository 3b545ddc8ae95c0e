// Building the workspace index, with progress in the client's status bar
// and the iltizam/corpus/indexed notification.
import * as l10n from '@vscode/l10n';
import { indexProgressNotification } from '../protocol/messages';
import type { ServerContext } from './context';
import { countOf } from './features/labels';
import { publishReviewFileDiagnostics } from './corpusHandlers';

export class IndexBuilder {
  /** Whether the first build has started (settings read before it need not build again). */
  started = false;

  constructor(private readonly ctx: ServerContext) {}

  /** (Re)builds the index; before the first build, does nothing (the first build reads everything). */
  rebuildIfStarted(): void {
    if (this.started) void this.build();
  }

  async build(): Promise<void> {
    const { ctx } = this;
    const { connection, index } = ctx;
    this.started = true;
    const started = Date.now();
    const reporter = ctx.client.reportProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    reporter?.begin(l10n.t('Indexing the corpus'), 0, undefined, false);
    let last = { done: 0, total: 0 };
    await index.build(ctx.workspaceRoots, (p) => {
      last = p;
      reporter?.report(p.total ? Math.round((100 * p.done) / p.total) : 100, countOf('documentsDone', p.total, [p.done, p.total]));
      void connection.sendNotification(indexProgressNotification, { ...p, complete: false });
    });
    reporter?.done();
    publishReviewFileDiagnostics(ctx);
    const milliseconds = Date.now() - started;
    void connection.sendNotification(indexProgressNotification, { ...last, documents: index.corpus.size, complete: true, milliseconds });
    connection.console.info(
      l10n.t('Indexed {0} in {1} ms, with a lexicon of {2}.', countOf('documents', index.corpus.size), milliseconds, countOf('entries', ctx.service.currentLexicon.byId.size)),
    );
  }
}

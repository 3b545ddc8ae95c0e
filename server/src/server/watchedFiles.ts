// Changes on disk made by someone else (a git pull, brat, another editor):
// .ann files read again, schemas, review statuses, lexicon files, and the
// index kept current for the texts that are not open.
import * as l10n from '@vscode/l10n';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { FileChangeType, FileEvent, MessageType } from 'vscode-languageserver';
import { isAnnotationName, isTextName, textNameOf } from '../annotations/pairing';
import type { AnnotationFileDocuments } from './annotationFileDocuments';
import type { AnnotationPush } from './annotationPush';
import type { ServerContext } from './context';
import type { IndexBuilder } from './indexing';
import { REVIEW_FILE } from './reviewStatuses';
import { publishReviewFileDiagnostics } from './corpusHandlers';
import type { SettingsSync } from './settings';

/** Registers the handler of the client's file events; returns it, for the server's own watching (fallbackWatching.ts). */
export function registerWatchedFiles(ctx: ServerContext, push: AnnotationPush, annotationFiles: AnnotationFileDocuments, settings: SettingsSync, indexer: IndexBuilder): (changes: FileEvent[]) => void {
  const filesChanged = (changes: FileEvent[]) => {
    let lexicons = false;
    let schemas = false;
    for (const change of changes) {
      if (!change.uri.startsWith('file:')) continue;
      const file = fileURLToPath(change.uri);
      if (path.basename(file) === 'annotation.conf') schemas = true;
      else if (file.endsWith(REVIEW_FILE)) {
        if (ctx.reviews.fileChanged(file)) ctx.corpusChanged();
        publishReviewFileDiagnostics(ctx);
      } else if (isTextName(file) && !ctx.isLexiconFile(change.uri)) {
        if (!ctx.documents.get(change.uri)) ctx.index.fileChanged(change.uri);
      } else if (isAnnotationName(file)) annotationFileChanged(ctx, push, annotationFiles, change);
      else if (change.type === FileChangeType.Deleted && !path.extname(file)) ctx.index.pathDeleted(change.uri);
      else if (ctx.isLexiconFile(change.uri) && !ctx.documents.get(change.uri)) {
        settings.loadLexicon(file);
        lexicons = true;
      }
    }
    if (schemas) ctx.service.stores.reloadSchemas();
    if (lexicons || schemas) {
      push.pushAll();
      void indexer.build();
    }
  };
  ctx.connection.onDidChangeWatchedFiles(({ changes }) => filesChanged(changes));
  return filesChanged;
}

function annotationFileChanged(ctx: ServerContext, push: AnnotationPush, annotationFiles: AnnotationFileDocuments, change: FileEvent): void {
  if (!ctx.documents.get(textNameOf(change.uri))) ctx.index.fileChanged(change.uri);
  const reloaded = ctx.service.stores.fileChanged(fileURLToPath(change.uri), (uri) => annotationFiles.textOf(uri));
  for (const store of reloaded) {
    const doc = ctx.documents.get(store.uri);
    if (!doc) {
      push.pushFileDiagnostics(store);
      continue;
    }
    push.push(doc);
    ctx.tell(MessageType.Info, l10n.t('{0} was changed on disk and was read again.', path.basename(store.annotationFile ?? '')));
  }
}

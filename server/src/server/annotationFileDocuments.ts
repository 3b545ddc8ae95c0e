// A .ann opened in the editor while its text is not: its diagnostics come
// from a store opened on the text on disk, kept while the .ann is open (an
// open text's store serves both).
import * as path from 'path';
import { fileURLToPath } from 'url';
import { isAnnotationName, textNameOf } from '../annotations/pairing';
import type { AnnotationPush } from './annotationPush';
import type { ServerContext } from './context';
import { missingTextDiagnostic } from './features/storeDiagnostics';

/** A file's text; empty when it does not exist or cannot be read. */
export function readOrEmpty(ctx: ServerContext, file: string): string {
  try {
    return ctx.files.read(file) ?? '';
  } catch {
    return '';
  }
}

export const isAnnotationFileUri = (uri: string) => uri.startsWith('file:') && isAnnotationName(uri);

export class AnnotationFileDocuments {
  /** Texts whose stores were opened for their .ann alone. */
  private readonly textsOpened = new Set<string>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly push: AnnotationPush,
  ) {}

  opened(annotationUri: string): void {
    const { ctx } = this;
    const textUri = textNameOf(annotationUri);
    if (ctx.documents.get(textUri)) return;
    const textFile = fileURLToPath(textUri);
    if (!ctx.files.exists(textFile)) {
      void ctx.connection.sendDiagnostics({ uri: annotationUri, diagnostics: [missingTextDiagnostic(path.basename(textFile))] });
      return;
    }
    this.textsOpened.add(textUri);
    this.push.pushFileDiagnostics(ctx.service.stores.open(textUri, readOrEmpty(ctx, textFile)));
  }

  closed(annotationUri: string): void {
    const { ctx } = this;
    const textUri = textNameOf(annotationUri);
    if (!this.textsOpened.delete(textUri)) {
      if (!ctx.documents.get(textUri)) void ctx.connection.sendDiagnostics({ uri: annotationUri, diagnostics: [] });
      return;
    }
    if (ctx.documents.get(textUri)) return;
    this.push.clearFileDiagnostics(ctx.service.stores.get(textUri));
    ctx.service.stores.close(textUri);
  }

  /** The text of a store: the open document's, or the file's when its store was opened for its .ann. */
  textOf(textUri: string): string | undefined {
    return this.ctx.documents.get(textUri)?.getText() ?? (this.textsOpened.has(textUri) ? readOrEmpty(this.ctx, fileURLToPath(textUri)) : undefined);
  }
}

// The annotations the client draws (entity colours, commitment marks, the
// status bar), pushed after each analysis of an open document and after each
// decision: stored annotations and the suggestions no decision covers, each
// with its status, so that the client can draw them differently.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { commitmentLabel } from '../../analysis/schema';
import { schemaHasCommitments, StoreSchema, strengthsOf } from '../../annotations/conf';
import type { TextSpan } from '../../annotations/anchoring';
import type { AnnotatedView } from '../../annotations/view';
import type { AnnotationsParams } from '../../protocol/messages';
import { rangeIn } from './ranges';

export interface StoreSummary {
  schema: StoreSchema;
  canUndo: boolean;
  canRedo: boolean;
  storable: boolean;
}

export function annotationsOf(doc: TextDocument, view: AnnotatedView, store: StoreSummary): AnnotationsParams {
  const range = (s: { start: number; end: number }) => rangeIn(doc, s);
  const pieces = (fragments: TextSpan[]) => (fragments.length > 1 ? { fragments: fragments.map(range) } : {});
  const all = [...view.entities, ...view.commitments];
  const suggested = all.filter((a) => a.status === 'suggested').length;
  return {
    uri: doc.uri,
    version: doc.version,
    entities: view.entities.map((e) => ({ id: e.id, range: range(e), ...pieces(e.fragments), label: e.label, source: e.source, status: e.status })),
    commitments: view.commitments.map((c) => ({ id: c.id, range: range(c), ...pieces(c.fragments), strength: c.strength, negated: c.negated, status: c.status })),
    schema: {
      labels: store.schema.entityLabels,
      commitment: schemaHasCommitments(store.schema) ? commitmentLabel.name : undefined,
      strengths: strengthsOf(store.schema),
    },
    counts: { suggested, stored: all.length - suggested, rejected: view.rejected, lost: view.lost.length },
    history: { canUndo: store.canUndo, canRedo: store.canRedo },
    storable: store.storable,
  };
}

/** Sent for a document the server does not annotate (not Arabic), so the client clears it. */
export function noAnnotations(doc: TextDocument): AnnotationsParams {
  return { uri: doc.uri, version: doc.version, entities: [], commitments: [] };
}

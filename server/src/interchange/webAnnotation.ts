// W3C Web Annotation (JSON-LD): one AnnotationCollection per document, each
// annotation targeting the text with a TextQuoteSelector (exact, prefix,
// suffix) and a TextPositionSelector, whose offsets the model defines in
// code points. The one BOM rule of every export holds here too: a byte-order
// mark is character 0, as brat counts it. The target's source is an absolute
// IRI (the text's file URI, or the IRI under a base the exporter gives). Labels are `tagging` bodies; a commitment's strength is a
// `classifying` body and its actors and principles link to their
// annotations. A suggestion's creator is the software that made it.
// The text itself travels with the collection (`sourceText`): a node with
// the source's own IRI as its id, of type Text, whose rdf:value is the text,
// so that a consumer resolves every `target.source` without the file.
import { OffsetMap } from '../analysis/offsets';
import { AnnotatedDocument, ExportCommitment, ExportEntity, SUGGESTED } from './corpusDocument';

/** Context characters either side of a quote: enough to tell repeated mentions apart. */
export const QUOTE_CONTEXT = 32;

const ILTIZAM_CONTEXT = {
  iltizam: 'urn:iltizam:vocab#',
  reviewStatus: 'iltizam:reviewStatus',
  negated: 'iltizam:negated',
  sourceText: 'iltizam:sourceText',
  actor: { '@id': 'iltizam:actor', '@type': '@id' },
  principle: { '@id': 'iltizam:principle', '@type': '@id' },
};

/** An IRI for a document's name (each path segment percent-encoded). */
export function documentIri(name: string): string {
  return `urn:iltizam:document:${name.split('/').map(encodeURIComponent).join('/')}`;
}

export interface WebAnnotationOptions {
  /** The absolute IRI of the text the annotations target. */
  source: string;
  withSuggestions?: boolean;
}

/** The IRI of a document's text under a base IRI (`--base`): its name's path segments percent-encoded, with .txt. */
export function sourceUnder(base: string, name: string): string {
  return new URL(`${name.split('/').map(encodeURIComponent).join('/')}.txt`, base.endsWith('/') ? base : `${base}/`).href;
}

export function webAnnotationCollection(doc: AnnotatedDocument, options: WebAnnotationOptions): object {
  const { source, withSuggestions = false } = options;
  // Positions count the text as every export does (a byte-order mark is character 0).
  const text = doc.text;
  const map = new OffsetMap(text);
  const slice = (start: number, end: number) => text.slice(map.toUtf16(Math.max(0, start)), map.toUtf16(Math.max(0, Math.min(end, map.codePointLength))));
  const base = documentIri(doc.name);
  const idOf = (id: string) => `${base}#${encodeURIComponent(id)}`;
  const keep = <T extends { status: string }>(list: T[]) => list.filter((a) => withSuggestions || a.status !== SUGGESTED);
  const annotation = (a: ExportEntity | ExportCommitment, bodies: object[], extra: object = {}) => {
    const start = Math.max(0, a.start);
    const end = Math.max(start, a.end);
    return {
      id: idOf(a.id),
      type: 'Annotation',
      motivation: 'tagging',
      ...(a.status === SUGGESTED ? { creator: { type: 'Software', name: 'Iltizam automatic annotator' } } : {}),
      reviewStatus: a.status,
      body: [{ type: 'TextualBody', purpose: 'tagging', value: a.label }, ...bodies],
      target: {
        source,
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: slice(start, end),
            prefix: slice(start - QUOTE_CONTEXT, start),
            suffix: slice(end, end + QUOTE_CONTEXT),
          },
          { type: 'TextPositionSelector', start, end },
        ],
      },
      ...extra,
    };
  };
  const items = [
    ...keep(doc.entities).map((e) =>
      annotation(e, [
        ...(e.wikidata ? [{ type: 'SpecificResource', purpose: 'identifying', source: `http://www.wikidata.org/entity/${e.wikidata}` }] : []),
      ]),
    ),
    ...keep(doc.commitments).map((c) =>
      annotation(c, c.strength ? [{ type: 'TextualBody', purpose: 'classifying', value: c.strength }] : [], {
        negated: c.negated,
        actor: c.actors.map(idOf),
        principle: c.principles.map(idOf),
      }),
    ),
  ];
  return {
    '@context': ['http://www.w3.org/ns/anno.jsonld', ILTIZAM_CONTEXT],
    id: base,
    type: 'AnnotationCollection',
    label: doc.name,
    total: items.length,
    // The text the selectors count in, byte-order mark included (character 0).
    sourceText: { id: source, type: 'Text', format: 'text/plain', language: 'ar', value: text },
    // An AnnotationPage MUST have an id (Web Annotation Protocol 4.2).
    first: { id: `${base}#page1`, type: 'AnnotationPage', partOf: base, startIndex: 0, items },
  };
}

export function webAnnotationJson(doc: AnnotatedDocument, options: WebAnnotationOptions): string {
  return JSON.stringify(webAnnotationCollection(doc, options), null, 2) + '\n';
}

// Text from the corpus (its words, notes, decisions, lexicon names and
// descriptions) shown in Markdown, as hover cards are: every character
// Markdown or HTML would act on is escaped, so that a note cannot become a
// link (command: URIs), an image (remote or with onerror), a heading or HTML.

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&:]/g;

/** `value` as literal text inside Markdown; line breaks become spaces. */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

/** A Wikidata item id (Q and digits) as a link; anything else is not linked. */
export function wikidataLink(id: string | undefined): string {
  return id && /^Q\d{1,12}$/.test(id) ? ` [Wikidata ${id}](https://www.wikidata.org/wiki/${id})` : '';
}

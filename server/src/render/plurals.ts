// Counts as the user reads them: one string per plural category of the
// interface language (Intl.PluralRules: English has one and other, Arabic
// zero, one, two, few, many and other), shared by the server and the client.
// The English forms are here; each language's bundle has a key per phrase and
// category, `<English form>/plural <category>` (test/core/packaging.test.ts
// checks that the Arabic bundle has all of them).

/** Each counted phrase: its English form for one, and for every other count. `{0}` is the count. */
export const COUNTED = {
  entities: { one: '{0} entity', other: '{0} entities' },
  commitments: { one: '{0} commitment', other: '{0} commitments' },
  mentions: { one: '{0} mention', other: '{0} mentions' },
  documents: { one: '{0} document', other: '{0} documents' },
  decisions: { one: '{0} decision', other: '{0} decisions' },
  files: { one: '{0} file', other: '{0} files' },
  warnings: { one: '{0} warning', other: '{0} warnings' },
  entries: { one: '{0} entry', other: '{0} entries' },
  disagreements: { one: '{0} disagreement', other: '{0} disagreements' },
  toReview: { one: '{0} to review', other: '{0} to review' },
  acceptedSuggestions: { one: 'Accepted {0} suggestion', other: 'Accepted {0} suggestions' },
  mentionedInDocument: { one: 'Mentioned once in this document.', other: 'Mentioned {0} times in this document.' },
  /** `{1}` is the count: "3 of 12 documents". */
  documentsDone: { one: '{0} of {1} document', other: '{0} of {1} documents' },
  acceptAllOfDocument: { one: 'Accept the {0} suggestion of the document', other: 'Accept all {0} suggestions of the document' },
  /** `{1}` is the label's name. */
  acceptAllOfLabel: { one: 'Accept the {0} {1} suggestion', other: 'Accept all {0} {1} suggestions' },
} as const;

export type Counted = keyof typeof COUNTED;

/** The translate function of @vscode/l10n or of vscode.l10n: a key is `message/comment`. */
export type Translate = (options: { message: string; args: (string | number)[]; comment: string[] }) => string;

/** The bundle key of a phrase in a plural category. */
export function pluralKey(what: Counted, category: Intl.LDMLPluralRule): string {
  return `${category === 'one' ? COUNTED[what].one : COUNTED[what].other}/plural ${category}`;
}

/**
 * The phrase for `count` in `language`, translated by `t`. `args` are the
 * phrase's arguments (`[count]` unless given; the count picks the category).
 */
export function countPhrase(t: Translate, language: string, what: Counted, count: number, args: (string | number)[] = [count]): string {
  let category: Intl.LDMLPluralRule;
  try {
    category = new Intl.PluralRules(language).select(count);
  } catch {
    category = new Intl.PluralRules('en').select(count);
  }
  return t({ message: category === 'one' ? COUNTED[what].one : COUNTED[what].other, args, comment: [`plural ${category}`] });
}

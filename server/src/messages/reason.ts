// What the pure layers tell the user (why an input is wrong, what an export
// left out) as data: an English text with {0}… placeholders and its
// arguments, put into words where it is shown. The server and the command
// line translate it into their language (render/reasonText.ts); the pure
// layers hold no language.

export type ReasonArg = string | number | Reason;

export interface Reason {
  readonly text: string;
  readonly args: readonly ReasonArg[];
}

/** A reason: `text` is the English source text (the key of its translations), `{0}`… its arguments. */
export function reason(text: string, ...args: ReasonArg[]): Reason {
  return { text, args };
}

/** Whether a value is a reason (not a plain argument). */
export function isReason(value: unknown): value is Reason {
  return typeof value === 'object' && value !== null && typeof (value as Reason).text === 'string' && Array.isArray((value as Reason).args);
}

/** The reason in English, its arguments filled in (for an Error's message and logs). */
export function inEnglish(r: Reason): string {
  return fill(r.text, r.args.map((a) => (isReason(a) ? inEnglish(a) : String(a))));
}

/** `text` with `{k}` replaced by `args[k]` (a placeholder without an argument is kept). */
function fill(text: string, args: readonly string[]): string {
  return text.replace(/\{(\d+)\}/g, (whole, k: string) => args[Number(k)] ?? whole);
}

/** The first of several problems, and how many more there are: "… (and 3 more)". */
export function withMore(first: Reason, more: number): Reason {
  return more > 0 ? reason('{0} (and {1} more)', first, more) : first;
}

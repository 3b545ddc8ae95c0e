// CoNLL-2002 style IOB2, read and written. Reading: "token TAG" files as
// ANERcorp ships them; malformed lines are reported with their line number and
// skipped. Writing (export): one `token TAG` a line (one space between, or
// a tab, which doccano's CoNLL import splits on),
// a blank line between sentences, tokens from the project's tokeniser (see
// tokens.ts). IOB2 is flat: it carries the entity labels, one per token, the
// outermost span winning; nested spans and commitments (clauses that contain
// entities) are left out, and each loss is reported.
import { AnnotatedDocument, bratViewOf, SUGGESTED } from './corpusDocument';
import { exportTokens, labelTokens, TokenOptions, WHITESPACE } from './tokens';
import { commitmentLabel } from '../analysis/schema';
import { OffsetMap } from '../analysis/offsets';
import { FormatError, safeDocumentName } from './formatError';
import { reason, Reason, withMore } from '../messages/reason';
import type { ImportedSpan } from './formats';

export interface ConllExport {
  content: string;
  /** What the format could not carry, one message per annotation. */
  warnings: Reason[];
}

/** Stored annotations only: the format cannot mark a suggestion (see formatMarksSuggestions). */
export function conllFor(doc: AnnotatedDocument, options: TokenOptions & { tab?: boolean } = {}): ConllExport {
  const separator = options.tab ? '\t' : ' ';
  const tokens = exportTokens(doc.text, options);
  const spans = doc.entities.filter((e) => e.label !== commitmentLabel.name && e.status !== SUGGESTED);
  const { spanOf, dropped, misaligned } = labelTokens(doc.text, tokens, spans);
  const warnings: Reason[] = [];
  const describe = (s: { id?: string; label: string; start: number; end: number }) => `${s.id ?? ''} ${s.label} ${s.start}-${s.end}`.trim();
  for (const d of dropped) warnings.push(reason('{0} left out: it {1}', describe(d.span), d.reason));
  for (const s of misaligned) warnings.push(reason('{0} does not start and end at token boundaries: the whole tokens are tagged', describe(s)));
  const lines: string[] = [];
  tokens.forEach((token, i) => {
    if (i > 0 && token.sentence !== tokens[i - 1].sentence) lines.push('');
    const span = spanOf[i];
    let tag = 'O';
    if (span >= 0) {
      const continues = i > 0 && spanOf[i - 1] === span && tokens[i - 1].sentence === token.sentence;
      tag = `${continues ? 'I' : 'B'}-${spans[span].label}`;
      if (!continues && i > 0 && spanOf[i - 1] === span) warnings.push(reason('{0} crosses a sentence break: it is split in two', describe(spans[span])));
    }
    lines.push(`${token.text}${separator}${tag}`);
  });
  return { content: lines.length ? lines.join('\n') + '\n' : '', warnings };
}

// ---- reading ----------------------------------------------------------------

export interface ConllToken {
  token: string;
  tag: string;
  line: number;
}

export interface ConllProblem {
  line: number;
  message: Reason;
}

const TAG = /^(O|[BIES]-[A-Za-z]+)$/;

export function readConll(source: string): { tokens: ConllToken[]; problems: ConllProblem[] } {
  const tokens: ConllToken[] = [];
  const problems: ConllProblem[] = [];
  const lines = source.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const parts = line.split(/\s+/);
    if (parts.length !== 2 || !TAG.test(parts[1])) {
      problems.push({ line: i + 1, message: reason('expected "token TAG", found {0}', JSON.stringify(line.slice(0, 60))) });
      continue;
    }
    tokens.push({ token: parts[0], tag: parts[1], line: i + 1 });
  }
  return { tokens, problems };
}

/** The tokens of a CoNLL file, checked (a malformed line is an error naming it), and the document name the file gives. */
export function conllTokensOf(source: string, file: string): { tokens: ConllToken[]; name: string } {
  const { tokens, problems } = readConll(source.replace(/^\uFEFF/, ''));
  if (problems.length) throw new FormatError(file, problems[0].line, withMore(problems[0].message, problems.length - 1));
  if (!tokens.length) throw new FormatError(file, undefined, reason('no tokens in the file'));
  const name = safeDocumentName(file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, ''));
  if (!name) throw new FormatError(file, undefined, reason('cannot name a document after this file'));
  return { tokens, name };
}

/**
 * The spans a CoNLL file's tags make on its text (the corpus's `source`,
 * or else the tokens joined, one sentence a line): each token is the next
 * stretch of the text that is not white space, or the file is refused at
 * that token's line. IOB2 and IOBES.
 */
export function conllSpans(tokens: ConllToken[], file: string, source?: { file: string; text: string }): { text: string; spans: ImportedSpan[] } {
  const sentenceBreakBefore = (i: number) => i > 0 && tokens[i].line - tokens[i - 1].line > 1;
  const text = source ? source.text : tokens.map((t, i) => (i === 0 ? '' : sentenceBreakBefore(i) ? '\n' : ' ') + t.token).join('') + '\n';
  const textFile = source?.file;
  const view = bratViewOf(text);
  const map = new OffsetMap(view);

  // Align: each token is the next non-white-space stretch of the text.
  const offsets: { start: number; end: number }[] = [];
  let p = 0;
  for (const t of tokens) {
    while (p < view.length && WHITESPACE.test(view[p])) p++;
    if (!view.startsWith(t.token, p)) {
      const found = view.slice(p, p + t.token.length + 10).replace(/\s+/g, ' ');
      throw new FormatError(
        file,
        t.line,
        textFile
          ? reason('token "{0}" does not match the text of {1} at code point {2}, which reads "{3}"', t.token, textFile, map.toCodePoint(p), found)
          : reason('token "{0}" does not match the text of the document at code point {1}, which reads "{2}"', t.token, map.toCodePoint(p), found),
      );
    }
    offsets.push({ start: map.toCodePoint(p), end: map.toCodePoint(p + t.token.length) });
    p += t.token.length;
  }
  const rest = view.slice(p);
  if (rest.trim()) {
    throw new FormatError(file, tokens[tokens.length - 1].line, reason('the tokens end at code point {0} but the text of {1} goes on: "{2}"', map.toCodePoint(p), textFile ?? '', rest.trim().slice(0, 30)));
  }

  // IOB2 and IOBES; an I- or E- tag that does not continue a span starts one, as conlleval reads it.
  const spans: ImportedSpan[] = [];
  let open: ImportedSpan | undefined;
  const close = () => {
    if (open) spans.push(open);
    open = undefined;
  };
  tokens.forEach((t, i) => {
    if (sentenceBreakBefore(i)) close();
    if (t.tag === 'O') return close();
    const prefix = t.tag[0];
    const label = t.tag.slice(2);
    const continues = open !== undefined && open.label === label && (prefix === 'I' || prefix === 'E');
    if (continues) (open as ImportedSpan).end = offsets[i].end;
    else {
      close();
      open = { label, ...offsets[i] };
    }
    if (prefix === 'E' || prefix === 'S') close();
  });
  close();
  return { text, spans };
}

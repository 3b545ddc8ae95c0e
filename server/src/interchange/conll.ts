// CoNLL-2002 style IOB2, read and written. Reading: "token TAG" files as
// ANERcorp ships them; malformed lines are reported with their line number and
// skipped. Writing (export): one `token TAG` a line (one space between),
// a blank line between sentences, tokens from the project's tokeniser (see
// tokens.ts). IOB2 is flat: it carries the entity labels, one per token, the
// outermost span winning; nested spans and commitments (clauses that contain
// entities) are left out, and each loss is reported.
import { AnnotatedDocument, SUGGESTED } from './corpusDocument';
import { exportTokens, labelTokens, TokenOptions } from './tokens';
import { commitmentLabel } from '../analysis/schema';

export interface ConllExport {
  content: string;
  /** What the format could not carry, one message per annotation. */
  warnings: string[];
}

/** Stored annotations only: the format cannot mark a suggestion (see formatMarksSuggestions). */
export function conllFor(doc: AnnotatedDocument, options: TokenOptions = {}): ConllExport {
  const tokens = exportTokens(doc.text, options);
  const spans = doc.entities.filter((e) => e.label !== commitmentLabel.name && e.status !== SUGGESTED);
  const { spanOf, dropped, misaligned } = labelTokens(doc.text, tokens, spans);
  const warnings: string[] = [];
  const describe = (s: { id?: string; label: string; start: number; end: number }) => `${s.id ?? ''} ${s.label} ${s.start}-${s.end}`.trim();
  for (const d of dropped) warnings.push(`${describe(d.span)} left out: it ${d.reason}`);
  for (const s of misaligned) warnings.push(`${describe(s)} does not start and end at token boundaries: the whole tokens are tagged`);
  const lines: string[] = [];
  tokens.forEach((token, i) => {
    if (i > 0 && token.sentence !== tokens[i - 1].sentence) lines.push('');
    const span = spanOf[i];
    let tag = 'O';
    if (span >= 0) {
      const continues = i > 0 && spanOf[i - 1] === span && tokens[i - 1].sentence === token.sentence;
      tag = `${continues ? 'I' : 'B'}-${spans[span].label}`;
      if (!continues && i > 0 && spanOf[i - 1] === span) warnings.push(`${describe(spans[span])} crosses a sentence break: it is split in two`);
    }
    lines.push(`${token.text} ${tag}`);
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
  message: string;
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
      problems.push({ line: i + 1, message: `expected "token TAG", found ${JSON.stringify(line.slice(0, 60))}` });
      continue;
    }
    tokens.push({ token: parts[0], tag: parts[1], line: i + 1 });
  }
  return { tokens, problems };
}

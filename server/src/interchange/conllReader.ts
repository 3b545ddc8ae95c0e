// Reader of "token TAG" files (CoNLL-2002 style, IOB2), as ANERcorp ships.
// Malformed lines are reported with their line number and skipped.

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

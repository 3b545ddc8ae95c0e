// ILTIZAM_TRACE=1 (standard error) or ILTIZAM_TRACE=<file> (appended to): the
// server writes when each step of its start-up and of a document's first
// screen happens, in milliseconds since the process started, to find where
// the time goes (docs/BENCHMARK.md, "First screen and start-up").
import { appendFileSync } from 'fs';

const target = process.env.ILTIZAM_TRACE;

export function trace(step: string): void {
  if (!target) return;
  const line = `[iltizam ${performance.now().toFixed(1)} ms] ${step}\n`;
  if (target === '1') process.stderr.write(line);
  else appendFileSync(target, line);
}

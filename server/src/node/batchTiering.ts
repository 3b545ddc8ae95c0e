// `iltizam analyze` runs the same code over a whole corpus, on one thread or
// several, and each thread (a V8 isolate of its own) optimises that code for
// itself. V8's default tiering suits pages and servers: it optimises a
// function after a short warm-up and again after each deoptimisation, on
// helper threads. Over 5 MB of documents that took 1.3–1.7 s of CPU per
// isolate beside 4 s of analysis, and on two cores a second job's compiler
// competes with both jobs (docs/BENCHMARK.md, "Command line over all cores").
// Eight times the budget before a function is optimised halves the helper
// threads' work; the analysis itself is no slower (its hot functions are hot
// long before), measured on 5 and 15 MB.
import * as v8 from 'node:v8';

/** V8's default budget (its --interrupt-budget) times eight. */
export const BATCH_INTERRUPT_BUDGET = 8 * 67_584;

/**
 * Sets the budget for this process and the worker threads it starts (V8's
 * flags are per process), unless node was started with one of its own. Call
 * before the workers start.
 */
export function tierForBatch(): void {
  if (process.execArgv.some((a) => a.startsWith('--interrupt-budget'))) return;
  v8.setFlagsFromString(`--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`);
}

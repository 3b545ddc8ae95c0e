// Sentence breaks that do not end what an actor says.
import { CommitmentContext } from './context';

/**
 * For every token, whether the sentence break before it lies inside a quotation
 * (“…. …”، «…. …»): a quotation open at the break's full stop and still open
 * after it. A line break always ends a sentence, and closes any quotation.
 */
export function quotedSentenceBreaks(ctx: CommitmentContext): Uint8Array {
  const { tokens } = ctx.doc;
  const quoted = new Uint8Array(tokens.length);
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const gap = tokens[i].gapBefore;
    if (gap.length === 1 && gap.charCodeAt(0) === 0x20) continue;
    let brokenInside = false;
    let broken = false;
    for (let c = 0; c < gap.length; c++) {
      const code = gap.charCodeAt(c);
      if (code === 0x20) continue;
      if (code === 0x0a) {
        depth = 0;
        broken = true;
        brokenInside = false;
      } else if (code === 0x201c || code === 0xab) depth++; // “ «
      else if (code === 0x201d || code === 0xbb) depth = Math.max(0, depth - 1); // ” »
      else if (code === 0x22) depth = depth > 0 ? depth - 1 : 1; // "
      else if (ctx.rules.sentencePunctuation.has(gap[c])) {
        if (!broken) brokenInside = depth > 0;
        broken = true;
      }
    }
    if (broken && brokenInside && depth > 0) quoted[i] = 1;
  }
  return quoted;
}

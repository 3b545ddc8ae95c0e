// What the tagger found in a sentence, kept for the next analysis of a text
// that has the same sentence: an edit re-tags only the sentences it touched.
// The key is everything the sentence's features read (its words, the gaps
// around them, the lexicon evidence from one token before it to one after:
// FeatureExtractor.sentenceContext), so a result found under it is the one a
// fresh analysis would compute; the second pass adds the sentence's
// document-level evidence to that key. Bounded (least recently used first
// out), so that a long-running server keeps a few documents' worth.

/** A span relative to its sentence (token 0 is the sentence's first). */
export interface SentenceSpan {
  first: number;
  last: number;
  type: string;
}

/** The last pass's results for one evidence vector: its names with their confidence, and the span probabilities asked so far. */
export interface FinalPass {
  spans: Array<SentenceSpan & { label?: string; confidence: number }>;
  /** spanConfidence answers, by `first,last,begin` (relative). */
  confidences: Map<string, number>;
}

export interface SentenceResults {
  /** The first pass's names (when the model has a second pass). */
  firstPass?: SentenceSpan[];
  /** The last pass's, by the sentence's evidence (as text; '' with one pass). */
  finalPasses: Map<string, FinalPass>;
}

/**
 * The key as a string of its own: a key made of a slice of a text would keep
 * that whole text alive (V8 shares the characters), one text per edit.
 */
function ownCopy(key: string): string {
  return (key + ' ').slice(0, -1);
}

/** Evidence vectors kept per sentence: a sentence seldom has more than one or two over its edits. */
const MAX_EVIDENCE_VARIANTS = 4;

export class SentenceMemo {
  /** By key; each with its key as kept (re-inserted under that one, not under the key asked with). */
  private readonly entries = new Map<string, { key: string; results: SentenceResults }>();
  private size = 0;
  /** Sentences found kept and sentences added, since the memo was made (for tests and the benchmark). */
  readonly counts = { found: 0, added: 0 };

  /** `capacity`: the total length (characters) of the keys kept. */
  constructor(private readonly capacity = 4_000_000) {}

  /** The results kept under this key (a new empty record if none), now the most recently used. */
  resultsOf(key: string): SentenceResults {
    const kept = this.entries.get(key);
    if (kept) {
      this.entries.delete(kept.key);
      this.entries.set(kept.key, kept);
      this.counts.found++;
      return kept.results;
    }
    this.counts.added++;
    const r: SentenceResults = { finalPasses: new Map() };
    const own = ownCopy(key);
    this.entries.set(own, { key: own, results: r });
    this.size += key.length;
    for (const [oldest] of this.entries) {
      if (this.size <= this.capacity) break;
      this.entries.delete(oldest);
      this.size -= oldest.length;
    }
    return r;
  }

  /** The last pass's results for this evidence, a new empty record if none. */
  static finalPassOf(results: SentenceResults, evidence: string, make: () => FinalPass['spans']): FinalPass {
    let f = results.finalPasses.get(evidence);
    if (!f) {
      if (results.finalPasses.size >= MAX_EVIDENCE_VARIANTS) results.finalPasses.delete(results.finalPasses.keys().next().value!);
      f = { spans: make(), confidences: new Map() };
      results.finalPasses.set(evidence, f);
    }
    return f;
  }

  /** The total length of the keys kept (what the capacity bounds). */
  get weight(): number {
    return this.size;
  }

  /** How many sentences are kept. */
  get sentences(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.size = 0;
  }
}

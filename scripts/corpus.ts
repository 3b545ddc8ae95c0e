// A deterministic synthetic corpus for the benchmark (`npm run bench`).
//
// Text is recombined from the samples (samples/*.txt) and the lexicon's
// surface forms with a seeded PRNG, so the same seed always gives the same
// text, byte for byte, on every machine:
//   - some sentences are sample sentences verbatim (they carry the dates,
//     titles, head nouns and commitment cues the pattern rules fire on);
//   - the others are walks of a word-bigram chain over the samples, into
//     which lexicon surface forms (ar and forms, as written) are spliced,
//     sometimes with a fused proclitic (و ب ل), at a rate that keeps the
//     entity density close to the samples'.
// Sentences are grouped into paragraphs, one per line.
import * as fs from 'fs';
import * as path from 'path';
import type { LexiconEntry } from '../server/src/analysis/lexicon';
import { seededRandom } from '../server/src/analysis/tagger/random';

/** The corpus generator draws from the same seeded generator as training (mulberry32), floats in [0, 1). */
export const prng = seededRandom;

/** A seed for item `index` of a series, independent of the other items. */
export function deriveSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export interface CorpusSources {
  /** Sample texts, in file-name order. */
  samples: string[];
  /** Lexicon surface forms as written (each entry's ar and forms). */
  surfaceForms: string[];
}

export interface GeneratorOptions {
  /** Share of sentences copied verbatim from the samples (default 0.3). */
  verbatimShare?: number;
  /** Chance, at each word of a generated sentence, of splicing in a lexicon form (default 0.07). */
  lexiconRate?: number;
}

const SENTENCE_END = /[.!؟?]["”»]?$/;

/** Reads the samples and the lexicon's surface forms from the repository. */
export function loadSources(repoRoot: string, lexiconEntries?: LexiconEntry[]): CorpusSources {
  const dir = path.join(repoRoot, 'samples');
  const samples = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const entries = lexiconEntries ?? (JSON.parse(fs.readFileSync(path.join(repoRoot, 'server', 'data', 'lexicon.json'), 'utf8')) as { entries: LexiconEntry[] }).entries;
  return { samples, surfaceForms: surfaceFormsOf(entries) };
}

/** Every distinct surface form of the (enabled) entries, in lexicon order. */
export function surfaceFormsOf(entries: readonly LexiconEntry[]): string[] {
  const seen = new Set<string>();
  for (const e of entries) {
    if (e.disabled) continue;
    for (const f of [e.ar, ...(e.forms ?? [])]) if (f && f.trim()) seen.add(f.trim());
  }
  return [...seen];
}

export class CorpusGenerator {
  private readonly sentences: string[] = [];
  private readonly starts: string[] = [];
  private readonly successors = new Map<string, string[]>();
  private readonly verbatimShare: number;
  private readonly lexiconRate: number;

  constructor(private readonly sources: CorpusSources, options: GeneratorOptions = {}) {
    this.verbatimShare = options.verbatimShare ?? 0.3;
    this.lexiconRate = options.lexiconRate ?? 0.07;
    if (!sources.samples.length || !sources.surfaceForms.length) throw new Error('the corpus generator needs samples and lexicon forms');
    for (const sample of sources.samples) {
      for (const line of sample.split('\n')) {
        // Sentences end at . ! ؟ ? (with a closing quote), keeping the mark.
        for (const sentence of line.split(/(?<=[.!؟?]["”»]?)\s+/)) {
          const words = sentence.split(/\s+/).filter(Boolean);
          if (words.length < 3) continue;
          this.sentences.push(words.join(' '));
          this.starts.push(words[0]);
          for (let i = 0; i + 1 < words.length; i++) {
            const list = this.successors.get(words[i]);
            if (list) list.push(words[i + 1]);
            else this.successors.set(words[i], [words[i + 1]]);
          }
        }
      }
    }
  }

  /** A document of at least `bytes` UTF-8 bytes (it stops at the paragraph that reaches it). */
  document(seed: number, bytes: number): string {
    const random = prng(seed);
    const paragraphs: string[] = [];
    let size = 0;
    while (size < bytes) {
      const count = 1 + Math.floor(random() * 5);
      const sentences: string[] = [];
      for (let k = 0; k < count; k++) sentences.push(this.sentence(random));
      const paragraph = sentences.join(' ');
      paragraphs.push(paragraph);
      size += Buffer.byteLength(paragraph, 'utf8') + 1;
    }
    return paragraphs.join('\n') + '\n';
  }

  private pick<T>(random: () => number, list: readonly T[]): T {
    return list[Math.floor(random() * list.length)];
  }

  private sentence(random: () => number): string {
    if (random() < this.verbatimShare) return this.pick(random, this.sentences);
    const words: string[] = [];
    let word = this.pick(random, this.starts);
    const length = 8 + Math.floor(random() * 25);
    for (let i = 0; i < length; i++) {
      if (random() < this.lexiconRate) words.push(this.lexiconMention(random));
      words.push(word);
      if (SENTENCE_END.test(word) && i >= 5) break;
      const next = this.successors.get(word);
      word = next ? this.pick(random, next) : this.pick(random, this.starts);
    }
    let text = words.join(' ');
    if (!SENTENCE_END.test(text)) text = text.replace(/[،,؛:]+$/, '') + '.';
    return text;
  }

  private lexiconMention(random: () => number): string {
    const form = this.pick(random, this.sources.surfaceForms);
    const r = random();
    if (!/^[\u0600-\u06ff]/.test(form) || r >= 0.25) return form;
    // A fused one-letter proclitic, written as Arabic writes it (ل + ال → لل).
    if (r < 0.12) return 'و' + form;
    if (r < 0.19) return 'ب' + form;
    return form.startsWith('ال') ? 'لل' + form.slice(2) : 'ل' + form;
  }
}

export interface CorpusDocument {
  name: string;
  text: string;
}

/**
 * A workspace of `count` documents whose sizes are spread log-uniformly
 * between `minBytes` and `maxBytes` (so mostly short, some long, like a
 * folder of reports and articles).
 */
export function* workspaceDocuments(generator: CorpusGenerator, seed: number, count: number, minBytes = 1_000, maxBytes = 32_000): Generator<CorpusDocument> {
  const sizes = prng(seed);
  for (let i = 0; i < count; i++) {
    const bytes = Math.round(minBytes * Math.pow(maxBytes / minBytes, sizes()));
    yield { name: `doc-${String(i).padStart(4, '0')}.txt`, text: generator.document(deriveSeed(seed, i), bytes) };
  }
}

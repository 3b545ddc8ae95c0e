// Word clusters learned from unlabeled Arabic text (scripts/train-clusters.ts):
// every frequent word has a coarse and a fine cluster, so a word the labelled
// data never showed still shares evidence with the words of its cluster.
import { readingsOfWord } from '../document';

export interface ClusterData {
  /** Words (normalised as the core normalises them), one per line, most frequent first. */
  words: string;
  /** Per word, its coarse cluster and its fine cluster, as "c.f" joined by spaces. */
  clusters: string;
}

export class WordClusters {
  private readonly byWord = new Map<string, string>();
  private readonly rankOf = new Map<string, number>();

  constructor(data: ClusterData) {
    const words = data.words.split('\n');
    const clusters = data.clusters.split(' ');
    if (words.length !== clusters.length) throw new Error(`word clusters: ${words.length} words but ${clusters.length} cluster ids`);
    for (let k = 0; k < words.length; k++) {
      this.byWord.set(words[k], clusters[k]);
      this.rankOf.set(words[k], k);
    }
  }

  /** The word's frequency rank in the text the clusters were learned from (0: the most frequent), Infinity when it is not clustered. */
  rank(word: string): number {
    return this.rankOf.get(word) ?? Infinity;
  }

  get size(): number {
    return this.byWord.size;
  }

  has(word: string): boolean {
    return this.byWord.has(word);
  }

  /** "coarse.fine" of the word, or of its stem with proclitics off when the word itself is unknown. */
  of(word: string): string | undefined {
    const own = this.byWord.get(word);
    if (own !== undefined) return own;
    const r = readingsOfWord(word);
    for (let k = r.length - 1; k > 0; k--) {
      const c = this.byWord.get(r[k].stem);
      if (c !== undefined) return c;
    }
    return undefined;
  }
}

// Undo and redo of the annotator's decisions on one text: snapshots of the
// annotation set taken before each decision. Edits of the text move the
// snapshots' annotations too, so that undoing after typing restores the
// decision without moving annotations back to where the text was.
import type { TextEdit } from './anchoring';
import type { AnnotationSet } from './annotationSet';

export class DecisionHistory {
  private past: AnnotationSet[] = [];
  private future: AnnotationSet[] = [];

  constructor(private readonly limit = 200) {}

  /** Call with the set as it was before a decision. */
  record(before: AnnotationSet): void {
    this.past.push(before);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  /** The set to go back to, given the current one (kept for redo); undefined when there is nothing to undo. */
  undo(current: AnnotationSet): AnnotationSet | undefined {
    const previous = this.past.pop();
    if (previous) this.future.push(current);
    return previous;
  }

  redo(current: AnnotationSet): AnnotationSet | undefined {
    const next = this.future.pop();
    if (next) this.past.push(current);
    return next;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  applyEdits(edits: TextEdit[], newText: string): void {
    for (const set of [...this.past, ...this.future]) set.applyEdits(edits, newText);
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }
}

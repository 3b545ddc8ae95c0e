// What every long operation (export, import, agreement) accepts from its
// caller, the CLI or an editor: progress reports and a cancellation check.

/** Thrown when the caller's cancellation check says stop; nothing is left written. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Progress of a long operation, for a terminal line or an editor's progress bar. */
export interface Progress {
  done: number;
  total: number;
  /** The document being worked on, when there is one. */
  document?: string;
}

/** What every long operation accepts from its caller (the CLI or a VS Code command). */
export interface RunControl {
  onProgress?: (progress: Progress) => void;
  /** Polled between documents; returning true stops the run and removes what it wrote. */
  isCancelled?: () => boolean;
}

/** Lets the event loop run (an editor's progress UI, a cancel click) between documents. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function checkCancelled(control: RunControl): void {
  if (control.isCancelled?.()) throw new CancelledError();
}


// Worker threads, as the server and the CLI use them: a script started beside
// the thread that started it, messages both ways. The only place that imports
// worker_threads (the layering test keeps system modules in node/).
import * as fs from 'fs';
import { parentPort, Worker, workerData } from 'worker_threads';

export interface ThreadPort {
  post(message: unknown): void;
  onMessage(listener: (message: any) => void): void;
}

export interface Thread extends ThreadPort {
  /** Called once when the thread ends: with the error that ended it, if any. */
  onExit(listener: (error?: Error) => void): void;
  /** Stops the thread; resolves once it has stopped. */
  terminate(): Promise<void>;
}

export interface ThreadOptions {
  /** What the thread reads at its start (worker_threads' workerData). */
  data?: unknown;
  /** Whether the process waits for the thread (the CLI's pool); the server's process ends when its connection does, whatever its threads are doing. */
  keepsProcess?: boolean;
}

/** Starts `script` in a worker thread; undefined when the script is not there (an unbundled build without it). */
export function startThread(script: string, options: ThreadOptions = {}): Thread | undefined {
  if (!fs.existsSync(script)) return undefined;
  const worker = new Worker(script, { workerData: options.data });
  if (!options.keepsProcess) worker.unref();
  let ended = false;
  const exitListeners: ((error?: Error) => void)[] = [];
  const end = (error?: Error) => {
    if (ended) return;
    ended = true;
    for (const listener of exitListeners) listener(error);
  };
  worker.on('error', (err) => end(err));
  worker.on('exit', (code) => end(code ? new Error(`the worker thread exited with code ${code}`) : undefined));
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => void worker.on('message', listener),
    onExit: (listener) => void exitListeners.push(listener),
    terminate: async () => void (await worker.terminate()),
  };
}

/** In a worker thread: the port to the thread that started it, and what it was given to start with; undefined on the main thread. */
export function parentThread(): (ThreadPort & { data: unknown }) | undefined {
  const port = parentPort;
  if (!port) return undefined;
  return { post: (message) => port.postMessage(message), onMessage: (listener) => void port.on('message', listener), data: workerData };
}

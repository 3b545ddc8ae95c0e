// Worker threads, as the server uses them: a script started beside the
// thread that answers requests, messages both ways. The only place that
// imports worker_threads (the layering test keeps system modules in node/).
import * as fs from 'fs';
import { parentPort, Worker } from 'worker_threads';

export interface ThreadPort {
  post(message: unknown): void;
  onMessage(listener: (message: any) => void): void;
}

export interface Thread extends ThreadPort {
  /** Called once when the thread ends: with the error that ended it, if any. */
  onExit(listener: (error?: Error) => void): void;
  terminate(): void;
}

/** Starts `script` in a worker thread; undefined when the script is not there (an unbundled build without it). */
export function startThread(script: string): Thread | undefined {
  if (!fs.existsSync(script)) return undefined;
  const worker = new Worker(script);
  // The server's process ends when its connection does, whatever the thread is doing.
  worker.unref();
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
    terminate: () => void worker.terminate(),
  };
}

/** In a worker thread: the port to the thread that started it; undefined on the main thread. */
export function parentThread(): ThreadPort | undefined {
  const port = parentPort;
  if (!port) return undefined;
  return { post: (message) => port.postMessage(message), onMessage: (listener) => void port.on('message', listener) };
}

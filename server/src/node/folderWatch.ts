// Following a folder's entries on disk, for a client that cannot watch files
// itself (server/fallbackWatching.ts). One folder, not its
// sub-folders: the server watches only the few folders it needs.
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Calls `changed` with the path of each entry of `folder` created, changed,
 * renamed or deleted; returns the function that stops it, or undefined when
 * the folder cannot be watched (missing, not a folder, no watcher left).
 */
export function watchFolder(folder: string, changed: (file: string) => void): (() => void) | undefined {
  try {
    if (!fs.statSync(folder).isDirectory()) return undefined;
    // Not persistent: a watcher never keeps the server alive after its client is gone.
    const watcher = fs.watch(folder, { persistent: false }, (_event, name) => {
      if (name) changed(path.join(folder, name.toString()));
    });
    // A folder deleted or a watcher failing later just stops being followed.
    watcher.on('error', () => watcher.close());
    return () => watcher.close();
  } catch {
    return undefined;
  }
}

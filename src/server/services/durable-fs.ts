import { open, type FileHandle } from 'node:fs/promises';

/** A rename or a new entry is durable once its folder is synced (not possible on every platform: then best effort). */
export async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a folder for syncing; the rename itself is atomic.
  } finally {
    await handle?.close();
  }
}

import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import path from 'node:path';

/** Free bytes for an unprivileged process on the disk holding `dir` (its nearest existing folder). */
export async function statfsFreeBytes(dir: string): Promise<number> {
  let at = path.resolve(dir);
  while (!existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  const s = await statfs(at);
  return s.bavail * s.bsize;
}

/**
 * The free space of the data folder's disk, read at most every `maxAgeMs` (one statfs per burst of writes, not per
 * request), against the reserve writes must leave. The reserve is larger than any one request may write, so a
 * request let through can always finish: writes stop before the disk is full, never half-way (issue 17).
 */
export class DiskSpace {
  private last: { at: number; bytes: number } | undefined;

  constructor(
    readonly dir: string,
    readonly minFreeBytes: number,
    private readonly read: (dir: string) => Promise<number> = statfsFreeBytes,
    private readonly maxAgeMs = 2_000,
  ) {}

  async freeBytes(): Promise<number> {
    const now = Date.now();
    if (this.last && now - this.last.at < this.maxAgeMs) return this.last.bytes;
    const bytes = await this.read(this.dir);
    this.last = { at: now, bytes };
    return bytes;
  }

  /** Whether a write may start: the free space is at or above the reserve (no reading at all without one). */
  async allowsWrites(): Promise<boolean> {
    return this.minFreeBytes <= 0 || this.allows(await this.freeBytes());
  }

  /** Whether this much free space lets writes start. */
  allows(freeBytes: number): boolean {
    return freeBytes >= this.minFreeBytes;
  }
}

/**
 * The stat index: what the last build saw of each content file (its stamp: size,
 * modification and change times in nanoseconds, inode and device) and the cache key it
 * computed from the file's bytes. A warm build stats each file; a file whose stamp matches
 * is neither read nor hashed, its key comes from here and its result from the cache.
 *
 * A file whose bytes changed while its size and modification time did not (a same-size
 * edit whose time was set back with `touch -d` or `utimes`, or a second edit within the
 * file system's timestamp granularity) is still caught, in two ways:
 *
 * - The change time and the inode are part of the stamp. Every write through the file
 *   system sets the change time to the current time, and nothing in user space can set it
 *   back; a file replaced by a rename is a new inode.
 * - The "racily clean" rule, as git has it: a stamp is only trusted when the file's
 *   modification and change times are older than the moment the build that wrote the index
 *   began taking stamps, by more than the timestamp granularity. A stamp taken within the
 *   same tick as a write could be equal to the stamp after a second write in that tick; such
 *   a file is read and hashed again on every build until its times have settled (its entry
 *   is then written with a later `takenAt`, and trusted from the next build on).
 *
 * A stamp is always taken before the file is read: a write between the two leaves a stamp
 * older than the bytes hashed, so the next build sees a different stamp and hashes again.
 */
import fs from 'node:fs';

/** The index as stored in the build cache (one entry per settings and output folder). */
export interface StoredStatIndex {
  /** When the build that wrote it began taking stamps: nanoseconds since the epoch, in decimal. */
  takenAt: string;
  /** Content path (relative to the working folder) → its stamp and the cache key of its bytes. */
  entries: Record<string, [stamp: string, key: string]>;
}

/** The stat index of one build: look files up, record what was read, and what to store. */
export interface StatIndex {
  /** The cache key of an unchanged file (stamp equal and settled), or undefined: read and hash it. */
  known(relativePath: string, stat: fs.BigIntStats | undefined): string | undefined;
  /** Remember the key of a file: computed from its bytes (`read`) or taken from the index. */
  record(relativePath: string, stat: fs.BigIntStats | undefined, key: string, read: boolean): void;
  /** The index to store, or undefined when the stored one is still exact (nothing to write). */
  changed(): StoredStatIndex | undefined;
}

/**
 * The granularity margin, in milliseconds: a file system that stores whole seconds (FAT
 * keeps 2 s) gets two seconds; one with sub-second times gets 100 ms, well over the
 * kernel's coarse clock tick (at most 10 ms) that file times lag the wall clock by. The
 * output folder's folder stamps take the same (output-state.ts).
 */
export function granularityMs(wholeSeconds: boolean): number {
  return wholeSeconds ? 2000 : 100;
}

const keyName = /^[0-9a-f]{64}$/;
/** An index this old is written again even when exact, so that cache pruning (30 days) keeps it. */
const refreshAfter = 86_400_000_000_000n;

/** A file's stat with nanosecond times, or undefined when it is not a regular file (it is then read, which says why). */
export function statOf(full: string): fs.BigIntStats | undefined {
  try {
    const stat = fs.statSync(full, {bigint: true, throwIfNoEntry: false});
    return stat?.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Each file's stat, taken before anything reads it, and the key the index vouches for
 * (undefined: read and hash the file). Without an index, nothing is taken.
 */
export function lookUpStats(index: StatIndex | undefined, paths: string[], relatives: string[]): {stats: Array<fs.BigIntStats | undefined>; known: Array<string | undefined>} {
  const stats = paths.map((full) => (index ? statOf(full) : undefined));
  return {stats, known: relatives.map((relative, at) => index?.known(relative, stats[at]))};
}

/** What the index compares: size, both times in nanoseconds, inode and device. */
export function stampOf(stat: fs.BigIntStats): string {
  // Made once per stat: a file is looked up and then recorded.
  let stamp = stamps.get(stat);
  if (stamp === undefined) stamps.set(stat, (stamp = `${stat.size} ${stat.mtimeNs} ${stat.ctimeNs} ${stat.ino} ${stat.dev}`));
  return stamp;
}

const stamps = new WeakMap<fs.BigIntStats, string>();

/**
 * Whether a file's times are old enough, compared with `takenAt` (when its stamp was
 * taken, at the latest), that a later write must change them: otherwise it is "racily
 * clean" and is hashed again.
 */
export function settled(stat: fs.BigIntStats, takenAt: bigint): boolean {
  const second = 1_000_000_000n;
  // Whole seconds on both: most likely a file system that stores no more.
  const margin = BigInt(granularityMs(stat.mtimeNs % second === 0n || stat.ctimeNs % second === 0n)) * 1_000_000n;
  return stat.mtimeNs < takenAt - margin && stat.ctimeNs < takenAt - margin;
}

/** Open the index a build starts from (`stored`: undefined when there is none or it is damaged). */
export function openStatIndex(stored: StoredStatIndex | undefined, now: bigint = BigInt(Date.now()) * 1_000_000n): StatIndex {
  const previous = valid(stored) ? stored : undefined;
  const takenAt = previous ? BigInt(previous.takenAt) : 0n;
  const entries: Record<string, [string, string]> = {};
  let dirty = previous === undefined || now - takenAt > refreshAfter;
  let count = 0;
  return {
    known(relativePath, stat) {
      const entry = previous?.entries[relativePath];
      if (!entry || !stat || entry[0] !== stampOf(stat) || !settled(stat, takenAt) || !keyName.test(entry[1])) return undefined;
      return entry[1];
    },
    record(relativePath, stat, key, read) {
      if (!stat) return;
      const stamp = stampOf(stat);
      entries[relativePath] = [stamp, key];
      count++;
      // A file read again (racily clean, or its result missing from the cache) is written
      // with this build's `takenAt`, which lets a settled one be trusted next time.
      if (read) dirty = true;
    },
    changed() {
      // A file gone (or unreadable now) leaves the index.
      if (!dirty && count === Object.keys(previous!.entries).length) return undefined;
      return {takenAt: String(now), entries};
    },
  };
}

function valid(stored: StoredStatIndex | undefined): stored is StoredStatIndex {
  return typeof stored?.takenAt === 'string' && /^\d+$/.test(stored.takenAt) && typeof stored.entries === 'object' && stored.entries !== null;
}

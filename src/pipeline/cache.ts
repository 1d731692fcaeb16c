/**
 * The persistent build cache: one entry per content file, keyed by the file's bytes,
 * its path, the settings that change per-file results, and opsg's version. Safe to
 * delete, safe to share between CI runs. Each entry carries a checksum of its own
 * text: a corrupted or truncated entry is detected, rebuilt and never served.
 */
import fs from 'node:fs';
import path from 'node:path';
import {createHash, randomBytes} from 'node:crypto';
import type {Settings} from '../config.js';
import {version} from '../version.js';
import type {FileResult} from './process-file.js';
import type {Body} from './bodies.js';
import type {Manifest} from './write.js';

const layout = 'v2';

/** A cache bound to one set of settings. */
export interface Cache {
  /** The key of a file's content. */
  key(relativePath: string, bytes: Uint8Array): string;
  /** A stored result, or undefined when missing or damaged. */
  get(key: string): FileResult | undefined;
  /** Store a result (atomically: a reader never sees half an entry); false when it could not be written. */
  set(key: string, result: FileResult): boolean;
  /** A stored meeting content (see bodies.ts), or undefined when missing or damaged. */
  body(key: string): Body | undefined;
  /** Store a meeting's content; false when it could not be written. */
  setBody(key: string, body: Body): boolean;
  /** A stored text (a rendered part of a page), or undefined. */
  text(key: string): string | undefined;
  /** Store a text. */
  setText(key: string, value: string): void;
  /** The manifest of the last build written to the output folder. */
  manifest(): Manifest;
  /**
   * Remember the build just written: its files, and the results and parts it used. When
   * it used other entries than the build before it, entries that no remembered build uses
   * are removed, so the cache does not grow with every edit.
   */
  saveManifest(manifest: Manifest, used: {results: Iterable<string>; parts: Iterable<string>}): void;
}

/** A build's manifest is forgotten (and its entries may go) after this many days without a build. */
export const manifestDays = 30;

/** Open the cache folder for these settings, or undefined when caching is off. */
export function openCache(settings: Settings): Cache | undefined {
  if (!settings.cache) return undefined;
  const folder = path.join(settings.cache, layout);
  // Everything that can change what one file's stages produce.
  const salt = createHash('sha256').update(JSON.stringify([
    version, settings.groups, settings.rules, settings.autolinks, settings.label, settings.statement, settings.excludeRestricted, settings.cwd, settings.nextMeetingLabels ?? null,
  ])).digest('hex');
  // Sharded by the digest's last two characters: names may start with a kind (`body-`, `part-`).
  const entry = (key: string) => path.join(folder, key.slice(-2), key + '.json');
  const manifestKey = 'site-' + createHash('sha256').update(salt + '\0' + settings.out).digest('hex');
  let previous: StoredManifest | null | undefined;
  const read = (key: string): string | undefined => {
    let text: string;
    try {
      text = fs.readFileSync(entry(key), 'utf8');
    } catch {
      return undefined;
    }
    const newline = text.indexOf('\n');
    const body = text.slice(newline + 1);
    return newline === 64 && createHash('sha256').update(body).digest('hex') === text.slice(0, newline) ? body : undefined;
  };
  /** A stored JSON value, or undefined when missing, damaged or not JSON. */
  const readJson = <T>(key: string): T | undefined => {
    const body = read(key);
    try {
      return body === undefined ? undefined : (JSON.parse(body) as T);
    } catch {
      return undefined;
    }
  };
  const write = (key: string, body: string): boolean => {
    const target = entry(key);
    try {
      fs.mkdirSync(path.dirname(target), {recursive: true});
      const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      fs.writeFileSync(temp, createHash('sha256').update(body).digest('hex') + '\n' + body);
      fs.renameSync(temp, target);
      return true;
    } catch {
      // A cache that cannot be written only costs time on the next build.
      return false;
    }
  };
  return {
    key(relativePath, bytes) {
      return createHash('sha256').update(salt).update('\0' + relativePath + '\0').update(bytes).digest('hex');
    },
    get(key) {
      return readJson<FileResult>(key);
    },
    set(key, result) {
      return write(key, JSON.stringify(result));
    },
    body(key) {
      return readJson<Body>('body-' + key);
    },
    setBody(key, body) {
      return write('body-' + key, JSON.stringify(body));
    },
    text(key) {
      return read('part-' + key);
    },
    setText(key, value) {
      write('part-' + key, value);
    },
    manifest() {
      return lastManifest()?.files ?? {};
    },
    saveManifest(files, used) {
      const names = [...new Set([...[...used.results].flatMap((key) => [key, 'body-' + key]), ...[...used.parts].map((key) => 'part-' + key)])].sort();
      const before = lastManifest()?.used;
      const started = Date.now();
      write(manifestKey, JSON.stringify({files, used: names} satisfies StoredManifest));
      if (before === undefined || before.length !== names.length || before.some((name, index) => name !== names[index])) prune(started);
    },
  };

  function readManifest(key: string): StoredManifest | undefined {
    const parsed = readJson<Partial<StoredManifest>>(key);
    return typeof parsed?.files === 'object' && parsed.files !== null && Array.isArray(parsed.used) ? (parsed as StoredManifest) : undefined;
  }

  /** The manifest of the previous build to this output folder, read once. */
  function lastManifest(): StoredManifest | undefined {
    return (previous ??= readManifest(manifestKey) ?? null) ?? undefined;
  }

  /**
   * Remove every entry that no remembered build used and that is older than `before` (an
   * entry a build running meanwhile just wrote stays), and the manifests of builds older
   * than `manifestDays`. Whatever goes is only made again when needed.
   */
  function prune(before: number): void {
    // Entries of an earlier layout are never read again.
    try {
      for (const name of fs.readdirSync(path.dirname(folder))) if (/^v\d+$/.test(name) && name !== layout) fs.rmSync(path.join(path.dirname(folder), name), {recursive: true, force: true});
    } catch {
      // Nothing to remove, or not ours to remove.
    }
    const keep = new Set<string>();
    const files: Array<{full: string; name: string}> = [];
    let dirs: string[];
    try {
      dirs = fs.readdirSync(folder);
    } catch {
      return;
    }
    for (const dir of dirs) {
      let names: string[];
      try {
        names = fs.readdirSync(path.join(folder, dir));
      } catch {
        continue;
      }
      for (const name of names) files.push({full: path.join(folder, dir, name), name});
    }
    for (const {full, name} of files) {
      if (!name.startsWith('site-') || !name.endsWith('.json')) continue;
      const key = name.slice(0, -'.json'.length);
      if (ageInDays(full) > manifestDays) remove(full);
      else for (const used of readManifest(key)?.used ?? []) keep.add(used);
      keep.add(key);
    }
    for (const {full, name} of files) {
      const entryName = name.endsWith('.json') ? name.slice(0, -'.json'.length) : undefined;
      if (entryName !== undefined && keep.has(entryName)) continue;
      try {
        if (fs.statSync(full).mtimeMs < before) remove(full);
      } catch {
        // Gone already.
      }
    }
  }
}

/** What a manifest entry holds. */
interface StoredManifest {
  /** The files written, for the next build to keep. */
  files: Manifest;
  /** The names of the entries the build used. */
  used: string[];
}

function ageInDays(file: string): number {
  try {
    return (Date.now() - fs.statSync(file).mtimeMs) / 86_400_000;
  } catch {
    return 0;
  }
}

function remove(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // Another build removed it, or the folder is read-only: either way it is not used.
  }
}

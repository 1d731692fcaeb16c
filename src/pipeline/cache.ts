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
import type {Manifest} from './write.js';

const layout = 'v1';

/** A cache bound to one set of settings. */
export interface Cache {
  /** The key of a file's content. */
  key(relativePath: string, bytes: Uint8Array): string;
  /** A stored result, or undefined when missing or damaged. */
  get(key: string): FileResult | undefined;
  /** Store a result (atomically: a reader never sees half an entry); false when it could not be written. */
  set(key: string, result: FileResult): boolean;
  /** A stored text (a rendered part of a page), or undefined. */
  text(key: string): string | undefined;
  /** Store a text. */
  setText(key: string, value: string): void;
  /** The manifest of the last build written to the output folder. */
  manifest(): Manifest;
  /** Remember the manifest of the build just written. */
  saveManifest(manifest: Manifest): void;
}

/** Open the cache folder for these settings, or undefined when caching is off. */
export function openCache(settings: Settings): Cache | undefined {
  if (!settings.cache) return undefined;
  const folder = path.join(settings.cache, layout);
  // Everything that can change what one file's stages produce.
  const salt = createHash('sha256').update(JSON.stringify([
    version, settings.groups, settings.rules, settings.autolinks, settings.label, settings.statement, settings.excludeRestricted, settings.cwd,
  ])).digest('hex');
  const entry = (key: string) => path.join(folder, key.slice(0, 2), key + '.json');
  const manifestKey = 'site-' + createHash('sha256').update(salt + '\0' + settings.out).digest('hex');
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
      const body = read(key);
      if (body === undefined) return undefined;
      try {
        return JSON.parse(body) as FileResult;
      } catch {
        return undefined;
      }
    },
    set(key, result) {
      return write(key, JSON.stringify(result));
    },
    text(key) {
      return read('part-' + key);
    },
    setText(key, value) {
      write('part-' + key, value);
    },
    manifest() {
      const body = read(manifestKey);
      try {
        return body === undefined ? {} : (JSON.parse(body) as Manifest);
      } catch {
        return {};
      }
    },
    saveManifest(manifest) {
      write(manifestKey, JSON.stringify(manifest));
    },
  };
}

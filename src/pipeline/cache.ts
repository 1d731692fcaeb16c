/**
 * The persistent build cache: one entry per content file, keyed by the file's bytes,
 * its path, the settings that change per-file results, and opsg's version. Safe to
 * delete, safe to share between CI runs. Each entry carries a checksum of its own
 * text: a corrupted or truncated entry is detected, rebuilt and never served.
 *
 * opsg deletes only what opsg wrote: the cache folder carries a marker (`CACHEDIR.TAG`),
 * a folder that is not empty and has none is refused (`checkCacheFolder`), and pruning
 * removes only entries named in the cache's own record of what it wrote (`written`),
 * never a file it merely finds there.
 */
import fs from 'node:fs';
import path from 'node:path';
import {createHash, randomBytes} from 'node:crypto';
import type {Settings} from '../config.js';
import {version} from '../version.js';
import {UsageError} from '../config.js';
import type {FileResult} from './process-file.js';
import type {Body} from './bodies.js';
import type {Manifest} from './write.js';
import type {StoredStatIndex} from './stat-index.js';
import type {RunRecord} from './unchanged.js';
import type {FolderStamps} from './output-state.js';

const layout = 'v2';

/** The marker of a cache folder written by opsg (the Cache Directory Tagging format, which backup tools honour too). */
export const cacheMarker = 'CACHEDIR.TAG';
const markerText = 'Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a build cache written by opsg (opsg build --cache).\n# opsg removes only entries it recorded in v2/written; the whole folder is safe to delete.\n';
/** The record of entries written, one name a line: all that pruning may ever remove. */
const recordName = 'written';
/** An entry's name: an optional kind and a SHA-256 digest. Nothing else is ever removed. */
// Parts may name what they hold (`part-archive-mentions-…`, `part-search-files-…`: search.ts).
// `site-stats-…` is the stat index (stat-index.ts), `site-results-…` every file's result
// at once, `site-added-…` the results added to it since and `site-run-…` the last build's
// report (unchanged.ts), each kept and aged like a manifest.
const entryName = /^(?:(?:body|part|site)-)?(?:(?:archive-mentions|archive|search-files|search-paths|stats|results|added|run)-)?[0-9a-f]{64}$/;
/** A manifest's name: `site-` and a digest, without a kind. */
const manifestName = /^site-[0-9a-f]{64}$/;
const shardName = /^[0-9a-f]{2}$/;
const layoutName = /^v\d+$/;

/**
 * Throw a UsageError unless `folder` may be used as the cache: missing, empty, marked by
 * opsg, or holding only an earlier opsg's layout (a cache restored by a CI cache step),
 * which is then adopted. Called before anything is read or written.
 */
export function checkCacheFolder(folder: string, name: string): void {
  let names: string[];
  try {
    const stat = fs.statSync(folder);
    if (!stat.isDirectory()) throw new UsageError(`Cannot use --cache \`${name}\`: it is a file, expected a folder`);
    names = fs.readdirSync(folder);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return;
  }
  if (names.length === 0 || isMarked(folder) || isOldLayout(folder, names)) return;
  throw new UsageError(`Cannot use --cache \`${name}\`: it is not empty and opsg did not create it (no ${cacheMarker} file written by opsg); name an empty or new folder`);
}

function isMarked(folder: string): boolean {
  try {
    return fs.readFileSync(path.join(folder, cacheMarker), 'utf8').includes('written by opsg');
  } catch {
    return false;
  }
}

/** Whether a folder holds nothing but `v<n>/<two hex digits>/<entry>.json` files: a cache of an opsg from before the marker. */
function isOldLayout(folder: string, names: string[]): boolean {
  try {
    return names.every((name) => layoutName.test(name) && fs.readdirSync(path.join(folder, name), {withFileTypes: true}).every((shard) =>
      shard.isDirectory() && shardName.test(shard.name) && fs.readdirSync(path.join(folder, name, shard.name), {withFileTypes: true}).every((file) => file.isFile() && isEntryFile(file.name))));
  } catch {
    return false;
  }
}

/** An entry's file, or one of its temporary files (`<entry>.json.<pid>.<hex>.tmp`). */
function isEntryFile(name: string): boolean {
  const match = /^([0-9a-z-]+)\.json(?:\.\d+\.[0-9a-f]{8}\.tmp)?$/.exec(name);
  return match !== null && entryName.test(match[1]!);
}

/**
 * Remove an earlier layout's entries, file by named file: a file that is not an entry
 * stays (and so does its folder).
 */
function clearLayout(dir: string): void {
  for (const shard of readdir(dir).filter((name) => shardName.test(name))) {
    for (const name of readdir(path.join(dir, shard)).filter(isEntryFile)) remove(path.join(dir, shard, name));
    rmdir(path.join(dir, shard));
  }
  remove(path.join(dir, recordName));
  rmdir(path.join(dir));
}

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
  saveManifest(manifest: Manifest, used: {results: Iterable<string>; parts: Iterable<string>}, site?: SiteRecord, folders?: FolderStamps): void;
  /** The stamps of the output folder's folders that the last build took, if any. */
  folderStamps(): FolderStamps | undefined;
  /** What the last build to the output folder recorded of the whole site's inputs, if anything. */
  lastSite(): SiteRecord | undefined;
  /**
   * What the last build to the output folder reported, read without its manifest: for a
   * check, which needs no list of files (a manifest lists the search index's files too,
   * 10 MB at 4,000 meetings). Kept in an entry of its own beside the manifest.
   */
  lastRun(): RunRecord | undefined;
  /** The last build's manifest stands for this one too (nothing changed): dated again once a day, and written again with `site` when that differs. */
  keepManifest(site?: SiteRecord): void;
  /** The stat index of the content files (stat-index.ts) last stored for these settings and output, or undefined. */
  statIndex(): StoredStatIndex | undefined;
  /** Store the stat index (atomically, like every entry). */
  saveStatIndex(index: StoredStatIndex): void;
  /**
   * The last build's results of every content file at once, by key (empty when there are
   * none, or they are damaged): a warm build reads one entry instead of one per file.
   */
  results(): Map<string, FileResult>;
  /** Store every content file's result, each as `get` would give it, by its key. */
  saveResults(keys: string[], results: FileResult[]): void;
  /**
   * Add results to those `results()` gave, in a small entry beside the large one (a build
   * in which a few files changed need not write every result again); false when there is
   * nothing to add to (`results()` found none). `addedResults` counts what is added so far.
   */
  addResults(keys: string[], results: FileResult[]): boolean;
  /** How many results the small entry holds (0 before `results()`, or without one). */
  addedResults(): number;
}

/** A build's manifest is forgotten (and its entries may go) after this many days without a build. */
export const manifestDays = 30;

/** Open the cache folder for these settings, or undefined when caching is off. */
export function openCache(settings: Settings): Cache | undefined {
  return settings.cache ? new DiskCache(settings, settings.cache) : undefined;
}

/**
 * The cache on disk: entries of checksummed text under `<cache>/v2/<shard>/<name>.json`,
 * written atomically and recorded before they exist (see `prune`).
 */
class DiskCache implements Cache {
  private readonly folder: string;
  /** Everything that can change what one file's stages produce. */
  private readonly salt: string;
  private readonly manifestKey: string;
  private readonly statIndexKey: string;
  private readonly resultsKey: string;
  private readonly addedKey: string;
  private readonly runKey: string;
  private readonly record: string;
  /** What the small entry held when `results()` read the large one (undefined when there was none). */
  private added: StoredResults | undefined;
  private previous: StoredManifest | null | undefined;
  private rooted = false;

  constructor(
    settings: Settings,
    private readonly root: string,
  ) {
    this.folder = path.join(root, layout);
    this.salt = createHash('sha256').update(JSON.stringify([
      version, settings.groups, settings.rules, settings.autolinks, settings.label, settings.statement, settings.excludeRestricted, settings.cwd, settings.nextMeetingLabels ?? null,
    ])).digest('hex');
    const scoped = (kind: string) => createHash('sha256').update(this.salt + kind + settings.out).digest('hex');
    this.manifestKey = 'site-' + scoped('\0');
    this.statIndexKey = 'site-stats-' + scoped('\0stats\0');
    this.resultsKey = 'site-results-' + scoped('\0results\0');
    this.addedKey = 'site-added-' + scoped('\0added\0');
    this.runKey = 'site-run-' + scoped('\0run\0');
    this.record = path.join(this.folder, recordName);
  }

  key(relativePath: string, bytes: Uint8Array): string {
    return createHash('sha256').update(this.salt).update('\0' + relativePath + '\0').update(bytes).digest('hex');
  }

  get(key: string): FileResult | undefined {
    return this.readJson<FileResult>(key);
  }

  set(key: string, result: FileResult): boolean {
    return this.write(key, JSON.stringify(result));
  }

  body(key: string): Body | undefined {
    return this.readJson<Body>('body-' + key);
  }

  setBody(key: string, body: Body): boolean {
    return this.write('body-' + key, JSON.stringify(body));
  }

  text(key: string): string | undefined {
    return this.read('part-' + key);
  }

  setText(key: string, value: string): void {
    this.write('part-' + key, value);
  }

  manifest(): Manifest {
    return this.lastManifest()?.files ?? {};
  }

  saveManifest(files: Manifest, used: {results: Iterable<string>; parts: Iterable<string>}, site?: SiteRecord, folders?: FolderStamps): void {
    const names = [...new Set([...[...used.results].flatMap((key) => [key, 'body-' + key]), ...[...used.parts].map((key) => 'part-' + key)])].sort();
    const last = this.lastManifest();
    // Nothing changed since the manifest was written: no write, no pruning (a warm build
    // writes nothing). It is dated again once a day all the same, so that pruning, which
    // forgets manifests a month old, keeps the entries of a build still in use.
    if (last && sameNames(last.used, names) && sameManifest(last.files, files) && same(last.site, site) && same(last.folders, folders)) {
      this.refreshManifest();
      return;
    }
    const started = Date.now();
    this.writeManifest({files, used: names, ...(site ? {site} : {}), ...(folders ? {folders} : {})});
    if (last === undefined || !sameNames(last.used, names)) this.prune(started, names);
  }

  folderStamps(): FolderStamps | undefined {
    const stamps = this.lastManifest()?.folders;
    return typeof stamps?.takenAt === 'number' && typeof stamps.folders === 'object' && stamps.folders !== null ? stamps : undefined;
  }

  lastSite(): SiteRecord | undefined {
    const site = this.lastManifest()?.site;
    if (typeof site?.digest !== 'string' || !Array.isArray(site.notes)) return undefined;
    const run = site.run;
    return run === undefined || wholeRun(run) ? site : {digest: site.digest, notes: site.notes};
  }

  lastRun(): RunRecord | undefined {
    const run = this.readJson<RunRecord>(this.runKey);
    return run && wholeRun(run) ? run : undefined;
  }

  /** Write the manifest, and the run record beside it (see `lastRun`): none when the build recorded none. */
  private writeManifest(manifest: StoredManifest): void {
    this.write(this.manifestKey, JSON.stringify(manifest));
    if (manifest.site?.run) this.write(this.runKey, JSON.stringify(manifest.site.run));
    else remove(this.entry(this.runKey));
  }

  /** Date the manifest and the run record beside it again (once a day), so that pruning keeps them. */
  private refreshManifest(): void {
    this.refresh(this.manifestKey);
    this.refresh(this.runKey);
  }

  keepManifest(site?: SiteRecord): void {
    const last = this.lastManifest();
    if (!last) return;
    // The same site from other inputs (a file left out changed): recorded for the next build.
    if (site && !same(last.site, site)) this.writeManifest({...last, site});
    else this.refreshManifest();
  }

  statIndex(): StoredStatIndex | undefined {
    return this.readJson<StoredStatIndex>(this.statIndexKey);
  }

  saveStatIndex(index: StoredStatIndex): void {
    this.write(this.statIndexKey, JSON.stringify(index));
  }

  results(): Map<string, FileResult> {
    const found = new Map<string, FileResult>();
    const stored = this.readJson<unknown>(this.resultsKey);
    if (!isResults(stored)) return found;
    this.refresh(this.resultsKey);
    // What later builds added. A key names one result whatever entry holds it, so what was
    // added to an earlier large entry (whose small one was not started again) is as good.
    const more = this.readJson<unknown>(this.addedKey);
    const added = isResults(more) ? more : {keys: [], results: []};
    this.refresh(this.addedKey);
    this.added = added;
    for (const {keys, results} of [stored, added]) keys.forEach((key, at) => found.set(key, results[at]!));
    return found;
  }

  saveResults(keys: string[], results: FileResult[]): void {
    // The small entry starts again, empty, beside the new large one.
    if (this.write(this.resultsKey, JSON.stringify({keys, results} satisfies StoredResults))) this.write(this.addedKey, JSON.stringify({keys: [], results: []} satisfies StoredResults));
  }

  addResults(keys: string[], results: FileResult[]): boolean {
    const added = this.added;
    if (!added) return false;
    return this.write(this.addedKey, JSON.stringify({keys: [...added.keys, ...keys], results: [...added.results, ...results]} satisfies StoredResults));
  }

  addedResults(): number {
    return this.added?.keys.length ?? 0;
  }

  /**
   * An entry still in use is dated again once a day, so that pruning, which ages the builds'
   * own entries by their modification time, keeps it: its bytes need not be written again.
   */
  private refresh(key: string): void {
    const file = this.entry(key);
    if (ageInDays(file) < 1) return;
    try {
      const now = new Date();
      fs.utimesSync(file, now, now);
    } catch {
      // Gone or read-only: the next build writes it again if it needs it.
    }
  }

  /** Sharded by the digest's last two characters: names may start with a kind (`body-`, `part-`). */
  private entry(key: string): string {
    return path.join(this.folder, key.slice(-2), key + '.json');
  }

  /** Mark the folder as opsg's before the first entry; adopt the entries an earlier opsg left. */
  private markRoot(): void {
    if (this.rooted) return;
    fs.mkdirSync(this.folder, {recursive: true});
    if (!isMarked(this.root)) {
      // An earlier opsg's entries of this layout: recorded now, so that pruning may remove them.
      const found = readdir(this.folder).filter((shard) => shardName.test(shard)).flatMap((shard) => readdir(path.join(this.folder, shard)).filter((name) => isEntryFile(name) && name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)));
      if (found.length > 0) fs.appendFileSync(this.record, found.join('\n') + '\n');
      // Worker threads share the pid: the random part keeps their temporary files apart.
      const temp = path.join(this.root, `${cacheMarker}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      fs.writeFileSync(temp, markerText);
      fs.renameSync(temp, path.join(this.root, cacheMarker));
    }
    this.rooted = true;
  }

  private read(key: string): string | undefined {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.entry(key));
    } catch {
      return undefined;
    }
    // The checksum is of the body's bytes as written: hashed as read, decoded only when good
    // (a warm build reads every file's entry; decoding first would encode it all again).
    if (bytes.length < 65 || bytes[64] !== 0x0a) return undefined;
    const body = bytes.subarray(65);
    return createHash('sha256').update(body).digest('hex') === bytes.toString('latin1', 0, 64) ? body.toString('utf8') : undefined;
  }

  /** A stored JSON value, or undefined when missing, damaged or not JSON. */
  private readJson<T>(key: string): T | undefined {
    const body = this.read(key);
    try {
      return body === undefined ? undefined : (JSON.parse(body) as T);
    } catch {
      return undefined;
    }
  }

  private write(key: string, body: string): boolean {
    const target = this.entry(key);
    try {
      this.markRoot();
      fs.mkdirSync(path.dirname(target), {recursive: true});
      const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      fs.writeFileSync(temp, createHash('sha256').update(body).digest('hex') + '\n' + body);
      // Recorded before it exists: an entry is never on disk without pruning knowing it.
      // One short line per append: appends of other builds never interleave with it.
      if (!fs.existsSync(target)) fs.appendFileSync(this.record, key + '\n');
      fs.renameSync(temp, target);
      return true;
    } catch {
      // A cache that cannot be written only costs time on the next build.
      return false;
    }
  }

  private readManifest(key: string): StoredManifest | undefined {
    const parsed = this.readJson<Partial<StoredManifest>>(key);
    return typeof parsed?.files === 'object' && parsed.files !== null && Array.isArray(parsed.used) ? (parsed as StoredManifest) : undefined;
  }

  /** The manifest of the previous build to this output folder, read once. */
  private lastManifest(): StoredManifest | undefined {
    return (this.previous ??= this.readManifest(this.manifestKey) ?? null) ?? undefined;
  }

  /**
   * Remove every recorded entry that no remembered build used and that is older than
   * `before` (an entry a build running meanwhile just wrote stays), and the manifests of
   * builds older than `manifestDays`. Only names in the record are candidates: a file opsg
   * did not write is never removed. Whatever goes is only made again when needed. `used`
   * is what the manifest just written uses.
   */
  private prune(before: number, used: string[]): void {
    // Entries of an earlier layout are never read again.
    for (const name of readdir(this.root)) if (layoutName.test(name) && name !== layout) clearLayout(path.join(this.root, name));
    let text: string;
    try {
      text = fs.readFileSync(this.record, 'utf8');
    } catch {
      return;
    }
    const names = [...new Set(text.split('\n').filter((name) => entryName.test(name)))];
    const keep = this.kept(names, used);
    const left: string[] = [];
    for (const name of names) {
      // An entry in use stays listed without a look at it: one gone since is never read.
      if (keep.has(name)) {
        left.push(name);
        continue;
      }
      const full = this.entry(name);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(full);
      } catch {
        continue; // gone: forgotten
      }
      if (stat.mtimeMs >= before) left.push(name);
      else remove(full);
    }
    this.rewriteRecord(text, left);
  }

  /**
   * The entries to keep: the builds' own records (`site-…`: manifests, stat indexes and
   * results, each forgotten after `manifestDays` without a build) and what each
   * remembered manifest used.
   */
  private kept(names: string[], current: string[]): Set<string> {
    const keep = new Set<string>(current);
    for (const name of names.filter((candidate) => candidate.startsWith('site-'))) {
      keep.add(name);
      // The manifest just written is not read back (its entries are `current`).
      if (name === this.manifestKey) continue;
      if (ageInDays(this.entry(name)) > manifestDays) remove(this.entry(name));
      // Only manifests (`site-` and a digest) use other entries; stat indexes and results do not.
      else if (manifestName.test(name)) for (const used of this.readManifest(name)?.used ?? []) keep.add(used);
    }
    return keep;
  }

  /** The record, now naming only `left`, and whatever other builds recorded since it was read as `text`. */
  private rewriteRecord(text: string, left: string[]): void {
    let later = '';
    try {
      later = fs.readFileSync(this.record, 'utf8').slice(text.length);
    } catch {
      // The record went: the rewrite below starts it again.
    }
    const temp = `${this.record}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.writeFileSync(temp, left.map((name) => name + '\n').join('') + later);
      fs.renameSync(temp, this.record);
    } catch {
      remove(temp);
    }
  }
}

/** What the results entry holds: the last build's content files' results, by the keys they were stored under. */
interface StoredResults {
  /** The keys, in the files' order. */
  keys: string[];
  /** The results, in the same order. */
  results: FileResult[];
}

/** Whether a stored value has the results entry's shape. */
function isResults(value: unknown): value is StoredResults {
  const stored = value as Partial<StoredResults> | null | undefined;
  return Array.isArray(stored?.keys) && Array.isArray(stored.results) && stored.keys.length === stored.results.length;
}

function readdir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function rmdir(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // Not empty (a file opsg did not write stays) or gone.
  }
}

/** What a manifest entry holds. */
interface StoredManifest {
  /** The files written, for the next build to keep. */
  files: Manifest;
  /** The names of the entries the build used. */
  used: string[];
  /** The whole site's inputs, digested, and the notes the build gave. */
  site?: SiteRecord;
  /** The stamps of the output folder's folders, taken after the files were written. */
  folders?: FolderStamps;
}

/** A build's record of its whole site: when the next build's inputs digest the same, it has nothing to do. */
export interface SiteRecord {
  /** The digest of everything the site is made from. */
  digest: string;
  /** The notes the build gave about the site (such as a missing sitemap), given again when nothing changed. */
  notes: string[];
  /** What the run reported, for a build in which nothing changed (unchanged.ts). */
  run?: RunRecord;
}

/** Whether two records (of the site, of the folders' stamps) say the same, as they are stored. */
/** Whether a stored run record has the shape this version writes. */
function wholeRun(run: RunRecord): boolean {
  return typeof run.digest === 'string' && Array.isArray(run.files) && Array.isArray(run.site) && Array.isArray(run.published) && Number.isInteger(run.checked);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function sameNames(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((name, index) => name === b[index]);
}

/** Whether two manifests name the same files, each with the same key and stamp. */
function sameManifest(a: Manifest, b: Manifest): boolean {
  const names = Object.keys(a);
  if (names.length !== Object.keys(b).length) return false;
  return names.every((name) => {
    const x = a[name]!;
    const y = b[name];
    return y !== undefined && x.key === y.key && x.size === y.size && x.mtimeMs === y.mtimeMs && x.ino === y.ino;
  });
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

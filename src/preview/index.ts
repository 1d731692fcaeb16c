/**
 * `preview(options)`: build the site in memory with drafts, serve it on node:http, watch
 * the content, templates and config with chokidar, and bring the site up to date on
 * every save (see site-state.ts for what is redone). Open tabs reload through
 * server-sent events. Nothing is written to disk.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type {AddressInfo} from 'node:net';
import {watch} from 'chokidar';
import type {VFile} from 'vfile';
import type {BuildOptions} from '../config.js';
import {UsageError, configName} from '../config.js';
import {createSiteState, type SiteState} from './site-state.js';
import {createHandler, type PreviewHandler} from './server.js';
import {overlayMessages} from './overlay.js';
import type {JsonMessage} from '../report.js';

/** Options of `preview`: the build options plus where to listen. */
export interface PreviewOptions extends BuildOptions {
  /** Port; 0 picks a free one. Default 4000. */
  port?: number;
  /** Address to listen on. Default `127.0.0.1`. */
  host?: string;
  /** More names a request's `Host` header may give (a name the machine has on the network, a proxy's). */
  allowedHosts?: string[];
}

/** What a rebuild after a save produced, when the site built. */
export interface ReloadEvent {
  /** Content paths (relative to the working folder) that changed; empty when everything did. */
  changed: string[];
  /** Whether templates or the config changed (every page was redone). */
  everything: boolean;
  /** Milliseconds from the first file event to the reload signal. */
  ms: number;
}

/** What a rebuild after a save produced, when the content has an error. */
export interface ErrorEvent extends ReloadEvent {
  /** Every error and warning, as shown in the overlay. */
  messages: JsonMessage[];
}

/** Listeners by event name. */
export interface PreviewEvents {
  /** The site rebuilt cleanly; open tabs were told to reload. */
  reload: (event: ReloadEvent) => void;
  /** The site has an error; open tabs were told to reload and show the overlay. */
  error: (event: ErrorEvent) => void;
}

/** A running preview. */
export interface Preview {
  /** The address of the home page. */
  url: string;
  /** What the caller should tell the user before serving (listening beyond this machine). */
  warnings: string[];
  /** Every file with its messages, as of the last rebuild. */
  files(): VFile[];
  /** Listen for rebuilds. */
  on<K extends keyof PreviewEvents>(event: K, listener: PreviewEvents[K]): void;
  /** Stop listening. */
  off<K extends keyof PreviewEvents>(event: K, listener: PreviewEvents[K]): void;
  /** Stop watching and serving. */
  close(): Promise<void>;
}

const loopback = new Set(['127.0.0.1', 'localhost', '::1']);

/** Start the preview; resolves once the site is built, watched and served. */
export async function preview(options: PreviewOptions = {}): Promise<Preview> {
  const {port = 4000, host = '127.0.0.1', allowedHosts = [], ...buildOptions} = options;
  const state = await createSiteState(buildOptions);
  const listeners: Listeners = {reload: new Set(), error: new Set()};
  const served = await serve(state, {port, host, allowedHosts});
  let updates: Updates;
  try {
    updates = await watchAndUpdate(state, served.handler, listeners);
  } catch (error) {
    served.server.close();
    throw error;
  }
  let closed = false;
  return {
    url: served.url,
    warnings: served.warnings,
    files: () => state.files(),
    on(event, listener) {
      (listeners[event] as Set<typeof listener>).add(listener);
    },
    off(event, listener) {
      (listeners[event] as Set<typeof listener>).delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      await updates.close();
      served.handler.endStreams();
      await new Promise<void>((resolve) => {
        served.server.close(() => resolve());
        served.server.closeAllConnections();
      });
    },
  };
}

/** Listeners by event name. */
type Listeners = {[K in keyof PreviewEvents]: Set<PreviewEvents[K]>};

/** The running server, its handler, its address and what to tell the user about it. */
interface Served {
  /** The HTTP server, listening. */
  server: http.Server;
  /** Its request handler and event streams. */
  handler: PreviewHandler;
  /** The address of the home page. */
  url: string;
  /** What to tell the user before serving. */
  warnings: string[];
}

/** Listen; only requests whose `Host` names this server are served, whatever the address bound. */
async function serve(state: SiteState, where: {port: number; host: string; allowedHosts: string[]}): Promise<Served> {
  const {port, host} = where;
  // Whatever the address, a request must name this server: a page of another site that
  // points its own name at this address (DNS rebinding) must not read the drafts.
  const allowed = new Set([...loopback, bare(host), ...where.allowedHosts.map(bare)]);
  const handler = createHandler(() => state, allowed);
  const server = http.createServer(handler.handle);
  await listen(server, port, host);
  const address = server.address() as AddressInfo;
  allowed.add(bare(address.address));
  const warnings: string[] = [];
  if (!isLoopback(address.address)) {
    // Bound to every interface (or one on the network): the machine's own names and addresses serve too.
    if (address.address === '0.0.0.0' || address.address === '::') {
      for (const list of Object.values(os.networkInterfaces())) for (const item of list ?? []) allowed.add(bare(item.address));
      allowed.add(os.hostname().toLowerCase());
    }
    warnings.push(`Listening on ${host} beyond this machine: anyone who can reach it can read every page, drafts included. Requests must name one of ${[...allowed].sort().join(', ')} (add names with --allow-host)`);
  }
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}${state.settings.base}`;
  return {server, handler, url, warnings};
}

/** Watching that can be stopped; resolves once the batch under way is done. */
interface Updates {
  /** Stop watching, once the batch under way is done. */
  close(): Promise<void>;
}

/**
 * Watch the content, templates and config, and bring the site up to date. Events are
 * handled one batch at a time: a batch collects everything that arrived while the
 * previous one ran, so a burst of saves costs one rebuild.
 */
async function watchAndUpdate(state: SiteState, handler: PreviewHandler, listeners: Listeners): Promise<Updates> {
  let pending = new Map<string, string>();
  let firstEventAt = 0;
  let running: Promise<void> | undefined;
  let closed = false;
  const settleTimers = new Set<NodeJS.Timeout>();
  const enqueue = (event: string, full: string): void => {
    if (closed) return;
    if (pending.size === 0) firstEventAt = performance.now();
    pending.set(full, event);
    running ??= drain();
  };
  let watcher = await startWatcher(state, enqueue);

  async function drain(): Promise<void> {
    try {
      // Let events of the same save that are already queued join this batch.
      await Promise.resolve();
      while (pending.size > 0 && !closed) await rebuild();
    } finally {
      // Runs in the same tick as the last check of `pending`, so no event is left behind.
      running = undefined;
    }
  }

  async function rebuild(): Promise<void> {
    const batch = pending;
    const startedAt = firstEventAt;
    pending = new Map();
    const kinds = classify(state, [...batch.keys()]);
    let everything = false;
    if (kinds.settings) {
      const before = existing(watchedPaths(state)).join('\0');
      everything = (await state.reload()).everything;
      if (existing(watchedPaths(state)).join('\0') !== before && !closed) {
        await watcher.close();
        watcher = await startWatcher(state, enqueue);
        // Files written while the new watcher started are read now.
        await state.reload();
      }
    }
    const {changed} = await state.updateContent(kinds.content);
    // chokidar reports the first of a burst of writes; a save seen half-written is read
    // again once the writes have settled.
    if (changed.length > 0) settle(kinds.content);
    if (changed.length > 0 || everything) announce(state, handler, listeners, {changed, everything, ms: performance.now() - startedAt});
  }

  function settle(paths: string[]): void {
    const timer = setTimeout(() => {
      settleTimers.delete(timer);
      for (const full of state.stale(paths)) enqueue('change', full);
    }, 100);
    settleTimers.add(timer);
  }

  return {
    async close() {
      closed = true;
      for (const timer of settleTimers) clearTimeout(timer);
      await running;
      await watcher.close();
    },
  };
}

/** Tell open tabs to reload, and the listeners what the rebuild gave. */
function announce(state: SiteState, handler: PreviewHandler, listeners: Listeners, event: ReloadEvent): void {
  handler.broadcast('reload', {changed: event.changed});
  if (state.failed()) {
    const failed = {...event, messages: overlayMessages(state.files())};
    for (const listener of listeners.error) listener(failed);
  } else {
    for (const listener of listeners.reload) listener(event);
  }
}

/** The content folder, the templates folder (even before it exists) and the config file. */
function watchedPaths(state: SiteState): string[] {
  const {settings} = state;
  return [settings.content, settings.templates ?? path.join(settings.cwd, 'templates'), path.resolve(settings.cwd, settings.configPath ?? configName)];
}

/** Split a batch into content paths and whether settings or templates changed. */
function classify(state: SiteState, paths: string[]): {content: string[]; settings: boolean} {
  const [content, templates, config] = watchedPaths(state);
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);
  let reload = false;
  const contentPaths: string[] = [];
  for (const full of paths) {
    if (full === config || inside(full, templates!)) reload = true;
    else if (inside(full, content!)) contentPaths.push(full);
  }
  return {content: contentPaths, settings: reload};
}

/** A watcher that can be closed, whatever it is made of. */
interface Watcher {
  close(): Promise<void>;
}

/** Paths that exist now. */
function existing(paths: string[]): string[] {
  return paths.filter((full) => fs.existsSync(full));
}

/**
 * chokidar watches the content, templates and config that exist: given a path that does
 * not exist yet, chokidar 4 can miss events on the others. A plain, non-recursive
 * `fs.watch` of the site folder notices the config file or templates folder appearing,
 * and hands it to chokidar.
 */
async function startWatcher(state: SiteState, onEvent: (event: string, full: string) => void): Promise<Watcher> {
  const paths = watchedPaths(state);
  const cwd = state.settings.cwd;
  const watcher = watch(existing(paths), {
    ignoreInitial: true,
    // `atomic: false`: chokidar would hold a removal back 100 ms to see whether it was an
    // editor's rename-and-replace; a replaced file is read again anyway (its bytes decide),
    // and a renamed meeting must not exist twice (a duplicate) while the removal waits.
    atomic: false,
    ignored: (full) => path.basename(full).startsWith('.') && path.basename(full).length > 1,
  });
  watcher.on('all', (event, full) => onEvent(event, path.resolve(full)));
  await new Promise<void>((resolve, reject) => {
    watcher.once('ready', () => resolve());
    watcher.once('error', reject);
  });
  const appearing = paths.slice(1).filter((full) => path.dirname(full) === cwd && !fs.existsSync(full));
  let folder: fs.FSWatcher | undefined;
  if (appearing.length > 0) {
    folder = fs.watch(cwd, (_event, name) => {
      const full = name ? path.join(cwd, name.toString()) : undefined;
      if (!full || !appearing.includes(full)) return;
      // Here now: chokidar watches it from now on, so later changes inside it count too.
      if (fs.existsSync(full)) {
        appearing.splice(appearing.indexOf(full), 1);
        watcher.add(full);
      }
      onEvent('add', full);
    });
    folder.on('error', () => folder?.close());
  }
  return {
    async close() {
      folder?.close();
      await watcher.close();
    },
  };
}

/** A host name or address as a `Host` header gives it: lower case, no brackets. */
function bare(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

function isLoopback(address: string): boolean {
  return loopback.has(address) || /^127\./.test(address) || address === '::ffff:127.0.0.1';
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new UsageError(error.code === 'EADDRINUSE' ? `Cannot listen on ${host}:${port}: port ${port} is in use by another program; pick another with \`--port ${port + 1}\`, or \`--port 0\` for any free port` : `Cannot listen on ${host}:${port}: ${error.code ?? error.message}`)));
    server.listen(port, host, () => resolve());
  });
}

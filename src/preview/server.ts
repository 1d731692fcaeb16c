/**
 * The preview's HTTP side, on node:http: the built site from memory, the live-reload
 * script and event stream, and the overlay while the content has an error.
 *
 * Only site paths are ever served; nothing here touches the file system. Requests that
 * try to step out of the site (`..`, encoded dots or slashes, backslashes, NUL) are
 * refused before they are even looked up.
 */
import http from 'node:http';
import type {SiteState} from './site-state.js';
import {overlayPage} from './overlay.js';
import {eventsPath, liveScript, liveScriptPath, reservedPrefix, withLiveScript} from './live-script.js';

const types: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  ics: 'text/calendar; charset=utf-8',
};

/** The request handler and the open event streams. */
export interface PreviewHandler {
  /** Handle one request. */
  handle: (request: http.IncomingMessage, response: http.ServerResponse) => void;
  /** Tell every open tab to reload. */
  broadcast: (event: string, data: unknown) => void;
  /** End every open event stream (before the server closes). */
  endStreams: () => void;
  /** How many tabs are listening. */
  listeners: () => number;
}

/** Make the handler for a site; only requests whose `Host` names one of `allowedHosts` are served (against DNS rebinding). */
export function createHandler(state: () => SiteState, allowedHosts: ReadonlySet<string>): PreviewHandler {
  const streams = new Set<http.ServerResponse>();

  const handle = (request: http.IncomingMessage, response: http.ServerResponse) => {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Method not allowed', {Allow: 'GET, HEAD'});
    if (!allowedHosts.has(hostName(request.headers.host))) return plain(response, 403, 'Unexpected Host header, expected a name of this preview (see --allow-host)');
    const target = requestPath(request.url ?? '');
    if (target === undefined) return plain(response, 400, 'Bad request path');
    if (target === eventsPath) return openStream(request, response);
    if (target === liveScriptPath) return send(request, response, 200, types.js!, liveScript);
    if (target.startsWith(reservedPrefix)) return plain(response, 404, 'Not found');

    const site = state();
    const base = site.settings.base;
    if (!target.startsWith(base)) {
      if (target === '/' || target + '/' === base) return redirect(response, base);
      return plain(response, 404, 'Not found');
    }
    let sitePath = target.slice(base.length);
    if (sitePath === '' || sitePath.endsWith('/')) sitePath += 'index.html';
    const html = sitePath.endsWith('.html') || !/\.[a-z0-9]+$/i.test(sitePath);
    if (site.failed() && html) return send(request, response, 500, types.html!, overlayPage(site.files()));
    // A raster logo is bytes, served as the config's brand read them (pages are text).
    const logo = site.settings.brand?.logo;
    if (logo && sitePath === logo.sitePath && typeof logo.text !== 'string') return send(request, response, 200, types[sitePath.slice(sitePath.lastIndexOf('.') + 1)]!, logo.text);
    let body = site.page(sitePath);
    if (body === undefined && !sitePath.endsWith('.html') && site.has(sitePath + '/index.html')) {
      // Pages link to each other relatively: `opsg/27` must become `opsg/27/` in the address bar.
      const query = (request.url ?? '').indexOf('?');
      return redirect(response, target + '/' + (query === -1 ? '' : (request.url ?? '').slice(query)));
    }
    if (body === undefined) {
      // Rendering can fail (a template that throws): then the overlay explains why.
      if (site.failed()) return send(request, response, html ? 500 : 503, html ? types.html! : 'text/plain; charset=utf-8', html ? overlayPage(site.files()) : 'The site has errors\n');
      const notFound = site.page('404.html');
      return notFound === undefined ? plain(response, 404, 'Not found') : send(request, response, 404, types.html!, withLiveScript(notFound));
    }
    const extension = /\.([a-z0-9]+)$/i.exec(sitePath)?.[1]?.toLowerCase() ?? 'html';
    const type = types[extension] ?? 'application/octet-stream';
    send(request, response, 200, type, extension === 'html' ? withLiveScript(body) : body);
  };

  const openStream = (request: http.IncomingMessage, response: http.ServerResponse) => {
    response.writeHead(200, {'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive'});
    // A short retry: after a restart of `opsg preview`, tabs reconnect within a second.
    response.write('retry: 500\n\n');
    streams.add(response);
    request.on('close', () => streams.delete(response));
  };

  return {
    handle,
    broadcast(event, data) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    endStreams() {
      for (const stream of streams) stream.end();
      streams.clear();
    },
    listeners: () => streams.size,
  };
}

/**
 * The request's path, decoded, or undefined when it must be refused: not absolute, a
 * `.` or `..` segment, an encoded dot, slash or backslash, a backslash, NUL, bad escapes.
 */
export function requestPath(url: string): string | undefined {
  const raw = url.split(/[?#]/, 1)[0] ?? '';
  if (!raw.startsWith('/') || raw.startsWith('//')) return undefined;
  if (/%(?:2e|2f|5c|00)|[\\\0]/i.test(raw)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (/[\\\0]/.test(decoded) || decoded.split('/').some((segment) => segment === '.' || segment === '..')) return undefined;
  return decoded;
}

function hostName(header: string | undefined): string {
  if (!header) return '';
  const bracket = /^\[([^\]]+)\]/.exec(header);
  return (bracket ? bracket[1]! : header.replace(/:\d+$/, '')).toLowerCase();
}

function send(request: http.IncomingMessage, response: http.ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  response.writeHead(status, {'Content-Type': type, 'Content-Length': Buffer.byteLength(body)});
  response.end(request.method === 'HEAD' ? undefined : body);
}

function plain(response: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {'Content-Type': 'text/plain; charset=utf-8', ...headers});
  response.end(text + '\n');
}

function redirect(response: http.ServerResponse, location: string): void {
  response.writeHead(301, {Location: location, 'Content-Type': 'text/plain; charset=utf-8'});
  response.end(`Moved to ${location}\n`);
}

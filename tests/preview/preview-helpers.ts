/** Helpers for the preview tests: the event stream read with fetch, raw requests, a site. */
import http from 'node:http';
import {expect} from 'vitest';
import {makeSite, meeting} from '../helpers.js';

/** One server-sent event. */
export interface StreamEvent {
  event: string;
  data: string;
}

/** Read `/__opsg/events` with fetch; `next()` resolves to the next event not yet taken. */
export async function openEvents(base: string): Promise<{next: () => Promise<StreamEvent>; close: () => void}> {
  const controller = new AbortController();
  const response = await fetch(new URL('/__opsg/events', base), {signal: controller.signal});
  if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/event-stream')) throw new Error(`Unexpected event stream response ${response.status}`);
  const queue: StreamEvent[] = [];
  const waiting: Array<(event: StreamEvent) => void> = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const {value, done} = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          if (!event) continue;
          const parsed = {event, data: /^data: (.*)$/m.exec(frame)?.[1] ?? ''};
          const waiter = waiting.shift();
          if (waiter) waiter(parsed);
          else queue.push(parsed);
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    next: () => new Promise((resolve) => {
      const queued = queue.shift();
      if (queued) resolve(queued);
      else waiting.push(resolve);
    }),
    close: () => controller.abort(),
  };
}

/** Send a request with the path exactly as given (fetch would normalise `..`), and any headers (fetch sets `Host` itself). */
export function rawGet(base: string, rawPath: string, headers: Record<string, string> = {}): Promise<{status: number; body: string}> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request({host: url.hostname, port: url.port, path: rawPath, method: 'GET', headers}, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({status: response.statusCode ?? 0, body}));
    });
    request.on('error', reject);
    request.end();
  });
}

/** A site with two OPSG meetings (one a draft), one SSC meeting and a public URL. */
export function previewSite(): string {
  return makeSite({
    'opsg.config.json': JSON.stringify({url: 'https://headlines.example.org'}),
    'content/opsg/opsg-27.md': meeting({items: '4. Major Incident (SECAS/DCC): The DCC reported the first version.\n\n6. Alerts (DCC): The DCC reported progress.'}),
    'content/opsg/opsg-28.md': meeting({meeting: 28, date: '2020-01-07', status: 'draft', items: '3. Draft Item (DCC): Still being written.'}),
    'content/ssc/ssc-1.md': meeting({group: 'SSC', meeting: 1, date: '2020-01-15'}),
  });
}

/** The body of a page. */
export async function text(url: string): Promise<{status: number; type: string; body: string}> {
  const response = await fetch(url, {redirect: 'manual'});
  return {status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text()};
}

/** Wait for a reload event, then until `check` holds (a rename may take two rebuilds). */
export async function afterReload(events: {next: () => Promise<StreamEvent>}, check: () => Promise<boolean>): Promise<void> {
  expect((await events.next()).event).toBe('reload');
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * The live-reload client: a fixed script, served by the preview server only at
 * `liveScriptPath` and referenced from every HTML response it serves. Builds never
 * contain it. It listens to the server-sent events at `eventsPath` and reloads the page
 * on `reload`; `window.__opsgLive` tells tests and curious readers whether it is connected.
 */

/** Where the preview serves its own files; a site path can never start with `__opsg/`. */
export const reservedPrefix = '/__opsg/';

/** The server-sent events stream. */
export const eventsPath = '/__opsg/events';

/** The live-reload script. */
export const liveScriptPath = '/__opsg/live.js';

/** The tag added to HTML responses: fixed text, never user data. */
export const liveScriptTag = `<script src="${liveScriptPath}" defer></script>`;

/** The script's source. */
export const liveScript = `// opsg preview: reload this page when the site is rebuilt.
(() => {
  const source = new EventSource(${JSON.stringify(eventsPath)});
  window.__opsgLive = 'connecting';
  source.addEventListener('open', () => { window.__opsgLive = 'open'; });
  source.addEventListener('error', () => { window.__opsgLive = 'connecting'; });
  source.addEventListener('reload', () => {
    window.__opsgLive = 'reloading';
    source.close();
    location.reload();
  });
})();
`;

/** Add the live-reload tag to an HTML page: before `</head>`, else at the end. */
export function withLiveScript(html: string): string {
  const head = html.indexOf('</head>');
  return head === -1 ? html + liveScriptTag + '\n' : html.slice(0, head) + liveScriptTag + html.slice(head);
}

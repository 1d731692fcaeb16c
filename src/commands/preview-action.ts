/** What `opsg preview` does; loaded only when it runs, as it brings in the pipeline and the watcher. */
import {spawn} from 'node:child_process';
import {UsageError} from '../config.js';
import {formatReport} from '../report.js';
import {preview} from '../preview/index.js';
import type {PreviewFlags} from './preview.js';
import {defined, pick, type CommandState, type Io} from './shared.js';

/** Serve the preview until Ctrl-C or a stop signal. */
export async function previewAction(io: Io, state: CommandState, flags: PreviewFlags): Promise<void> {
  const port = Number(flags.port);
  if (!/^\d{1,5}$/.test(flags.port) || port > 65535) throw new UsageError(`Cannot use --port \`${flags.port}\`, expected a number from 0 to 65535`);
  const server = await preview({...pick(flags), ...defined({templates: flags.templates}), drafts: true, port, host: flags.host, allowedHosts: flags.allowHost ?? []});
  for (const warning of server.warnings) io.stderr.write(`opsg: warning: ${warning}\n`);
  const report = (files: Parameters<typeof formatReport>[0]) => {
    io.stderr.write(formatReport(files, {format: 'text', quiet: flags.quiet ?? false, color: (io.stderr as NodeJS.WriteStream).isTTY === true}));
  };
  report(server.files());
  server.on('reload', (event) => io.stderr.write(`opsg: rebuilt ${event.everything ? 'everything' : event.changed.join(', ')} in ${Math.round(event.ms)} ms\n`));
  server.on('error', () => report(server.files()));
  io.stdout.write(server.url + '\n');
  io.stderr.write(`opsg: previewing at ${server.url} (Ctrl-C to stop)\n`);
  if (flags.open) openBrowser(server.url);
  // Ctrl-C or a service manager's stop: close the watcher and the server, then exit 0.
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  io.stderr.write('opsg: preview stopped\n');
  state.code = 0;
}

/** Open a URL in the default browser; a missing opener is not an error. */
function openBrowser(url: string): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], {stdio: 'ignore', detached: true});
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser to open: the URL is printed anyway.
  }
}

/** The command line as a person meets it: help with examples, only options that do something, plain English. */
import net from 'node:net';
import type {AddressInfo} from 'node:net';
import {describe, expect, it} from 'vitest';
import {makeSite, meeting, runCli} from './helpers.js';

const commands = ['build', 'check', 'preview', 'new', 'import', 'init', 'pdf'];

describe('opsg <command> --help', () => {
  it.each(commands)('%s ends with two or three real examples', (command) => {
    const run = runCli([command, '--help'], process.cwd());
    expect(run.code).toBe(0);
    const examples = run.stdout.split('\nExamples:\n')[1];
    expect(examples, run.stdout).toBeDefined();
    const lines = examples!.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const line of lines) expect(line).toMatch(new RegExp(`^\\s*\\$ (?:.*\\| )?opsg ${command}\\b`));
  });

  it('preview offers no option that does nothing there', () => {
    const help = runCli(['preview', '--help'], process.cwd()).stdout;
    expect(help).not.toMatch(/--drafts|--strict|--format/);
    expect(runCli(['preview', '--strict'], process.cwd()).stderr).toContain("unknown option '--strict'");
  });
});

describe('words', () => {
  it('counts in English: 1 file, 1 meeting', () => {
    const dir = makeSite({'content/opsg-27.md': meeting()});
    expect(runCli(['check'], dir).stderr).toContain('opsg: 1 file checked, 1 publishable');
    expect(runCli(['build'], dir).stderr).toMatch(/opsg: built 1 meeting, \d+ files/);
    const two = makeSite({'content/opsg-27.md': meeting(), 'content/opsg-28.md': meeting({meeting: 28, date: '2020-01-07'})});
    expect(runCli(['check'], two).stderr).toContain('opsg: 2 files checked, 2 publishable');
  });

  it('a busy port says which port, and how to pick another', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const {port} = blocker.address() as AddressInfo;
    try {
      const dir = makeSite({'content/opsg-27.md': meeting()});
      const run = runCli(['preview', '--port', String(port)], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`port ${port} is in use by another program; pick another with \`--port ${port + 1}\`, or \`--port 0\` for any free port`);
      expect(run.stderr).not.toContain('    at ');
    } finally {
      blocker.close();
    }
  });
});

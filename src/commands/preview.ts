/** `opsg preview`: serve the site from memory, drafts included, and reload open tabs on save. Its work is in preview-action.ts, loaded when it runs. */
import {Option, type Command} from 'commander';
import {contentOptions, examples, type CommandState, type CommonFlags, type Io} from './shared.js';

/** Preview-only flags. */
export interface PreviewFlags extends CommonFlags {
  port: string;
  host: string;
  open?: boolean;
  templates?: string;
  allowHost?: string[];
}

/** Register the command. */
export function register(program: Command, io: Io, state: CommandState): void {
  // Drafts are always shown, the report is for a person, and nothing fails: so no --drafts,
  // --format or --strict.
  const command = contentOptions(program.command('preview'), ['drafts', 'format', 'strict'])
    .description('serve a live preview with drafts')
    .addOption(new Option('-p, --port <port>', 'port to listen on (0 picks a free one)').default('4000'))
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
    .option('--templates <dir>', 'folder of template overrides (default: templates)')
    .option('--open', 'open the preview in the default browser')
    .option('--allow-host <name...>', 'also serve requests for this host name (when listening beyond loopback)')
    .action(async (flags: PreviewFlags) => (await import('./preview-action.js')).previewAction(io, state, flags));
  examples(command, ['opsg preview', 'opsg preview --open', 'opsg preview --port 4001   # when port 4000 is taken']);
}

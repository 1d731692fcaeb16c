#!/usr/bin/env node
// With --debug, stacks name src/ lines (here and in worker threads, which read the environment):
// source maps are read only then, as they cost start-up time.
if (process.argv.includes('--debug')) {
  process.setSourceMapsEnabled(true);
  process.env.OPSG_SOURCE_MAPS = '1';
}
const {main} = await import('../lib/opsg.js');

process.exitCode = await main(process.argv.slice(2));

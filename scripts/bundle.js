// The compile step's second half, after tsc: bundles the command line into lib/opsg.js, so that
// `opsg` starts by reading a few files instead of hundreds. Each command's work stays in its own
// chunk, loaded when the command runs (src/cli.ts). lib/worker.js is the build's worker thread
// for the per-file stages, lib/render-worker.js the one that renders pages, each at the path the
// bundled code that starts it computes (beside it); the library API (lib/index.js) stays tsc's
// output. Source maps let `opsg --debug` name src/ lines.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = path.join(root, 'lib');
const result = await build({
  absWorkingDir: root,
  entryPoints: {opsg: 'src/cli.ts', worker: 'opsg:worker', 'render-worker': 'opsg:render-worker'},
  outdir: 'lib',
  chunkNames: 'opsg-chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  // Left to Node: packages that find files or programs beside their own code at run time
  // (a browser, Pagefind's binary), and a macOS-only native module.
  external: ['playwright-core', 'pagefind', '@sparticuz/chromium', 'fsevents'],
  // Bundled CommonJS packages (commander, gray-matter, mammoth …) call require() for Node's own
  // modules, which an ES module has no binding for.
  banner: {js: "import {createRequire as __opsgRequire} from 'node:module'; const require = __opsgRequire(import.meta.url);"},
  plugins: [{name: 'opsg-worker', setup: (build) => {
    build.onResolve({filter: /^opsg:(render-)?worker$/}, (args) => ({path: args.path.slice('opsg:'.length), namespace: 'opsg'}));
    // A worker thread does not inherit the main thread's source map setting: bin/opsg.js
    // passes --debug on in the environment, which a worker copies when it starts.
    build.onLoad({filter: /.*/, namespace: 'opsg'}, (args) => ({
      resolveDir: root,
      contents: `if (process.env.OPSG_SOURCE_MAPS) process.setSourceMapsEnabled(true);\nawait import('./src/pipeline/${args.path}.ts');\n`,
    }));
  }}],
  metafile: true,
  logLevel: 'warning',
});

// Chunk names change with their content: remove the last build's chunks, after writing the new
// ones, so that an opsg started before this build still finds the chunks that did not change.
const written = new Set(Object.keys(result.metafile.outputs).map((file) => path.basename(file)));
for (const name of fs.readdirSync(lib)) if (name.startsWith('opsg-chunk-') && !written.has(name)) fs.rmSync(path.join(lib, name));

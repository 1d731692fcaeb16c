// One measured run in a fresh process: prints {ms, rssMiB} as JSON on the last line, as the
// process exits. The time is the whole process's, from Node's start to its exit.
//   node bench/measure.js bare <content> <out>
//   node bench/measure.js build <site> <out> <cache|none> <jobs> [nosearch]
//   node bench/measure.js check <site>   (its default output folder and cache; without a cache, a cold check)
import fs from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';

const [mode, ...args] = process.argv.slice(2);
process.on('exit', (code) => {
  if (code === 0) fs.writeSync(1, '\n' + JSON.stringify({ms: performance.now(), rssMiB: process.resourceUsage().maxRSS / 1024}) + '\n');
});
if (mode === 'bare') {
  // The floor reference: the unified pipeline alone, one thread, one HTML file per input.
  const [content, out] = args;
  const {default: matter} = await import('gray-matter');
  const {unified} = await import('unified');
  const {default: remarkParse} = await import('remark-parse');
  const {default: remarkRehype} = await import('remark-rehype');
  const {default: rehypeStringify} = await import('rehype-stringify');
  const processor = unified().use(remarkParse).use(remarkRehype).use(rehypeStringify);
  const walk = (dir) => fs.readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of walk(content)) {
    const {content: body} = matter(fs.readFileSync(file, 'utf8'), {});
    const html = String(processor.processSync(body));
    const target = path.join(out, path.relative(content, file).replace(/\.md$/, '.html'));
    fs.mkdirSync(path.dirname(target), {recursive: true});
    fs.writeFileSync(target, html);
  }
} else if (mode === 'build') {
  const [site, out, cache, jobs, search] = args;
  await opsg(site, ['build', '--out', out, '--jobs', jobs, '--force', '--quiet', ...(cache === 'none' ? ['--no-cache'] : ['--cache', cache]), ...(search === 'nosearch' ? ['--no-search'] : [])]);
} else if (mode === 'check') {
  await opsg(args[0], ['check', '--quiet']);
} else {
  throw new Error(`unknown mode ${mode}`);
}

/** Run opsg as a user runs it, its bundled command line, in `site`, here in this process. */
async function opsg(site, argv) {
  process.chdir(site);
  const {main} = await import('../lib/opsg.js');
  const code = await main(argv);
  if (code !== 0) throw new Error(`opsg ${argv.join(' ')} exited with ${code}`);
}

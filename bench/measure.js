// One measured run in a fresh process: prints {ms, rssMiB} as JSON on the last line.
//   node bench/measure.js bare <content> <out>
//   node bench/measure.js build <site> <out> <cache|none> <jobs> [nosearch]
import fs from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';

const [mode, ...args] = process.argv.slice(2);
const start = performance.now();
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
  const {build} = await import('../lib/index.js');
  const result = await build({cwd: site, out, cache: cache === 'none' ? false : cache, jobs: Number(jobs), force: true, ...(search === 'nosearch' ? {search: false} : {})});
  const errors = result.files.flatMap((f) => f.messages.filter((m) => m.fatal));
  if (errors.length > 0) throw new Error(`build failed: ${errors[0].reason}`);
} else {
  throw new Error(`unknown mode ${mode}`);
}
const ms = performance.now() - start;
console.log(JSON.stringify({ms, rssMiB: process.resourceUsage().maxRSS / 1024}));

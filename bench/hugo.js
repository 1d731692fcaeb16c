// Hugo's cold build of the bench corpus, the reference for a warm opsg build (nothing
// changed). Run only where a `hugo` binary is on the PATH (Debian and Ubuntu package it as
// `hugo`); the bench says so and goes on without it otherwise.
//
// The Hugo site is the least that publishes the same content: one page per meeting (its
// group, number, date and the Markdown rendered), a list page per group and the home page,
// with Hugo's own feeds and sitemap. opsg writes more per meeting (a print page, items
// linked to threads), so the comparison flatters Hugo, if anything.
import fs from 'node:fs';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {performance} from 'node:perf_hooks';

const layouts = {
  'baseof.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n',
  'single.html': '{{ define "main" }}<h1>{{ .Params.group }} {{ .Params.meeting }}</h1><time>{{ .Date.Format "2 January 2006" }}</time>{{ .Content }}{{ end }}\n',
  'list.html': '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Params.group }} {{ .Params.meeting }}</a></li>{{ end }}</ul>{{ end }}\n',
};

/** Hugo's version line, or undefined when there is no `hugo` to run. */
export function hugoVersion() {
  const result = spawnSync('hugo', ['version'], {encoding: 'utf8'});
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** A Hugo site in `dir` with a copy of the corpus's content folder. */
export function hugoSite(dir, content) {
  fs.mkdirSync(path.join(dir, 'layouts', '_default'), {recursive: true});
  fs.writeFileSync(path.join(dir, 'hugo.toml'), 'baseURL = "https://example.org/"\ntitle = "Benchmark"\n');
  for (const [name, text] of Object.entries(layouts)) fs.writeFileSync(path.join(dir, 'layouts', '_default', name), text);
  fs.cpSync(content, path.join(dir, 'content'), {recursive: true});
  return dir;
}

/** One cold build (no output, no resources kept): the whole process's time, in ms. */
export function hugoBuild(dir) {
  const out = path.join(dir, 'public');
  fs.rmSync(out, {recursive: true, force: true});
  fs.rmSync(path.join(dir, 'resources'), {recursive: true, force: true});
  const start = performance.now();
  const result = spawnSync('hugo', ['--quiet', '--source', dir, '--destination', out], {encoding: 'utf8'});
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`hugo failed: ${result.stderr || result.stdout}`);
  return ms;
}

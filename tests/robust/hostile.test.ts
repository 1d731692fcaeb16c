/**
 * Hostile content: raw HTML, scripts, event handlers and script-bearing URLs (plain and
 * obfuscated) never reach a page, feed, JSON or print file as markup. With the warning
 * and error rules switched off, the sanitiser alone must hold; with them on, every unsafe
 * URL is an error at its own line and column.
 */
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Browser} from 'playwright-core';
import ICAL from 'ical.js';
import {launchTestBrowser} from '../browser.js';
import {build, check} from '../../src/index.js';
import {makeSite, meeting, whiteStatement} from '../helpers.js';
import {outputs} from './support.js';

/** Markdown that tries to get markup or script onto a page, one agenda item each. */
const attacks = [
  '<script>alert("raw")</script>',
  'Inline <script>alert("inline")</script> script.',
  '<img src=x onerror=alert("img")>',
  'Text <span onclick="alert(1)" onmouseover=alert(2)>hover</span> text.',
  '<a href="javascript:alert(1)">raw link</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<svg><script>alert(1)</script></svg>',
  '<svg onload=alert(1)>',
  '<style>body{display:none}</style>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<form action="https://evil.example"><input name=x></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<!-- <script>alert(1)</script> -->',
  '<details open ontoggle=alert(1)>x</details>',
  '[plain](javascript:alert(1))',
  '[mixed case](JaVaScRiPt:alert(1))',
  '[entity](&#106;avascript:alert(1))',
  '[hex entity](&#x6A;&#x61;vascript:alert(1))',
  '[named colon](javascript&colon;alert(1))',
  '[tab](<java\tscript:alert(1)>)',
  '[newline entity](java&#10;script:alert(1))',
  '[tab entity](java&#9;script:alert(1))',
  '[leading space](<  javascript:alert(1)>)',
  '[vb](vbscript:msgbox(1))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![image](javascript:alert(1))',
  '![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![vb image](VBSCRIPT:alert(1))',
  '<javascript:alert(1)>',
  '[reference][evil]\n\n[evil]: javascript:alert(1)',
  '[title](https://example.org "\\" onmouseover=\\"alert(1)")',
  '[x](https://example.org/"onmouseover="alert(1))',
  '`<script>alert("code")</script>`',
  '```html\n<script>alert("fence")</script>\n```',
];

/** A meeting per attack, each White and final, and the title and config carrying HTML too. */
function hostileSite(rules: Record<string, string>): string {
  const files: Record<string, string> = {
    'opsg.config.json': JSON.stringify({
      title: 'Site <script>alert("config")</script>',
      url: 'https://headlines.example.org',
      classification: {label: 'WHITE</style><script>alert(1)</script>', statement: '<b onclick=alert(1)>Public</b>'},
      groups: {OPSG: 'Ops <img src=x onerror=alert(1)>'},
      rules,
      printPerGroup: true,
    }),
  };
  attacks.forEach((attack, index) => {
    files[`content/m${index + 1}.md`] = meeting({
      meeting: index + 1,
      date: `2019-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 27) + 1).padStart(2, '0')}`,
      extra: `title: ${JSON.stringify(`<script>alert(${index})</script><img src=x onerror=alert(${index})> M${index + 1}`)}`,
      statement: whiteStatement,
      items: `1. Attack (DCC): Before.\n\n${attack}\n\n2. After (DCC): After attack ${index + 1}.`,
    });
  });
  return makeSite(files);
}

/** The tags of serialised HTML or XML, read left to right as a browser's tokenizer would. */
function tags(text: string): Array<{name: string; attributes: Array<[string, string]>}> {
  const out: Array<{name: string; attributes: Array<[string, string]>}> = [];
  // Comments first (their content is not markup), then start tags with their attributes;
  // a `<` inside a quoted attribute value is consumed with its tag, as in a browser.
  const tag = /<!--[\s\S]*?-->|<([a-zA-Z][^\s/>]*)((?:\s*[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*\/)*)\s*>/g;
  for (const match of text.matchAll(tag)) {
    if (!match[1]) continue;
    const attributes: Array<[string, string]> = [];
    for (const attribute of (match[2] ?? '').matchAll(/([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g)) {
      attributes.push([attribute[1]!.toLowerCase(), (attribute[2] ?? '').replace(/^["']|["']$/g, '')]);
    }
    out.push({name: match[1].toLowerCase(), attributes});
  }
  return out;
}

const dangerousTags = ['script', 'iframe', 'object', 'embed', 'form', 'input', 'svg', 'math', 'base', 'details', 'meta-refresh'];

/**
 * A page without the site's own parts that the scan would otherwise count: the
 * Content-Security-Policy (a screen page's or a print page's), the search script and the header's search form, each matched
 * exactly as the layout writes it, so an injected copy of any of them is still found.
 */
function withoutSiteChrome(text: string): string {
  return text
    .replace(/<meta http-equiv="Content-Security-Policy" content="default-src &#x27;self&#x27;; script-src &#x27;self&#x27; &#x27;wasm-unsafe-eval&#x27;; style-src &#x27;self&#x27;; img-src &#x27;self&#x27; data:; object-src &#x27;none&#x27;; base-uri &#x27;none&#x27;; form-action &#x27;self&#x27;">/, '')
    .replace(/<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; style-src &#x27;self&#x27;; img-src &#x27;self&#x27; data:; script-src &#x27;none&#x27;; object-src &#x27;none&#x27;; base-uri &#x27;none&#x27;; form-action &#x27;none&#x27;">/, '')
    .replace(/<script src="(?:\.\.\/)*\/?assets\/search\.[0-9a-f]{10}\.js" defer><\/script>/, '')
    .replace(/<form class="site-search" role="search" action="[^"<>]*" method="get"><label for="site-search-q">Search the meetings<\/label> <input id="site-search-q" type="search" name="q" autocomplete="off"> <button type="submit">Search<\/button>[\s\S]*?<\/form>/, '');
}

/** Why a serialised HTML or XML file might carry live markup, or nothing. */
function markupProblems(name: string, text: string): string[] {
  const problems: string[] = [];
  const head = text.indexOf('</head>');
  for (const {name: tagName, attributes} of tags(text)) {
    if (dangerousTags.includes(tagName)) problems.push(`<${tagName}>`);
    if (tagName === 'style' && name.endsWith('.html') && head !== -1 && text.indexOf('<style') > head) problems.push('<style> in the body');
    for (const [attribute, value] of attributes) {
      if (attribute.startsWith('on')) problems.push(`<${tagName} ${attribute}>`);
      if (tagName === 'meta' && attribute === 'http-equiv') problems.push('<meta http-equiv>');
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'background'].includes(attribute)) {
        // Decoded the way a browser would, with the characters it skips in a scheme removed.
        const url = decode(value).replace(/[\u0000-\u0020\u007F]/g, '').toLowerCase();
        if (/^(?:javascript|vbscript|data):/.test(url)) problems.push(`<${tagName} ${attribute}="${value}">`);
      }
    }
  }
  return problems;
}

function decode(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':').replace(/&tab;/gi, '\t').replace(/&newline;/gi, '\n').replace(/&amp;/g, '&');
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchTestBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('hostile content never reaches the output as markup', () => {
  let dir: string;
  let files: Map<string, string>;

  beforeAll(async () => {
    // Only the sanitiser stands between the content and the pages.
    dir = hostileSite({'link-unsafe': 'off', 'html-raw': 'off', 'link-placeholder': 'off'});
    const result = await build({cwd: dir});
    const errors = result.files.flatMap((file) => file.messages.filter((m) => m.fatal).map((m) => `${file.path}:${m.line}:${m.column} ${m.reason}`));
    expect(errors).toEqual([]);
    expect(result.published).toHaveLength(attacks.length);
    files = outputs(path.join(dir, 'dist'));
  });

  it('no serialised file holds a script, a handler, a dangerous element or a script URL', () => {
    expect(files.size).toBeGreaterThan(attacks.length * 2);
    const found: string[] = [];
    for (const [name, text] of files) {
      if (name.endsWith('.css')) continue;
      // The search index (compressed records, Pagefind's own code) and the site's own search
      // script are not pages: they carry no markup of the content's, and a tag scan over
      // compressed bytes only takes time.
      if (name.startsWith('pagefind/') || /^assets\/search\.[0-9a-f]{10}\.js$/.test(name)) continue;
      if (name.endsWith('.ics')) {
        // iCalendar has no markup either: it must parse, and its text values are data.
        expect(() => ICAL.parse(text), name).not.toThrow();
        continue;
      }
      if (name.endsWith('.json')) {
        // JSON has no markup: it must parse, and its strings are data.
        expect(() => JSON.parse(text), name).not.toThrow();
        continue;
      }
      for (const problem of markupProblems(name, withoutSiteChrome(text))) found.push(`${name}: ${problem}`);
    }
    expect(found).toEqual([]);
  });

  it('the checker itself catches each kind of markup (it can fail)', () => {
    expect(markupProblems('a.html', '<p><SCRIPT>x</SCRIPT></p>')).toEqual(['<script>']);
    expect(markupProblems('a.html', '<p><img src="x" onerror="y"></p>')).toEqual(['<img onerror>']);
    expect(markupProblems('a.html', '<p><img src=x onerror=y></p>')).toEqual(['<img onerror>']);
    expect(markupProblems('a.html', '<a href="&#x6A;ava&#9;script:x">')).toHaveLength(1);
    expect(markupProblems('a.html', '<img src="DATA:image/svg+xml,x">')).toHaveLength(1);
    expect(markupProblems('a.html', '<head></head><body><style>x</style>')).toEqual(['<style> in the body']);
    // Escaped text, comments and quoted attribute values are not markup.
    expect(markupProblems('a.html', '<p>&#x3C;script>alert(1)&#x3C;/script> &#x3C;img src=x onerror=alert(0)></p>')).toEqual([]);
    expect(markupProblems('a.html', '<link title="Site <script>alert(1)</script>" href="x.css"><!-- <script> -->')).toEqual([]);
  });

  it('each page parsed by a browser: no script element, no on* attribute, no script URL, and nothing runs', async () => {
    const page = await browser.newPage();
    const executed: string[] = [];
    page.on('dialog', async (dialog) => {
      executed.push(dialog.message());
      await dialog.dismiss();
    });
    // Nothing may leave the machine: every request other than the site's own files fails.
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    const htmlPages = [...files.keys()].filter((name) => name.endsWith('.html'));
    const problems: string[] = [];
    for (const name of htmlPages) {
      await page.goto(pathToFileURL(path.join(dir, 'dist', name)).href);
      const found = await page.evaluate(() => {
        const out: string[] = [];
        // The site's own search script and the header's search form are the only ones allowed.
        if (document.querySelectorAll('script:not([src*="assets/search."]), iframe, object, embed, form:not(header form.site-search), svg, base, details, body style').length > 0) out.push('dangerous element');
        if (document.querySelectorAll('script[src*="assets/search."], header form.site-search').length > 2) out.push('a second search script or form');
        for (const element of Array.from(document.querySelectorAll('*'))) {
          for (const attribute of Array.from(element.attributes)) {
            if (attribute.name.startsWith('on')) out.push(`${element.tagName} ${attribute.name}`);
          }
        }
        for (const element of Array.from(document.querySelectorAll('a[href], area[href]'))) {
          const protocol = (element as HTMLAnchorElement).protocol;
          if (!['http:', 'https:', 'mailto:', 'tel:', 'file:'].includes(protocol)) out.push(`link ${protocol}`);
        }
        for (const element of Array.from(document.querySelectorAll('[src]'))) {
          const protocol = new URL((element as HTMLImageElement).src, document.baseURI).protocol;
          if (!['http:', 'https:', 'file:'].includes(protocol)) out.push(`src ${protocol}`);
        }
        return out;
      });
      for (const problem of found) problems.push(`${name}: ${problem}`);
      // Hover and click every link: an injected handler would fire here.
      await page.evaluate(() => {
        for (const element of Array.from(document.querySelectorAll('main *'))) {
          element.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
        }
      });
    }
    await page.close();
    expect(htmlPages.length).toBeGreaterThan(attacks.length);
    expect(problems).toEqual([]);
    expect(executed).toEqual([]);
  });

  it('front-matter and config HTML is shown as text where it appears', () => {
    const meetingPage = files.get('opsg/1/index.html')!;
    expect(meetingPage).toContain('&#x3C;script>alert(0)&#x3C;/script>&#x3C;img src=x onerror=alert(0)> M1');
    expect(files.get('print.html')).toContain('&#x3C;script>alert(0)&#x3C;/script>');
    // The feed lists the newest meetings only; each title is escaped text.
    expect(files.get('feed.xml')!.match(/<title>&#x3C;script>alert\(\d+\)&#x3C;\/script>&#x3C;img src=x onerror=alert\(\d+\)> M\d+<\/title>/g)).toHaveLength(20);
    const json = JSON.parse(files.get('meetings.json')!) as {title: string; meetings: Array<{title: string; groupName: string}>};
    // In JSON the title is data: the exact text, to be escaped by whoever displays it.
    expect(json.title).toBe('Site <script>alert("config")</script>');
    expect(json.meetings.find((m) => m.title.endsWith(' M1'))!.title).toBe('<script>alert(0)</script><img src=x onerror=alert(0)> M1');
  });

  it('safe content around each attack is still published', () => {
    for (let index = 0; index < attacks.length; index++) {
      expect(files.get(`opsg/${index + 1}/index.html`)).toContain(`After attack ${index + 1}.`);
    }
    // Code spans and fences show the code as text.
    const code = [...files.values()].join('\n');
    expect(code).toContain('&#x3C;script>alert("code")&#x3C;/script>');
    expect(code).toContain('&#x3C;script>alert("fence")&#x3C;/script>');
  });
});

describe('with the default rules, every unsafe URL is an error at its place', () => {
  const urlAttacks = attacks.map((attack, index) => ({attack, index})).filter(({attack}) => /\]\(|<javascript:|\]: /.test(attack) && !/https:\/\/example/.test(attack));

  it('reports link-unsafe for each form, on the attack’s line', async () => {
    const files: Record<string, string> = {};
    for (const {attack, index} of urlAttacks) {
      files[`content/m${index + 1}.md`] = meeting({meeting: index + 1, date: '2019-12-03', items: `1. Attack (DCC): Before.\n\n${attack}\n\n2. After (DCC): After.`});
    }
    const dir = makeSite(files);
    const result = await check({cwd: dir});
    for (const {attack, index} of urlAttacks) {
      const file = result.files.find((f) => f.path === `content/m${index + 1}.md`)!;
      const unsafe = file.messages.filter((m) => m.ruleId === 'link-unsafe');
      expect(unsafe.length, attack).toBeGreaterThan(0);
      expect(unsafe.every((m) => m.fatal === true && m.line !== undefined && m.line >= 12 && m.column !== undefined)).toBe(true);
    }
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});

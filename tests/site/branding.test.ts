/**
 * Branding without code: the config's `brand` (organisation, logo, primary colour, footer
 * text and links). The logo (SVG, PNG, JPEG or WebP) is copied and content-hashed like the
 * stylesheets; a colour white text cannot be read on, an unsafe footer link, an SVG logo
 * with scripts or a logo whose bytes are not what its name says is a config error at its
 * line and column, and nothing is written. No `brand`: the
 * site is as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import {createHash} from 'node:crypto';
import {afterAll, describe, expect, test} from 'vitest';
import {HtmlValidate} from 'html-validate';
import {build, preview} from '../../src/index.js';
import {contrastWithWhite, normaliseColour, readLogo} from '../../src/branding.js';
import {makeSite, meeting, root, runCli} from '../helpers.js';
import {axeSource, buildSite, htmlPages, launchChromium, linksOf, listFiles, serve, wcagTags} from './site-helpers.js';

const dirs: string[] = [];
/** Small PNG, JPEG and WebP images (48×24, the extended WebP 30×20) made by Chromium. */
const fixtures = path.join(import.meta.dirname, '../fixtures/brand');
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

const logo = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40"><rect width="40" height="40" fill="#0b4f8a"/></svg>\n';
const brand = {
  organisation: 'Example Code Administrator',
  logo: 'brand/logo.svg',
  colour: '#1d70b8',
  footer: {text: 'Published under the Open Government Licence v3.0.', links: [{text: 'Privacy notice', url: 'https://example.org/privacy'}, {text: 'Contact us', url: 'mailto:secas@example.org'}]},
};
/** A site whose config is `config` (written with two-space indents, so places are predictable). */
const site = (config: Record<string, unknown>, files: Record<string, string | Buffer> = {}) => {
  const dir = makeSite({
    'opsg.config.json': JSON.stringify(config, null, 2) + '\n',
    'brand/logo.svg': logo,
    'content/opsg-27.md': meeting(),
    'content/opsg-28.md': meeting({meeting: 28, date: '2020-01-07'}),
    ...files,
  });
  dirs.push(dir);
  return dir;
};
const read = (dist: string, file: string) => fs.readFileSync(path.join(dist, file), 'utf8');
/** `line:column rule: reason` of every error a build reports, and whether it wrote anything. */
async function errorsOf(dir: string): Promise<{errors: string[]; wrote: boolean}> {
  const result = await build({cwd: dir, cache: false});
  const errors = result.files.flatMap((file) => file.messages.filter((message) => message.fatal).map((message) => `${file.path}:${message.line}:${message.column} ${message.ruleId}: ${message.reason}`));
  return {errors, wrote: fs.existsSync(path.join(dir, 'dist'))};
}
/** Where `text` first stands in the config file, as `line:column`. */
const placeIn = (dir: string, text: string) => {
  const config = fs.readFileSync(path.join(dir, 'opsg.config.json'), 'utf8');
  const before = config.slice(0, config.indexOf(text)).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
};

describe('no brand', () => {
  test('the site is as it was: no logo, the stylesheet unchanged, the plain title and footer', async () => {
    const {dist} = await buildSite(site({title: 'Test headlines'}));
    const files = listFiles(dist);
    expect(files.filter((file) => file.startsWith('assets/') && !file.startsWith('assets/search.'))).toHaveLength(2);
    const style = files.find((file) => /^assets\/style\.[0-9a-f]{10}\.css$/.test(file))!;
    expect(read(dist, style)).toBe(fs.readFileSync(path.join(root, 'templates/style.css'), 'utf8'));
    const page = read(dist, 'opsg/27/index.html');
    expect(page).toContain('<p class="site-title"><a href="../../">Test headlines</a></p>');
    expect(page).not.toMatch(/site-logo|site-organisation|footer-links|footer-text/);
    expect(read(dist, 'opsg/27/print.html')).not.toContain('print-publisher');
  });
});

describe('a brand', () => {
  test('copies the logo under a name made from its content, and shows it with the organisation in every page’s header', async () => {
    const {dist} = await buildSite(site({title: 'Test headlines', brand}));
    const name = `assets/logo.${createHash('sha256').update(logo).digest('hex').slice(0, 10)}.svg`;
    expect(read(dist, name)).toBe(logo);
    for (const page of htmlPages(dist).filter((file) => !file.endsWith('print.html'))) {
      const html = read(dist, page);
      const logos = linksOf(html).filter((href) => href.endsWith('.svg'));
      expect(logos, page).toHaveLength(1);
      // The 404 page is served at any address: its links start from the base path.
      const target = page === '404.html' ? logos[0]!.replace(/^\//, '') : path.relative(dist, path.resolve(path.dirname(path.join(dist, page)), logos[0]!)).split(path.sep).join('/');
      expect(target, page).toBe(name);
      expect(html, page).toContain('<span class="site-organisation">Example Code Administrator</span><span class="site-name">Test headlines</span>');
      expect(html, page).toContain('<p class="footer-text">Published under the Open Government Licence v3.0.</p>');
      expect(html, page).toContain('<ul class="footer-links"><li><a href="https://example.org/privacy">Privacy notice</a></li><li><a href="mailto:secas@example.org">Contact us</a></li></ul>');
    }
  });

  test('a PNG logo is copied under a name made from its bytes, and every page shows it with its width and height', async () => {
    const png = fs.readFileSync(path.join(fixtures, 'logo.png'));
    const {dist} = await buildSite(site({title: 'Test headlines', brand: {...brand, logo: 'brand/logo.png'}}, {'brand/logo.png': png}));
    const name = `assets/logo.${createHash('sha256').update(png).digest('hex').slice(0, 10)}.png`;
    expect(fs.readFileSync(path.join(dist, name)).equals(png)).toBe(true);
    expect(listFiles(dist).filter((file) => file.startsWith('assets/logo.'))).toEqual([name]);
    for (const page of htmlPages(dist).filter((file) => !file.endsWith('print.html'))) {
      const html = read(dist, page);
      const src = page === '404.html' ? `/${name}` : path.relative(path.dirname(path.join(dist, page)), path.join(dist, name)).split(path.sep).join('/');
      // The header's size, so the page does not move when the image arrives.
      expect(html, page).toContain(`<img class="site-logo" src="${src}" alt="" width="48" height="24">`);
    }
  });

  test('`opsg preview` serves a PNG logo byte for byte, as an image', async () => {
    const png = fs.readFileSync(path.join(fixtures, 'logo.png'));
    const running = await preview({cwd: site({brand: {logo: 'brand/logo.png'}}, {'brand/logo.png': png}), port: 0});
    try {
      const page = await (await fetch(running.url + 'opsg/27/')).text();
      const src = /<img class="site-logo" src="\.\.\/\.\.\/(assets\/logo\.[0-9a-f]{10}\.png)" alt="" width="48" height="24">/.exec(page);
      expect(src).not.toBeNull();
      const response = await fetch(running.url + src![1]);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
    } finally {
      await running.close();
    }
  });

  test('the size of a JPEG, a lossy, lossless or extended WebP logo comes from its header, as the browser reads it', async () => {
    const logos = {'logo.jpg': [48, 24], 'logo-lossy.webp': [48, 24], 'logo-lossless.webp': [48, 24], 'logo-extended.webp': [30, 20]} as const;
    const dir = site({brand: {logo: 'brand/logo.jpg'}}, Object.fromEntries(Object.keys(logos).map((file) => [`brand/${file}`, fs.readFileSync(path.join(fixtures, file))])));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      for (const [file, [width, height]] of Object.entries(logos)) {
        expect(readLogo(path.join(dir, 'brand', file)), file).toMatchObject({sitePath: expect.stringMatching(new RegExp(`^assets/logo\\.[0-9a-f]{10}\\.${path.extname(file).slice(1)}$`)), width, height});
        // Chromium decodes the fixture to the same size: the fixtures are real images.
        const url = `data:image/${file.endsWith('.jpg') ? 'jpeg' : 'webp'};base64,${fs.readFileSync(path.join(fixtures, file)).toString('base64')}`;
        expect(await page.evaluate(async (src) => {
          const image = new Image();
          image.src = src;
          await image.decode();
          return [image.naturalWidth, image.naturalHeight];
        }, url), file).toEqual([width, height]);
      }
    } finally {
      await browser.close();
    }
    const {dist} = await buildSite(dir);
    expect(read(dist, 'opsg/27/index.html')).toMatch(/<img class="site-logo" src="\.\.\/\.\.\/assets\/logo\.[0-9a-f]{10}\.jpg" alt="" width="48" height="24">/);
  });

  test('a changed logo gets a new name, and the old one is gone', async () => {
    const dir = site({brand});
    const first = await buildSite(dir);
    const before = listFiles(first.dist).filter((file) => file.startsWith('assets/logo.'));
    fs.writeFileSync(path.join(dir, 'brand/logo.svg'), logo.replace('#0b4f8a', '#1d70b8'));
    const second = await buildSite(dir);
    const after = listFiles(second.dist).filter((file) => file.startsWith('assets/logo.'));
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
  });

  test('puts the primary colour in the hashed stylesheet: the header under white text, and the links', async () => {
    const {dist} = await buildSite(site({brand}));
    const style = listFiles(dist).find((file) => /^assets\/style\.[0-9a-f]{10}\.css$/.test(file))!;
    const css = read(dist, style);
    expect(css.startsWith(fs.readFileSync(path.join(root, 'templates/style.css'), 'utf8'))).toBe(true);
    expect(css).toContain(':root { --accent: #1d70b8; --brand: #1d70b8; }');
    expect(css).toContain('.site-header { background: var(--brand); color: #fff;');
  });

  test('print pages carry the organisation name and the publication date', async () => {
    const {dist} = await buildSite(site({brand}));
    expect(read(dist, 'opsg/27/print.html')).toContain('<p class="print-publisher">Published by Example Code Administrator · <time datetime="2019-12-03">3 December 2019</time></p>');
    expect(read(dist, 'print.html')).toContain('<p class="print-publisher">Published by Example Code Administrator · <time datetime="2020-01-07">7 January 2020</time></p>');
  });

  test('a meeting’s print page links back to the meeting page; the combined one to none', async () => {
    const {dist} = await buildSite(site({brand}));
    const back = (page: string) => linksOf(read(dist, page))
      .map((href) => path.relative(dist, path.resolve(path.dirname(path.join(dist, page)), href)).split(path.sep).join('/'))
      .filter((target) => /^opsg\/\d+$/.test(target));
    expect(back('opsg/27/print.html')).toEqual(['opsg/27']);
    expect(read(dist, 'opsg/27/print.html')).toContain('>Back to OPSG meeting 27</a>');
    expect(back('print.html')).toEqual([]);
  });

  test('branded pages pass html-validate and axe-core (WCAG 2.1 AA, colour contrast included)', async () => {
    const {dist} = await buildSite(site({brand}));
    const validator = new HtmlValidate({extends: ['html-validate:recommended']});
    for (const page of htmlPages(dist)) {
      const report = await validator.validateString(read(dist, page), page);
      expect(report.results.flatMap((result) => result.messages.filter((message) => message.severity === 2).map((message) => message.message)), page).toEqual([]);
    }
    const server = await serve(dist);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      for (const at of ['', 'opsg/', 'opsg/27/']) {
        await page.goto(server.url(at));
        // Evaluated, not added as a script tag: the pages' Content-Security-Policy refuses inline scripts.
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async (tags) => {
          const axe = (window as unknown as {axe: {run: (context: Document, options: unknown) => Promise<{violations: Array<{id: string}>}>}}).axe;
          return (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations.map((violation) => violation.id);
        }, wcagTags);
        expect(violations, at).toEqual([]);
        // The header really is the brand colour under white text.
        const colours = await page.evaluate(() => {
          const style = getComputedStyle(document.querySelector('.site-header')!);
          return [style.backgroundColor, getComputedStyle(document.querySelector('.site-title a')!).color];
        });
        expect(colours, at).toEqual(['rgb(29, 112, 184)', 'rgb(255, 255, 255)']);
      }
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('the primary colour', () => {
  test('contrast with white is computed per WCAG 2.x relative luminance', () => {
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 5);
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 5);
    // The classic boundary: #767676 is the lightest grey that passes AA on white.
    expect(contrastWithWhite('#767676')).toBeGreaterThanOrEqual(4.5);
    expect(contrastWithWhite('#777777')).toBeLessThan(4.5);
    expect(normaliseColour('#1D7')).toBe('#11dd77');
    expect(normaliseColour('blue')).toBeUndefined();
  });

  test('is refused below WCAG AA, at its line and column, and nothing is written', async () => {
    const dir = site({title: 'Test headlines', brand: {...brand, colour: '#777777'}});
    const {errors, wrote} = await errorsOf(dir);
    expect(errors).toEqual([`opsg.config.json:${placeIn(dir, '"colour"')} config-contrast: Unexpected colour \`#777777\`: white text on it has a contrast of 4.47:1, expected at least 4.5:1 (WCAG AA); choose a darker colour`]);
    expect(wrote).toBe(false);
  });

  test('is refused when it is not a hex colour', async () => {
    const dir = site({brand: {colour: 'navy'}});
    expect((await errorsOf(dir)).errors).toEqual([`opsg.config.json:${placeIn(dir, '"colour"')} config-type: Unexpected colour \`navy\`, expected a hex colour such as \`#0b4f8a\``]);
  });

  test('from the command line: exit 1, the file, line and column', () => {
    const dir = site({brand: {colour: '#ffdd00'}});
    const run = runCli(['build', '--no-cache'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('opsg.config.json');
    expect(run.stderr).toMatch(new RegExp(`${placeIn(dir, '"colour"')}\\s+error\\s+Unexpected colour \`#ffdd00\`: white text on it has a contrast of 1\\.\\d\\d:1`));
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});

describe('footer links', () => {
  test.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(1)'],
    ['java\tscript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox'],
    ['/relative/path'],
  ])('`%s` is refused at its place', async (url) => {
    const dir = site({brand: {footer: {links: [{text: 'Fine', url: 'https://example.org/'}, {text: 'Bad', url}]}}});
    const {errors, wrote} = await errorsOf(dir);
    const config = fs.readFileSync(path.join(dir, 'opsg.config.json'), 'utf8');
    const second = config.indexOf('"url"', config.indexOf('"url"') + 1);
    const lines = config.slice(0, second).split('\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^opsg\\.config\\.json:${lines.length}:${lines.at(-1)!.length + 1} link-unsafe: Unexpected footer link URL \``));
    expect(wrote).toBe(false);
  });

  test('a link without text is refused', async () => {
    const dir = site({brand: {footer: {links: [{url: 'https://example.org/'}]}}});
    // At the link's object, which opens after `"links": [`.
    const config = fs.readFileSync(path.join(dir, 'opsg.config.json'), 'utf8');
    const link = config.slice(config.indexOf('{', config.indexOf('"links"')));
    expect((await errorsOf(dir)).errors).toEqual([`opsg.config.json:${placeIn(dir, link)} config-type: Unexpected \`brand.footer.links[0]\` without \`text\``]);
  });
});

describe('the logo', () => {
  const refused = async (files: Record<string, string | Buffer>, logoPath = 'brand/logo.svg') => {
    const dir = site({brand: {logo: logoPath}}, files);
    const {errors, wrote} = await errorsOf(dir);
    expect(wrote).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.startsWith(`opsg.config.json:${placeIn(dir, '"logo"')} config-logo: Cannot use logo \`${logoPath}\`: `)).toBe(true);
    return errors[0]!.replace(/^.*?: Cannot use logo `[^`]*`: /, '');
  };

  test('must exist', async () => {
    expect(await refused({}, 'brand/missing.svg')).toBe('no such file');
  });

  test('must be an SVG, PNG, JPEG or WebP file', async () => {
    expect(await refused({'brand/logo.gif': Buffer.from('GIF89a')}, 'brand/logo.gif')).toBe('expected an SVG, PNG, JPEG or WebP file (`.svg`, `.png`, `.jpg`, `.jpeg` or `.webp`)');
    expect(await refused({'brand/logo.svg': 'not an image'})).toBe('it has no `<svg>` element, expected an SVG file');
    expect(await refused({'brand/logo.svg': fs.readFileSync(path.join(fixtures, 'logo.png'))})).toBe('it is not UTF-8 text, expected an SVG file');
  });

  test('named .png but not a PNG is refused at `brand.logo`’s line and column, and nothing is written', async () => {
    expect(await refused({'brand/logo.png': logo}, 'brand/logo.png')).toBe("its first bytes are not a PNG image's, expected a PNG file as its name says");
    // Cut short after the first four bytes of the signature.
    expect(await refused({'brand/logo.png': fs.readFileSync(path.join(fixtures, 'logo.png')).subarray(0, 4)}, 'brand/logo.png')).toBe("its first bytes are not a PNG image's, expected a PNG file as its name says");
    expect(await refused({'brand/logo.png': fs.readFileSync(path.join(fixtures, 'logo.jpg'))}, 'brand/logo.png')).toBe("its first bytes are a JPEG image's, expected a PNG file as its name says");
    expect(await refused({'brand/logo.jpg': fs.readFileSync(path.join(fixtures, 'logo.png'))}, 'brand/logo.jpg')).toBe("its first bytes are a PNG image's, expected a JPEG file as its name says");
    expect(await refused({'brand/logo.webp': fs.readFileSync(path.join(fixtures, 'logo.png'))}, 'brand/logo.webp')).toBe("its first bytes are a PNG image's, expected a WebP file as its name says");
  });

  test('a PNG is read with the same size limit', async () => {
    const png = fs.readFileSync(path.join(fixtures, 'logo.png'));
    expect(await refused({'brand/logo.png': Buffer.concat([png, Buffer.alloc(300 * 1024)])}, 'brand/logo.png')).toMatch(/^it is \d+ bytes, expected at most 262144$/);
  });

  test('is read with a size limit', async () => {
    expect(await refused({'brand/logo.svg': logo.replace('</svg>', `<!-- ${'x'.repeat(300 * 1024)} --></svg>`)})).toMatch(/^it is \d+ bytes, expected at most 262144$/);
  });

  test('a device or a folder is refused, not read', async () => {
    const dir = site({brand: {logo: 'brand/zero.svg'}});
    fs.symlinkSync('/dev/zero', path.join(dir, 'brand/zero.svg'));
    const {errors} = await errorsOf(dir);
    expect(errors).toEqual([`opsg.config.json:${placeIn(dir, '"logo"')} config-logo: Cannot use logo \`brand/zero.svg\`: it is not a regular file`]);
    expect(await refused({'brand/folder.svg/inside': 'x'}, 'brand/folder.svg')).toMatch(/^it is not a regular file$|^cannot read it/);
  });

  test('with scripts or event handlers is refused: opened on its own, it would run as the site', async () => {
    expect(await refused({'brand/logo.svg': logo.replace('<rect', '<script>alert(1)</script><rect')})).toBe('it contains scripts or event handlers, expected a plain image');
    expect(await refused({'brand/logo.svg': logo.replace('<rect', '<rect onload="alert(1)"')})).toBe('it contains scripts or event handlers, expected a plain image');
  });
});

describe('the brand object', () => {
  test('an unknown key is an error at its place', async () => {
    const dir = site({brand: {organisation: 'X', color: '#000000'}});
    expect((await errorsOf(dir)).errors).toEqual([`opsg.config.json:${placeIn(dir, '"color"')} config-key: Unexpected key \`brand.color\`, did you mean \`colour\`?`]);
  });

  test('every problem is reported, each at its own line', async () => {
    const dir = site({brand: {organisation: '', colour: '#eeeeee', logo: 'nope.svg', footer: {links: [{text: 'x', url: 'javascript:x'}]}}});
    const {errors} = await errorsOf(dir);
    expect(errors.map((error) => error.split(' ')[0])).toEqual([
      `opsg.config.json:${placeIn(dir, '"organisation"')}`,
      `opsg.config.json:${placeIn(dir, '"colour"')}`,
      `opsg.config.json:${placeIn(dir, '"logo"')}`,
      `opsg.config.json:${placeIn(dir, '"url"')}`,
    ]);
  });
});

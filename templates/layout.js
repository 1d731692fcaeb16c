// @ts-check
/**
 * The page shell every screen page shares. Receives:
 * - `page.title` (text), `page.main` (hast children of <main>), `page.noindex` (boolean),
 *   `page.draft` (boolean: shows the DRAFT banner), `page.description` (text, optional);
 * - `ctx.h` (hastscript), `ctx.url(path)` (a site path → an href from this page),
 *   `ctx.site` (SiteView; `site.brand` holds the config's organisation, logo and footer
 *   text and links, when set), `ctx.assets.style` (site path of the stylesheet).
 * Return a hast root. Text is escaped by the serialiser: never build HTML strings.
 *
 * @param {import('../lib/templates.js').LayoutPage} page
 * @param {import('../lib/templates.js').TemplateContext} ctx
 * @returns {import('hast').Root}
 */
export default function layout(page, {h, url, site, assets}) {
  return {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: 'en-GB'}, [
        h('head', [
          h('meta', {charset: 'utf-8'}),
          // Only the site's own scripts and styles; Pagefind's WebAssembly needs 'wasm-unsafe-eval'.
          h('meta', {httpEquiv: 'Content-Security-Policy', content: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"}),
          h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
          h('title', page.title),
          page.description ? h('meta', {name: 'description', content: page.description}) : null,
          page.noindex ? h('meta', {name: 'robots', content: 'noindex'}) : null,
          h('link', {rel: 'stylesheet', href: url(assets.style)}),
          h('link', {rel: 'alternate', type: 'application/atom+xml', title: site.title, href: url('feed.xml')}),
          assets.search ? h('script', {src: url(assets.search), defer: true}) : null,
        ]),
        h('body', [
          h('a.skip-link', {href: '#main'}, 'Skip to content'),
          h('header.site-header', [
            h('p.site-title', h('a', {href: url('')}, brandedTitle(site, {h, url}))),
            h('nav.site-nav', {'aria-label': 'Site'}, h('ul', [
              h('li', h('a', {href: url('')}, 'Home')),
              ...site.groups.map((group) => h('li', h('a', {href: url(group.slug + '/')}, group.group))),
              h('li', h('a', {href: url('topics/')}, 'Topics')),
            ])),
            // A plain form: without JavaScript it still leads to the search page, which says why it cannot search.
            assets.search ? h('form.site-search', {role: 'search', action: url('search/'), method: 'get'}, [
              h('label', {for: 'site-search-q'}, 'Search the meetings'), ' ',
              h('input#site-search-q', {type: 'search', name: 'q', autocomplete: 'off'}), ' ',
              h('button', {type: 'submit'}, 'Search'),
              h('noscript', h('p.search-note', ['Search needs JavaScript: ', h('a', {href: url('search/') + '#by-year'}, 'browse the meetings by year')])),
              h('p.search-note', {hidden: true, dataSearchNote: ''}, ['Search works only on the published site, not from files: ', h('a', {href: url('search/') + '#by-year'}, 'browse the meetings by year')]),
            ]) : null,
          ]),
          page.draft ? h('p.draft-banner', {role: 'status'}, 'DRAFT: not published. This page is a preview of a draft.') : null,
          h('main#main', page.main),
          h('footer.site-footer', [
            site.brand?.footerText ? h('p.footer-text', site.brand.footerText) : null,
            site.brand && site.brand.links.length > 0
              ? h('ul.footer-links', site.brand.links.map((link) => h('li', h('a', {href: link.url}, link.text))))
              : null,
            h('p', [
              'Only documents classified White under the Panel Information Policy are published here. ',
              h('a', {href: url('feed.xml')}, 'Atom feed'),
              ' · ',
              h('a', {href: url('meetings.json')}, 'Meetings as JSON'),
            ]),
          ]),
        ]),
      ]),
    ],
  };
}

/**
 * The header's title: the site title, after the organisation's logo and name when the
 * config's `brand` sets them. The logo is decorative (`alt=""`): the link's text names it.
 *
 * @param {import('../lib/view.js').SiteView} site
 * @param {Pick<import('../lib/templates.js').TemplateContext, 'h' | 'url'>} ctx
 */
function brandedTitle(site, {h, url}) {
  const brand = site.brand;
  if (!brand || (!brand.logo && !brand.organisation)) return site.title;
  return [
    brand.logo ? h('img.site-logo', {src: url(brand.logo), alt: '', width: brand.logoWidth, height: brand.logoHeight}) : null,
    brand.organisation ? h('span.site-organisation', brand.organisation) : null,
    h('span.site-name', site.title),
  ];
}

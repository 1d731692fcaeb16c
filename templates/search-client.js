// opsg search: the header's search box, and its results on the search page. A classic
// script (a module would not load from files), run after the page is parsed.
(() => {
  'use strict';
  const script = document.currentScript;
  const form = document.querySelector('form.site-search');
  const input = document.getElementById('site-search-q');
  if (!script || !form || !input) return;
  // This script is `assets/search.<hash>.js`: the site's root is the folder above it,
  // whatever path the site is served from.
  const root = new URL('../', script.src);
  const results = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const filters = document.getElementById('search-filters');
  const note = form.querySelector('[data-search-note]');
  // `opsg preview` builds no index (only `opsg build` does); its pages, and only its pages,
  // load its live-reload script from `/__opsg/`.
  const preview = document.querySelector('script[src^="/__opsg/"]') !== null;
  if (location.protocol === 'file:' || preview) {
    // Browsers refuse to load the index from files, and the preview has none: say so, and
    // offer the year pages.
    const why = preview ? 'Search works on a built site (opsg build), not in the preview' : 'Search works only on the published site, not from files';
    if (note) {
      note.hidden = false;
      if (note.firstChild) note.firstChild.textContent = `${why}: `;
    }
    if (status) status.textContent = `${why}. The meetings are listed by year below.`;
    return;
  }
  if (!results || !status || !filters) return;
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  const names = {group: 'Group', year: 'Year', owner: 'Owner'};
  /** @type {Record<string, HTMLSelectElement>} */
  const selects = {};
  let pagefind;
  let latest = 0;

  const run = async () => {
    if (!pagefind) return;
    const query = input.value.trim();
    const chosen = {};
    for (const [name, select] of Object.entries(selects)) if (select.value) chosen[name] = select.value;
    const url = new URL(location.href);
    url.searchParams.set('q', query);
    history.replaceState(null, '', url);
    const ticket = ++latest;
    if (query === '') {
      results.replaceChildren();
      status.textContent = 'Type words to search for in the box above.';
      return;
    }
    const search = await pagefind.search(query, {filters: chosen});
    const shown = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
    if (ticket !== latest) return;
    results.replaceChildren(...shown.map(entry));
    const count = search.results.length;
    status.textContent = count === 0 ? 'No agenda item matches.' : `${count} ${count === 1 ? 'agenda item matches' : 'agenda items match'}${count > 20 ? ', the first 20 shown' : ''}.`;
  };

  /** One result: its item's title as a link, the date, and the excerpt with the words marked. */
  const entry = (data) => {
    const item = document.createElement('li');
    const title = document.createElement('p');
    const link = document.createElement('a');
    link.href = new URL(data.raw_url || data.url, root).href;
    link.textContent = (data.meta && data.meta.title) || data.url;
    title.append(link);
    if (data.meta && data.meta.date) title.append(`, ${data.meta.date}`);
    const excerpt = document.createElement('p');
    // The excerpt is escaped text with <mark> around the words found: keep the text and the marks only.
    const parsed = new DOMParser().parseFromString(data.excerpt || '', 'text/html');
    for (const node of parsed.body.childNodes) {
      if (node.nodeName === 'MARK') {
        const mark = document.createElement('mark');
        mark.textContent = node.textContent;
        excerpt.append(mark);
      } else {
        excerpt.append(node.textContent || '');
      }
    }
    item.append(title, excerpt);
    return item;
  };

  const showFilters = async () => {
    const available = await pagefind.filters();
    for (const name of Object.keys(names)) {
      const values = Object.keys(available[name] || {}).sort((a, b) => (name === 'year' ? b.localeCompare(a) : a.localeCompare(b)));
      if (values.length === 0) continue;
      const label = document.createElement('label');
      const select = document.createElement('select');
      select.name = name;
      select.id = `search-filter-${name}`;
      label.htmlFor = select.id;
      label.textContent = names[name];
      const any = document.createElement('option');
      any.value = '';
      any.textContent = 'Any';
      select.append(any, ...values.map((value) => {
        const option = document.createElement('option');
        option.value = value;
        option.textContent = value;
        return option;
      }));
      select.value = params.get(name) || '';
      select.addEventListener('change', run);
      selects[name] = select;
      filters.append(label, ' ', select, ' ');
    }
    filters.hidden = false;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  input.addEventListener('input', run);
  status.textContent = 'Loading the search index…';
  import(new URL('pagefind/pagefind.js', root).href)
    .then(async (module) => {
      pagefind = module;
      await pagefind.options({excerptLength: 24});
      await showFilters();
      await run();
    })
    .catch(() => {
      status.textContent = 'Search is not available here. The meetings are listed by year below.';
    });
})();

// Breadth-first crawl of same-origin HTML pages, starting from the home page.

/** Paths the crawler never follows: machine endpoints, static files, signing out. */
const SKIP_PATH = [
  /^\/api\//,
  /^\/(healthz|readyz|metrics)$/,
  /^\/(static|assets)\//,
  /\.(css|js|mjs|map|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|txt|json|xml|csv|pb|pdf|zip)$/i,
  /sign-?out|log-?out/i,
];

/** How many pages of one shape (ids replaced) are visited, e.g. `/projects/:id`. */
const PER_SHAPE = 2;

/** Hard cap on pages per crawl, so a link loop cannot run forever. */
const MAX_PAGES = 150;

/** The URL with `lang` removed and no fragment: one key per page. */
export function pageKey(url) {
  const u = new URL(url);
  u.hash = '';
  u.searchParams.delete('lang');
  u.searchParams.sort();
  return u.pathname + (u.search ? u.search : '');
}

/** The page's shape: numeric and UUID path segments become `:id`. */
export function pageShape(key) {
  const [path] = key.split('?');
  return path
    .split('/')
    .map((seg) => (/^\d+$/.test(seg) || /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(seg) ? ':id' : seg))
    .join('/');
}

/** The URL to visit for `key` in `lang`. */
export function withLang(baseUrl, key, lang) {
  const u = new URL(key, baseUrl);
  u.searchParams.set('lang', lang);
  return u.toString();
}

function followable(baseUrl, href) {
  let u;
  try {
    u = new URL(href, baseUrl);
  } catch {
    return false;
  }
  if (u.origin !== new URL(baseUrl).origin) return false;
  return !SKIP_PATH.some((re) => re.test(u.pathname));
}

/**
 * Crawls from `/` in `lang`, calling `visit(page, key, response)` on each new
 * page. Returns `{ visited: string[], broken: {key, status, from}[] }`.
 */
export async function crawl(page, { baseUrl, lang, visit }) {
  const queue = [{ key: '/', from: '(start)' }];
  const seen = new Set(['/']);
  const shapes = new Map();
  const visited = [];
  const broken = [];
  while (queue.length > 0 && visited.length < MAX_PAGES) {
    const { key, from } = queue.shift();
    const response = await page.goto(withLang(baseUrl, key, lang), { waitUntil: 'load' });
    const status = response ? response.status() : 0;
    const type = response ? (response.headers()['content-type'] ?? '') : '';
    if (status >= 400 || status === 0) {
      broken.push({ key, status, from });
      continue;
    }
    if (!type.includes('text/html')) continue;
    const landed = pageKey(page.url());
    if (landed !== key && seen.has(landed)) continue; // a redirect to a page already checked
    seen.add(landed);
    visited.push(landed);
    await visit(page, landed, response);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
    for (const href of hrefs) {
      if (!followable(baseUrl, href)) continue;
      const next = pageKey(href);
      if (seen.has(next)) continue;
      const shape = pageShape(next);
      const count = shapes.get(shape) ?? 0;
      if (count >= PER_SHAPE) continue;
      shapes.set(shape, count + 1);
      seen.add(next);
      queue.push({ key: next, from: landed });
    }
  }
  return { visited, broken };
}

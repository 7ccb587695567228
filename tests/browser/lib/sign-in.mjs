// Finds the demo's sign-ins in its output and signs a browser context in
// through the real sign-in form.

/** Roles the demo seeds, in the order they are checked. */
export const ROLES = ['resident', 'official', 'admin', 'auditor'];

/**
 * Reads `{ role: { login, password } }` from the demo's printed output, which
 * names one password for all accounts and lists one account per line, its
 * login first (`password: …`, then `admin  (admin: …)`, `resident001 … (residents)`).
 * `CIVIS_DEMO_SIGNINS` (JSON of the same shape) overrides it.
 */
export function parseSignIns(output) {
  if (process.env.CIVIS_DEMO_SIGNINS) return JSON.parse(process.env.CIVIS_DEMO_SIGNINS);
  const password = /password\s*[:=]\s*([^\s),;]+)/i.exec(output)?.[1];
  const found = {};
  if (!password) return found;
  for (const raw of output.split('\n')) {
    const login = raw.trim().split(/\s+/)[0] ?? '';
    if (!/^[a-z0-9._-]{3,32}$/.test(login)) continue;
    const role = ROLES.find((r) => login.startsWith(r));
    if (role && !found[role]) found[role] = { login, password };
  }
  return found;
}

/** Absolute URL of the sign-in page, found from a link on the home page. */
export async function findFormPage(page, baseUrl, pattern) {
  await page.goto(new URL('/?lang=en', baseUrl).toString());
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
  const href = hrefs.find((h) => pattern.test(new URL(h).pathname));
  return href ?? null;
}

/** The form on the page that has a password field. */
export function passwordForm(page) {
  return page.locator('form', { has: page.locator('input[type="password"]') }).first();
}

/** Fills the login and password fields of `form` and submits it. */
export async function submitCredentials(page, form, { login, password }) {
  const loginField = form
    .locator('input[type="email"], input[type="text"], input:not([type])')
    .first();
  await loginField.fill(login);
  await form.locator('input[type="password"]').first().fill(password);
  await Promise.all([
    page.waitForLoadState('load'),
    form.locator('button[type="submit"], input[type="submit"], button:not([type])').first().click(),
  ]);
}

/**
 * Signs `context` in as `creds` through the sign-in form; throws when the
 * API does not then know the user.
 */
export async function signIn(context, baseUrl, signInUrl, creds) {
  const page = await context.newPage();
  try {
    await page.goto(signInUrl);
    await submitCredentials(page, passwordForm(page), creds);
    await page.waitForLoadState('load');
    const me = await context.request.get(new URL('/api/v1/me', baseUrl).toString());
    if (me.status() !== 200) {
      throw new Error(`signing in as ${creds.login} failed: GET /api/v1/me answered ${me.status()} (page ${page.url()})`);
    }
  } finally {
    await page.close();
  }
}

// Finds the demo's sign-ins in its output and signs a browser context in
// through the real sign-in form.

/** Roles the demo seeds, in the order they are checked. */
export const ROLES = ['resident', 'official', 'admin', 'auditor'];

/**
 * Reads `{ role: { login, password } }` from the demo's printed output.
 * A line names a role, a login (e-mail or user name) and a password, e.g.
 * `admin  admin@demo.civis.test  password: correct-horse`.
 */
export function parseSignIns(output) {
  const found = {};
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    const lower = line.toLowerCase();
    const role = ROLES.find((r) => new RegExp(`\\b${r}\\b`).test(lower));
    if (!role || found[role]) continue;
    const password = /password\s*[:=]\s*(\S+)/i.exec(line)?.[1];
    const login =
      /(?:email|e-mail|user(?:name)?|login)\s*[:=]\s*(\S+)/i.exec(line)?.[1] ??
      /[^\s,;:()<>]+@[^\s,;:()<>]+/.exec(line)?.[0];
    if (password && login) found[role] = { login, password };
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

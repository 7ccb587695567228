// Accessibility of every civis page: crawls the demo city signed out and as
// each role, in every language, and fails on any axe WCAG 2.2 AA violation,
// on horizontal scrolling at 320 px, on a wrong `lang`, or on a broken link.
// Also checks the sign-in and sign-up forms in their error states.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo } from './lib/demo-server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import {
  WCAG_TAGS,
  WIDE_VIEWPORT,
  axeViolations,
  documentLang,
  formatViolations,
  narrowOverflow,
} from './lib/checks.mjs';
import { crawl, withLang } from './lib/crawl.mjs';
import { ROLES, findFormPage, parseSignIns, passwordForm, signIn, submitCredentials } from './lib/sign-in.mjs';

/** Languages every page is checked in. */
const LANGUAGES = ['en', 'es', 'et'];

let demo;
let browser;
let signIns;
/** One row per crawl (role and language) or form error state: pages checked. */
const summary = [];

/** Checks the page now open; returns readable problems (empty when clean). */
async function checkPage(page, lang) {
  const problems = [];
  const violations = await axeViolations(page);
  if (violations.length > 0) problems.push(`axe (${WCAG_TAGS.join(', ')}):\n${formatViolations(violations)}`);
  const overflow = await narrowOverflow(page);
  if (overflow) {
    const who = overflow.offenders.map((o) => `${o.el} (right edge ${o.right}px)`).join(', ');
    problems.push(`scrolls sideways at 320px: document is ${overflow.scrollWidth}px wide; widest: ${who}`);
  }
  const declared = await documentLang(page);
  if (declared.split('-')[0] !== lang) problems.push(`<html lang="${declared}"> but the page was asked for in "${lang}"`);
  return problems;
}

async function newContext() {
  const context = await browser.newContext({ viewport: WIDE_VIEWPORT });
  context.setDefaultTimeout(30_000);
  return context;
}

/** Crawls in every language with `context`; returns the problems found. */
async function crawlAllLanguages(context, who) {
  const page = await context.newPage();
  const problems = [];
  for (const lang of LANGUAGES) {
    const { visited, broken } = await crawl(page, {
      baseUrl: demo.baseUrl,
      lang,
      visit: async (p, key) => {
        for (const problem of await checkPage(p, lang)) problems.push(`${who} ${lang} ${key}: ${problem}`);
      },
    });
    for (const b of broken) problems.push(`${who} ${lang} ${b.key}: HTTP ${b.status} (linked from ${b.from})`);
    summary.push({ who, lang, pages: visited.length });
    console.log(`${who} ${lang}: ${visited.length} pages: ${visited.join(' ')}`);
  }
  await page.close();
  return problems;
}

function report(problems) {
  assert.equal(problems.length, 0, `${problems.length} problem(s):\n\n${problems.join('\n\n')}`);
}

// Two roles at a time: the server and Chromium each get a core.
describe('civis web accessibility', { concurrency: 2 }, () => {
  before(async () => {
    demo = await startDemo();
    signIns = parseSignIns(demo.output());
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    if (demo) await demo.stop();
    printSummary();
  });

  test('the demo printed a sign-in for every role', () => {
    assert.deepEqual(Object.keys(signIns).sort(), [...ROLES].sort(), `demo output:\n${demo.output()}`);
  });

  test('signed out: every page in every language', async () => {
    const context = await newContext();
    try {
      report(await crawlAllLanguages(context, 'signed-out'));
    } finally {
      await context.close();
    }
  });

  for (const role of ROLES) {
    test(`signed in as ${role}: every page in every language`, async () => {
      const creds = signIns[role];
      assert.ok(creds, `no sign-in for ${role} in the demo output`);
      const signInUrl = await signInPage();
      const context = await newContext();
      try {
        await signIn(context, demo.baseUrl, signInUrl, creds);
        report(await crawlAllLanguages(context, role));
      } finally {
        await context.close();
      }
    });
  }

  test('sign-in and sign-up forms in their error states', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const problems = [];
    try {
      const forms = [{ name: 'sign-in', url: await signInPage() }];
      const signUpUrl = await findFormPage(page, demo.baseUrl, /sign-?up|register/i);
      if (signUpUrl) forms.push({ name: 'sign-up', url: signUpUrl });
      else problems.push('no sign-up link on the home page');
      for (const { name, url } of forms) {
        for (const lang of LANGUAGES) {
          for (const attempt of errorAttempts(name)) {
            await page.goto(withLang(demo.baseUrl, new URL(url).pathname, lang));
            const form = passwordForm(page);
            // Bypass the browser's own validation so the server's error page is what gets checked.
            await form.evaluate((f) => { f.noValidate = true; });
            await submitCredentials(page, form, attempt.creds);
            const where = `${name} ${lang} (${attempt.label}) -> ${new URL(page.url()).pathname}`;
            const marked = await page.locator('[aria-invalid="true"], [role="alert"]').count();
            if (marked === 0) problems.push(`${where}: no field marked aria-invalid and no role=alert message`);
            for (const problem of await checkPage(page, lang)) problems.push(`${where}: ${problem}`);
            summary.push({ who: 'form errors', lang, pages: 1 });
          }
        }
      }
    } finally {
      await context.close();
    }
    report(problems);
  });
});

/** Bad input to submit on each form. */
function errorAttempts(form) {
  if (form === 'sign-in') {
    return [
      { label: 'empty', creds: { login: '', password: '' } },
      // An unknown account, so the demo accounts' sign-in throttling is not touched.
      { label: 'wrong password', creds: { login: 'nobody-here', password: 'wrong-password' } },
    ];
  }
  return [
    { label: 'empty', creds: { login: '', password: '' } },
    { label: 'malformed', creds: { login: 'not an e-mail', password: 'x' } },
  ];
}

let signInUrlCache;
async function signInPage() {
  if (signInUrlCache) return signInUrlCache;
  const context = await newContext();
  try {
    const page = await context.newPage();
    signInUrlCache = await findFormPage(page, demo.baseUrl, /sign-?in|log-?in/i);
  } finally {
    await context.close();
  }
  assert.ok(signInUrlCache, 'no sign-in link on the home page');
  return signInUrlCache;
}

/** Prints a role x language table of the pages checked. */
function printSummary() {
  const rows = new Map();
  for (const { who, lang, pages } of summary) {
    const row = rows.get(who) ?? Object.fromEntries(LANGUAGES.map((l) => [l, 0]));
    row[lang] += pages;
    rows.set(who, row);
  }
  const total = summary.reduce((n, r) => n + r.pages, 0);
  const roles = [...rows.keys()].filter((w) => w !== 'form errors').length;
  console.log('\nAccessibility summary: pages checked per role and language');
  console.log(`  ${'role'.padEnd(12)} ${LANGUAGES.map((l) => l.padStart(4)).join('')}`);
  for (const [who, row] of rows) {
    console.log(`  ${who.padEnd(12)} ${LANGUAGES.map((l) => String(row[l]).padStart(4)).join('')}`);
  }
  console.log(
    `  ${total} page checks: ${roles} roles (incl. signed out) x ${LANGUAGES.length} languages, plus form error states;` +
      ` each against axe ${WCAG_TAGS.join('/')}, 320px reflow and <html lang>`,
  );
}

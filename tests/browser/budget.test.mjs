// Participatory budgeting pages in real Chromium against `civis demo`: every
// page and state (forms with errors, the meter over budget, confirmations,
// officials' forms, residents' district and birth date) with axe-core in every
// language, and voting through the UI with JavaScript (the live meter) and
// without it (the "Update total" round trip).
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
import { withLang } from './lib/crawl.mjs';
import { parseSignIns, signIn } from './lib/sign-in.mjs';

const LANGUAGES = ['en', 'es', 'et'];

let demo;
let browser;
let password;
/** `/processes/{id}` of the process in its voting phase, and of the finished one. */
let voting;
let finished;

async function newContext(options = {}) {
  const context = await browser.newContext({ viewport: WIDE_VIEWPORT, ...options });
  context.setDefaultTimeout(30_000);
  return context;
}

async function signedIn(login, options = {}) {
  const context = await newContext(options);
  await signIn(context, demo.baseUrl, new URL('/sign-in', demo.baseUrl).toString(), { login, password });
  return context;
}

/** axe, reflow at 320 px and `lang` on the page now open; returns problems. */
async function check(page, lang, where) {
  const problems = [];
  const violations = await axeViolations(page);
  if (violations.length > 0) problems.push(`${where}: axe (${WCAG_TAGS.join(', ')}):\n${formatViolations(violations)}`);
  const overflow = await narrowOverflow(page);
  if (overflow) problems.push(`${where}: scrolls sideways at 320px: ${overflow.offenders.map((o) => o.el).join(', ')}`);
  const declared = await documentLang(page);
  if (declared !== lang) problems.push(`${where}: <html lang="${declared}"> but asked for "${lang}"`);
  return problems;
}

async function visit(page, path, lang) {
  const response = await page.goto(withLang(demo.baseUrl, path, lang), { waitUntil: 'load' });
  return response ? response.status() : 0;
}

function report(problems) {
  assert.equal(problems.length, 0, `${problems.length} problem(s):\n\n${problems.join('\n\n')}`);
}

/** The text of the citywide meter's "chosen so far" figure. */
async function meterUsed(page) {
  return (await page.locator('fieldset[data-unit] [data-used]').first().textContent()).trim();
}

/** The checkboxes of the first unit, cheapest first: `[{ id, cost }]`. */
async function projects(page) {
  const boxes = await page.$$eval('fieldset[data-unit] input[type=checkbox][data-cost]', (els) =>
    els.map((e) => ({ id: e.id, cost: Number(e.dataset.cost), unit: e.closest('fieldset').dataset.unit })));
  const first = boxes[0]?.unit;
  return boxes.filter((b) => b.unit === first).sort((a, b) => a.cost - b.cost);
}

async function limit(page) {
  return Number(await page.locator('fieldset[data-unit]').first().getAttribute('data-limit'));
}

/** Checks boxes cheapest first while they fit in the limit; returns their total. */
async function checkWithin(page) {
  const max = await limit(page);
  let total = 0;
  for (const p of await projects(page)) {
    if (total + p.cost > max) break;
    await page.check(`#${p.id}`);
    total += p.cost;
  }
  assert.ok(total > 0, 'no project fits the budget');
  return total;
}

/** Checks every box of the first unit: more than the budget in the demo. */
async function checkAll(page) {
  let total = 0;
  for (const p of await projects(page)) {
    await page.check(`#${p.id}`);
    total += p.cost;
  }
  assert.ok(total > (await limit(page)), 'the demo projects all fit the budget: cannot test going over');
  return total;
}

const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

async function submit(page, name) {
  await Promise.all([page.waitForLoadState('load'), page.click(`button[name=action][value=${name}]`)]);
}

describe('participatory budgeting in the browser', { concurrency: 1 }, () => {
  before(async () => {
    demo = await startDemo();
    password = /password\s*[:=]\s*([^\s),;]+)/i.exec(demo.output())?.[1];
    const vote = /\/processes\/(\d+)\/vote/.exec(demo.output());
    const results = /\/processes\/(\d+)\/results/.exec(demo.output());
    if (vote) voting = `/processes/${vote[1]}`;
    if (results) finished = `/processes/${results[1]}`;
    browser = await launchBrowser();
  });

  after(async () => {
    if (browser) await browser.close();
    if (demo) await demo.stop();
  });

  test('the demo has a process in its voting phase and a finished one', () => {
    assert.ok(password, `no password in the demo output:\n${demo.output()}`);
    assert.ok(voting, `no voting page in the demo output:\n${demo.output()}`);
    assert.ok(finished, `no results page in the demo output:\n${demo.output()}`);
    assert.ok(parseSignIns(demo.output()).resident, 'no resident sign-in');
  });

  test('every budget page and state passes axe in every language', async () => {
    const problems = [];
    const anonymous = await newContext();
    const resident = await signedIn('resident010');
    const official = await signedIn('official');
    try {
      const a = await anonymous.newPage();
      const r = await resident.newPage();
      const o = await official.newPage();
      // A funded project of the finished process, and a not funded one.
      await visit(a, `${finished}/results`, 'en');
      // Projects in the results table, funded first.
      const ids = await a.$$eval('table a[href^="/proposals/"]', (as) => as.map((x) => new URL(x.href).pathname.split('/').pop()));
      assert.ok(ids.length > 1, 'no projects in the results table');
      const why = [ids[0], ids[ids.length - 1]].map((id) => `${finished}/results/why/${id}`);
      const fundedProject = `/proposals/${ids[0]}`;
      assert.ok((await a.locator('details summary').count()) + (await a.locator('a[href*="/results/why/"]').count()) > 0,
        'no explanation of why projects were or were not funded');
      for (const lang of LANGUAGES) {
        const pages = [
          [a, '/processes'],
          [a, voting],
          [a, `${voting}/vote`],
          [a, finished],
          [a, `${finished}/results`],
          [a, why[0]],
          [a, why[1]],
          [a, fundedProject],
          [r, `${voting}/vote`],
          [r, `${voting}/proposals/new`],
          [o, '/processes/new'],
          [o, `${voting}/edit`],
          [o, `${voting}/paper-ballot`],
          [o, `${voting}/paper-ballot?resident=resident011`],
          [o, `${fundedProject}/review`],
          [o, `${fundedProject}/moderation`],
          [o, `${fundedProject}/implementation`],
          [o, finished],
          [o, '/residents'],
          [o, '/residents?username=resident011'],
        ];
        for (const [page, path] of pages) {
          const status = await visit(page, path, lang);
          if (status !== 200) problems.push(`${lang} ${path}: HTTP ${status}`);
          else problems.push(...(await check(page, lang, `${lang} ${path}`)));
        }

        // States: the meter over budget after "Update total", a refused ballot,
        // the confirmation after casting, and the officials' forms with errors.
        await visit(r, `${voting}/vote`, lang);
        await checkAll(r);
        await submit(r, 'update');
        problems.push(...(await check(r, lang, `${lang} vote: over budget after Update total`)));
        await submit(r, 'cast');
        if ((await r.locator('[role=alert]').count()) === 0) problems.push(`${lang} vote: over-budget ballot not refused`);
        problems.push(...(await check(r, lang, `${lang} vote: refused ballot`)));
        await visit(r, `${voting}/vote`, lang);
        for (const box of await r.$$('input[type=checkbox]:checked')) await box.uncheck();
        await checkWithin(r);
        await submit(r, 'cast');
        if (!r.url().includes('cast=1')) problems.push(`${lang} vote: no confirmation after casting (${r.url()})`);
        problems.push(...(await check(r, lang, `${lang} vote: confirmation`)));

        await visit(r, `${voting}/proposals/new`, lang);
        await Promise.all([r.waitForLoadState('load'), r.click('form[action$="/proposals/new"] button[type=submit]')]);
        problems.push(...(await check(r, lang, `${lang} proposal form refused`)));

        await visit(o, `${voting}/paper-ballot?resident=nobody-here`, lang);
        problems.push(...(await check(o, lang, `${lang} paper ballot: unknown resident`)));
        await visit(o, '/processes/new', lang);
        await o.fill('#schedule_voting_close', '');
        await Promise.all([o.waitForLoadState('load'), o.click('form[action="/processes/new"] button[type=submit]')]);
        problems.push(...(await check(o, lang, `${lang} new process with errors`)));
        await visit(o, `${fundedProject}/implementation`, lang);
        await o.fill('#progress', '150');
        await Promise.all([o.waitForLoadState('load'), o.click('form[action$="/implementation"] button[type=submit]')]);
        problems.push(...(await check(o, lang, `${lang} implementation report with errors`)));

        // A resident's district and birth date: refused (a birth date in the future),
        // then saved.
        await visit(o, '/residents?username=resident011', lang);
        await o.fill('#district', 'Okęcie');
        await o.fill('#birth_date', '2999-01-31');
        await Promise.all([o.waitForLoadState('load'), o.click('form[action^="/residents/"] button[type=submit]')]);
        if ((await o.locator('#birth_date-error').count()) === 0) problems.push(`${lang} resident profile: a birth date in the future not refused`);
        problems.push(...(await check(o, lang, `${lang} resident profile with errors`)));
        await o.fill('#birth_date', '1990-01-31');
        await Promise.all([o.waitForURL(/saved=1/), o.click('form[action^="/residents/"] button[type=submit]')]);
        problems.push(...(await check(o, lang, `${lang} resident profile saved`)));
      }
    } finally {
      await anonymous.close();
      await resident.close();
      await official.close();
    }
    report(problems);
  });

  test('voting with JavaScript: the meter follows each click, then the ballot is cast', async () => {
    const context = await signedIn('resident020');
    try {
      const page = await context.newPage();
      await visit(page, `${voting}/vote`, 'en');
      assert.equal(await meterUsed(page), '0');
      const [first] = await projects(page);
      await page.check(`#${first.id}`);
      assert.equal(await meterUsed(page), grouped(first.cost), 'the live meter did not follow the click');
      await page.uncheck(`#${first.id}`);
      assert.equal(await meterUsed(page), '0');
      const total = await checkAll(page);
      assert.equal(await meterUsed(page), grouped(total));
      assert.equal(await page.locator('fieldset[data-unit] [data-over]').first().isVisible(), true);
      for (const box of await page.$$('input[type=checkbox]:checked')) await box.uncheck();
      const within = await checkWithin(page);
      assert.equal(await meterUsed(page), grouped(within));
      await submit(page, 'cast');
      assert.match(page.url(), /cast=1/);
      assert.match(await page.locator('[role=status]').textContent(), /Your ballot has been recorded/);
      assert.match(await page.locator('[role=status]').textContent(), /You may change your ballot until/);
      assert.equal(await meterUsed(page), grouped(within), 'the stored ballot is shown again');
    } finally {
      await context.close();
    }
  });

  test('voting without JavaScript: "Update total" recomputes the meter on the server', async () => {
    const context = await signedIn('resident021', { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await visit(page, `${voting}/vote`, 'en');
      const [first, second] = await projects(page);
      await page.check(`#${first.id}`);
      await page.check(`#${second.id}`);
      assert.equal(await meterUsed(page), '0', 'without JavaScript the meter waits for the server');
      await submit(page, 'update');
      assert.equal(await meterUsed(page), grouped(first.cost + second.cost));
      assert.equal(await page.isChecked(`#${first.id}`), true, 'choices are kept');
      for (const box of await page.$$('input[type=checkbox]:checked')) await box.uncheck();
      await checkWithin(page);
      await submit(page, 'cast');
      assert.match(page.url(), /cast=1/);
      assert.match(await page.locator('[role=status]').textContent(), /Your ballot has been recorded/);
    } finally {
      await context.close();
    }
  });
});

// Secret ballots in a real Chromium against the demo server: an official makes a
// process with secret ballots through the API and takes it to its voting phase;
// a resident votes on its vote page, where secret-ballot.js obtains the
// credential, seals, submits without cookies and checks the receipt; re-votes;
// saves the voting key and re-votes from another browser with it; the entries
// are in the process's ballot log with the receipts' leaf hashes and seq 1, 2, 3
// under one token. Without JavaScript another resident's form posts and the
// server seals and casts for them (the page says what that weakens), hands them
// their voting key as a file to save, and takes it back for a re-vote. axe finds
// nothing on the page in each state (without the page's scripts, axe runs with
// them blocked: axe itself needs JavaScript).
//
// The election key comes from the trustee ceremony: the official is the one
// trustee (k = 1), makes their key and dealing with `civis trustee keygen` and
// `civis trustee deal` and hands both in through the API before voting opens.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startDemo } from './lib/demo-server.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { WIDE_VIEWPORT, axeViolations, formatViolations } from './lib/checks.mjs';
import { parseSignIns, passwordForm, submitCredentials } from './lib/sign-in.mjs';

let demo;
let browser;
let signIns;
let processId;
let projects;

const url = (path) => new URL(path, demo.baseUrl).toString();

async function api(session, method, path, body) {
  const res = await fetch(url(path), {
    method,
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, json };
}

async function apiSession({ login, password }) {
  const res = await fetch(url('/api/v1/auth/sign-in'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: login, password }),
  });
  const text = await res.text();
  assert.equal(res.status, 200, `API sign-in of ${login}: ${text}`);
  return {
    cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '),
    csrf: JSON.parse(text).csrf_token,
  };
}

/** Waits until `at` (ms since the epoch) has passed. */
async function until(at) {
  const wait = at - Date.now();
  if (wait > 0) await sleep(wait + 200);
}

/**
 * The official as the process's one trustee: `civis trustee keygen` and `deal`
 * (offline, as a trustee runs them) and the key and dealing handed in through the
 * API; afterwards the process has its election key.
 */
async function trusteeCeremony(official, id) {
  const bin = process.env.CIVIS_BIN ?? resolve('target/debug/civis');
  const dir = mkdtempSync(join(tmpdir(), 'civis-trustee-'));
  const set = await api(official, 'PUT', `/api/v1/processes/${id}/trustees`,
    { threshold: 1, trustees: [signIns.official.login] });
  assert.equal(set.status, 200, JSON.stringify(set.json));
  const keyFile = join(dir, 'trustee.key');
  const publicKey = execFileSync(bin, ['trustee', 'keygen', '--out', keyFile]).toString().trim();
  const keyed = await api(official, 'POST', `/api/v1/processes/${id}/trustee/public-key`, { public_key: publicKey });
  assert.equal(keyed.status, 200, JSON.stringify(keyed.json));
  const listFile = join(dir, 'trustees.json');
  writeFileSync(listFile, JSON.stringify(keyed.json));
  const dealingFile = join(dir, 'dealing.txt');
  execFileSync(bin, ['trustee', 'deal', '--key', keyFile, '--trustees', listFile, '--out', dealingFile]);
  const dealt = await api(official, 'POST', `/api/v1/processes/${id}/trustee/dealing`,
    { dealing: readFileSync(dealingFile, 'utf8').trim() });
  assert.equal(dealt.status, 200, JSON.stringify(dealt.json));
  assert.ok(dealt.json.election_public_key, `the process has its election key: ${JSON.stringify(dealt.json)}`);
}

/**
 * An approval process (1 or 2 of 2 projects) with secret ballots whose phases
 * open a few seconds apart from now; proposals by the resident, accepted by the
 * official; returns when voting is open.
 */
async function secretProcessInVoting() {
  const official = await apiSession(signIns.official);
  const resident = await apiSession(signIns.resident);
  const t0 = Date.now();
  const at = (s) => new Date(t0 + s * 1000).toISOString();
  const created = await api(official, 'POST', '/api/v1/processes', {
    title: { en: 'Secret Tartu', es: 'Tartu secreto', et: 'Salajane Tartu' },
    description: { en: 'Ideas for the city.', es: 'Ideas para la ciudad.', et: 'Ideed linnale.' },
    schedule: {
      proposals_open: at(3), support_open: at(6), review_open: at(9),
      voting_open: at(12), voting_close: at(3600), implementation_open: at(7200),
    },
    rules: {
      budgets: { total: 300, districts: {}, categories: {} },
      eligibility: {},
      ballot: { type: 'approval', min: 1, max: 2 },
      rule: { rule: 'greedy' },
      tie_break: 'lexico',
      secret_ballots: true,
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const id = created.json.id;
  await trusteeCeremony(official, id);
  await until(t0 + 3000);
  const ids = [];
  for (const [title, cost] of [['Trees', 90], ['Benches', 200]]) {
    const p = await api(resident, 'POST', `/api/v1/processes/${id}/proposals`,
      { title, description: 'For everyone.', estimated_cost: cost });
    assert.equal(p.status, 201, JSON.stringify(p.json));
    ids.push(p.json.id);
  }
  await until(t0 + 9000);
  for (const [pid, cost] of [[ids[0], 100], [ids[1], 250]]) {
    const r = await api(official, 'POST', `/api/v1/proposals/${pid}/review`, { status: 'accepted', official_cost: cost });
    assert.equal(r.status, 200, JSON.stringify(r.json));
  }
  await until(t0 + 12000);
  const info = await (await fetch(url(`/api/v1/processes/${id}/secret-ballot`))).json();
  assert.ok(info.election_public_key, `voters see the election key: ${JSON.stringify(info)}`);
  return { id, ids };
}

before(async () => {
  demo = await startDemo();
  signIns = parseSignIns(demo.output());
  assert.ok(signIns.official && signIns.resident, `the demo names an official and a resident:\n${demo.output()}`);
  browser = await launchBrowser();
  ({ id: processId, ids: projects } = await secretProcessInVoting());
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

async function expectNoViolations(page, what) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${what} (${page.url()}):\n${formatViolations(violations)}`);
}

/** A signed-in resident's page. */
async function residentPage({ javaScriptEnabled = true, who = signIns.resident } = {}) {
  const context = await browser.newContext({ viewport: WIDE_VIEWPORT, javaScriptEnabled, acceptDownloads: true });
  // Generous: the first credential makes the process's RSA issuer key, which takes a
  // while in a debug build.
  context.setDefaultTimeout(180_000);
  const page = await context.newPage();
  // What the page's scripts report, for the message of a failed cast.
  page.consoleLines = [];
  page.on('console', (m) => page.consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => page.consoleLines.push(`pageerror: ${e.message}`));
  await page.goto(url('/sign-in?lang=en'));
  await submitCredentials(page, passwordForm(page), who);
  return { context, page };
}

/** Ticks exactly `chosen` of the projects and casts; returns the receipt shown. */
async function cast(page, chosen, expectSeq) {
  for (const id of projects) {
    await page.locator(`#approve-${id}`).setChecked(chosen.includes(id));
  }
  await page.locator('form[data-secret-ballot] button[type="submit"]').click();
  // The receipt, or the error the page shows instead (casting hides the last one first).
  const receipt = page.locator('[data-receipt-seq]', { hasText: String(expectSeq) });
  const error = page.locator('[data-secret-error]:visible');
  await receipt.or(error).first().waitFor();
  if (await error.isVisible()) {
    assert.fail(`casting showed an error: ${await error.innerText()}\n` +
      `server:\n${demo.output().slice(-4000)}\nconsole:\n${(page.consoleLines ?? []).join('\n')}`);
  }
  const shown = {
    seq: Number(await page.locator('[data-receipt-seq]').innerText()),
    index: Number(await page.locator('[data-receipt-index]').innerText()),
    leaf: (await page.locator('[data-receipt-leaf]').innerText()).trim(),
  };
  // The receipt names the entry the log holds at its index.
  const held = (await logEntries())[shown.index];
  assert.equal(held?.leaf, shown.leaf, 'the log holds the receipt\'s entry');
  assert.ok(await page.locator('[data-receipt-checked]').isVisible(),
    `the browser checked the receipt\nconsole:\n${(page.consoleLines ?? []).join('\n')}`);
  return shown;
}

/** The ballot log's entries, from its checkpoint and entry bundle. */
async function logEntries() {
  const checkpoint = await (await fetch(url(`/log/processes/${processId}/checkpoint`))).text();
  const size = Number(checkpoint.split('\n')[1]);
  const path = size % 256 === 0 ? '000' : `000.p/${size % 256}`;
  const res = await fetch(url(`/log/processes/${processId}/tile/entries/${path}`));
  assert.equal(res.status, 200);
  const bundle = Buffer.from(await res.arrayBuffer());
  const entries = [];
  for (let off = 0; off < bundle.length;) {
    const len = bundle.readUInt16BE(off);
    const bytes = bundle.subarray(off + 2, off + 2 + len);
    entries.push({
      json: JSON.parse(bytes.toString('utf8')),
      leaf: createHash('sha256').update(Buffer.concat([Buffer.from([0]), bytes])).digest('base64'),
    });
    off += 2 + len;
  }
  assert.equal(entries.length, size);
  return entries;
}

/** Another demo resident than `signIns.resident` (`resident001` gives `resident002`). */
function anotherResident() {
  const login = signIns.resident.login.replace(/\d+$/, (d) => String(Number(d) + 1).padStart(d.length, '0'));
  assert.notEqual(login, signIns.resident.login);
  return { login, password: signIns.resident.password };
}

/** How many credentials the process issued so far. */
async function credentialsIssued() {
  return (await (await fetch(url(`/api/v1/processes/${processId}/secret-ballot`))).json()).credentials_issued;
}

/** Ticks exactly `chosen`, submits the form without JavaScript and waits for the page it answers. */
async function castWithoutScript(page, chosen) {
  for (const id of projects) {
    await page.locator(`#approve-${id}`).setChecked(chosen.includes(id));
  }
  await Promise.all([
    page.waitForLoadState('load'),
    page.locator('form[data-secret-ballot] button[type="submit"]').click(),
  ]);
}

test('without JavaScript civis seals the ballot for the resident, who saves the key and re-votes with it', async () => {
  const who = anotherResident();
  const issuedBefore = await credentialsIssued();

  // The page as a browser without the scripts shows it, checked by axe (which needs
  // JavaScript itself): the secret-ballot scripts are blocked instead.
  {
    const { context, page } = await residentPage({ who });
    await page.route((u) => /(secret-ballot|ballot-crypto)[^/]*\.js$/.test(u.pathname), (route) => route.abort());
    await page.goto(url(`/processes/${processId}/vote?lang=en`));
    assert.ok(await page.locator('[data-server-seal]').isVisible(), 'the server-sealing part shows');
    await expectNoViolations(page, 'the secret vote page without its scripts');
    await context.close();
  }

  const { context, page } = await residentPage({ javaScriptEnabled: false, who });
  await page.goto(url(`/processes/${processId}/vote?lang=en`));
  const main = await page.locator('main').innerText();
  assert.match(main, /civis seals and casts your ballot for you/);
  assert.match(main, /the server sees your choices and which anonymous credential is yours/);
  const link = page.locator('a[href="/docs/threat-model.md"]').last();
  assert.match(await link.innerText(), /No JavaScript and the assisted channel/);
  const doc = await (await fetch(url('/docs/threat-model.md'))).text();
  assert.match(doc, /## No JavaScript and the assisted channel/);

  // The first cast: civis makes the credential and the key, and gives the key to save.
  await castWithoutScript(page, [projects[1]]);
  await page.locator('[data-server-receipt]').waitFor();
  assert.equal(await page.locator('[data-server-seq]').innerText(), '1');
  const firstLeaf = (await page.locator('[data-server-leaf]').innerText()).trim();
  const firstIndex = Number(await page.locator('[data-server-index]').innerText());
  const save = page.locator('[data-server-key]');
  assert.equal(await save.getAttribute('download'), `civis-voting-key-${processId}.json`);
  const href = await save.getAttribute('href');
  assert.match(href, /^data:application\/json;base64,/);
  const key = JSON.parse(Buffer.from(href.slice(href.indexOf(',') + 1), 'base64').toString('utf8'));
  assert.equal(key.format, 'civis-voting-key/1');
  assert.equal(key.process, processId);
  assert.equal(key.seq, 1);
  assert.equal(await credentialsIssued(), issuedBefore + 1);
  const keyFile = join(mkdtempSync(join(tmpdir(), 'civis-key-')), `civis-voting-key-${processId}.json`);
  writeFileSync(keyFile, JSON.stringify(key));

  // Casting again without the key is refused next to the key field; nothing is cast.
  await page.goto(url(`/processes/${processId}/vote?lang=en`));
  await castWithoutScript(page, [projects[0]]);
  assert.match(await page.locator('#voting_key-error').innerText(), /already have a voting key/);
  assert.equal(await page.locator('[data-server-receipt]').count(), 0);

  // With the saved key, the new ballot replaces the first under the same credential.
  await page.locator('#voting_key').setInputFiles(keyFile);
  await castWithoutScript(page, [projects[0], projects[1]]);
  await page.locator('[data-server-receipt]').waitFor();
  assert.equal(await page.locator('[data-server-seq]').innerText(), '2');
  const secondLeaf = (await page.locator('[data-server-leaf]').innerText()).trim();
  const secondIndex = Number(await page.locator('[data-server-index]').innerText());
  assert.equal(await credentialsIssued(), issuedBefore + 1, 'no second credential');

  const entries = await logEntries();
  const mine = [entries[firstIndex], entries[secondIndex]];
  assert.deepEqual(mine.map((e) => e.leaf), [firstLeaf, secondLeaf]);
  assert.deepEqual(mine.map((e) => e.json.seq), [1, 2]);
  assert.deepEqual(mine.map((e) => e.json.credential.token), [key.token, key.token]);
  assert.ok(mine.every((e) => e.json.cast.channel === 'online'));
  await context.close();
});

test('a resident votes secretly, re-votes, and re-votes from another browser with the saved key', async () => {
  const issuedBefore = await credentialsIssued();
  const { context, page } = await residentPage();
  await page.goto(url(`/processes/${processId}/vote?lang=en`));
  await page.locator('form[data-secret-ballot]').waitFor();
  assert.ok(await page.locator('[data-key-none]').isVisible());
  assert.equal(await page.locator('[data-server-seal]').isVisible(), false, 'the browser seals: no server-sealing part');
  await expectNoViolations(page, 'the secret vote page');

  // Too many or too few choices are stopped in the browser.
  await page.locator('form[data-secret-ballot] button[type="submit"]').click();
  await page.locator('[data-secret-error]').waitFor();
  assert.match(await page.locator('[data-secret-error]').innerText(), /do not follow the rules/);

  const first = await cast(page, [projects[0]], 1);
  await expectNoViolations(page, 'the secret vote page with a receipt');
  assert.ok(await page.locator('[data-key-here]').isVisible());
  assert.equal(await page.locator('[data-key-count]').innerText(), '1');
  assert.equal(await credentialsIssued(), issuedBefore + 1);

  // The link to the inclusion proof answers the proof of that entry.
  const proofHref = await page.locator('[data-receipt-proof]').getAttribute('href');
  const proof = await (await fetch(url(proofHref))).json();
  assert.equal(proof.leaf_hash, first.leaf);

  // Re-voting in the same browser: seq 2 under the same credential.
  const second = await cast(page, projects, 2);
  assert.equal(await page.locator('[data-key-count]').innerText(), '2');

  // Save the key, and vote from another browser (no localStorage there) with it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-key-save]').click()]);
  const keyFile = join(mkdtempSync(join(tmpdir(), 'civis-key-')), download.suggestedFilename());
  await download.saveAs(keyFile);
  assert.equal(download.suggestedFilename(), `civis-voting-key-${processId}.json`);
  await context.close();
  const other = await residentPage();
  await other.page.goto(url(`/processes/${processId}/vote?lang=en`));
  await other.page.locator('form[data-secret-ballot]').waitFor();
  await other.page.locator('#sb-key-file').setInputFiles(keyFile);
  await other.page.locator('[data-msg="key-loaded"]').waitFor();
  const third = await cast(other.page, [projects[1]], 3);
  await expectNoViolations(other.page, 'the secret vote page after loading a key');

  // A second credential for the same resident is refused, so nothing was issued twice.
  assert.equal(await credentialsIssued(), issuedBefore + 1);

  // The ballot log holds the three entries with the receipts' leaf hashes, one token, seq 1, 2, 3.
  const entries = await logEntries();
  const mine = [first, second, third].map((r) => entries[r.index]);
  assert.deepEqual(mine.map((e) => e.leaf), [first.leaf, second.leaf, third.leaf]);
  assert.deepEqual(mine.map((e) => e.json.seq), [1, 2, 3]);
  assert.equal(new Set(mine.map((e) => e.json.credential.token)).size, 1);
  for (const e of mine) {
    assert.equal(e.json.cast.channel, 'online');
    assert.equal(Buffer.from(e.json.enc, 'base64').length, 65);
  }
  await other.context.close();
});

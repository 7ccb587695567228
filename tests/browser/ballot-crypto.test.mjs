// The browser voter's cryptography (crates/civis-web/static/ballot-crypto.js) in
// a real Chromium, against the vectors civis-ballot's own tests use: RFC 9474
// Appendix A (RSABSSA-SHA384-PSS-Randomized: prepare, blind, finalize), RFC 9180
// Appendix A.3.1 (HPKE base mode, DHKEM(P-256, HKDF-SHA256), HKDF-SHA256,
// AES-128-GCM: key schedule and the encryptions with sequence numbers 0 and 1),
// RFC 8032 §7.1 (Ed25519 through WebCrypto), and an RFC 6962 inclusion proof.
// No civis server: a loopback HTTP server gives the script a secure context.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { launchBrowser } from './lib/browser.mjs';

const SCRIPT = readFileSync('crates/civis-web/static/ballot-crypto.js', 'utf8');
const RFC9474 = JSON.parse(readFileSync('crates/civis-ballot/tests/fixtures/rfc9474.json', 'utf8'));
const RFC9180 = JSON.parse(readFileSync('crates/civis-ballot/tests/fixtures/rfc9180_a3_1.json', 'utf8'));

let browser;
let page;
let server;

before(async () => {
  // A secure context (http://127.0.0.1), as the voting page is: WebCrypto needs one.
  server = createServer((req, res) => {
    if (req.url === '/ballot-crypto.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(SCRIPT);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html lang="en"><title>t</title><script src="/ballot-crypto.js"></script></html>');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('RFC 9474 A: prepare, blind and finalize give the vector', async () => {
  const v = RFC9474.vectors.find((x) => x.name === 'RSABSSA-SHA384-PSS-Randomized');
  assert.ok(v, 'the randomized PSS vector is in the fixture');
  const out = await page.evaluate(async ({ key, v }) => {
    const C = globalThis.CivisBallotCrypto;
    const pk = await C.importIssuerNE(C.fromHex(key.n), C.fromHex(key.e));
    const prepared = C.prepare(C.fromHex(v.msg), C.fromHex(v.prefix));
    const { blinded, inv } = await C.blind(pk, prepared, { salt: C.fromHex(v.salt), inv: C.fromHex(v.inv) });
    const sig = await C.finalize(pk, prepared, C.fromHex(v.blind_sig), inv);
    let tampered = null;
    const bad = C.fromHex(v.blind_sig);
    bad[10] ^= 1;
    try { await C.finalize(pk, prepared, bad, inv); } catch (e) { tampered = e.message; }
    return { bits: pk.bits, prepared: C.toHex(prepared), blinded: C.toHex(blinded), sig: C.toHex(sig), tampered };
  }, { key: RFC9474.key, v });
  assert.equal(out.bits, 4096);
  assert.equal(out.prepared, v.prepared_msg);
  assert.equal(out.blinded, v.blinded_msg);
  assert.equal(out.sig, v.sig);
  assert.match(out.tampered ?? '', /does not verify/);
});

test('RFC 9474: a random blinding round-trips through a WebCrypto-made key', async () => {
  // The issuer's side is played by modular exponentiation with the RFC key's d.
  const out = await page.evaluate(async (key) => {
    const C = globalThis.CivisBallotCrypto;
    const pk = await C.importIssuerNE(C.fromHex(key.n), C.fromHex(key.e));
    const msg = C.randomBytes(32);
    const prepared = C.prepare(msg);
    const { blinded, inv } = await C.blind(pk, prepared);
    const n = BigInt('0x' + key.n), d = BigInt('0x' + key.d);
    let z = 1n, b = BigInt('0x' + C.toHex(blinded)) % n, e = d;
    while (e > 0n) { if (e & 1n) z = (z * b) % n; b = (b * b) % n; e >>= 1n; }
    const blindSig = C.fromHex(z.toString(16).padStart(2 * pk.len, '0'));
    const sig = await C.finalize(pk, prepared, blindSig, inv);
    return { prefix: prepared.length - msg.length, sig: sig.length };
  }, RFC9474.key);
  assert.deepEqual(out, { prefix: 32, sig: 512 });
});

test('RFC 9180 A.3.1: the key schedule and both encryptions', async () => {
  const v = RFC9180;
  const out = await page.evaluate(async (v) => {
    const C = globalThis.CivisBallotCrypto;
    const ctx = await C.setupBaseS(C.fromHex(v.pkRm), C.fromHex(v.info), C.fromHex(v.skEm));
    const cts = [];
    for (const e of v.encryptions) {
      cts.push(C.toHex(await C.contextSeal(ctx, e.sequence_number, C.fromHex(e.aad), C.fromHex(e.pt))));
    }
    const single = await C.seal(C.fromHex(v.pkRm), C.fromHex(v.info), C.fromHex(v.encryptions[0].aad),
      C.fromHex(v.encryptions[0].pt), C.fromHex(v.skEm));
    return {
      enc: C.toHex(ctx.enc), shared: C.toHex(ctx.sharedSecret), key: C.toHex(ctx.key),
      nonce: C.toHex(ctx.baseNonce), exporter: C.toHex(ctx.exporterSecret), cts,
      single: { enc: C.toHex(single.enc), ct: C.toHex(single.ciphertext) },
    };
  }, v);
  assert.equal(out.enc, v.enc);
  assert.equal(out.shared, v.shared_secret);
  assert.equal(out.key, v.key);
  assert.equal(out.nonce, v.base_nonce);
  assert.equal(out.exporter, v.exporter_secret);
  assert.deepEqual(out.cts, v.encryptions.map((e) => e.ct));
  assert.deepEqual(out.single, { enc: v.enc, ct: v.encryptions[0].ct });
});

test('HPKE: a fresh ephemeral key seals to the recipient, and bad keys are refused', async () => {
  const out = await page.evaluate(async (v) => {
    const C = globalThis.CivisBallotCrypto;
    const a = await C.seal(C.fromHex(v.pkRm), C.fromHex(v.info), new Uint8Array(0), new Uint8Array([1, 2, 3]));
    const b = await C.seal(C.fromHex(v.pkRm), C.fromHex(v.info), new Uint8Array(0), new Uint8Array([1, 2, 3]));
    let refused = null;
    try { await C.seal(C.fromHex(v.pkRm).slice(0, 33), C.fromHex(v.info), new Uint8Array(0), new Uint8Array(1)); } catch (e) { refused = e.message; }
    return { enc: a.enc.length, ct: a.ciphertext.length, fresh: C.toHex(a.enc) !== C.toHex(b.enc), refused };
  }, RFC9180);
  assert.deepEqual(out, { enc: 65, ct: 3 + 16, fresh: true, refused: 'not an uncompressed P-256 point' });
});

test('RFC 8032 7.1: Ed25519 through WebCrypto (test 1 and test 2)', async () => {
  const out = await page.evaluate(async () => {
    const C = globalThis.CivisBallotCrypto;
    const k1 = await C.importEd25519Seed(C.fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'));
    const k2 = await C.importEd25519Seed(C.fromHex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb'));
    const fresh = await C.newCredentialKey();
    const kept = await C.importCredentialKey(await C.exportCredentialKey(fresh.privateKey));
    return {
      s1: C.toHex(await C.ed25519Sign(k1, new Uint8Array(0))),
      s2: C.toHex(await C.ed25519Sign(k2, C.fromHex('72'))),
      token: fresh.token.length,
      kept: (await C.ed25519Sign(kept, new Uint8Array([7]))).length,
    };
  });
  assert.equal(out.s1, 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
  assert.equal(out.s2, '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00');
  assert.equal(out.token, 32);
  assert.equal(out.kept, 64);
});

test('the signed body has the record format\'s layout', async () => {
  const hex = await page.evaluate(async () => {
    const C = globalThis.CivisBallotCrypto;
    const body = C.signedBody(7, { token: new Uint8Array([1]), randomizer: new Uint8Array([2, 2]), signature: new Uint8Array([3]) },
      2, new Uint8Array([4]), new Uint8Array([5, 5]));
    return C.toHex(body);
  });
  const len = (n) => n.toString(16).padStart(16, '0');
  const expected = Buffer.from('civis ballot entry/1\n').toString('hex')
    + '0000000000000007'
    + len(1) + '01' + len(2) + '0202' + len(1) + '03'
    + '00000002'
    + len(1) + '04' + len(2) + '0505'
    + len(6) + Buffer.from('online').toString('hex');
  assert.equal(hex, expected);
});

test('RFC 6962 inclusion proofs: a tree of five leaves', async () => {
  const out = await page.evaluate(async () => {
    const C = globalThis.CivisBallotCrypto;
    const sha = async (b) => new Uint8Array(await crypto.subtle.digest('SHA-256', b));
    const leaves = [];
    for (let i = 0; i < 5; i++) leaves.push(await C.leafHash(new Uint8Array([i])));
    const node = (l, r) => sha(C.concat(new Uint8Array([1]), l, r));
    const h01 = await node(leaves[0], leaves[1]);
    const h23 = await node(leaves[2], leaves[3]);
    const h0123 = await node(h01, h23);
    const root = await node(h0123, leaves[4]);
    return {
      two: await C.verifyInclusion(2, 5, leaves[2], [leaves[3], h01, leaves[4]], root),
      four: await C.verifyInclusion(4, 5, leaves[4], [h0123], root),
      wrong: await C.verifyInclusion(3, 5, leaves[2], [leaves[3], h01, leaves[4]], root),
    };
  });
  assert.deepEqual(out, { two: true, four: true, wrong: false });
});

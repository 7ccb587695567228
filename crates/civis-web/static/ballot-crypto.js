// civis: the voter's side of secret ballots, in the browser (WebCrypto and
// BigInt; no other library). It mirrors civis-ballot and civis-verify's record
// format, as docs/ballot-crypto.md and docs/published-record.md describe them:
//   - the credential key: Ed25519 (WebCrypto);
//   - the credential: RFC 9474 RSABSSA-SHA384-PSS-Randomized (prepare, blind,
//     finalize; EMSA-PSS with SHA-384, MGF1-SHA-384 and a 48-byte salt);
//   - the ballot: HPKE base mode (RFC 9180), DHKEM(P-256, HKDF-SHA256),
//     HKDF-SHA256, AES-128-GCM;
//   - the log entry and the bytes its signature covers.
// Randomness comes from crypto.getRandomValues unless a test passes it in.
// Exposed as globalThis.CivisBallotCrypto; every function returns a promise or
// a value, and throws an Error that says what failed.
(function (root) {
  'use strict';
  var subtle = root.crypto && root.crypto.subtle;
  var enc = new TextEncoder();

  // ---- bytes ----
  function concat() {
    var n = 0, i, off = 0;
    for (i = 0; i < arguments.length; i++) n += arguments[i].length;
    var out = new Uint8Array(n);
    for (i = 0; i < arguments.length; i++) { out.set(arguments[i], off); off += arguments[i].length; }
    return out;
  }
  function fromHex(h) {
    var out = new Uint8Array(h.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(h.substr(2 * i, 2), 16);
    return out;
  }
  function toHex(b) {
    var s = '';
    for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
    return s;
  }
  /** Standard base64 with padding (the record format's). */
  function toB64(b) {
    var s = '';
    for (var i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
    return btoa(s);
  }
  function fromB64(s) {
    s = s.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) s += '=';
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function randomBytes(n) {
    var out = new Uint8Array(n);
    root.crypto.getRandomValues(out);
    return out;
  }
  function u16(n) { return new Uint8Array([(n >> 8) & 0xff, n & 0xff]); }
  function u32(n) { return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]); }
  function u64(n) {
    var out = new Uint8Array(8), v = BigInt(n);
    for (var i = 7; i >= 0; i--) { out[i] = Number(v & 0xffn); v >>= 8n; }
    return out;
  }
  function equal(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  // ---- big integers ----
  function os2ip(b) { return b.length ? BigInt('0x' + toHex(b)) : 0n; }
  function i2osp(x, len) {
    var h = x.toString(16);
    if (h.length > 2 * len) throw new Error('integer too large');
    while (h.length < 2 * len) h = '0' + h;
    return fromHex(h);
  }
  function modPow(b, e, m) {
    var r = 1n;
    b %= m;
    while (e > 0n) {
      if (e & 1n) r = (r * b) % m;
      b = (b * b) % m;
      e >>= 1n;
    }
    return r;
  }
  function modInv(a, m) {
    var t = 0n, nt = 1n, r = m, nr = ((a % m) + m) % m, q, tmp;
    while (nr !== 0n) {
      q = r / nr;
      tmp = t - q * nt; t = nt; nt = tmp;
      tmp = r - q * nr; r = nr; nr = tmp;
    }
    if (r !== 1n) throw new Error('not invertible');
    return t < 0n ? t + m : t;
  }
  function bitLength(x) { return x.toString(2).length; }

  // ---- hashes ----
  function digest(alg, data) {
    return subtle.digest(alg, data).then(function (d) { return new Uint8Array(d); });
  }
  function hmac(key, data) {
    return subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
      .then(function (k) { return subtle.sign('HMAC', k, data); })
      .then(function (s) { return new Uint8Array(s); });
  }

  // ---- RFC 9474: RSABSSA-SHA384-PSS-Randomized ----
  var H_LEN = 48, SALT_LEN = 48, PREFIX_LEN = 32;

  async function mgf1(seed, len) {
    var out = new Uint8Array(0);
    for (var c = 0; out.length < len; c++) out = concat(out, await digest('SHA-384', concat(seed, u32(c))));
    return out.slice(0, len);
  }

  /** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with SHA-384 and `salt`, for `emBits`. */
  async function pssEncode(msg, emBits, salt) {
    var emLen = Math.ceil(emBits / 8);
    if (emLen < H_LEN + salt.length + 2) throw new Error('modulus too small');
    var mHash = await digest('SHA-384', msg);
    var h = await digest('SHA-384', concat(new Uint8Array(8), mHash, salt));
    var db = concat(new Uint8Array(emLen - salt.length - H_LEN - 2), new Uint8Array([1]), salt);
    var mask = await mgf1(h, emLen - H_LEN - 1);
    for (var i = 0; i < db.length; i++) db[i] ^= mask[i];
    db[0] &= 0xff >> (8 * emLen - emBits);
    return concat(db, h, new Uint8Array([0xbc]));
  }

  /**
   * The issuer's public key from its DER SubjectPublicKeyInfo (base64 or bytes):
   * `{n, e, bits, len, key}` with `key` a WebCrypto RSA-PSS SHA-384 verify key.
   */
  async function importIssuerSpki(der) {
    var key = await subtle.importKey('spki', typeof der === 'string' ? fromB64(der) : der,
      { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['verify']);
    var jwk = await subtle.exportKey('jwk', key);
    return issuerFromJwk(jwk.n, jwk.e, key);
  }
  /** The same from the modulus and exponent (big-endian bytes), e.g. for test vectors. */
  async function importIssuerNE(n, e) {
    var jwk = { kty: 'RSA', n: b64url(n), e: b64url(e), alg: 'PS384', ext: true };
    var key = await subtle.importKey('jwk', jwk, { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['verify']);
    return issuerFromJwk(jwk.n, jwk.e, key);
  }
  function b64url(b) { return toB64(b).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''); }
  function issuerFromJwk(n64, e64, key) {
    var n = os2ip(fromB64(n64)), e = os2ip(fromB64(e64));
    var bits = bitLength(n);
    if (bits !== 2048 && bits !== 3072 && bits !== 4096) throw new Error('issuer key of an unsupported size');
    if (e < 3n || (e & 1n) === 0n) throw new Error('bad public exponent');
    return { n: n, e: e, bits: bits, len: Math.ceil(bits / 8), key: key };
  }

  /** RFC 9474 §4.1 Prepare, randomized: `prefix || msg` with a 32-byte random prefix. */
  function prepare(msg, prefix) {
    prefix = prefix || randomBytes(PREFIX_LEN);
    if (prefix.length !== PREFIX_LEN) throw new Error('prefix must be 32 bytes');
    return concat(prefix, msg);
  }

  /** A uniform r in [1, n) with gcd(r, n) = 1. */
  function randomUnit(pk) {
    for (;;) {
      var r = os2ip(randomBytes(pk.len + 16)) % pk.n;
      if (r === 0n) continue;
      try { return { r: r, inv: modInv(r, pk.n) }; } catch (err) { /* not a unit: draw again */ }
    }
  }

  /**
   * RFC 9474 §4.2 Blind: `{blinded, inv}`; `opts.salt` and `opts.inv` (r^-1 as
   * bytes) for test vectors, random otherwise.
   */
  async function blind(pk, prepared, opts) {
    opts = opts || {};
    var salt = opts.salt || randomBytes(SALT_LEN);
    var em = await pssEncode(prepared, pk.bits - 1, salt);
    var m = os2ip(em);
    try { modInv(m, pk.n); } catch (err) { throw new Error('invalid input'); }
    var r, inv;
    if (opts.inv) { inv = os2ip(opts.inv); r = modInv(inv, pk.n); } else { var u = randomUnit(pk); r = u.r; inv = u.inv; }
    var x = (m * modPow(r, pk.e, pk.n)) % pk.n;
    return { blinded: i2osp(x, pk.len), inv: inv };
  }

  /**
   * RFC 9474 §4.4 Finalize: the signature of `prepared` from the issuer's blind
   * signature; refuses one that does not verify (RSASSA-PSS, WebCrypto).
   */
  async function finalize(pk, prepared, blindSig, inv) {
    if (blindSig.length !== pk.len) throw new Error('blind signature of the wrong length');
    var z = os2ip(blindSig);
    if (z >= pk.n) throw new Error('blind signature out of range');
    var sig = i2osp((z * inv) % pk.n, pk.len);
    var ok = await subtle.verify({ name: 'RSA-PSS', saltLength: SALT_LEN }, pk.key, sig, prepared);
    if (!ok) throw new Error('the credential does not verify under the issuer key');
    return sig;
  }

  // ---- RFC 9180 HPKE: DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base ----
  var KEM_SUITE = concat(enc.encode('KEM'), u16(0x0010));
  var HPKE_SUITE = concat(enc.encode('HPKE'), u16(0x0010), u16(0x0001), u16(0x0001));
  var V1 = enc.encode('HPKE-v1');

  function extract(salt, ikm) { return hmac(salt.length ? salt : new Uint8Array(32), ikm); }
  async function expand(prk, info, len) {
    var out = new Uint8Array(0), t = new Uint8Array(0);
    for (var i = 1; out.length < len; i++) {
      t = await hmac(prk, concat(t, info, new Uint8Array([i])));
      out = concat(out, t);
    }
    return out.slice(0, len);
  }
  function labeledExtract(suite, salt, label, ikm) {
    return extract(salt, concat(V1, suite, enc.encode(label), ikm));
  }
  function labeledExpand(suite, prk, label, info, len) {
    return expand(prk, concat(u16(len), V1, suite, enc.encode(label), info), len);
  }

  /** A P-256 public key (65-byte uncompressed point) for ECDH. */
  function importP256Public(raw) {
    if (raw.length !== 65 || raw[0] !== 4) throw new Error('not an uncompressed P-256 point');
    return subtle.importKey('raw', raw, { name: 'ECDH', namedCurve: 'P-256' }, true, []);
  }
  /** A P-256 secret scalar (32 bytes) as an ECDH private key (PKCS #8 without the public key). */
  function importP256Secret(d) {
    var head = fromHex('3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420');
    return subtle.importKey('pkcs8', concat(head, d), { name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  }

  /**
   * The base-mode context of a seal to `pkR` (65 bytes) with `info`: `{enc,
   * sharedSecret, key, baseNonce, exporterSecret}`. `skE` (32 bytes) fixes the
   * ephemeral key for test vectors; otherwise a fresh one is generated.
   */
  async function setupBaseS(pkR, info, skE) {
    var recipient = await importP256Public(pkR);
    var eph;
    if (skE) {
      var priv = await importP256Secret(skE);
      var jwk = await subtle.exportKey('jwk', priv);
      eph = { privateKey: priv, pub: concat(new Uint8Array([4]), fromB64(jwk.x), fromB64(jwk.y)) };
    } else {
      var pair = await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
      eph = { privateKey: pair.privateKey, pub: new Uint8Array(await subtle.exportKey('raw', pair.publicKey)) };
    }
    var dh = new Uint8Array(await subtle.deriveBits({ name: 'ECDH', public: recipient }, eph.privateKey, 256));
    var prk = await labeledExtract(KEM_SUITE, new Uint8Array(0), 'eae_prk', dh);
    var shared = await labeledExpand(KEM_SUITE, prk, 'shared_secret', concat(eph.pub, pkR), 32);
    var pskIdHash = await labeledExtract(HPKE_SUITE, new Uint8Array(0), 'psk_id_hash', new Uint8Array(0));
    var infoHash = await labeledExtract(HPKE_SUITE, new Uint8Array(0), 'info_hash', info);
    var ctx = concat(new Uint8Array([0]), pskIdHash, infoHash);
    var secret = await labeledExtract(HPKE_SUITE, shared, 'secret', new Uint8Array(0));
    return {
      enc: eph.pub,
      sharedSecret: shared,
      key: await labeledExpand(HPKE_SUITE, secret, 'key', ctx, 16),
      baseNonce: await labeledExpand(HPKE_SUITE, secret, 'base_nonce', ctx, 12),
      exporterSecret: await labeledExpand(HPKE_SUITE, secret, 'exp', ctx, 32)
    };
  }

  /** AES-128-GCM encryption of `pt` with `aad` under the context's key and sequence number `seq`. */
  async function contextSeal(context, seq, aad, pt) {
    var nonce = context.baseNonce.slice();
    var s = u64(seq);
    for (var i = 0; i < 8; i++) nonce[nonce.length - 8 + i] ^= s[i];
    var key = await subtle.importKey('raw', context.key, { name: 'AES-GCM' }, false, ['encrypt']);
    return new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad }, key, pt));
  }

  /** Single-shot HPKE seal: `{enc, ciphertext}`. */
  async function seal(pkR, info, aad, pt, skE) {
    var context = await setupBaseS(pkR, info, skE);
    return { enc: context.enc, ciphertext: await contextSeal(context, 0, aad, pt) };
  }

  // ---- the credential key: Ed25519 ----
  /** A new credential key pair: `{privateKey, publicKey, token}` (token: 32 bytes). */
  async function newCredentialKey() {
    var pair = await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
    return { privateKey: pair.privateKey, token: new Uint8Array(await subtle.exportKey('raw', pair.publicKey)) };
  }
  /** The private key's PKCS #8 bytes, to keep. */
  async function exportCredentialKey(privateKey) {
    return new Uint8Array(await subtle.exportKey('pkcs8', privateKey));
  }
  /** A kept PKCS #8 key, for signing. */
  function importCredentialKey(pkcs8) {
    return subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
  }
  /** An Ed25519 key from its 32-byte seed (RFC 8032 test vectors). */
  function importEd25519Seed(seed) {
    return importCredentialKey(concat(fromHex('302e020100300506032b657004220420'), seed));
  }
  async function ed25519Sign(privateKey, msg) {
    return new Uint8Array(await subtle.sign({ name: 'Ed25519' }, privateKey, msg));
  }

  // ---- the log entry (civis_verify::record::BallotEntry) ----
  var ENTRY_CONTEXT = enc.encode('civis ballot entry/1\n');
  function field(b) { return concat(u64(b.length), b); }
  function i64(n) {
    var v = BigInt.asUintN(64, BigInt(n));
    return u64(v);
  }

  /**
   * The bytes an online entry's signature covers (`BallotEntry::signed_body`):
   * `credential` is `{token, randomizer, signature}` (bytes).
   */
  function signedBody(process, credential, seq, encBytes, ciphertext) {
    return concat(ENTRY_CONTEXT, i64(process), field(credential.token), field(credential.randomizer),
      field(credential.signature), u32(seq), field(encBytes), field(ciphertext), field(enc.encode('online')));
  }

  /**
   * A signed online entry's JSON text, as the server parses it: the ballot
   * `content` (an object: civis-budget's BallotContent) sealed to `election`
   * (65 bytes) with `info` (text) and the token as associated data.
   */
  async function sealedEntry(o) {
    var sealed = await seal(o.election, enc.encode(o.info), o.credential.token,
      enc.encode(JSON.stringify(o.content)), o.skE);
    var body = signedBody(o.process, o.credential, o.seq, sealed.enc, sealed.ciphertext);
    var sig = await ed25519Sign(o.privateKey, body);
    return JSON.stringify({
      credential: { token: toB64(o.credential.token), randomizer: toB64(o.credential.randomizer), signature: toB64(o.credential.signature) },
      seq: o.seq,
      enc: toB64(sealed.enc),
      ciphertext: toB64(sealed.ciphertext),
      cast: { channel: 'online', voter_signature: toB64(sig) }
    });
  }

  // ---- the ballot log (RFC 6962 hashes) ----
  /** The leaf hash of an entry's bytes: SHA-256(0x00 || entry). */
  function leafHash(entry) { return digest('SHA-256', concat(new Uint8Array([0]), entry)); }
  function nodeHash(l, r) { return digest('SHA-256', concat(new Uint8Array([1]), l, r)); }

  /** Whether `proof` (hashes) leads from leaf `index` of a tree of `size` to `root` (RFC 9162 §2.1.3.2). */
  async function verifyInclusion(index, size, leaf, proof, root) {
    if (index >= size) return false;
    var fn = index, sn = size - 1, r = leaf;
    for (var i = 0; i < proof.length; i++) {
      if (sn === 0) return false;
      if ((fn & 1) === 1 || fn === sn) {
        r = await nodeHash(proof[i], r);
        if ((fn & 1) === 0) while ((fn & 1) === 0 && fn !== 0) { fn >>= 1; sn >>= 1; }
      } else {
        r = await nodeHash(r, proof[i]);
      }
      fn >>= 1; sn >>= 1;
    }
    return sn === 0 && equal(r, root);
  }

  root.CivisBallotCrypto = {
    concat: concat, fromHex: fromHex, toHex: toHex, toB64: toB64, fromB64: fromB64, randomBytes: randomBytes,
    importIssuerSpki: importIssuerSpki, importIssuerNE: importIssuerNE, prepare: prepare,
    pssEncode: pssEncode, blind: blind, finalize: finalize, PREFIX_LEN: PREFIX_LEN,
    setupBaseS: setupBaseS, contextSeal: contextSeal, seal: seal,
    newCredentialKey: newCredentialKey, exportCredentialKey: exportCredentialKey,
    importCredentialKey: importCredentialKey, importEd25519Seed: importEd25519Seed, ed25519Sign: ed25519Sign,
    signedBody: signedBody, sealedEntry: sealedEntry, leafHash: leafHash, verifyInclusion: verifyInclusion
  };
})(globalThis);

// civis: the secret-ballot voting page (processes whose rules say
// secret_ballots). The voter's browser does the voter's work with
// ballot-crypto.js: it makes the credential key (Ed25519), has the issuer
// blind-sign its token (signed in, with the CSRF token), keeps the key in
// localStorage (and lets the voter save it to a file and load it elsewhere),
// seals the ballot to the election key, signs the log entry and submits it
// without cookies; then it checks the receipt (the log key's signed
// checkpoint and the inclusion proof) and shows it. Without JavaScript (or
// without the Web Crypto it needs) the form posts to the server, which seals
// and casts for the voter, and the page says what that weakens.
(function () {
  'use strict';
  var form = document.querySelector('form[data-secret-ballot]');
  if (!form) return;
  var C = globalThis.CivisBallotCrypto;
  var $ = function (sel) { return document.querySelector(sel); };
  var api = form.getAttribute('data-api');
  var process = Number(form.getAttribute('data-process'));
  var format = form.getAttribute('data-format');
  var storeKey = 'civis-voting-key-' + process;
  var status = $('[data-secret-status]');
  var errorBox = $('[data-secret-error]');
  var info = null;

  function msg(name) {
    var el = document.querySelector('[data-msg="' + name + '"]');
    return el ? el.textContent : name;
  }
  function say(text) { status.textContent = text; }
  function fail(text) {
    say('');
    $('[data-error-detail]').textContent = text;
    errorBox.hidden = false;
    errorBox.focus();
  }

  // ---- the kept voting key ----
  function loadKept() {
    try {
      var v = JSON.parse(localStorage.getItem(storeKey) || 'null');
      return v && v.format === 'civis-voting-key/1' && v.process === process ? v : null;
    } catch (e) { return null; }
  }
  function keep(v) {
    localStorage.setItem(storeKey, JSON.stringify(v));
    showKept();
  }
  var saveUrl = null;
  function showKept() {
    var v = loadKept();
    $('[data-key-none]').hidden = !!v;
    $('[data-key-here]').hidden = !v;
    if (!v) return;
    $('[data-key-count]').textContent = String(v.seq);
    if (saveUrl) URL.revokeObjectURL(saveUrl);
    saveUrl = URL.createObjectURL(new Blob([JSON.stringify(v, null, 1)], { type: 'application/json' }));
    var a = $('[data-key-save]');
    a.href = saveUrl;
    a.setAttribute('download', 'civis-voting-key-' + process + '.json');
  }
  function loadFile(file) {
    $('[data-msg="key-loaded"]').hidden = true;
    $('[data-msg="key-bad"]').hidden = true;
    file.text().then(function (text) {
      var v = JSON.parse(text);
      if (!v || v.format !== 'civis-voting-key/1' || v.process !== process || typeof v.key !== 'string'
        || (info && v.issuer_key_id !== info.issuer_key_id)) throw new Error('not a key');
      var here = loadKept();
      // Keep the higher submission count if this browser already has the same key.
      if (here && here.token === v.token && here.seq > v.seq) v.seq = here.seq;
      keep(v);
      $('[data-msg="key-loaded"]').hidden = false;
    }).catch(function () { $('[data-msg="key-bad"]').hidden = false; });
  }

  // ---- HTTP ----
  function problem(r) {
    return r.json().catch(function () { return {}; }).then(function (j) {
      var e = new Error(j.detail || j.title || ('HTTP ' + r.status));
      e.status = r.status;
      e.type = j.type || '';
      throw e;
    });
  }
  function getInfo() {
    return fetch(api + '/secret-ballot', { credentials: 'omit' })
      .then(function (r) { return r.ok ? r.json() : problem(r); });
  }

  // ---- the credential ----
  async function obtainCredential() {
    var csrf = form.querySelector('input[name="csrf_token"]').value;
    var pk = await C.importIssuerSpki(info.issuer_public_key);
    var cred = await C.newCredentialKey();
    var prepared = C.prepare(cred.token);
    var b = await C.blind(pk, prepared);
    var r = await fetch(api + '/credential', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ blinded_message: C.toB64(b.blinded) })
    });
    if (!r.ok) await problem(r);
    var sig = await C.finalize(pk, prepared, C.fromB64((await r.json()).blind_signature), b.inv);
    var kept = {
      format: 'civis-voting-key/1', process: process, issuer_key_id: info.issuer_key_id,
      key: C.toB64(await C.exportCredentialKey(cred.privateKey)),
      token: C.toB64(cred.token), randomizer: C.toB64(prepared.slice(0, C.PREFIX_LEN)),
      signature: C.toB64(sig), seq: 0, receipts: []
    };
    keep(kept);
    return kept;
  }

  // ---- the ballot ----
  function content() {
    var lo = Number(form.getAttribute('data-min')), hi = Number(form.getAttribute('data-max'));
    var ids, i;
    if (format === 'approval' || format === 'knapsack') {
      ids = Array.prototype.map.call(form.querySelectorAll('input[name="approve"]:checked'),
        function (el) { return Number(el.value); });
      if (format === 'approval' && (ids.length < lo || ids.length > hi)) return null;
      var over = form.querySelectorAll('[data-over]:not([hidden])');
      if (format === 'knapsack' && over.length) return null;
      return { type: 'approval', choices: ids };
    }
    if (format === 'cumulative') {
      var points = [], sum = 0;
      var inputs = form.querySelectorAll('input[name^="points-"]');
      for (i = 0; i < inputs.length; i++) {
        var t = inputs[i].value.trim();
        if (t === '') continue;
        if (!/^\d+$/.test(t)) return null;
        var n = Number(t);
        if (n === 0) continue;
        if (n > hi) return null;
        sum += n;
        points.push([Number(inputs[i].name.slice(7)), n]);
      }
      return sum <= lo ? { type: 'points', choices: points } : null;
    }
    ids = [];
    var selects = form.querySelectorAll('select[name^="rank-"]');
    for (i = 0; i < selects.length; i++) {
      if (selects[i].value === '') continue;
      var id = Number(selects[i].value);
      if (ids.indexOf(id) >= 0) return null;
      ids.push(id);
    }
    return { type: 'ranking', choices: ids };
  }

  // ---- the receipt ----
  async function verifyNote(note, vkey) {
    // name+hash+key: the key is base64, which may itself hold '+'.
    var i1 = vkey.indexOf('+'), i2 = vkey.indexOf('+', i1 + 1);
    if (i1 < 0 || i2 < 0) return null;
    var name = vkey.slice(0, i1), hash = vkey.slice(i1 + 1, i2), raw = C.fromB64(vkey.slice(i2 + 1));
    if (raw.length !== 33 || raw[0] !== 1) return null;
    var at = note.lastIndexOf('\n\n');
    if (at < 0) return null;
    var text = note.slice(0, at + 1);
    var lines = note.slice(at + 2).split('\n');
    var key = await crypto.subtle.importKey('raw', raw.slice(1), { name: 'Ed25519' }, false, ['verify']);
    for (var i = 0; i < lines.length; i++) {
      var m = /^\u2014 (\S+) (\S+)$/.exec(lines[i]);
      if (!m || m[1] !== name) continue;
      var sig = C.fromB64(m[2]);
      if (sig.length !== 68 || C.toHex(sig.slice(0, 4)) !== hash) continue;
      if (await crypto.subtle.verify({ name: 'Ed25519' }, key, sig.slice(4), new TextEncoder().encode(text))) return text;
    }
    return null;
  }
  async function checkReceipt(entry, receipt) {
    var leaf = await C.leafHash(new TextEncoder().encode(entry));
    if (C.toB64(leaf) !== receipt.leaf_hash) return false;
    var text = await verifyNote(receipt.checkpoint, info.log_verifier_key);
    if (!text) return false;
    var lines = text.split('\n');
    var p = receipt.inclusion;
    if (lines[0] !== info.log_origin || Number(lines[1]) !== p.size || lines[2] !== p.root_hash) return false;
    return C.verifyInclusion(receipt.index, p.size, leaf, p.proof.map(C.fromB64), C.fromB64(p.root_hash));
  }
  function showReceipt(seq, receipt, checked) {
    $('[data-receipt-seq]').textContent = String(seq);
    $('[data-receipt-index]').textContent = String(receipt.index);
    $('[data-receipt-leaf]').textContent = receipt.leaf_hash;
    $('[data-receipt-checked]').hidden = !checked;
    $('[data-receipt-proof]').href = api + '/log/proof/inclusion?index=' + receipt.index + '&size=' + receipt.inclusion.size;
    var section = $('[data-secret-receipt]');
    section.hidden = false;
    section.focus();
  }

  // ---- casting ----
  async function cast() {
    errorBox.hidden = true;
    var ballot = content();
    if (!ballot) { fail(msg('invalid')); return; }
    say(msg('working'));
    info = await getInfo();
    if (!info.election_public_key) { fail(msg('no-election-key')); return; }
    var kept = loadKept();
    if (!kept) {
      try { kept = await obtainCredential(); } catch (e) {
        if (e.type && e.type.indexOf('credential-already-issued') >= 0) { fail(msg('already-issued')); return; }
        throw e;
      }
    }
    var privateKey = await C.importCredentialKey(C.fromB64(kept.key));
    var credential = { token: C.fromB64(kept.token), randomizer: C.fromB64(kept.randomizer), signature: C.fromB64(kept.signature) };
    // Another device may have cast under this key since: try the next numbers.
    for (var attempt = 0; attempt < 10; attempt++) {
      var seq = kept.seq + 1;
      var entry = await C.sealedEntry({
        process: process, credential: credential, privateKey: privateKey, seq: seq,
        election: C.fromB64(info.election_public_key), info: info.hpke_info, content: ballot
      });
      var r = await fetch(api + '/sealed-ballots', {
        method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json' }, body: entry
      });
      if (r.status === 409) {
        var j = await r.json().catch(function () { return {}; });
        if ((j.type || '').indexOf('seq-out-of-order') >= 0) { kept.seq = seq; continue; }
        fail(j.detail || j.title || 'HTTP 409');
        return;
      }
      if (!r.ok) await problem(r);
      var receipt = await r.json();
      var checked = await checkReceipt(entry, receipt);
      kept.seq = seq;
      kept.receipts = (kept.receipts || []).concat([{ seq: seq, index: receipt.index, leaf_hash: receipt.leaf_hash }]);
      keep(kept);
      say(msg('cast-ok'));
      showReceipt(seq, receipt, checked);
      return;
    }
    fail('');
  }

  // ---- start ----
  async function supported() {
    if (!C || !globalThis.crypto || !crypto.subtle || typeof BigInt !== 'function' || !window.localStorage) return false;
    try { await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign']); return true; } catch (e) { return false; }
  }
  supported().then(function (ok) {
    if (!ok) { $('[data-secret-unsupported]').hidden = false; return; }
    form.hidden = false;
    // This browser seals: the server-sealing part of the form is not needed.
    $('[data-server-seal]').hidden = true;
    $('[data-client-seal]').hidden = false;
    form.querySelector('button[type="submit"]').setAttribute('aria-describedby', 'sb-submit-note');
    $('[data-secret-key]').hidden = false;
    showKept();
    $('[data-key-load]').addEventListener('change', function (ev) {
      if (ev.target.files && ev.target.files[0]) loadFile(ev.target.files[0]);
    });
    getInfo().then(function (i) { info = i; }).catch(function () { /* fetched again when casting */ });
    var busy = false;
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (busy) return;
      busy = true;
      cast().catch(function (e) { fail(e.message || String(e)); }).then(function () { busy = false; });
    });
  });
})();

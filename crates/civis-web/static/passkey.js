// civis: the passkey ceremonies (WebAuthn), the only script of the sign-in,
// step-up and sign-in methods pages. Each button with data-passkey runs one
// ceremony against the JSON API; without JavaScript the pages say to use a
// password and an authenticator app instead.
(function () {
  'use strict';
  if (!window.PublicKeyCredential || !navigator.credentials) return;
  function toBytes(b64) {
    var s = b64.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) s += '=';
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }
  function toB64(buf) {
    var bytes = new Uint8Array(buf), s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function post(url, csrf, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (csrf) headers['X-CSRF-Token'] = csrf;
    return fetch(url, {
      method: 'POST', credentials: 'same-origin', headers: headers,
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (!r.ok) throw j;
        return j;
      });
    });
  }
  function creation(o) {
    var pk = o.publicKey;
    pk.challenge = toBytes(pk.challenge);
    pk.user.id = toBytes(pk.user.id);
    (pk.excludeCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    pk.authenticatorSelection = pk.authenticatorSelection || {};
    pk.authenticatorSelection.residentKey = 'preferred';
    return { publicKey: pk };
  }
  function request(o) {
    var pk = o.publicKey;
    pk.challenge = toBytes(pk.challenge);
    (pk.allowCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    return { publicKey: pk };
  }
  function registered(c) {
    return {
      id: c.id, rawId: toB64(c.rawId), type: c.type, extensions: {},
      response: {
        attestationObject: toB64(c.response.attestationObject),
        clientDataJSON: toB64(c.response.clientDataJSON)
      }
    };
  }
  function asserted(c) {
    return {
      id: c.id, rawId: toB64(c.rawId), type: c.type, extensions: {},
      response: {
        authenticatorData: toB64(c.response.authenticatorData),
        clientDataJSON: toB64(c.response.clientDataJSON),
        signature: toB64(c.response.signature),
        userHandle: c.response.userHandle ? toB64(c.response.userHandle) : null
      }
    };
  }
  document.querySelectorAll('[data-passkey]').forEach(function (box) {
    var button = box.querySelector('button');
    var status = box.querySelector('[data-passkey-status]');
    var csrf = box.getAttribute('data-csrf') || '';
    var next = box.getAttribute('data-next') || '/account';
    function fail(problem) {
      var msg = problem && problem.errors && problem.errors[0] && problem.errors[0].code
        ? box.getAttribute('data-error-' + problem.errors[0].code) : null;
      status.textContent = msg || box.getAttribute('data-error');
      button.disabled = false;
    }
    box.hidden = false;
    button.addEventListener('click', function (event) {
      event.preventDefault();
      button.disabled = true;
      status.textContent = '';
      if (box.getAttribute('data-passkey') === 'register') {
        var nameInput = box.querySelector('input[name=passkey_name]');
        post('/api/v1/me/passkeys/registration', csrf).then(function (s) {
          return navigator.credentials.create(creation(s.options)).then(function (c) {
            return post('/api/v1/me/passkeys', csrf, {
              ceremony: s.ceremony, name: nameInput.value, credential: registered(c)
            });
          });
        }).then(function () { window.location.assign(next); }, fail);
      } else {
        post('/api/v1/auth/passkey/challenge', csrf).then(function (s) {
          var options = request(s.options);
          return navigator.credentials.get(options).then(function (c) {
            return post('/api/v1/auth/passkey', csrf, {
              ceremony: s.ceremony, credential: asserted(c)
            });
          });
        }).then(function () { window.location.assign(next); }, fail);
      }
    });
  });
})();

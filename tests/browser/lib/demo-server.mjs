// Starts `civis demo` on a free loopback port with a fresh SQLite database and
// stops it again. The demo prints its URL and sign-ins; both are captured.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Path of the civis binary: `CIVIS_BIN`, else the debug build. */
export function civisBinary() {
  const bin = process.env.CIVIS_BIN ?? resolve('target/debug/civis');
  if (!existsSync(bin)) {
    throw new Error(`civis binary not found at ${bin}: run \`cargo build -p civis\` or set CIVIS_BIN`);
  }
  return bin;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts the demo and resolves once `/readyz` answers 200; `host` is the name it is
 * reached by (its public URL), `env` more environment for it (e.g. the credential policy).
 * Returns `{ baseUrl, output(), stop() }`; `output()` is everything it printed so far.
 */
export async function startDemo({ readyTimeoutMs = 120_000, host = '127.0.0.1', env = {} } = {}) {
  const bin = civisBinary();
  const dir = mkdtempSync(join(tmpdir(), 'civis-browser-'));
  const port = await freePort();
  const listen = `127.0.0.1:${port}`;
  const databaseUrl = `sqlite://${join(dir, 'demo.sqlite3')}`;
  const child = spawn(bin, ['demo', '--listen', listen, '--database-url', databaseUrl], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // `host` names the public URL (WebAuthn needs a domain such as localhost, not an IP).
    env: {
      ...process.env,
      RUST_LOG: process.env.RUST_LOG ?? 'warn',
      CIVIS_PUBLIC_URL: `http://${host}:${port}`,
      ...env,
    },
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const baseUrl = `http://${host}:${port}`;
  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`civis demo exited early (${JSON.stringify(exited)}):\n${out}`);
    }
    try {
      const res = await fetch(`http://${listen}/readyz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`civis demo not ready within ${readyTimeoutMs} ms:\n${out}`);
    }
    await sleep(200);
  }
  return { baseUrl, output: () => out, stop };
}

// Launches the system Chromium (never a downloaded one) through playwright-core.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

/** Flags that keep headless Chromium quiet, local and deterministic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Path of the Chromium executable: `CHROMIUM_PATH`, else Debian's. */
export function chromiumPath() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: install Debian's chromium or set CHROMIUM_PATH`);
  }
  return path;
}

/** Launches the browser. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

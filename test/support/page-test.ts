// What every browser test starts with (Chromium, web/dist rebuilt when stale, the test server) and the signed-in pages' test hook: state, waiting on it, signing in, clicking the map.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Position } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { DEMO_PASSWORD } from './test-db.ts';
import { startTestServer } from './test-server.ts';

/** Where browser tests leave their screenshots. */
export const RESULTS_DIR = path.resolve('test-results');

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** Chromium (or the test skipped, see browser.ts), the client built, and a server with the demo data. */
export async function startBrowserTest(ctx: Mocha.Context): Promise<{ browser: Browser; server: TestServer }> {
  const browser = await launchBrowser(ctx);
  // The server serves web/dist: rebuild it when the client sources are newer.
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  return { browser, server: await startTestServer() };
}

// The signed-in pages' hook (web/permits/permit-state.ts, web/plan/plan-state.ts): state plus pixelOf.
declare const window: { __spp: { pixelOf(lonLat: [number, number]): [number, number] | null } };

/** The page's observable state: its hook without the functions. */
export async function pageState<S>(page: Page): Promise<S> {
  return page.evaluate(() => {
    const { pixelOf: _pixelOf, ...rest } = window.__spp;
    return rest;
  }) as Promise<S>;
}

/** Polls the page's state until `predicate` holds; fails with the state after `timeout` ms. */
export async function waitForState<S>(page: Page, what: string, predicate: (s: S) => boolean, timeout = 30_000): Promise<S> {
  const started = Date.now();
  for (;;) {
    const s = await pageState<S>(page);
    if (predicate(s)) return s;
    if (Date.now() - started > timeout) throw new Error(`timed out waiting for ${what}; page state: ${JSON.stringify(s)}`);
    await page.waitForTimeout(100);
  }
}

/** Opens `url`, signs in as the demo account `who` through the form, and waits for `what`. */
export async function signInAs<S>(page: Page, url: string, who: string, what: string, ready: (s: S) => boolean): Promise<S> {
  await page.goto(url);
  await page.waitForSelector('[data-testid=sign-in]');
  await page.fill('#sign-in-email', `${who}@spp.demo`);
  await page.fill('#sign-in-password', DEMO_PASSWORD);
  await page.click('[data-testid=sign-in-submit]');
  return waitForState(page, what, ready);
}

/** Clicks a lon/lat on the page's map, `offset` CSS pixels away from it. */
export async function clickAt(page: Page, lonLat: Position, offset: [number, number] = [0, 0]): Promise<void> {
  const pixel = await page.evaluate((p) => window.__spp.pixelOf(p), [lonLat[0], lonLat[1]] as [number, number]);
  expect(pixel, `pixel of ${lonLat.join(',')}`).to.not.equal(null);
  await page.mouse.click(pixel![0] + offset[0], pixel![1] + offset[1]);
  // Apart in time, so two corners are never read as a double click.
  await page.waitForTimeout(350);
}

// The zoning edit checks bundled for the browser give, in Chromium, exactly the results they give in Node on every golden case.
import { expect } from 'chai';
import { build, type Rollup } from 'vite';
import type { Browser } from 'playwright-core';
import { diffJson, viaJson } from '../../checks/golden-io.ts';
import { listZoningCases, readZoningCase, runZoningCase } from '../../checks/zoning/zoning-golden-io.ts';
import { launchBrowser } from '../../support/browser.ts';

describe('zoning edit checks in the browser', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;

  after(async () => {
    await browser?.close();
  });

  it('bundles without Node modules and agrees with Node on every golden case', async function () {
    // Bundled by Vite, as the web client is, for the browser: a Node built-in would fail the build or the run.
    const built = (await build({
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: false, lib: { entry: 'api/checks/zoning/index.ts', formats: ['iife'], name: 'zoningChecks' } },
    })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
    const output = (Array.isArray(built) ? built[0] : built).output;
    const code = output.find((o): o is Rollup.OutputChunk => o.type === 'chunk')!.code;
    browser = await launchBrowser(this);
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>zoning checks</title>');
    await page.addScriptTag({ content: code });
    const cases = listZoningCases().map((e) => readZoningCase(e.check, e.name, e.inPath));
    expect(cases.length).to.be.at.least(25);
    const inBrowser = await page.evaluate((cs) => {
      const z = (globalThis as unknown as { zoningChecks: typeof import('../../../api/checks/zoning/index.ts') }).zoningChecks;
      return cs.map((c) => (c.subject === 'zone' ? z.checkZoneEdit(c.edited as never, c.context, c.params) : z.checkConstraintEdit(c.edited as never, c.context, c.params)));
    }, cases.map((c) => ({ subject: c.subject, edited: c.edited, context: c.context, params: c.params })));
    cases.forEach((c, i) => {
      const diffs = diffJson(inBrowser[i], viaJson(runZoningCase(c)));
      expect(diffs, `${c.check}/${c.name} differs between Chromium and Node:\n${diffs.slice(0, 5).join('\n')}`).to.deep.equal([]);
    });
  });
});

// Browser test of the sheet verification page: a phone opens /verify/<code>, sees what was issued and that it still matches; after an amendment it sees what changed.
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RESULTS_DIR, startBrowserTest, type TestServer } from '../support/page-test.ts';

// This file is typed for Node; the page's document as the checks below read it.
declare const document: { documentElement: { scrollWidth: number; lang: string }; querySelector(selector: string): { getAttribute(name: string): string | null } | null };

interface IssuedSheet {
  code: string;
  links: { pdf: string; verify: string };
  ward: { name: string };
  card: {
    parcel: { id: number; sheet_no: number; parcel_no: number };
    zones: { id: number; lot_code: string; max_coverage_pct: number; max_far: number }[];
    computed: { buildable_area_m2: number; max_gfa_m2: number };
  };
}

const vi = (v: number, digits = 2) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits }).format(v);

describe('sheet verification page (/verify/:code)', function () {
  this.timeout(180_000);

  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let sheet: IssuedSheet;

  before(async function () {
    // A fresh database with the demo plan takes a while on a busy machine.
    this.timeout(420_000);
    ({ browser, server } = await startBrowserTest(this));
    // A lot wholly in one zone with coverage and FAR limits.
    const { rows } = await server.db.knex.raw(
      `SELECT pa.id FROM parcels pa JOIN zones z ON z.valid_to IS NULL AND z.geom && pa.geom AND ST_Within(pa.geom, z.geom)
       WHERE z.max_coverage_pct BETWEEN 20 AND 90 AND z.max_far IS NOT NULL ORDER BY pa.id LIMIT 1`,
    );
    const res = await fetch(`${server.url}/api/certificates`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ parcel_id: rows[0].id }) });
    expect(res.status).to.equal(201);
    sheet = (await res.json()) as IssuedSheet;
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    page = await context.newPage();
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const statusOf = async (p: Page) => {
    const status = p.getByTestId('verify-status');
    await p.waitForFunction(() => document.querySelector('[data-testid=verify-status]')?.getAttribute('data-state') !== 'loading', null, { timeout: 30_000 });
    return status.getAttribute('data-state');
  };

  it('on a phone, shows what the sheet states and that it still matches the plan in force, in Vietnamese and English', async () => {
    expect(sheet.links.verify).to.equal(`${server.url}/verify/${sheet.code}`);
    await page.goto(sheet.links.verify);
    expect(await statusOf(page)).to.equal('matches');
    expect(await page.getByTestId('verify-status').innerText()).to.include('Phiếu vẫn khớp với quy hoạch đang có hiệu lực');
    expect(await page.getByTestId('sheet-code').innerText()).to.equal(sheet.code);
    expect(await page.getByTestId('sheet-ward').innerText()).to.equal(sheet.ward.name);
    const p = sheet.card.parcel;
    expect(await page.getByTestId('sheet-parcel').innerText()).to.equal(`Tờ ${p.sheet_no}, thửa ${p.parcel_no}`);
    const zone = sheet.card.zones[0];
    const zoneCard = page.locator(`[data-testid=sheet-zone][data-lot="${zone.lot_code}"]`);
    expect(await zoneCard.getByTestId('zone-coverage').innerText()).to.equal(`${vi(zone.max_coverage_pct)} %`);
    expect(await zoneCard.getByTestId('zone-far').innerText()).to.equal(`${vi(zone.max_far)} lần`);
    expect(await page.getByTestId('computed-buildable').innerText()).to.equal(`${vi(sheet.card.computed.buildable_area_m2, 1)} m²`);
    expect(await page.getByTestId('computed-gfa').innerText()).to.equal(`${vi(sheet.card.computed.max_gfa_m2, 1)} m²`);
    expect(await page.getByTestId('sheet-pdf').getAttribute('href')).to.equal(`/api/certificates/${sheet.code}.pdf`);
    expect(await page.getByTestId('demo-notice').isVisible()).to.equal(true);
    // Phone-friendly: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'verify-phone.png'), fullPage: true });

    await page.getByRole('button', { name: /^EN/ }).click();
    expect(await page.getByTestId('verify-status').innerText()).to.include('The sheet still matches the plan in force');
    expect(await zoneCard.getByTestId('zone-far').innerText()).to.match(/×$/);
    expect(await page.evaluate(() => document.documentElement.lang)).to.equal('en');
    await page.getByRole('button', { name: /^VI/ }).click();
  });

  it('after an amendment of the zone, lists what changed while the sheet itself stays as issued', async () => {
    const zone = sheet.card.zones[0];
    const next = zone.max_coverage_pct - 10;
    await server.db.knex.transaction(async (trx) => {
      const { rows } = await trx.raw(`UPDATE zones SET valid_to = now() WHERE feature_id = ? AND valid_to IS NULL RETURNING version`, [zone.id]);
      await trx.raw(
        `INSERT INTO zones (feature_id, version, valid_from, plan_id, lot_code, land_use_scheme, land_use_code, name, max_coverage_pct, max_far, max_floors, max_height_m, min_setback_m, permitted_uses, citation, ward_code, geom)
         SELECT feature_id, version + 1, now(), plan_id, lot_code, land_use_scheme, land_use_code, name, ?, max_far, max_floors, max_height_m, min_setback_m, permitted_uses, citation, ward_code, geom
         FROM zones WHERE feature_id = ? AND version = ?`,
        [next, zone.id, rows[0].version],
      );
    });
    await page.reload();
    expect(await statusOf(page)).to.equal('differs');
    const items = await page.getByTestId('verify-differences').locator('li').allInnerTexts();
    expect(items).to.include(`Lô ${zone.lot_code}: Mật độ xây dựng ${vi(zone.max_coverage_pct)} % → ${vi(next)} %`);
    // The sheet still shows the value it was issued with.
    const zoneCard = page.locator(`[data-testid=sheet-zone][data-lot="${zone.lot_code}"]`);
    expect(await zoneCard.getByTestId('zone-coverage').innerText()).to.equal(`${vi(zone.max_coverage_pct)} %`);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'verify-changed-phone.png'), fullPage: true });
  });

  it('says clearly when no sheet has the code, and offers to type it again', async () => {
    await page.goto(`${server.url}/verify/TTQH-2026-ZZZZZZZZ`);
    expect(await statusOf(page)).to.equal('not-found');
    expect(await page.getByTestId('verify-status').innerText()).to.include('Không tìm thấy phiếu');
    const input = page.getByRole('textbox');
    await input.fill(sheet.code.toLowerCase());
    await input.press('Enter');
    await page.waitForURL(`**/verify/${sheet.code}`);
    expect(await statusOf(page)).to.equal('differs');
  });
});

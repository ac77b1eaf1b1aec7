// Browser tests of the rule card on the public map: search a parcel, read its card, sketch a building checked live and by the server, share it, issue a sheet, phone layout.
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RESULTS_DIR, startBrowserTest, type TestServer } from '../support/page-test.ts';

// This file is typed for Node; these describe the browser objects the page.evaluate callbacks use.
interface ReportSummary {
  status: string;
  checks: Record<string, string>;
}
interface LookupHook {
  card: { parcel_id: number | null; as_of: string; zones: number; constraints: number } | null;
  cardLoading: boolean;
  cardError: string | null;
  date: string | null;
  sketch: { live: ReportSummary | null; server: (ReportSummary & { matches: boolean }) | null; serverError: string | null; footprintArea: number | null };
  certificate: { code: string | null; pdf: string | null; verify: string | null; error: string | null };
  pixelOf(lon: number, lat: number): [number, number] | null;
  sketchMode(): string;
}
declare const window: { __spp: { ready: boolean; error: string | null; lookup: LookupHook } };
declare const document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelector(s: string): { scrollWidth: number; clientWidth: number } | null };

interface Card {
  as_of: string;
  parcel: { id: number; sheet_no: number; parcel_no: number; legal_area_m2: number; area_m2: number };
  zones: { id: number; lot_code: string; share_pct: number; area_m2: number; max_coverage_pct: number | null; max_far: number | null; max_floors: number | null; max_height_m: number | null; min_setback_m: number | null }[];
  constraints: { id: number; kind: string; overlap_m2: number | null }[];
  computed: Record<'red_line_take_m2' | 'net_site_area_m2' | 'buildable_area_m2' | 'max_footprint_m2' | 'max_gfa_m2', number | null>;
  plan: { name: string; decision_no: string | null; is_demo: boolean } | null;
  geometry: { parcel: { type: 'MultiPolygon'; coordinates: number[][][][] }; buildable: { type: string; coordinates: number[][][] } | null };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status, `GET ${url}`).to.equal(200);
  return (await response.json()) as T;
}

async function waitForMap(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__spp?.ready === true || !!window.__spp?.error, null, { timeout: 60_000 });
  expect(await page.evaluate(() => window.__spp.error)).to.equal(null);
}

async function waitForCard(page: Page, parcelId: number): Promise<void> {
  await page.waitForFunction((id) => window.__spp.lookup?.card?.parcel_id === id && !window.__spp.lookup.cardLoading, parcelId, { timeout: 30_000 });
}

/** Waits until the map has stopped moving (two equal pixel readings of a point 200 ms apart). */
async function settle(page: Page, lon: number, lat: number): Promise<void> {
  let last = '';
  for (let i = 0; i < 30; i++) {
    const now = JSON.stringify(await page.evaluate(([x, y]) => window.__spp.lookup.pixelOf(x, y), [lon, lat]));
    if (now === last) return;
    last = now;
    await page.waitForTimeout(200);
  }
}

/** The outer ring of the parcel (or of its buildable area) scaled about its vertex mean (lon/lat; fine for a lot of a few tens of metres). */
function scaledRing(card: Card, factor: number, of: 'parcel' | 'buildable' = 'parcel'): [number, number][] {
  const ring = (of === 'parcel' ? card.geometry.parcel.coordinates[0][0] : card.geometry.buildable!.coordinates[0]).slice(0, -1);
  const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const cy = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  return ring.map(([x, y]) => [cx + (x - cx) * factor, cy + (y - cy) * factor]);
}

/** Draws a footprint by clicking its corners on the map, then the first corner again to close it. */
async function drawFootprint(page: Page, ring: [number, number][]): Promise<void> {
  await page.click('[data-testid=sketch-tools] button[data-action=draw]');
  await page.waitForFunction(() => window.__spp.lookup.sketchMode() === 'drawing');
  const pixels: [number, number][] = [];
  for (const [lon, lat] of ring) pixels.push((await page.evaluate(([x, y]) => window.__spp.lookup.pixelOf(x, y), [lon, lat]))!);
  for (const [x, y] of pixels) {
    await page.mouse.click(x, y);
    await page.waitForTimeout(120);
  }
  await page.mouse.click(pixels[0][0], pixels[0][1]);
  await page.waitForFunction(() => window.__spp.lookup.sketchMode() === 'editing', null, { timeout: 10_000 });
}

/** Waits for the live and the server result to describe the same sketch, then says whether they agree. */
async function agreement(page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => window.__spp.lookup.sketch.server?.matches === true, null, { timeout: 10_000 });
  } catch {
    const s = await page.evaluate(() => window.__spp.lookup.sketch);
    expect.fail(`the server and the browser check disagree: ${JSON.stringify({ live: s.live, server: s.server })}`);
  }
}

function number(locale: string, value: number, digits: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

describe('rule card on the public map', function () {
  this.timeout(180_000);

  let server: TestServer;
  let browser: Browser;
  let parcel: { id: number; sheet_no: number; parcel_no: number; effective_from: string };
  let card: Card;

  before(async function () {
    // A fresh database with the demo plan takes a while on a busy machine.
    this.timeout(420_000);
    ({ browser, server } = await startBrowserTest(this));
    // Roomy, nearly convex lots wholly in one zone whose coverage limit a footprint of 85 % of the lot
    // breaks, with uses, floors and height a three-storey house fits, and no constraint but red lines
    // near them (a red line brings the setback, which the small footprint keeps by being drawn
    // inside the card's buildable area).
    const { rows } = await server.db.knex.raw(
      `SELECT pa.id, pa.sheet_no, pa.parcel_no, p.effective_from::text AS effective_from
       FROM parcels pa
       JOIN zones z ON z.valid_to IS NULL AND z.geom && pa.geom AND ST_Intersects(z.geom, ST_PointOnSurface(pa.geom))
       JOIN plans p ON p.id = z.plan_id
       WHERE z.max_coverage_pct BETWEEN 30 AND 75 AND z.max_far >= 1 AND cardinality(z.permitted_uses) > 0
         AND (z.max_floors IS NULL OR z.max_floors >= 3) AND (z.max_height_m IS NULL OR z.max_height_m >= 12)
         AND ST_Area(ST_Transform(pa.geom, 5897)) BETWEEN 250 AND 3000
         AND ST_Area(pa.geom) / ST_Area(ST_ConvexHull(pa.geom)) > 0.99
       ORDER BY pa.id LIMIT 15`,
    );
    for (const row of rows) {
      const candidate = await getJson<Card>(`${server.url}/api/parcels/${row.id}/rules`);
      const b = candidate.geometry.buildable;
      const ok =
        candidate.zones.length === 1 &&
        candidate.zones[0].share_pct > 99.9 &&
        candidate.constraints.every((c) => c.kind === 'red_line') &&
        b?.type === 'Polygon' &&
        candidate.computed.buildable_area_m2! > candidate.parcel.area_m2 * 0.5;
      if (ok) {
        parcel = row;
        card = candidate;
        break;
      }
    }
    expect(card, 'a parcel fit for the sketch exists in the demo data').to.exist;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('on a desktop screen', () => {
    let context: BrowserContext;
    let page: Page;
    let shareUrl = '';
    const scripts: string[] = [];
    const sketchCodeLoaded = () => scripts.some((url) => /\/sketch-tool-[^/]*\.js$/.test(url));

    before(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
      page = await context.newPage();
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      await page.goto(`${server.url}/`);
      await waitForMap(page);
    });
    after(async () => context?.close());

    it('finds the parcel by "tờ N thửa M", flies to it and opens its rule card with the numbers of GET /api/parcels/:id/rules', async () => {
      expect(sketchCodeLoaded(), 'the sketch tool is not part of the map’s first load').to.equal(false);
      await page.fill('[data-testid=search-input]', `tờ ${parcel.sheet_no} thửa ${parcel.parcel_no}`);
      const result = page.locator(`[data-testid=search-results] li[data-parcel-id="${parcel.id}"]`);
      await result.waitFor({ timeout: 20_000 });
      // Keyboard: arrows move through the results (the first is active), Enter opens the one chosen.
      const ids = await page.locator('[data-testid=search-results] li').evaluateAll((items) => items.map((li) => (li as unknown as { dataset: { parcelId: string } }).dataset.parcelId));
      for (let i = 0; i < ids.indexOf(String(parcel.id)); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await waitForCard(page, parcel.id);
      // The first card with a parcel brings the sketch tool.
      await page.locator('[data-testid=sketch-tools]').waitFor({ timeout: 20_000 });
      expect(sketchCodeLoaded(), 'the sketch tool loaded with the first parcel card').to.equal(true);

      const panel = page.locator('[data-testid=feature-panel]');
      expect(await panel.locator('.panel-title').textContent()).to.equal(`Tờ ${parcel.sheet_no}, thửa ${parcel.parcel_no}`);
      const vi = (v: number, d: number) => number('vi-VN', v, d);
      const dd = async (scope: string, field: string) => ((await panel.locator(`${scope} dd[data-field=${field}]`).first().textContent()) ?? '').trim();
      expect(await dd('.card-parcel', 'area_m2')).to.equal(`${vi(card.parcel.area_m2, 1)} m²`);
      expect(await dd('.card-parcel', 'legal_area_m2')).to.equal(`${vi(card.parcel.legal_area_m2, 1)} m²`);
      expect(card.zones).to.have.length(1);
      const z = card.zones[0];
      const zone = `[data-zone-id="${z.id}"]`;
      expect(await panel.locator(`${zone} .lot-code`).textContent()).to.contain(z.lot_code);
      expect(await panel.locator(`${zone} [data-field=share_pct]`).textContent()).to.equal(`${vi(z.share_pct, 1)} % · ${vi(z.area_m2, 1)} m²`);
      expect(await dd(zone, 'max_coverage_pct')).to.equal(`${vi(z.max_coverage_pct!, 1)} %`);
      expect(await dd(zone, 'max_far')).to.equal(`${vi(z.max_far!, 2)} lần`);
      if (z.max_floors !== null) expect(await dd(zone, 'max_floors')).to.equal(`${vi(z.max_floors, 0)} tầng`);
      if (z.max_height_m !== null) expect(await dd(zone, 'max_height_m')).to.equal(`${vi(z.max_height_m, 1)} m`);
      for (const field of ['red_line_take_m2', 'net_site_area_m2', 'buildable_area_m2', 'max_footprint_m2', 'max_gfa_m2'] as const) {
        const value = card.computed[field];
        expect(await dd('.card-computed', field), field).to.equal(value === null ? '—' : `${vi(value, 1)} m²`);
      }
      expect(await dd('.card-plan', 'plan_name')).to.equal(card.plan!.name);
      if (card.plan!.decision_no) expect(await dd('.card-plan', 'decision_no')).to.contain(card.plan!.decision_no);
      expect(await panel.locator('[data-testid=card-demo]').textContent()).to.contain('Dữ liệu minh hoạ');
      // The card is drawn: the map now shows the parcel (its centre is on screen, right of the toolbar, left of the panel).
      const ring = scaledRing(card, 0);
      await settle(page, ring[0][0], ring[0][1]);
      const [x, y] = (await page.evaluate(([lon, lat]) => window.__spp.lookup.pixelOf(lon, lat), ring[0]))!;
      const box = (await panel.boundingBox())!;
      expect(x).to.be.within(0, box.x);
      expect(y).to.be.within(0, 800);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'rule-card-desktop.png') });
    });

    it('sketches a building over the coverage limit: flagged non-compliant live, and by the server', async () => {
      await page.locator('[data-testid=sketch]').scrollIntoViewIfNeeded();
      await drawFootprint(page, scaledRing(card, 0.92));
      await page.waitForFunction(() => window.__spp.lookup.sketch.live?.checks.coverage === 'fail', null, { timeout: 20_000 });
      const live = await page.evaluate(() => window.__spp.lookup.sketch.live!);
      expect(live.status).to.equal('non_compliant');
      const coverage = page.locator('[data-testid=sketch-live] li[data-check-id=coverage]');
      expect(await coverage.getAttribute('data-status')).to.equal('fail');
      expect(await coverage.locator('.check-message').textContent()).to.match(/mật độ|Mật độ/i);
      expect(await page.locator('[data-testid=sketch-live] .report-status').textContent()).to.contain('Không phù hợp quy hoạch');
      await page.waitForFunction(() => !!window.__spp.lookup.sketch.server, null, { timeout: 20_000 });
      await agreement(page);
      const confirmed = await page.evaluate(() => window.__spp.lookup.sketch.server!);
      expect(confirmed.status).to.equal('non_compliant');
      expect(confirmed.checks.coverage).to.equal('fail');
      expect(confirmed.matches, 'the server agrees with the browser check').to.equal(true);
      expect(await page.locator('[data-testid=sketch-server]').textContent()).to.contain('Hệ thống xác nhận: Không phù hợp quy hoạch');
      await page.screenshot({ path: path.join(RESULTS_DIR, 'rule-card-desktop-sketch-fail.png') });
    });

    it('a smaller footprint passes, live and confirmed by the server; the share link holds the sketch', async () => {
      await drawFootprint(page, scaledRing(card, 0.5, 'buildable'));
      await page.waitForFunction(() => window.__spp.lookup.sketch.live?.checks.coverage === 'pass', null, { timeout: 20_000 });
      expect((await page.evaluate(() => window.__spp.lookup.sketch.live!)).status).to.equal('compliant');
      await page.waitForFunction(() => window.__spp.lookup.sketch.server?.status === 'compliant', null, { timeout: 20_000 });
      await agreement(page);
      const confirmed = await page.evaluate(() => window.__spp.lookup.sketch.server!);
      expect(confirmed.matches).to.equal(true);
      expect(await page.locator('[data-testid=sketch-server]').textContent()).to.contain('Hệ thống xác nhận: Phù hợp quy hoạch');
      const area = (await page.evaluate(() => window.__spp.lookup.sketch.footprintArea))!;
      near(area, card.computed.buildable_area_m2! * 0.25, 0.03);
      shareUrl = await page.inputValue('[data-testid=share-url]');
      expect(shareUrl).to.contain(`parcel=${parcel.id}`);
      expect(shareUrl).to.match(/fp=[\d.,;]+/);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'rule-card-desktop-sketch-pass.png') });
    });

    it('the share link reopens the same parcel and sketch in a fresh page', async () => {
      const other = await context.newPage();
      await other.goto(shareUrl);
      await waitForMap(other);
      await waitForCard(other, parcel.id);
      await other.waitForFunction(() => window.__spp.lookup.sketch.live?.status === 'compliant', null, { timeout: 20_000 });
      const area = await other.evaluate(() => window.__spp.lookup.sketch.footprintArea);
      const original = await page.evaluate(() => window.__spp.lookup.sketch.footprintArea);
      // Seven decimals move a corner by up to ~1 cm: the area by a few hundredths of a m².
      near(area!, original!, 2e-3);
      expect(await other.inputValue('[data-testid=sketch-floors]')).to.equal(await page.inputValue('[data-testid=sketch-floors]'));
      expect(await other.inputValue('[data-testid=sketch-use]')).to.equal(await page.inputValue('[data-testid=sketch-use]'));
      await other.close();
    });

    it('as of the day before the plan took effect the card has no zones; back to today it has them', async () => {
      const dayBefore = new Date(Date.parse(`${parcel.effective_from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      await page.fill('[data-testid=as-of]', dayBefore);
      await page.waitForFunction((d) => window.__spp.lookup.card?.as_of === d && !window.__spp.lookup.cardLoading, dayBefore, { timeout: 20_000 });
      expect(await page.evaluate(() => window.__spp.lookup.card!.zones)).to.equal(0);
      expect(await page.inputValue('[data-testid=share-url]')).to.contain(`date=${dayBefore}`);
      await page.click('[data-testid=as-of-today]');
      await page.waitForFunction(() => window.__spp.lookup.date === null && window.__spp.lookup.card?.zones === 1 && !window.__spp.lookup.cardLoading, null, { timeout: 20_000 });
    });

    it('issues a planning-information sheet and links its PDF and verification page', async () => {
      await page.click('[data-testid=cert-issue]');
      await page.waitForFunction(() => !!window.__spp.lookup.certificate.code || !!window.__spp.lookup.certificate.error, null, { timeout: 30_000 });
      const cert = await page.evaluate(() => window.__spp.lookup.certificate);
      expect(cert.error, 'issuing the sheet').to.equal(null);
      expect(cert.code).to.match(/^TTQH-/);
      const href = (await page.getAttribute('[data-testid=cert-pdf]', 'href'))!;
      expect(href).to.equal(`/api/certificates/${cert.code}.pdf`);
      expect(await page.getAttribute('[data-testid=cert-verify]', 'href')).to.contain(`/verify/${cert.code}`);
      const pdf = await fetch(`${server.url}${href}`);
      expect(pdf.status).to.equal(200);
      expect(pdf.headers.get('content-type')).to.contain('application/pdf');
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).to.equal('%PDF-');
    });

    it('switches the card to English', async () => {
      await page.click('button[data-lang=en]');
      const panel = page.locator('[data-testid=feature-panel]');
      expect(await panel.locator('.panel-title').textContent()).to.equal(`Sheet ${parcel.sheet_no}, parcel ${parcel.parcel_no}`);
      expect(await panel.textContent()).to.contain('Max building coverage');
      // The sketch may still be on its way to the server after the date went back to today: wait for the answer.
      await page.locator('[data-testid=sketch-server]', { hasText: 'Server confirmed' }).waitFor({ timeout: 20_000 });
      await page.click('button[data-lang=vi]');
    });

    it('a refused search says why in Vietnamese, and in English after a switch of language', async () => {
      // The API takes at most 200 characters (GET /api/search answers 400 with detail_vi and the field).
      await page.fill('[data-testid=search-input]', 'x'.repeat(201));
      await page.press('[data-testid=search-input]', 'Enter');
      const note = page.locator('[data-testid=search] .search-note');
      await note.waitFor({ state: 'visible' });
      expect(await note.textContent()).to.equal('Không tìm được: /query/q: tối đa 200 ký tự');
      await page.click('button[data-lang=en]');
      expect(await note.textContent()).to.equal('Search failed: /query/q: must be at most 200 characters');
      await page.click('button[data-lang=vi]');
      expect(await note.textContent()).to.equal('Không tìm được: /query/q: tối đa 200 ký tự');
      await page.fill('[data-testid=search-input]', '');
    });
  });

  describe('on a phone (375×740)', () => {
    let context: BrowserContext;
    let page: Page;

    before(async () => {
      context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' });
      page = await context.newPage();
      await page.goto(`${server.url}/`);
      await waitForMap(page);
    });
    after(async () => context?.close());

    it('opens the searched parcel in a bottom sheet without horizontal scrolling', async () => {
      await page.screenshot({ path: path.join(RESULTS_DIR, 'rule-card-phone-start.png') });
      await page.fill('[data-testid=search-input]', `${parcel.sheet_no}/${parcel.parcel_no}`);
      const result = page.locator(`[data-testid=search-results] li[data-parcel-id="${parcel.id}"]`);
      await result.waitFor({ timeout: 20_000 });
      await result.tap();
      await waitForCard(page, parcel.id);
      const sheet = page.locator('[data-testid=feature-panel]');
      const box = (await sheet.boundingBox())!;
      expect(box.x).to.be.closeTo(0, 1);
      expect(box.width).to.be.closeTo(375, 1);
      expect(box.y + box.height, 'attached to the bottom edge').to.be.closeTo(740, 2);
      expect(box.y, 'the upper part of the map stays visible').to.be.greaterThan(740 * 0.3);
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        body: (document.querySelector('.panel-body')?.scrollWidth ?? 0) - (document.querySelector('.panel-body')?.clientWidth ?? 0),
      }));
      expect(overflow).to.deep.equal({ page: 0, body: 0 });
      // The parcel is shown above the sheet.
      const ring = scaledRing(card, 0);
      await settle(page, ring[0][0], ring[0][1]);
      const [, y] = (await page.evaluate(([lon, lat]) => window.__spp.lookup.pixelOf(lon, lat), ring[0]))!;
      expect(y).to.be.below(box.y);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'rule-card-phone-sheet.png') });
      // The grip folds the sheet to a peek and back.
      await page.locator('[data-testid=panel-grip]').tap();
      expect((await sheet.boundingBox())!.height).to.be.below(box.height);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'rule-card-phone-peek.png') });
      await page.locator('[data-testid=panel-grip]').tap();
      await page.locator('[data-testid=sketch]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(RESULTS_DIR, 'rule-card-phone-sketch.png') });
    });
  });
});

function near(actual: number, expected: number, rel: number): void {
  expect(actual).to.be.closeTo(expected, Math.abs(expected) * rel);
}

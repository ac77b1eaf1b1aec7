// Browser tests of the public map page: zones drawn in catalogue colours, VI/EN legend, the rule card of the clicked place, phone bottom sheet.
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RESULTS_DIR, startBrowserTest, type TestServer } from '../support/page-test.ts';

// This file is typed for Node; these describe the few browser objects the page.evaluate callbacks use.
interface PageState {
  ready: boolean;
  error: string | null;
  lang: string;
  counts: { wards: number; zones: number; constraints: number };
  renderedZoneCount: number;
  viewBbox: [number, number, number, number] | null;
  selected: { kind: 'zone' | 'constraint'; id: number | string | null; lotCode?: string } | null;
}
interface DomRect {
  left: number;
  top: number;
  width: number;
  height: number;
}
interface DomElement {
  getBoundingClientRect(): DomRect;
  contains(other: DomElement): boolean;
  closest(selector: string): DomElement | null;
}
interface DomCanvas extends DomElement {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray; width: number; height: number } } | null;
}
declare const window: { __spp: PageState };
declare const document: {
  getElementById(id: string): (DomElement & { querySelectorAll(selector: 'canvas'): Iterable<DomCanvas> }) | null;
  elementFromPoint(x: number, y: number): DomElement | null;
};

interface LandUseCode {
  scheme: string;
  code: string;
  name_vi: string;
  name_en: string;
  colour: string | null;
}

interface ZoneFeature {
  id: number | string;
  properties: {
    lot_code: string;
    land_use_code: string;
    max_coverage_pct: number | null;
    max_far: number | null;
    max_floors: number | null;
    max_height_m: number | null;
    min_setback_m: number | null;
  };
}

interface ZonePixel {
  /** Page coordinates (CSS pixels) of a point well inside a zone. */
  x: number;
  y: number;
  rgb: [number, number, number];
  /** How many canvas pixels carry a land-use colour. */
  matches: number;
}

type Rgb = [number, number, number];

function hexToRgb(colour: string): Rgb | undefined {
  const hex = colour.trim().replace(/^#/, '');
  const full = hex.length === 3 || hex.length === 4 ? [...hex.slice(0, 3)].map((c) => c + c).join('') : hex.slice(0, 6);
  if (!/^[0-9a-f]{6}$/i.test(full)) return undefined;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status, `GET ${url}`).to.equal(200);
  return (await response.json()) as T;
}

async function waitForMap(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__spp?.ready === true || !!window.__spp?.error, null, { timeout: 45_000 });
  const state = await page.evaluate(() => window.__spp);
  expect(state.error, 'load error shown by the page').to.equal(null);
  expect(state.ready).to.equal(true);
}

/**
 * Scans the map canvases for pixels in one of `colours` and returns one deep inside a zone (its
 * 9×9 neighbourhood has the same colour) that is not covered by any panel or control, nearest the centre.
 */
async function findZonePixel(page: Page, colours: Rgb[]): Promise<ZonePixel | null> {
  // No named functions inside: the test runner's transpiler would wrap them in a helper the page lacks.
  return page.evaluate((palette: Array<[number, number, number]>) => {
    const map = document.getElementById('map')!;
    const mapRect = map.getBoundingClientRect();
    const centre = { x: mapRect.left + mapRect.width / 2, y: mapRect.top + mapRect.height / 2 };
    const R = 4;
    let matches = 0;
    let best: { x: number; y: number; rgb: [number, number, number]; d: number } | null = null;
    for (const canvas of map.querySelectorAll('canvas')) {
      const rect = canvas.getBoundingClientRect();
      if (canvas.width === 0 || rect.width === 0) continue;
      const scale = canvas.width / rect.width;
      const ctx = canvas.getContext('2d');
      if (!ctx) continue;
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      for (let py = R; py < height - R; py += 3) {
        for (let px = R; px < width - R; px += 3) {
          const i = (py * width + px) * 4;
          if (data[i + 3] !== 255) continue;
          const colour = palette.find(
            (c) => Math.abs(data[i]! - c[0]) <= 2 && Math.abs(data[i + 1]! - c[1]) <= 2 && Math.abs(data[i + 2]! - c[2]) <= 2,
          );
          if (!colour) continue;
          matches += 1;
          const x = rect.left + px / scale;
          const y = rect.top + py / scale;
          const d = Math.hypot(x - centre.x, y - centre.y);
          if (best && d >= best.d) continue;
          let interior = true;
          for (let dy = -R; dy <= R && interior; dy += 2) {
            for (let dx = -R; dx <= R && interior; dx += 2) {
              const j = ((py + dy) * width + px + dx) * 4;
              interior = data[j] === data[i] && data[j + 1] === data[i + 1] && data[j + 2] === data[i + 2] && data[j + 3] === 255;
            }
          }
          const top = document.elementFromPoint(x, y);
          if (!interior || !top || !map.contains(top) || top.closest('.ol-control')) continue;
          best = { x, y, rgb: colour, d };
        }
      }
    }
    return best ? { x: best.x, y: best.y, rgb: best.rgb, matches } : null;
  }, colours);
}

describe('public map page', function () {
  this.timeout(120_000);

  let server: TestServer;
  let browser: Browser;
  let codes: LandUseCode[];
  let colours: Rgb[];

  before(async function () {
    ({ browser, server } = await startBrowserTest(this));
    codes = (await getJson<{ items: LandUseCode[] }>(`${server.url}/api/land-use-codes`)).items;
    colours = codes.map((c) => (c.colour ? hexToRgb(c.colour) : undefined)).filter((c): c is Rgb => !!c);
    expect(colours, 'land-use colours in /api/land-use-codes').to.not.be.empty;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  function zoneColour(code: string): Rgb | undefined {
    const entry = codes.find((c) => c.code === code && c.scheme === 'plan_symbol') ?? codes.find((c) => c.code === code);
    return entry?.colour ? hexToRgb(entry.colour) : undefined;
  }

  /** The first land-use entry the legend lists (it lists the symbols of the zones in view). */
  async function legendSymbol(page: Page): Promise<LandUseCode> {
    const code = await page.getAttribute('[data-testid=legend] .legend-item[data-code]', 'data-code');
    const entry = codes.find((c) => c.scheme === 'plan_symbol' && c.code === code);
    expect(entry, `legend entry ${code} in /api/land-use-codes?scheme=plan_symbol`).to.not.equal(undefined);
    return entry!;
  }

  async function zoneById(page: Page, id: number | string): Promise<ZoneFeature> {
    const bbox = await page.evaluate(() => window.__spp.viewBbox);
    expect(bbox).to.be.an('array');
    const fc = await getJson<{ features: ZoneFeature[] }>(`${server.url}/api/zones?bbox=${bbox!.join(',')}&limit=10000`);
    const zone = fc.features.find((f) => String(f.id) === String(id));
    expect(zone, `zone ${id} in the API answer for the view`).to.not.equal(undefined);
    return zone!;
  }

  describe('on a desktop screen', () => {
    let context: BrowserContext;
    let page: Page;

    before(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
      page = await context.newPage();
      await page.goto(`${server.url}/`);
      await waitForMap(page);
    });

    after(async () => {
      await context?.close();
    });

    it('draws the zones of the view in the land-use colours of /api/land-use-codes', async () => {
      // Wards load in parallel with the zones and may arrive after `ready`.
      await page.waitForFunction(() => window.__spp.counts.wards > 0, null, { timeout: 15_000 });
      const state = await page.evaluate(() => window.__spp);
      expect(state.renderedZoneCount).to.be.greaterThan(0);
      expect(state.counts.zones).to.be.greaterThan(0);
      expect(state.counts.wards).to.be.greaterThan(0);
      const pixel = await findZonePixel(page, colours);
      expect(pixel, 'a land-use colour on the map canvas').to.not.equal(null);
      expect(pixel!.matches).to.be.greaterThan(100);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'public-map-desktop.png') });
    });

    it('shows the demo-data notice and a Vietnamese legend by default', async () => {
      expect(await page.getAttribute('html', 'lang')).to.equal('vi');
      expect(await page.textContent('[data-testid=demo-notice]')).to.contain('Dữ liệu minh hoạ — không phải quy hoạch chính thức');
      const legend = (await page.textContent('[data-testid=legend]')) ?? '';
      expect(legend).to.contain('Chú giải');
      expect(legend).to.contain('Chỉ giới đường đỏ');
      const symbol = await legendSymbol(page);
      expect(legend).to.contain(symbol.name_vi);
    });

    it('opens the side panel with the rule card of the clicked place: the clicked zone with its lot code and indicators; Esc closes it', async () => {
      const pixel = await findZonePixel(page, colours);
      expect(pixel).to.not.equal(null);
      await page.mouse.click(pixel!.x, pixel!.y);
      await page.waitForSelector('[data-testid=feature-panel]:not([hidden]) .lot-code');
      const selected = await page.evaluate(() => window.__spp.selected);
      expect(selected?.kind).to.equal('zone');
      const zone = await zoneById(page, selected!.id!);
      expect(zoneColour(zone.properties.land_use_code), 'the clicked colour is that zone’s land-use colour').to.deep.equal(pixel!.rgb);

      const panel = page.locator('[data-testid=feature-panel]');
      // The card lists every zone of the parcel there (or the zone at the point): the clicked one among them.
      const section = panel.locator(`[data-zone-id="${zone.id}"]`);
      expect(await section.locator('.lot-code').textContent()).to.contain(zone.properties.lot_code);
      const text = (await panel.textContent()) ?? '';
      for (const label of ['Mật độ xây dựng', 'Hệ số sử dụng đất', 'Tầng cao', 'Chiều cao', 'Khoảng lùi', 'Căn cứ', 'Đồ án quy hoạch']) {
        expect(text).to.contain(label);
      }
      const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
      for (const field of ['max_coverage_pct', 'max_far', 'max_floors', 'max_height_m', 'min_setback_m'] as const) {
        const value = zone.properties[field];
        const shown = (await section.locator(`dd[data-field=${field}]`).textContent()) ?? '';
        expect(shown, field).to.contain(value === null ? 'không quy định' : number.format(value));
      }
      await page.screenshot({ path: path.join(RESULTS_DIR, 'public-map-desktop-panel.png') });

      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=feature-panel]', { state: 'hidden' });
      expect(await page.evaluate(() => window.__spp.selected)).to.equal(null);
    });

    it('switches the legend and page language to English and remembers the choice', async () => {
      const symbol = await legendSymbol(page);
      await page.click('button[data-lang=en]');
      expect(await page.getAttribute('html', 'lang')).to.equal('en');
      const legend = (await page.textContent('[data-testid=legend]')) ?? '';
      expect(legend).to.contain('Legend');
      expect(legend).to.contain('Road red line');
      expect(legend).to.contain(symbol.name_en);
      expect(legend).to.not.contain('Chú giải');
      expect(await page.textContent('[data-testid=demo-notice]')).to.contain('Demo data — not an official plan');
      await page.screenshot({ path: path.join(RESULTS_DIR, 'public-map-desktop-en.png') });

      await page.reload();
      await waitForMap(page);
      expect(await page.getAttribute('html', 'lang')).to.equal('en');
      expect(await page.evaluate(() => window.__spp.lang)).to.equal('en');
    });
  });

  describe('on a phone (390×844)', () => {
    let context: BrowserContext;
    let page: Page;

    before(async () => {
      context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'vi-VN',
      });
      page = await context.newPage();
      await page.goto(`${server.url}/`);
      await waitForMap(page);
    });

    after(async () => {
      await context?.close();
    });

    it('shows the tapped zone in a bottom sheet', async () => {
      await page.screenshot({ path: path.join(RESULTS_DIR, 'public-map-phone.png') });
      const pixel = await findZonePixel(page, colours);
      expect(pixel, 'a land-use colour on the map canvas').to.not.equal(null);
      await page.touchscreen.tap(pixel!.x, pixel!.y);
      const sheet = page.locator('[data-testid=feature-panel]');
      await sheet.locator('.lot-code').first().waitFor();
      const selected = await page.evaluate(() => window.__spp.selected);
      const zone = await zoneById(page, selected!.id!);
      expect(await sheet.locator(`[data-zone-id="${zone.id}"] .lot-code`).textContent()).to.contain(zone.properties.lot_code);

      const box = await sheet.boundingBox();
      expect(box, 'sheet on screen').to.not.equal(null);
      expect(box!.x).to.be.closeTo(0, 1);
      expect(box!.width).to.be.closeTo(390, 1);
      expect(box!.y + box!.height, 'attached to the bottom edge').to.be.closeTo(844, 2);
      expect(box!.y, 'leaves the upper part of the map visible').to.be.greaterThan(844 * 0.3);
      await page.waitForTimeout(300); // let the map finish moving the zone above the sheet
      await page.screenshot({ path: path.join(RESULTS_DIR, 'public-map-phone-sheet.png') });

      await page.click('[data-testid=panel-close]');
      await sheet.waitFor({ state: 'hidden' });
    });
  });
});

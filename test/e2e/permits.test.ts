// Browser test of the permit officer's pages: sign in, apply with a footprint over the coverage limit, see it fail and where, fix it, decide.
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Polygon, Position } from 'geojson';
import { runCompliance, type CheckConstraint, type CheckZone, type ComplianceReport, type Polygonal } from '../../api/checks/index.ts';
import { clickAt, pageState, RESULTS_DIR, signInAs, startBrowserTest, waitForState, type TestServer } from '../support/page-test.ts';
import { DEMO_PASSWORD } from '../support/test-db.ts';
// The study area of the demo plan around Ninh Kiều, where the demo parcels lie.
const SEARCH_BBOX = [105.755, 10.02, 105.785, 10.04];
// Map zoom for drawing: ~0.15 m per pixel, so a 12 px snap reaches ~1.8 m.
const DRAW_ZOOM = 20;
// Corners of the fixed footprint stay this far (m) from the parcel's edges, out of the snap's reach at any zoom the pages use.
const CLEAR_OF_EDGES_M = 4;

// This file is typed for Node; these describe the page's test hook (web/permits/permit-state.ts).
type CheckStatus = 'pass' | 'fail' | 'warn' | 'not_applicable';
interface ReportSummary {
  status: string;
  checks: Record<string, CheckStatus>;
}
interface PermitPageState {
  page: string | null;
  ready: boolean;
  error: string | null;
  user: { email: string; roles: string[] } | null;
  live: ReportSummary | null;
  server: (ReportSummary & { snapshot: boolean }) | null;
  highlight: { checkId: string; featureCount: number } | null;
  evidenceCount: number;
  permit: { id: number; status: string; lockVersion: number; allowedEvents: string[] } | null;
  parcelId: number | null;
  parcelCount: number;
  list: { numberMatched: number } | null;
  printReady: boolean;
  pixelOf(lonLat: [number, number]): [number, number] | null;
}
declare const window: { __spp: PermitPageState };

type ApiFeature<P> = { id: number; geometry: Polygonal; properties: P };
type ZoneFeature = ApiFeature<Omit<CheckZone, 'id' | 'geometry' | 'permitted_uses'> & { permitted_uses: string[] | null }>;
type ConstraintFeature = ApiFeature<Omit<CheckConstraint, 'id' | 'geometry' | 'tolerance_m'> & { tolerance_m: number | null }>;
type ParcelFeature = ApiFeature<{ land_law_code: string | null }>;

/** The application the test enters: a parcel, two footprints (one over the coverage limit) and the figures. */
interface Scenario {
  parcel: ParcelFeature;
  interior: [number, number];
  bigFootprint: Position[];
  smallFootprint: Position[];
  figures: { use: string; floors: number; height_m: number; gfa_m2: number };
}

async function tokenOf(base: string, who: 'officer' | 'reviewer'): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: `${who}@spp.demo`, password: DEMO_PASSWORD }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function getJson<T>(url: string, token?: string): Promise<T> {
  const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  expect(response.status, `GET ${url}`).to.equal(200);
  return (await response.json()) as T;
}

// Local metres around a point: enough for lot-sized shapes (the engine itself measures in VN-2000 TM-3).
function metresPerDegree(lat: number): [number, number] {
  return [111_320 * Math.cos((lat * Math.PI) / 180), 110_574];
}

function shell(g: Polygonal): Position[] {
  return g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
}

function centroid(ring: Position[]): [number, number] {
  const open = ring.slice(0, -1);
  return [open.reduce((s, p) => s + p[0], 0) / open.length, open.reduce((s, p) => s + p[1], 0) / open.length];
}

/** The ring scaled by k around c (a convex parcel stays around its scaled copy). */
function scaled(ring: Position[], c: [number, number], k: number): Position[] {
  return ring.map(([x, y]) => [c[0] + (x - c[0]) * k, c[1] + (y - c[1]) * k]);
}

function distanceToRingM(p: Position, ring: Position[]): number {
  const [mx, my] = metresPerDegree(p[1]);
  let best = Infinity;
  for (let i = 0; i + 1 < ring.length; i++) {
    const ax = (ring[i][0] - p[0]) * mx;
    const ay = (ring[i][1] - p[1]) * my;
    const bx = (ring[i + 1][0] - p[0]) * mx;
    const by = (ring[i + 1][1] - p[1]) * my;
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}

function pointInRing(p: [number, number], ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function bboxOf(ring: Position[]): [number, number, number, number] {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const overlaps = (a: number[], b: number[]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

const statusOf = (report: ComplianceReport, id: string) => report.checks.find((c) => c.id === id)?.status;

/**
 * Picks, through the public API, a parcel of a zone whose coverage limit is below 100 % (housing zones
 * first; their town-house lots are mostly too narrow to keep a footprint's corners out of the snap's
 * reach), a footprint that breaks the limit and a smaller one the engine finds compliant in every check.
 */
async function chooseScenario(base: string): Promise<Scenario> {
  const bbox = SEARCH_BBOX.join(',');
  const zones = (await getJson<{ features: ZoneFeature[] }>(`${base}/api/zones?bbox=${bbox}&limit=10000`)).features;
  const constraints = (await getJson<{ features: ConstraintFeature[] }>(`${base}/api/constraints?bbox=${bbox}&limit=10000`)).features;
  // Housing zones (NO) first; mixed-use and other zones with a coverage limit when no housing lot is wide enough.
  const limited = zones.filter((z) => z.properties.max_coverage_pct !== null && z.properties.max_coverage_pct < 85);
  const housing = [...limited.filter((z) => z.properties.land_use_code === 'NO'), ...limited.filter((z) => z.properties.land_use_code !== 'NO')];
  expect(housing, 'zones with a coverage limit in the demo plan').to.not.be.empty;
  const checkZones: CheckZone[] = zones.map((z) => ({ id: z.id, ...z.properties, permitted_uses: z.properties.permitted_uses ?? [], geometry: z.geometry }));
  const checkConstraints: CheckConstraint[] = constraints
    .filter((c) => c.geometry.type === 'Polygon' || c.geometry.type === 'MultiPolygon')
    .map((c) => ({ id: c.id, ...c.properties, tolerance_m: c.properties.tolerance_m ?? 0.1, geometry: c.geometry }));

  for (const zone of housing) {
    const zb = bboxOf(shell(zone.geometry));
    const parcels = (await getJson<{ features: ParcelFeature[] }>(`${base}/api/parcels?bbox=${zb.join(',')}&limit=500`)).features;
    for (const parcel of parcels) {
      const ring = shell(parcel.geometry);
      const c = centroid(ring);
      const use = parcel.properties.land_law_code;
      if (!use || !(zone.properties.permitted_uses ?? []).includes(use) || !pointInRing(c, shell(zone.geometry))) continue;
      // Wide enough that a smaller footprint keeps its corners clear of the edges.
      if (distanceToRingM(c, ring) < CLEAR_OF_EDGES_M * 2.5) continue;
      const near = bboxOf(ring).map((v, i) => v + (i < 2 ? -0.002 : 0.002));
      const context = {
        zones: checkZones.filter((z) => overlaps(bboxOf(shell(z.geometry)), near)),
        constraints: checkConstraints.filter((k) => overlaps(bboxOf(shell(k.geometry)), near)),
        parcel: { id: parcel.id, geometry: parcel.geometry },
      };
      const limits = zone.properties;
      const floors = Math.min(3, limits.max_floors ?? 3);
      const height = Math.min(floors * 3.5 + 1, limits.max_height_m ?? 99);
      const check = (footprint: Position[], gfa: number) =>
        runCompliance({ site: parcel.geometry, footprint: { type: 'Polygon', coordinates: [footprint] }, use, floors, height_m: height, gfa_m2: gfa }, context);
      const whole = check(ring, 1);
      const fullCoverage = whole.computed.coverage_pct ?? 0;
      const limit = limits.max_coverage_pct!;
      if (whole.zones.length !== 1 || fullCoverage < limit + 8) continue;
      const bigFootprint = scaled(ring, c, 0.97);
      for (const share of [0.6, 0.5, 0.4]) {
        const k = Math.sqrt((limit * share) / fullCoverage);
        const smallFootprint = scaled(ring, c, k);
        if (smallFootprint.some((p) => distanceToRingM(p, ring) < CLEAR_OF_EDGES_M)) continue;
        const area = check(smallFootprint, 1).computed.footprint_area_m2 ?? 0;
        const gfa = Math.floor(area * floors);
        const smallReport = check(smallFootprint, gfa);
        // A margin either way: clicked corners land within a pixel of the computed ones.
        const wider = check(scaled(ring, c, k + 0.03), gfa);
        const bigReport = check(bigFootprint, gfa);
        if (smallReport.status !== 'compliant' || wider.status !== 'compliant' || statusOf(bigReport, 'coverage') !== 'fail') continue;
        return { parcel, interior: c, bigFootprint, smallFootprint, figures: { use, floors, height_m: height, gfa_m2: gfa } };
      }
    }
  }
  throw new Error('no parcel of a zone with a coverage limit fits the scenario');
}

const state = (page: Page) => pageState<PermitPageState>(page);
const waitFor = (page: Page, what: string, predicate: (s: PermitPageState) => boolean, timeout?: number) => waitForState(page, what, predicate, timeout);

function signIn(page: Page, base: string, who: 'officer' | 'reviewer'): Promise<PermitPageState> {
  return signInAs(page, `${base}/permits`, who, 'the permit list', (x) => x.page === 'list' && x.ready);
}

/** Draws a polygon corner by corner and closes it on the first corner. */
async function drawPolygon(page: Page, ring: Position[]): Promise<void> {
  const corners = ring.slice(0, -1);
  for (const corner of corners) await clickAt(page, corner);
  await clickAt(page, corners[0]);
}

describe('permit officer pages', function () {
  this.timeout(240_000);

  let server: TestServer;
  let browser: Browser;
  let scenario: Scenario;

  before(async function () {
    ({ browser, server } = await startBrowserTest(this));
    scenario = await chooseScenario(server.url);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('an officer enters, fixes and approves an application (desktop)', () => {
    let context: BrowserContext;
    let page: Page;
    let permitId: number;

    before(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
      page = await context.newPage();
    });

    after(async () => {
      await context?.close();
    });

    it('asks for sign-in, then lists the permits with their status', async () => {
      const s = await signIn(page, server.url, 'officer');
      expect(await page.getAttribute('html', 'lang')).to.equal('vi');
      expect(s.error).to.equal(null);
      expect(s.list?.numberMatched ?? 0, 'demo permits').to.be.greaterThan(0);
      expect(await page.textContent('[data-testid=user-menu]')).to.contain('Đăng xuất');
      expect(await page.locator('[data-testid=permit-table] .badge').count()).to.be.greaterThan(0);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'permits-list.png') });
    });

    it('an empty application is refused field by field, and the marked fields follow a switch of language', async () => {
      const [lon, lat] = scenario.interior;
      await page.goto(`${server.url}/permits/new?center=${lon},${lat}&zoom=${DRAW_ZOOM}`);
      await waitFor(page, 'the new-application form', (x) => x.page === 'new' && x.ready);
      await page.click('[data-testid=save-permit]');
      const applicantError = page.locator('.field-error[data-error-path="/applicant"]');
      await applicantError.waitFor({ state: 'visible' });
      expect(await applicantError.textContent()).to.equal('Bắt buộc.');
      expect(await page.textContent('.field-error[data-error-path="/footprint"]')).to.equal('Vẽ mặt bằng công trình.');
      expect(await page.textContent('.form-summary')).to.contain('Hồ sơ chưa lưu được');
      expect(await page.getAttribute('#field-applicant', 'aria-invalid')).to.equal('true');
      const marked = await page.locator('.field-error').count();
      expect(marked, 'applicant, use, floors, height, floor area, site and footprint').to.equal(7);

      await page.click('button[data-lang=en]');
      expect(await applicantError.textContent()).to.equal('Required.');
      expect(await page.textContent('.field-error[data-error-path="/footprint"]')).to.equal('Draw the building footprint.');
      expect(await page.textContent('.form-summary')).to.contain('The application was not saved');
      expect(await page.locator('.field-error').count(), 'the same fields stay marked').to.equal(marked);
      await page.click('button[data-lang=vi]');
      expect(await applicantError.textContent()).to.equal('Bắt buộc.');
    });

    it('when the footprint covers more of the parcel than the zone allows, the instant check fails coverage', async () => {
      const [lon, lat] = scenario.interior;
      await page.goto(`${server.url}/permits/new?center=${lon},${lat}&zoom=${DRAW_ZOOM}`);
      await waitFor(page, 'parcels on the new-application map', (x) => x.page === 'new' && x.ready && x.parcelCount > 0);
      await page.fill('#field-applicant', 'Nguyễn Thị Kiểm Thử (minh hoạ)');
      await page.selectOption('#field-use', scenario.figures.use);
      await page.fill('#field-floors', String(scenario.figures.floors));
      await page.fill('#field-basement_floors', '0');
      await page.fill('#field-height_m', String(scenario.figures.height_m).replace('.', ','));
      await page.fill('#field-gfa_m2', String(scenario.figures.gfa_m2));

      await clickAt(page, scenario.interior);
      const picked = await waitFor(page, 'the clicked parcel', (x) => x.parcelId !== null);
      expect(picked.parcelId).to.equal(scenario.parcel.id);

      await page.click('[data-testid=footprint-tools] [data-action=draw]');
      await drawPolygon(page, scenario.bigFootprint);
      const s = await waitFor(page, 'the instant check', (x) => x.live !== null && x.live.checks.coverage !== undefined);
      expect(s.live!.checks.coverage).to.equal('fail');
      expect(s.live!.status).to.equal('non_compliant');
      expect(s.evidenceCount, 'failing evidence drawn in red').to.be.greaterThan(0);
      const item = page.locator('[data-testid=live-report] [data-check-id=coverage]');
      expect(await item.getAttribute('data-status')).to.equal('fail');
      expect(await item.textContent()).to.contain('Mật độ xây dựng');
      await page.screenshot({ path: path.join(RESULTS_DIR, 'permits-new-over-coverage.png') });
    });

    it('saves the application; the server report fails coverage too and shows where on the map', async () => {
      await page.click('[data-testid=save-permit]');
      await page.waitForURL(/\/permits\/\d+$/, { timeout: 30_000 });
      permitId = Number(new URL(page.url()).pathname.split('/').pop());
      const s = await waitFor(page, 'the server report', (x) => x.page === 'detail' && x.ready && x.server !== null);
      expect(s.permit?.status).to.equal('draft');
      expect(s.server!.checks.coverage).to.equal('fail');
      expect(s.server!.status).to.equal('non_compliant');
      expect(s.evidenceCount).to.be.greaterThan(0);

      await page.click('[data-testid=server-report] [data-check-id=coverage] button.check-head');
      const h = await waitFor(page, 'the highlighted evidence', (x) => x.highlight?.checkId === 'coverage');
      expect(h.highlight!.featureCount).to.be.greaterThan(0);
      expect(await page.getAttribute('[data-testid=server-report] [data-check-id=coverage] button.check-head', 'aria-pressed')).to.equal('true');
      await page.waitForTimeout(500); // the view animates to the evidence
      await page.screenshot({ path: path.join(RESULTS_DIR, 'permits-evidence.png') });
    });

    it('after drawing a smaller footprint coverage passes, in the browser and on the server', async () => {
      await page.click('[data-testid=edit-permit]');
      await page.waitForSelector('[data-testid=edit-form]');
      await page.click('[data-testid=edit-form] [data-testid=footprint-tools] [data-action=draw]');
      await drawPolygon(page, scenario.smallFootprint);
      const live = await waitFor(page, 'the instant check of the smaller footprint', (x) => x.live?.checks.coverage === 'pass');
      expect(live.live!.status, JSON.stringify(live.live)).to.equal('compliant');
      await page.screenshot({ path: path.join(RESULTS_DIR, 'permits-fixed-live.png') });

      const before = (await state(page)).permit!.lockVersion;
      await page.click('[data-testid=save-changes]');
      const s = await waitFor(page, 'the refreshed server report', (x) => x.permit!.lockVersion > before && x.server?.checks.coverage === 'pass');
      expect(s.server!.status).to.equal('compliant');
      expect(s.evidenceCount).to.equal(0);
    });

    it('when someone else changed the permit meanwhile, saving says so and offers a reload', async () => {
      await page.click('[data-testid=edit-permit]');
      await page.waitForSelector('[data-testid=edit-form]:visible');
      const { lockVersion } = (await state(page)).permit!;
      const token = await tokenOf(server.url, 'officer');
      const other = await fetch(`${server.url}/api/permits/${permitId}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ lock_version: lockVersion, applicant: 'Nguyễn Thị Kiểm Thử (minh hoạ, đã sửa)' }),
      });
      expect(other.status).to.equal(200);
      await page.click('[data-testid=save-changes]');
      const stale = page.locator('[data-testid=stale-notice]');
      await stale.waitFor({ state: 'visible' });
      expect(await stale.textContent()).to.contain('Người khác vừa thay đổi hồ sơ này — hãy tải lại.');
      await stale.locator('button').click();
      await waitFor(page, 'the reloaded permit', (x) => x.page === 'detail' && x.ready && x.server !== null && x.permit!.lockVersion === lockVersion + 1);
    });

    it('submits, starts the review and approves with an inspection condition', async () => {
      await page.click('[data-testid=decision-panel] [data-event=submit]');
      await waitFor(page, 'submitted', (x) => x.permit?.status === 'submitted');
      await page.click('[data-testid=decision-panel] [data-event=start_review]');
      await waitFor(page, 'under review', (x) => x.permit?.status === 'under_review');
      await page.click('[data-testid=add-foundation]');
      await page.fill('#decision-reason', 'Phù hợp quy hoạch (kiểm thử tự động).');
      await page.click('[data-testid=decision-panel] [data-event=approve]');
      const s = await waitFor(page, 'approved', (x) => x.permit?.status === 'approved' && x.server?.snapshot === true);
      expect(s.server!.status).to.equal('compliant');
      expect(await page.textContent('[data-testid=history]')).to.contain('Cấp phép');
      await page.screenshot({ path: path.join(RESULTS_DIR, 'permits-approved.png') });
    });

    it('the API holds the approved permit with a compliant snapshot and the condition', async () => {
      const token = await tokenOf(server.url, 'reviewer');
      const permit = await getJson<{
        status: string;
        parcel_id: number;
        compliance_snapshot: ComplianceReport | null;
        conditions: Array<{ kind: string; stage: string | null }>;
        events: Array<{ event: string }>;
        footprint: Polygon;
      }>(`${server.url}/api/permits/${permitId}`, token);
      expect(permit.status).to.equal('approved');
      expect(permit.parcel_id).to.equal(scenario.parcel.id);
      expect(permit.compliance_snapshot?.status).to.equal('compliant');
      expect(statusOf(permit.compliance_snapshot!, 'coverage')).to.equal('pass');
      expect(permit.conditions.some((c) => c.kind === 'inspection_stage' && c.stage === 'foundation')).to.equal(true);
      expect(permit.events.map((e) => e.event)).to.deep.equal(['submit', 'start_review', 'approve']);
    });

    it('prints a decision summary with the map image and the demo-data notice', async () => {
      await page.goto(`${server.url}/permits/${permitId}/print`);
      await waitFor(page, 'the print page', (x) => x.page === 'print' && x.ready);
      expect((await state(page)).printReady).to.equal(true);
      const sheet = (await page.textContent('[data-testid=print-sheet]')) ?? '';
      expect(sheet).to.contain('Dữ liệu minh hoạ — demo data');
      expect(sheet).to.contain('Kiểm tra hiện trường khi thi công móng');
      const src = await page.getAttribute('[data-testid=print-map]', 'src');
      expect(src).to.match(/^data:image\/png;base64,/);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'permits-print.png'), fullPage: true });
    });
  });

  describe('the session', () => {
    it('a session that ends while the page is open brings back the sign-in form with a notice; signing out shows it too', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
      try {
        const page = await context.newPage();
        await signIn(page, server.url, 'reviewer');
        // The session ends on the server (as when it expires); the next request of the page gets 401.
        const ended = await page.evaluate(async () => (await fetch('/api/auth/logout', { method: 'POST' })).status);
        expect(ended).to.equal(204);
        await page.fill('#filter-number', 'GP');
        await page.click('form.filters button[type=submit]');
        const s = await waitFor(page, 'the sign-in form after the session ended', (x) => x.page === 'sign-in');
        expect(s.user).to.equal(null);
        expect(await page.textContent('[data-testid=sign-in]')).to.contain('Phiên đăng nhập đã hết');
        expect(await page.isHidden('[data-testid=user-menu]')).to.equal(true);
        // Signing in again comes back to the page; signing out leaves the sign-in form without the notice.
        await page.fill('#sign-in-email', 'reviewer@spp.demo');
        await page.fill('#sign-in-password', DEMO_PASSWORD);
        await page.click('[data-testid=sign-in-submit]');
        const back = await waitFor(page, 'the permit list again', (x) => x.page === 'list' && x.ready);
        expect(back.user?.email).to.equal('reviewer@spp.demo');
        await page.click('[data-testid=sign-out]');
        const out = await waitFor(page, 'the sign-in form after signing out', (x) => x.page === 'sign-in' && x.user === null);
        expect(out.page).to.equal('sign-in');
        expect(await page.textContent('[data-testid=sign-in]')).to.not.contain('Phiên đăng nhập đã hết');
        expect(await page.evaluate(async () => ((await (await fetch('/api/auth/me')).json()) as { user: unknown }).user), 'signed out on the server').to.equal(null);
      } finally {
        await context.close();
      }
    });
  });

  describe('on a phone (390×844)', () => {
    it('shows the map above the report of an application', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' });
      try {
        const page = await context.newPage();
        const list = await signIn(page, server.url, 'reviewer');
        expect(list.list?.numberMatched ?? 0).to.be.greaterThan(0);
        await page.click('[data-testid=permit-table] .permit-number');
        await waitFor(page, 'a permit', (x) => x.page === 'detail' && x.ready && x.server !== null);
        const map = await page.locator('[data-testid=permit-map]').boundingBox();
        const report = await page.locator('[data-testid=server-report]').boundingBox();
        expect(map!.width).to.be.closeTo(390, 1);
        expect(report!.y, 'report below the map').to.be.greaterThan(map!.y + map!.height - 1);
        await page.screenshot({ path: path.join(RESULTS_DIR, 'permits-phone-detail.png') });
      } finally {
        await context.close();
      }
    });
  });
});

// Browser test of the plan editor and the review: a planner replaces a zone by a smaller one snapped to its neighbour, a reviewer approves it, the public map shows it.
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MultiPolygon, Position } from 'geojson';
import { clickAt, pageState, RESULTS_DIR, signInAs, startBrowserTest, waitForState, type TestServer } from '../support/page-test.ts';
const NEW_LOT_CODE = 'CC-T01';

// This file is typed for Node; these describe the page's test hook (web/plan/plan-state.ts).
interface CheckSummary {
  id: string;
  severity: 'error' | 'warning';
  code: string;
}
interface PlanPageState {
  page: string | null;
  ready: boolean;
  error: string | null;
  changeSet: { id: number; status: string; title: string; edits: Array<{ id: number; op: string; featureId: number | null; lotCode: string | null; checks: CheckSummary[]; review: string | null }> } | null;
  changeSetCount: number;
  editor: { mode: string; op: string | null; geometry: { type: string; coordinates: Position[][] } | null; undo: number; redo: number };
  live: { checks: CheckSummary[]; blocking: boolean; running: boolean } | null;
  evidenceCount: number;
  selected: { id: number; lotCode: string | null } | null;
  zoneCount: number;
  parcelCount: number;
  diff: { added: number; modified: number; removed: number; phase: string } | null;
  pixelOf(lonLat: [number, number]): [number, number] | null;
}
declare const window: { __spp: PlanPageState };

/**
 * The scenario: zone A shares a whole edge P–Q with its neighbour B (two pieces of one demo block).
 * The planner deletes A and draws a smaller zone in its place: P and Q are clicked a few pixels off
 * and snap onto B's corners, the two other corners lie 45 % of the way along A's sides. The new zone
 * thus shares the edge P–Q with B exactly — no overlap, no gap — and is far from every other zone.
 */
interface Scenario {
  a: { id: number; lot_code: string; ring: Position[] };
  b: { id: number; lot_code: string };
  p: Position;
  q: Position;
  corners: Position[];
  /** A point of A outside the new zone: where the planner clicks to select A. */
  inA: Position;
  centre: [number, number];
  zoom: number;
}

function metresPerDegree(lat: number): [number, number] {
  return [111_320 * Math.cos((lat * Math.PI) / 180), 110_574];
}

const same = (u: Position, v: Position) => u[0] === v[0] && u[1] === v[1];

async function chooseScenario(knex: import('knex').Knex): Promise<Scenario> {
  // Rectangular zones in force (one ring of four corners) sharing an edge with another rectangle, 60–250 m long.
  const { rows } = (await knex.raw(
    `WITH cur AS (
       SELECT feature_id, lot_code, geom FROM zones
       WHERE valid_to IS NULL AND ST_NumGeometries(geom) = 1 AND ST_NPoints(geom) = 5 AND ST_NRings(geom) = 1)
     SELECT a.feature_id AS a_id, a.lot_code AS a_lot, b.feature_id AS b_id, b.lot_code AS b_lot,
            ST_AsGeoJSON(a.geom)::json AS a_geom, ST_AsGeoJSON(b.geom)::json AS b_geom,
            ST_Length(ST_Transform(ST_Intersection(a.geom, b.geom), 5897)) AS shared_m,
            ST_Area(ST_Transform(a.geom, 5897)) AS a_area
     FROM cur a JOIN cur b ON a.feature_id <> b.feature_id AND a.geom && b.geom AND ST_Touches(a.geom, b.geom)
     WHERE ST_Dimension(ST_Intersection(a.geom, b.geom)) = 1
       AND ST_Area(ST_Transform(a.geom, 5897)) BETWEEN 2000 AND 30000
     ORDER BY a.feature_id, b.feature_id
     LIMIT 2000`,
  )) as { rows: Array<{ a_id: number; a_lot: string; b_id: number; b_lot: string; a_geom: MultiPolygon; b_geom: MultiPolygon; shared_m: number | string }> };
  for (const row of rows) {
    const ring = row.a_geom.coordinates[0][0];
    const bCorners = row.b_geom.coordinates[0][0].slice(0, -1);
    const corners = ring.slice(0, -1);
    // The edge of A whose two ends are both corners of B: the whole shared edge.
    for (let i = 0; i < 4; i++) {
      const p = corners[i];
      const q = corners[(i + 1) % 4];
      if (!bCorners.some((c) => same(c, p)) || !bCorners.some((c) => same(c, q))) continue;
      const r = corners[(i + 2) % 4];
      const s = corners[(i + 3) % 4];
      const [mx, my] = metresPerDegree(p[1]);
      const edge = Math.hypot((q[0] - p[0]) * mx, (q[1] - p[1]) * my);
      const side = Math.hypot((s[0] - p[0]) * mx, (s[1] - p[1]) * my);
      if (edge < 40 || edge > 180 || side < 40 || side > 180 || Number(row.shared_m) < edge - 0.5) continue;
      // 45 % of the way along A's sides: on the lines of B's sides, so the new zone's outline continues B's.
      const inward = (from: Position, along: Position): Position => [from[0] + (along[0] - from[0]) * 0.45, from[1] + (along[1] - from[1]) * 0.45];
      const m1 = inward(q, r);
      const m2 = inward(p, s);
      const xs = [p[0], q[0], m1[0], m2[0]];
      const ys = [p[1], q[1], m1[1], m2[1]];
      const centre: [number, number] = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
      const spanM = Math.max((Math.max(...xs) - Math.min(...xs)) * mx, (Math.max(...ys) - Math.min(...ys)) * my);
      // The drawing spans at most ~500 px of the ~800 px map pane, and the 12 px snap reaches a few metres only.
      const zoom = Math.min(19, Math.max(17, Math.floor(Math.log2((156_543 * Math.cos((p[1] * Math.PI) / 180)) / (spanM / 500)))));
      const inA: Position = [(p[0] + q[0]) / 2 + ((r[0] + s[0]) / 2 - (p[0] + q[0]) / 2) * 0.75, (p[1] + q[1]) / 2 + ((r[1] + s[1]) / 2 - (p[1] + q[1]) / 2) * 0.75];
      return { a: { id: row.a_id, lot_code: row.a_lot, ring }, b: { id: row.b_id, lot_code: row.b_lot }, p, q, corners: [p, q, m1, m2], inA, centre, zoom };
    }
  }
  throw new Error('no pair of rectangular zones sharing a whole edge in the demo plan');
}

const state = (page: Page) => pageState<PlanPageState>(page);
const waitFor = (page: Page, what: string, predicate: (s: PlanPageState) => boolean, timeout?: number) => waitForState(page, what, predicate, timeout);

function signIn(page: Page, url: string, who: 'planner' | 'reviewer', view: string): Promise<PlanPageState> {
  return signInAs(page, url, who, `the ${view}`, (x) => x.page === view && x.ready);
}

describe('plan editor and review', function () {
  this.timeout(300_000);

  let server: TestServer;
  let browser: Browser;
  let scenario: Scenario;
  let changeSetId: number;

  before(async function () {
    ({ browser, server } = await startBrowserTest(this));
    scenario = await chooseScenario(server.db.knex);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('a planner replaces a zone by a smaller one snapped onto its neighbour', () => {
    let context: BrowserContext;
    let page: Page;

    before(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN' });
      page = await context.newPage();
    });

    after(async () => {
      await context?.close();
    });

    it('signs in and creates a change set', async () => {
      const [lon, lat] = scenario.centre;
      await signIn(page, `${server.url}/plan?center=${lon},${lat}&zoom=${scenario.zoom}`, 'planner', 'editor');
      expect(await page.getAttribute('html', 'lang')).to.equal('vi');
      await page.click('[data-testid=changeset-new]');
      await page.fill('#changeset-title', 'Điều chỉnh cục bộ ô ' + scenario.a.lot_code + ' (kiểm thử)');
      await page.click('[data-testid=changeset-create]');
      const s = await waitFor(page, 'the new change set', (x) => x.changeSet?.status === 'draft');
      changeSetId = s.changeSet!.id;
      expect(s.changeSet!.edits).to.have.length(0);
      await waitFor(page, 'zones of the view', (x) => x.zoneCount > 0);
    });

    it('deletes the zone to be replaced', async () => {
      await clickAt(page, scenario.inA);
      const selected = await waitFor(page, 'zone A selected', (x) => x.selected !== null);
      expect(selected.selected!.id).to.equal(scenario.a.id);
      await page.click('[data-testid=selection] [data-action=delete]');
      const s = await waitFor(page, 'the delete edit', (x) => (x.changeSet?.edits.length ?? 0) === 1);
      expect(s.changeSet!.edits[0].op).to.equal('delete');
      expect(s.changeSet!.edits[0].featureId).to.equal(scenario.a.id);
    });

    it('draws the new zone; its first two corners snap onto the neighbour’s corners and the checks find no overlap', async () => {
      await page.click('[data-testid=draw-new]');
      await waitFor(page, 'drawing mode', (x) => x.editor.mode === 'drawing');
      const [p, q, m1, m2] = scenario.corners;
      // A few pixels off: the snap must pull them onto B's corners.
      await clickAt(page, p, [4, -3]);
      await clickAt(page, q, [-3, 4]);
      await clickAt(page, m1);
      await clickAt(page, m2);
      await clickAt(page, p, [4, -3]);
      const drawn = await waitFor(page, 'the drawn shape', (x) => x.editor.mode === 'editing' && x.editor.geometry !== null);
      const ring = drawn.editor.geometry!.coordinates[0];
      expect(ring.some((c) => same(c, p)), `P ${p.join(',')} among ${JSON.stringify(ring)}`).to.equal(true);
      expect(ring.some((c) => same(c, q)), `Q ${q.join(',')} among ${JSON.stringify(ring)}`).to.equal(true);

      await page.fill('#attr-lot_code', NEW_LOT_CODE);
      await page.selectOption('#attr-land_use_code', 'CC');
      await page.fill('#attr-name', 'Nhà văn hoá khu vực (minh hoạ)');
      await page.fill('#attr-max_coverage_pct', '40');
      await page.fill('#attr-max_far', '1,2');
      await page.fill('#attr-max_floors', '3');
      await page.fill('#attr-max_height_m', '15');
      await page.fill('#attr-min_setback_m', '3');
      const s = await waitFor(page, 'the live checks', (x) => x.live !== null && !x.live.running);
      const messages = await page.textContent('[data-testid=live-checks]');
      expect(s.live!.blocking, messages ?? '').to.equal(false);
      expect(s.live!.checks.filter((c) => c.id === 'overlap' || c.id === 'gap' || c.id === 'sliver'), messages ?? '').to.deep.equal([]);
      expect(await page.textContent('[data-testid=live-checks]')).to.contain('Không phát hiện chồng lấn');
      await page.screenshot({ path: path.join(RESULTS_DIR, 'plan-editor-drawn.png') });
    });

    it('undo takes back the drawing and redo restores it', async () => {
      const before = (await state(page)).editor;
      expect(before.undo).to.be.greaterThan(0);
      await page.click('[data-testid=draw-tools] [data-action=undo]');
      const undone = await waitFor(page, 'undone', (x) => x.editor.redo === 1);
      expect(undone.editor.geometry).to.equal(null);
      await page.keyboard.press('Control+y');
      const redone = await waitFor(page, 'redone', (x) => x.editor.redo === 0 && x.editor.geometry !== null);
      expect(redone.editor.geometry).to.deep.equal(before.geometry);
    });

    it('when a corner is dragged into the neighbour, the overlap is drawn on the map and its message zooms there', async () => {
      const [p, q, m1] = scenario.corners;
      const px = async (x: Position) => (await page.evaluate((c) => window.__spp.pixelOf(c), [x[0], x[1]] as [number, number]))!;
      const [pixelP, pixelQ, pixelM1] = [await px(p), await px(q), await px(m1)];
      // Drag Q 30 px across the shared edge into B and 20 px towards P: more than the snap tolerance (12 px) from every edge of B.
      const along = [pixelP[0] - pixelQ[0], pixelP[1] - pixelQ[1]];
      const alongLen = Math.hypot(along[0], along[1]);
      let normal = [-along[1] / alongLen, along[0] / alongLen];
      if (normal[0] * (pixelQ[0] - pixelM1[0]) + normal[1] * (pixelQ[1] - pixelM1[1]) < 0) normal = [-normal[0], -normal[1]];
      const to = [pixelQ[0] + normal[0] * 30 + (along[0] / alongLen) * 20, pixelQ[1] + normal[1] * 30 + (along[1] / alongLen) * 20];
      await page.mouse.move(pixelQ[0], pixelQ[1]);
      await page.mouse.down();
      await page.mouse.move((pixelQ[0] + to[0]) / 2, (pixelQ[1] + to[1]) / 2, { steps: 4 });
      await page.mouse.move(to[0], to[1], { steps: 4 });
      await page.mouse.up();
      const s = await waitFor(page, 'an overlap error', (x) => x.live !== null && !x.live.running && x.live.checks.some((c) => c.id === 'overlap'));
      expect(s.live!.blocking).to.equal(true);
      expect(s.evidenceCount).to.be.greaterThan(0);
      await page.click('[data-testid=live-checks] [data-check-id=overlap] button');
      await waitFor(page, 'the focused message', (x) => (x as unknown as { focusedCheck: number | null }).focusedCheck !== null);
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'plan-editor-overlap.png') });
      // Undo the drag: the shape is the snapped one again and the checks pass.
      await page.click('[data-testid=draw-tools] [data-action=undo]');
      const back = await waitFor(page, 'checks after undo', (x) => x.live !== null && !x.live.running && !x.live.blocking);
      expect(back.editor.geometry!.coordinates[0].some((c) => same(c, q))).to.equal(true);
    });

    it('adds the zone to the change set; the server’s checks pass too; submits', async () => {
      await page.click('[data-testid=save-edit]');
      const s = await waitFor(page, 'the create edit', (x) => (x.changeSet?.edits.length ?? 0) === 2);
      const created = s.changeSet!.edits.find((e) => e.op === 'create')!;
      expect(created.lotCode).to.equal(NEW_LOT_CODE);
      expect(created.checks, 'the server finds nothing either').to.deep.equal([]);
      await page.click('[data-testid=changeset-panel] [data-event=submit]');
      await waitFor(page, 'submitted', (x) => x.changeSet?.status === 'submitted');
      await page.screenshot({ path: path.join(RESULTS_DIR, 'plan-editor-submitted.png') });
    });
  });

  describe('a reviewer approves each edit and the change set', () => {
    let context: BrowserContext;
    let page: Page;

    before(async () => {
      context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN' });
      page = await context.newPage();
    });

    after(async () => {
      await context?.close();
    });

    it('sees the set in the queue and its diff: one zone added, one removed', async () => {
      const s = await signIn(page, `${server.url}/plan`, 'reviewer', 'review');
      expect(s.changeSetCount).to.be.greaterThan(0);
      await page.click(`[data-testid=review-queue] tr[data-changeset-id="${changeSetId}"] a`);
      const r = await waitFor(page, 'the change set review', (x) => x.page === 'review' && x.ready && x.changeSet?.id === changeSetId);
      expect(r.diff).to.deep.include({ added: 1, removed: 1, modified: 0, phase: 'after' });
      // Each edit lists the attributes it holds, the name and the legal basis included.
      const nameCell = page.locator('tr', { has: page.locator('th', { hasText: /^Tên$/ }) }).locator('td', { hasText: 'Nhà văn hoá khu vực (minh hoạ)' });
      expect(await nameCell.count(), 'the new zone’s name in the review').to.equal(1);
      expect(await page.locator('th', { hasText: /^Căn cứ/ }).count(), 'a citation row per edit').to.equal(2);
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'plan-review-diff.png') });
      await page.click('[data-testid=phase-toggle] [data-phase=before]');
      await waitFor(page, 'the before view', (x) => x.diff?.phase === 'before');
      await page.click('[data-testid=phase-toggle] [data-phase=after]');
    });

    it('approves both edits with a comment, then the set', async () => {
      for (const id of (await state(page)).changeSet!.edits.map((e) => e.id)) {
        await page.fill(`[data-edit-id="${id}"] textarea`, 'Phù hợp (kiểm thử tự động).');
        await page.click(`[data-edit-id="${id}"] [data-decision=approve]`);
        await waitFor(page, `edit ${id} approved`, (x) => x.changeSet!.edits.find((e) => e.id === id)?.review === 'approve');
      }
      await page.click('[data-testid=set-decision] [data-event=approve]');
      await waitFor(page, 'the approved set', (x) => x.changeSet?.status === 'approved');
      await page.screenshot({ path: path.join(RESULTS_DIR, 'plan-review-approved.png') });
    });
  });

  describe('after approval', () => {
    it('the public zones carry the new zone with its lot code, and zone A no longer', async () => {
      const [lon, lat] = scenario.centre;
      const bbox = [lon - 0.003, lat - 0.003, lon + 0.003, lat + 0.003].join(',');
      const response = await fetch(`${server.url}/api/zones?bbox=${bbox}&limit=10000`);
      const page = (await response.json()) as { features: Array<{ id: number; properties: { lot_code: string } }> };
      const lots = page.features.map((f) => f.properties.lot_code);
      expect(lots).to.include(NEW_LOT_CODE);
      expect(page.features.map((f) => f.id)).to.not.include(scenario.a.id);
      expect(lots).to.include(scenario.b.lot_code);
    });

    it('the new zone shares the neighbour’s edge exactly: their overlap in VN-2000 TM-3 is under 0.01 m² and the shared edge is whole', async () => {
      const { rows } = (await server.db.knex.raw(
        `SELECT ST_Area(ST_Intersection(ST_Transform(n.geom, 5897), ST_Transform(b.geom, 5897))) AS overlap_m2,
                ST_Length(ST_Transform(ST_Intersection(ST_Boundary(n.geom), ST_Boundary(b.geom)), 5897)) AS shared_m,
                ST_Distance(ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), 5897), ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), 5897)) AS edge_m
         FROM zones n, zones b
         WHERE n.lot_code = ? AND n.valid_to IS NULL AND b.feature_id = ? AND b.valid_to IS NULL`,
        [scenario.p[0], scenario.p[1], scenario.q[0], scenario.q[1], NEW_LOT_CODE, scenario.b.id],
      )) as { rows: Array<{ overlap_m2: number | string; shared_m: number | string; edge_m: number | string }> };
      expect(rows).to.have.length(1);
      expect(Number(rows[0].overlap_m2)).to.be.lessThan(0.01);
      expect(Number(rows[0].shared_m)).to.be.closeTo(Number(rows[0].edge_m), 0.01);
    });
  });
});

// Checks the demo plan's content: determinism, notices, counts, uniqueness, codes, indicators, constraints and permits.
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { generateDemoPlan, type DemoPlan } from '../../../geodata/demo-plan/generate-demo-plan.ts';
import { findLandUseCode } from '../../../geodata/land-use-codes.ts';
import { demoPlan } from './demo-plan-fixture.ts';

const sha = (p: DemoPlan): string => createHash('sha256').update(JSON.stringify(p)).digest('hex');
const HOUSING = ['NO', 'OM'];

describe('demo plan: content, codes and indicators', function () {
  this.timeout(120_000);
  let plan: DemoPlan;
  before(() => {
    plan = demoPlan().plan;
  });

  it('is deterministic: a second run gives byte-identical JSON', () => {
    expect(sha(generateDemoPlan())).to.equal(sha(plan));
  });

  it('says in both languages that it is synthetic demo data, not an official plan', () => {
    const p = plan.plan;
    expect(p.level).to.equal('zoning');
    expect(p.decision_no).to.match(/^\d+\/QĐ-UBND \(DEMO\)$/);
    expect(p.decision_date).to.match(/^2024-\d\d-\d\d$/);
    expect(p.effective_from >= p.decision_date).to.equal(true);
    expect(p.approved_by).to.contain('minh hoạ');
    expect(p.notice_vi).to.contain('KHÔNG phải đồ án quy hoạch chính thức');
    expect(p.notice_en).to.contain('NOT an official plan');
  });

  it('has counts in the expected ranges', () => {
    expect(plan.zones.length).to.be.within(1000, 5000);
    expect(plan.parcels.length).to.be.within(4000, 8000);
    expect(plan.permits.length).to.be.within(25, 35);
    const kinds = new Set(plan.constraints.map((c) => c.kind));
    expect([...kinds].sort()).to.deep.equal(['flood', 'height_limit', 'heritage', 'red_line', 'river_corridor']);
    expect(plan.constraints.filter((c) => c.kind === 'red_line').length).to.be.above(40);
    const symbols = new Set(plan.zones.map((z) => z.land_use_code));
    for (const s of ['NO', 'OM', 'HH', 'CC', 'TH', 'NT', 'CX', 'P', 'HTKT', 'TG', 'DT', 'MN']) expect(symbols, s).to.include(s);
  });

  it('has unique refs, lot codes, permit numbers and (số tờ, số thửa)', () => {
    const unique = (xs: string[]) => expect(new Set(xs).size).to.equal(xs.length);
    unique(plan.zones.map((z) => z.ref));
    unique(plan.zones.map((z) => z.lot_code));
    unique(plan.constraints.map((c) => c.ref));
    unique(plan.parcels.map((p) => `${p.sheet_no}/${p.parcel_no}`));
    unique(plan.permits.map((p) => p.number));
    for (const z of plan.zones) expect(z.lot_code).to.match(new RegExp(`^${z.land_use_code}-\\d{2,}$`));
    for (const p of plan.permits) expect(p.number).to.match(/^CT-GPXD-20\d\d-\d{6}$/);
  });

  it('numbers parcels 1…n within each sheet', () => {
    const bySheet = new Map<number, number[]>();
    for (const p of plan.parcels) bySheet.set(p.sheet_no, [...(bySheet.get(p.sheet_no) ?? []), p.parcel_no]);
    for (const [sheet, nos] of bySheet) {
      expect(sheet).to.be.above(0);
      expect([...nos].sort((a, b) => a - b), `sheet ${sheet}`).to.deep.equal(nos.map((_, i) => i + 1));
    }
  });

  it('uses only codes of land-use-codes.ts: zone symbols, permitted uses, parcel and permit uses', () => {
    for (const z of plan.zones) {
      expect(findLandUseCode('plan_symbol', z.land_use_code), z.lot_code).to.not.equal(undefined);
      expect(z.permitted_uses.length, z.lot_code).to.be.above(0);
      for (const u of z.permitted_uses) expect(findLandUseCode('land_law', u), `${z.lot_code} ${u}`).to.not.equal(undefined);
    }
    for (const p of plan.parcels) expect(findLandUseCode('land_law', p.land_law_code), p.land_law_code).to.not.equal(undefined);
    for (const p of plan.permits) expect(findLandUseCode('land_law', p.use), p.use).to.not.equal(undefined);
  });

  it('keeps FAR ≤ coverage × floors / 100 wherever all three are set', () => {
    for (const z of plan.zones) {
      if (z.max_far === null || z.max_coverage_pct === null || z.max_floors === null) continue;
      expect(z.max_far, z.lot_code).to.be.at.most((z.max_coverage_pct * z.max_floors) / 100 + 1e-9);
    }
  });

  it('gives plausible indicators per use', () => {
    for (const z of plan.zones) {
      const where = `${z.lot_code}`;
      if (HOUSING.includes(z.land_use_code)) {
        expect(z.max_coverage_pct, where).to.be.within(60, 90);
        expect(z.max_floors, where).to.be.within(3, 7);
      }
      if (z.land_use_code === 'HH') expect(z.max_floors, where).to.be.within(7, 30);
      if (z.land_use_code === 'CX') {
        expect(z.max_coverage_pct, where).to.be.at.most(5);
        expect(z.max_floors, where).to.equal(1);
      }
      if (z.land_use_code === 'MN') expect([z.max_coverage_pct, z.max_far, z.max_floors], where).to.deep.equal([null, null, null]);
      if (z.max_height_m !== null && z.max_floors !== null) expect(z.max_height_m, where).to.be.at.least(z.max_floors * 3);
      expect(z.citation, where).to.match(/^Điều \d+, Quy định quản lý theo đồ án \(demo\)$/);
    }
  });

  it('gives every constraint a rule that fits its kind and a citation', () => {
    for (const c of plan.constraints) {
      if (c.rule === 'no_build') expect(c.value, c.ref).to.equal(null);
      else expect(c.value, c.ref).to.be.above(0);
      if (c.kind === 'red_line') expect(c.rule).to.equal('no_build');
      expect(c.tolerance_m).to.be.within(0.05, 2);
      expect(c.citation).to.contain('Quy định quản lý theo đồ án (demo)');
    }
    const rivers = plan.constraints.filter((c) => c.kind === 'river_corridor').map((c) => c.rule);
    expect(rivers).to.include.members(['no_build', 'setback_m']);
  });

  it('has permits in every status with consistent dates, and both compliant and non-compliant cases', () => {
    const statuses = new Set(plan.permits.map((p) => p.status));
    expect([...statuses].sort()).to.deep.equal(['approved', 'draft', 'rejected', 'revoked', 'submitted', 'under_review']);
    const parcels = new Map(plan.parcels.map((p) => [`${p.sheet_no}/${p.parcel_no}`, p]));
    for (const p of plan.permits) {
      if (p.status === 'draft') expect(p.submitted_at, p.number).to.equal(null);
      else expect(p.submitted_at, p.number).to.match(/^20\d\d-\d\d-\d\dT\d\d:\d\d:00\+07:00$/);
      const decided = ['approved', 'rejected', 'revoked'].includes(p.status);
      expect(p.decided_at !== null, p.number).to.equal(decided);
      if (decided) expect(p.decided_at! > p.submitted_at!, p.number).to.equal(true);
      if (p.status === 'approved' || p.status === 'revoked') expect(p.valid_to! > p.valid_from!, p.number).to.equal(true);
      if (p.status === 'rejected' || p.status === 'revoked') expect(p.decision_reason, p.number).to.be.a('string');
      expect(p.number.slice(8, 12), p.number).to.equal((p.submitted_at ?? '2025').slice(0, 4));
      if (p.parcel) expect(p.site, p.number).to.deep.equal(parcels.get(`${p.parcel.sheet_no}/${p.parcel.parcel_no}`)?.geometry);
      expect(p.floors).to.be.within(1, 30);
      expect(p.height_m).to.be.above(p.floors * 2.5);
      expect(p.gfa_m2).to.be.above(0);
    }
    expect(plan.permits.some((p) => p.parcel === null)).to.equal(true);
    expect(plan.permits.filter((p) => p.decision_reason?.includes('mật độ xây dựng')).length).to.be.at.least(2);
  });
});

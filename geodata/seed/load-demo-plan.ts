// Seeds the generated demo zoning plan (zones, constraints, parcels, sample permits) into an empty database.
import type { Knex } from 'knex';
import { generateDemoPlan } from '../demo-plan/generate-demo-plan.ts';
import { countPlans, insertNewConstraints, insertNewZones, insertPlan } from '../../api/zoning/zoning.store.ts';
import { findParcelIds, insertParcels } from '../../api/parcels/parcels.store.ts';
import { backfillSeedHistory, decidedWithoutSnapshot, findPermit, insertPermitRows, setComplianceSnapshot } from '../../api/permits/permits.store.ts';
import { assessProposal } from '../../api/compliance/compliance.service.ts';
import { endOfDayInVietnam } from '../../api/db/sql.ts';
import { recordAudit } from '../../api/audit/audit.store.ts';

export interface DemoSeedSummary {
  plan_id: number;
  zones: number;
  constraints: number;
  parcels: number;
  permits: number;
}

/** Does nothing when a plan exists already; otherwise writes the whole demo plan in one transaction. */
export async function loadDemoPlan(db: Knex): Promise<DemoSeedSummary | null> {
  if ((await countPlans(db)) > 0) return null;
  const demo = generateDemoPlan();
  return db.transaction(async (trx) => {
    const planId = await insertPlan(trx, {
      code: demo.plan.code,
      name: demo.plan.name,
      level: demo.plan.level,
      decision_no: demo.plan.decision_no,
      decision_date: demo.plan.decision_date,
      approved_by: demo.plan.approved_by,
      effective_from: demo.plan.effective_from,
      status: 'in_force',
      is_demo: true,
      notice_vi: demo.plan.notice_vi,
      notice_en: demo.plan.notice_en,
      boundary: demo.plan.boundary,
    });
    // In force from the start of the effective day, Việt Nam time.
    const validFrom = new Date(`${demo.plan.effective_from}T00:00:00+07:00`);
    const version = { plan_id: planId, valid_from: validFrom };
    await insertNewZones(
      trx,
      demo.zones.map(({ ref: _ref, ...z }) => ({ ...z })),
      version,
    );
    await insertNewConstraints(
      trx,
      demo.constraints.map(({ ref: _ref, ...c }) => ({ ...c })),
      version,
    );
    await insertParcels(
      trx,
      demo.parcels.map((p) => ({
        sheet_no: p.sheet_no,
        parcel_no: p.parcel_no,
        address: p.address,
        ward_code: p.ward_code,
        legal_area_m2: p.legal_area_m2,
        land_law_code: p.land_law_code,
        geometry: p.geometry,
      })),
    );
    const parcelIds = await findParcelIds(trx, demo.permits.flatMap((p) => (p.parcel ? [p.parcel] : [])));
    await insertPermitRows(
      trx,
      demo.permits.map(({ parcel, use, ...p }) => ({
        ...p,
        use_code: use,
        parcel_id: parcel ? (parcelIds.get(`${parcel.sheet_no}/${parcel.parcel_no}`) ?? null) : null,
      })),
    );
    // Decided sample permits carry the report as it stood on their decision day, as real ones do.
    for (const decided of await decidedWithoutSnapshot(trx)) {
      const permit = (await findPermit(trx, decided.id))!;
      const report = await assessProposal(trx, permit, { asOf: endOfDayInVietnam(decided.decided_on), parcelId: decided.parcel_id });
      // An approval against a failed check always carries its override reason.
      const override = permit.status !== 'rejected' && report.status !== 'compliant' ? 'Chấp thuận theo ý kiến của hội đồng thẩm định (dữ liệu minh hoạ) / Approved on the review board\'s advice (demo data)' : null;
      await setComplianceSnapshot(trx, decided.id, report, override);
    }
    await backfillSeedHistory(trx);
    const summary: DemoSeedSummary = {
      plan_id: planId,
      zones: demo.zones.length,
      constraints: demo.constraints.length,
      parcels: demo.parcels.length,
      permits: demo.permits.length,
    };
    await recordAudit(trx, { user_id: null, action: 'seed', entity: 'plan', entity_id: planId, after: { code: demo.plan.code, ...summary } });
    return summary;
  });
}

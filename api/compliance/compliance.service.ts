// Compliance of a building proposal with the plan in force: context from PostGIS, verdict from the pure engine.
import type { Knex } from 'knex';
import { runCompliance, type BuildingProposal, type ComplianceReport } from '../checks/index.ts';
import { loadContextFeatures, loadParcelGeometry } from './compliance.store.ts';

export interface AssessOptions {
  /** The instant whose plan applies (end of the requested day, see db/sql.ts). */
  asOf: Date;
  /** The cadastral parcel the site is, for the within_parcel check. */
  parcelId?: number | null;
}

/**
 * The server's authoritative report. The same engine runs in the browser while drawing; here the
 * context comes from the database, filtered by the site with the GiST indexes.
 */
export async function assessProposal(db: Knex, proposal: BuildingProposal, options: AssessOptions): Promise<ComplianceReport> {
  const { zones, constraints } = await loadContextFeatures(db, proposal.site, options.asOf);
  const parcelGeometry = options.parcelId ? await loadParcelGeometry(db, options.parcelId) : null;
  return runCompliance(proposal, {
    zones,
    constraints,
    parcel: parcelGeometry && options.parcelId ? { id: options.parcelId, geometry: parcelGeometry } : null,
  });
}

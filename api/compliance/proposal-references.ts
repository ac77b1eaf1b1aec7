// What a building proposal names, checked against the database (its parcel, its land-law use) with its geometry: shared by permit applications and feasibility sketches.
import type { Knex } from 'knex';
import type { Polygonal } from '../checks/index.ts';
import type { FieldErrors } from '../http/body.ts';
import { geometryIssuesAsErrors } from '../http/geometry-input.ts';
import { landLawCodeExists, loadParcelGeometry } from './compliance.store.ts';

/** The parts of a proposal whose references the database decides. */
export interface ProposalReferences {
  parcel_id: number | null;
  /** The site in EPSG:4326; null = the parcel's own geometry. */
  site: Polygonal | null;
  footprint: Polygonal;
  use: string;
}

/**
 * The site to check the proposal on (the drawn one, else its parcel's geometry), after adding to
 * `errors` an unknown parcel, a use that is not a land-law code, and geometry that cannot be
 * measured. Null when there is no site to check on (an error says why).
 */
export async function proposalSite(db: Knex, input: ProposalReferences, errors: FieldErrors): Promise<Polygonal | null> {
  let site = input.site;
  if (input.parcel_id !== null) {
    const parcel = await loadParcelGeometry(db, input.parcel_id);
    if (!parcel) errors.add('/parcel_id', `no parcel has the id ${input.parcel_id}`, `không có thửa đất nào có mã thửa ${input.parcel_id}`);
    site ??= parcel;
  }
  if (!(await landLawCodeExists(db, input.use))) {
    errors.add(
      '/use',
      `"${input.use}" is not a land-law use code (see /api/land-use-codes?scheme=land_law)`,
      `"${input.use}" không phải là mã mục đích sử dụng đất theo Luật Đất đai (xem /api/land-use-codes?scheme=land_law)`,
    );
  }
  if (site) geometryIssuesAsErrors(site, input.footprint, errors);
  return site;
}

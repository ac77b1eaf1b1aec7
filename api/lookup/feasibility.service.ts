// Feasibility: the compliance report of a sketched building on a parcel or drawn site, computed and returned, never stored.
import type { Knex } from 'knex';
import type { ComplianceReport } from '../checks/index.ts';
import { assessProposal } from '../compliance/compliance.service.ts';
import { proposalSite } from '../compliance/proposal-references.ts';
import { endOfDayInVietnam } from '../db/sql.ts';
import { FieldErrors } from '../http/body.ts';
import { UnprocessableError, withFieldErrors } from '../http/problem.ts';
import { todayInVietnam } from '../http/query.ts';
import type { FeasibilityInput } from './feasibility.validation.ts';

export type FeasibilityReport = ComplianceReport & { as_of: string; parcel_id: number | null };

export class FeasibilityService {
  constructor(private readonly db: Knex) {}

  /**
   * The same engine and context as a permit's compliance report (assessProposal), read-only: an
   * investor can try sketches without filing anything. Unknown references and geometry that cannot
   * be measured are refused (422) with pointers, as for a permit application.
   */
  async assess(input: FeasibilityInput): Promise<FeasibilityReport> {
    const errors = new FieldErrors();
    const site = await proposalSite(this.db, input, errors);
    if (errors.list.length) {
      throw new UnprocessableError(withFieldErrors({ en: 'The sketch cannot be checked:', vi: 'Không kiểm tra được phác thảo:' }, errors.list), errors.list, 'invalid_proposal');
    }
    const date = input.date ?? todayInVietnam();
    const report = await assessProposal(
      this.db,
      { site: site!, footprint: input.footprint, use: input.use, floors: input.floors, basement_floors: input.basement_floors, height_m: input.height_m, gfa_m2: input.gfa_m2 },
      { asOf: endOfDayInVietnam(date), parcelId: input.parcel_id },
    );
    return { ...report, as_of: date, parcel_id: input.parcel_id };
  }
}

// Planning permits: applications, amendments, the compliance check and decisions; never sees HTTP.
import type { Knex } from 'knex';
import { rolesVi, type User } from '../auth/auth.types.ts';
import type { ComplianceReport } from '../checks/index.ts';
import { assessProposal } from '../compliance/compliance.service.ts';
import { proposalSite } from '../compliance/proposal-references.ts';
import { recordAudit } from '../audit/audit.store.ts';
import { endOfDayInVietnam } from '../db/sql.ts';
import { FieldErrors } from '../http/body.ts';
import { type Bilingual, ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError, withFieldErrors } from '../http/problem.ts';
import { todayInVietnam } from '../http/query.ts';
import { allowedEvents, EDITABLE_STATUSES, effectiveStatus, planTransition, rolesFor, type PermitEvent, type PermitStatus } from './permit-lifecycle.ts';
import { complianceStatusVi, permitEventVi, permitStatusesVi, permitStatusVi } from './permit-names.ts';
import * as store from './permits.store.ts';
import type { Permit, PermitInput, PermitSummary, TransitionRequest } from './permits.types.ts';

/** Default validity of an approved permit: construction must start within 12 months. */
const VALIDITY_MONTHS = 12;

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1 + months, d));
  return t.toISOString().slice(0, 10);
}

function inWards(user: User, wardCode: string | null): boolean {
  return !user.ward_codes || (wardCode !== null && user.ward_codes.includes(wardCode));
}

const noPermit = (id: number): Bilingual => ({ en: `No permit has the id ${id}.`, vi: `Không có hồ sơ cấp phép nào mang mã ${id}.` });
const OUTSIDE_WARDS: Bilingual = { en: 'This permit lies outside the wards assigned to you.', vi: 'Hồ sơ này nằm ngoài các phường được giao cho bạn.' };

export class PermitsService {
  constructor(private readonly db: Knex) {}

  /** Completes and checks an application; the site defaults to the parcel's geometry. */
  private async resolveInput(db: Knex, input: PermitInput): Promise<PermitInput & { site: NonNullable<PermitInput['site']> }> {
    const errors = new FieldErrors();
    const site = await proposalSite(db, input, errors);
    if (errors.list.length) {
      // Unknown references and unmeasurable geometry are well-formed JSON with bad content: 422.
      throw new UnprocessableError(withFieldErrors({ en: 'The application cannot be accepted:', vi: 'Không tiếp nhận được hồ sơ:' }, errors.list), errors.list, 'invalid_application');
    }
    return { ...input, site: site! };
  }

  async create(user: User, raw: PermitInput, requestId?: string): Promise<Permit> {
    const id = await this.db.transaction(async (trx) => {
      const input = await this.resolveInput(trx, raw);
      const number = await store.nextPermitNumber(trx, todayInVietnam().slice(0, 4));
      const newId = await store.insertPermit(trx, { ...input, number, created_by: user.id });
      await recordAudit(trx, { user_id: user.id, action: 'create', entity: 'permit', entity_id: newId, after: { number, ...input }, request_id: requestId });
      return newId;
    });
    return this.get(user, id);
  }

  async amend(user: User, id: number, lockVersion: number, changes: Partial<PermitInput>, requestId?: string): Promise<Permit> {
    await this.db.transaction(async (trx) => {
      const current = await store.findPermit(trx, id);
      if (!current) throw new NotFoundError(noPermit(id));
      if (!inWards(user, current.ward_code)) throw new ForbiddenError(OUTSIDE_WARDS);
      if (!EDITABLE_STATUSES.includes(current.status)) {
        throw new ConflictError(
          {
            en: `A permit that is ${current.status} cannot be amended; only ${EDITABLE_STATUSES.join(', ')} ones can.`,
            vi: `Hồ sơ ở trạng thái ${permitStatusVi(current.status)} không sửa được; chỉ hồ sơ ở trạng thái ${permitStatusesVi(EDITABLE_STATUSES, ' hoặc ')} mới sửa được.`,
          },
          'not_editable',
        );
      }
      if (current.lock_version !== lockVersion) {
        throw new ConflictError(
          {
            en: `The permit was changed by someone else (version ${current.lock_version}, you sent ${lockVersion}): reload it and apply your change again.`,
            vi: `Hồ sơ đã được người khác thay đổi (phiên bản ${current.lock_version}, bạn gửi ${lockVersion}): hãy tải lại và sửa lại.`,
          },
          'stale_version',
          { current_version: current.lock_version },
        );
      }
      const merged: PermitInput = {
        applicant: changes.applicant ?? current.applicant,
        parcel_id: changes.parcel_id !== undefined ? changes.parcel_id : current.parcel_id,
        // A new parcel brings its own site unless a site is sent with it.
        site: changes.site ?? (changes.parcel_id !== undefined ? null : current.site),
        footprint: changes.footprint ?? current.footprint,
        use: changes.use ?? current.use,
        floors: changes.floors ?? current.floors,
        basement_floors: changes.basement_floors ?? current.basement_floors,
        height_m: changes.height_m ?? current.height_m,
        gfa_m2: changes.gfa_m2 ?? current.gfa_m2,
      };
      if (merged.parcel_id === null && merged.site === null) {
        throw new UnprocessableError({ en: '/site: a site or a parcel is required', vi: '/site: cần có khu đất hoặc thửa đất' }, [{ path: '/site', message: 'a site or a parcel is required', message_vi: 'cần có khu đất hoặc thửa đất' }]);
      }
      const input = await this.resolveInput(trx, merged);
      if (!(await store.updatePermitApplication(trx, id, lockVersion, input))) {
        throw new ConflictError({ en: 'The permit was changed by someone else meanwhile: reload it and apply your change again.', vi: 'Trong lúc đó hồ sơ đã được người khác thay đổi: hãy tải lại và sửa lại.' }, 'stale_version');
      }
      await recordAudit(trx, { user_id: user.id, action: 'amend', entity: 'permit', entity_id: id, before: current, after: input, request_id: requestId });
    });
    return this.get(user, id);
  }

  async get(user: User, id: number): Promise<Permit> {
    const p = await store.findPermit(this.db, id);
    if (!p) throw new NotFoundError(noPermit(id));
    return { ...p, effective_status: effectiveStatus(p.status, p.valid_to, todayInVietnam()), allowed_events: inWards(user, p.ward_code) ? allowedEvents(p.status, user.roles) : [] };
  }

  async list(user: User, filter: { status?: string; number?: string; ward?: string; limit: number; offset: number }): Promise<{ items: PermitSummary[]; numberMatched: number }> {
    const today = todayInVietnam();
    const page = await store.pageOfPermits(this.db, { ...filter, wards: user.ward_codes, today });
    return { ...page, items: page.items.map((p) => ({ ...p, effective_status: effectiveStatus(p.status, p.valid_to, today) })) };
  }

  /**
   * The report: the snapshot frozen at the decision for decided permits (unless a date is asked for),
   * otherwise a fresh check against the plan in force on the date (default today).
   */
  async compliance(user: User, id: number, date: string | null): Promise<ComplianceReport & { as_of: string; snapshot: boolean }> {
    const p = await this.get(user, id);
    if (p.compliance_snapshot && date === null) return { ...p.compliance_snapshot, as_of: p.decided_at ?? '', snapshot: true };
    const asOfDate = date ?? todayInVietnam();
    const report = await assessProposal(this.db, p, { asOf: endOfDayInVietnam(asOfDate), parcelId: p.parcel_id });
    return { ...report, as_of: asOfDate, snapshot: false };
  }

  async transition(user: User, id: number, req: TransitionRequest, requestId?: string): Promise<Permit> {
    await this.db.transaction(async (trx) => {
      const locked = await store.lockPermit(trx, id);
      if (!locked) throw new NotFoundError(noPermit(id));
      if (!inWards(user, locked.ward_code)) throw new ForbiddenError(OUTSIDE_WARDS);
      const plan = planTransition(locked.status, req.event, user.roles);
      if (!plan.ok) {
        if (plan.reason === 'forbidden') {
          throw new ForbiddenError({
            en: `"${req.event}" needs the role ${rolesFor(req.event as PermitEvent).join(' or ')}; you have ${user.roles.join(', ')}.`,
            vi: `${permitEventVi(req.event)} cần vai trò ${rolesVi(rolesFor(req.event as PermitEvent), ' hoặc ')}; vai trò của bạn: ${rolesVi(user.roles)}.`,
          });
        }
        const allowed = plan.allowed.length ? plan.allowed.join(', ') : 'none for you';
        const allowedVi = plan.allowed.length ? plan.allowed.map(permitEventVi).join(', ') : 'không có bước nào dành cho bạn';
        throw new ConflictError(
          plan.reason === 'unknown_event'
            ? {
                en: `"${req.event}" is not a permit event; from ${locked.status} the allowed events are: ${allowed}.`,
                vi: `"${req.event}" không phải một bước xử lý hồ sơ; từ trạng thái ${permitStatusVi(locked.status)} các bước được phép là: ${allowedVi}.`,
              }
            : {
                en: `A permit that is ${locked.status} cannot take "${req.event}"; the allowed events are: ${allowed}.`,
                vi: `Hồ sơ ở trạng thái ${permitStatusVi(locked.status)} không thể nhận bước ${permitEventVi(req.event)}; các bước được phép là: ${allowedVi}.`,
              },
          'illegal_transition',
          { current_status: locked.status, allowed_events: plan.allowed },
        );
      }
      const t = plan.transition;
      if (t.needsReason && !req.reason) {
        throw new ValidationError(
          { en: `"${req.event}" needs a reason.`, vi: `${permitEventVi(req.event)} cần nêu lý do.` },
          [{ path: '/reason', message: 'is required for this decision', message_vi: 'là bắt buộc đối với quyết định này' }],
          'reason_required',
        );
      }
      let snapshot: ComplianceReport | null = null;
      if (t.decides && req.event !== 'revoke') {
        const permit = (await store.findPermit(trx, id))!;
        snapshot = await assessProposal(trx, permit, { asOf: endOfDayInVietnam(todayInVietnam()), parcelId: permit.parcel_id });
        if (req.event === 'approve' && snapshot.status !== 'compliant' && !req.override_reason) {
          const failed = snapshot.checks.filter((c) => c.status === 'fail').map((c) => c.id).join(', ');
          throw new UnprocessableError(
            {
              en: `The compliance check is ${snapshot.status} (${failed || 'incomplete'}): approving it needs an override reason.`,
              vi: `Kết quả kiểm tra là ${complianceStatusVi(snapshot.status)} (${failed || 'chưa đủ dữ liệu'}): muốn phê duyệt cần nêu lý do phê duyệt ngoại lệ.`,
            },
            [
              {
                path: '/override_reason',
                message: 'is required to approve an application whose check is not compliant',
                message_vi: 'là bắt buộc để phê duyệt hồ sơ có kết quả kiểm tra không phù hợp quy hoạch',
              },
            ],
            'override_reason_required',
          );
        }
      }
      const today = todayInVietnam();
      const approving = req.event === 'approve';
      await store.applyTransition(trx, id, {
        to: t.to,
        decides: t.decides && req.event !== 'revoke',
        reason: req.reason,
        override_reason: approving && snapshot?.status !== 'compliant' ? req.override_reason : null,
        snapshot,
        user_id: user.id,
        valid_from: approving ? today : null,
        valid_to: approving ? (req.valid_to ?? addMonths(today, VALIDITY_MONTHS)) : null,
        submitted: req.event === 'submit',
      });
      if (approving) await store.insertConditions(trx, id, req.conditions);
      await store.insertPermitEvent(trx, { permit_id: id, event: req.event, from_status: locked.status, to_status: t.to, reason: req.reason ?? req.override_reason, user_id: user.id });
      await recordAudit(trx, {
        user_id: user.id,
        action: req.event,
        entity: 'permit',
        entity_id: id,
        before: { status: locked.status },
        after: { status: t.to, reason: req.reason, override_reason: req.override_reason, compliance: snapshot?.status ?? null, conditions: approving ? req.conditions : undefined },
        request_id: requestId,
      });
    });
    return this.get(user, id);
  }
}

export type { PermitStatus };

// Issues planning-information sheets from the rule card, reads them back and verifies them against the plan in force; never sees HTTP.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.store.ts';
import type { User } from '../auth/auth.types.ts';
import { endOfDayInVietnam } from '../db/sql.ts';
import { ApiError, NotFoundError, UnprocessableError } from '../http/problem.ts';
import { todayInVietnam } from '../http/query.ts';
import { LookupService } from '../lookup/lookup.service.ts';
import type { RuleCard } from '../lookup/lookup.types.ts';
import { compareCards, versionChanges } from './certificates.compare.ts';
import * as store from './certificates.store.ts';
import type { Certificate, CertificateFeatures, CertificateRequest, Verification } from './certificates.types.ts';
import { CODE_ALPHABET } from './certificates.validation.ts';

/**
 * A fresh code: TTQH-<year>-<8 characters>. 40 random bits from the CSPRNG (32 symbols, so each byte
 * mod 32 is unbiased): codes are not sequential, and guessing one that exists is hopeless even with
 * millions issued, so the code alone may open the sheet.
 */
export function newCertificateCode(year: string): string {
  const bytes = crypto.randomBytes(8);
  let tail = '';
  for (const b of bytes) tail += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return `TTQH-${year}-${tail}`;
}

/** Draws of a code before giving up; a clash is a one-in-a-trillion event per sheet. */
const CODE_ATTEMPTS = 5;

export class CertificatesService {
  constructor(private readonly db: Knex) {}

  /** The card for a request on a day; a parcel that does not exist is a 404 pointing at /parcel_id. */
  private async card(lookup: LookupService, request: CertificateRequest, date: string): Promise<RuleCard> {
    if ('parcel_id' in request) {
      try {
        return await lookup.forParcel(request.parcel_id, date);
      } catch (err) {
        if (err instanceof NotFoundError) {
          // The lookup's own words, with the field named and a code of its own.
          throw new ApiError(404, 'parcel_not_found', err.title, { en: err.detail, vi: err.detail_vi }, [
            { path: '/parcel_id', message: `no parcel has the id ${request.parcel_id}`, message_vi: `không có thửa đất nào có mã thửa ${request.parcel_id}` },
          ]);
        }
        throw err;
      }
    }
    return lookup.atPoint(request.lon, request.lat, date);
  }

  /**
   * Issues a sheet: the rule card of today (Việt Nam time) with the feature versions it was made
   * from, stored once with an audit row in the same transaction. The card is computed inside that
   * transaction too, so on PostgreSQL the snapshot and its versions come from the same reads.
   */
  async issue(request: CertificateRequest, user: User | null, requestId: string | null): Promise<Certificate> {
    const asOf = todayInVietnam();
    const instant = endOfDayInVietnam(asOf);
    return this.db.transaction(async (trx) => {
      const card = await this.card(new LookupService(trx), request, asOf);
      if (!card.parcel && !card.plan && card.zones.length === 0) {
        throw new UnprocessableError(
          {
            en: 'No parcel lies at this point and no plan in force covers it: there is nothing a planning-information sheet could state.',
            vi: 'Tại điểm này không có thửa đất nào và không có đồ án quy hoạch nào đang có hiệu lực: phiếu thông tin quy hoạch không có gì để xác nhận.',
          },
          (['/lon', '/lat'] as const).map((path) => ({
            path,
            message: 'no parcel and no plan in force at this point',
            message_vi: 'không có thửa đất nào và không có đồ án quy hoạch nào có hiệu lực tại điểm này',
          })),
          'nothing_to_certify',
        );
      }
      const features = await store.featureVersions(trx, card.zones.map((z) => z.id), card.constraints.map((c) => c.id), instant);
      const ward = card.parcel
        ? await store.wardByCode(trx, card.parcel.ward_code)
        : 'lon' in request
          ? await store.wardAt(trx, request.lon, request.lat)
          : null;
      for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
        const code = newCertificateCode(asOf.slice(0, 4));
        const cert = await store.insertCertificate(trx, {
          code,
          as_of: asOf,
          request,
          plan_id: card.plan?.id ?? null,
          ward,
          card,
          features,
          issued_by: user?.id ?? null,
          request_id: requestId,
        });
        if (!cert) continue;
        await recordAudit(trx, {
          user_id: user?.id ?? null,
          action: 'issue',
          entity: 'certificate',
          entity_id: code,
          after: { code, request, as_of: asOf, plan_id: cert.plan_id, features },
          request_id: requestId,
        });
        return cert;
      }
      throw new Error(`no free certificate code after ${CODE_ATTEMPTS} draws`);
    });
  }

  async get(code: string): Promise<Certificate> {
    const cert = await store.certificateByCode(this.db, code);
    if (!cert) throw new NotFoundError({ en: `No planning-information sheet has the code ${code}.`, vi: `Không có phiếu thông tin quy hoạch nào mang mã ${code}.` }, 'certificate_not_found');
    return cert;
  }

  /**
   * Recomputes the card for the same request against the plan in force today and lists what
   * differs from the issued one; the stored sheet is only read.
   */
  async verify(cert: Certificate, now: Date = new Date()): Promise<Verification> {
    const asOf = todayInVietnam(now);
    let current: RuleCard | null;
    try {
      current = await this.card(new LookupService(this.db), cert.request, asOf);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
      current = null; // the parcel is gone from the cadastre
    }
    const differences = compareCards(cert.card, current);
    const features: CertificateFeatures = current
      ? await store.featureVersions(this.db, current.zones.map((z) => z.id), current.constraints.map((c) => c.id), endOfDayInVietnam(asOf))
      : { zones: [], constraints: [] };
    return {
      checked_at: now.toISOString(),
      as_of: asOf,
      matches: differences.length === 0,
      differences,
      version_changes: versionChanges(cert.features, features),
    };
  }

  /** The background of the sheet's map: what stood in the frame at the moment of issue. */
  async mapLayers(cert: Certificate, box: [number, number, number, number]): Promise<store.MapLayers> {
    return store.mapLayers(this.db, box, new Date(cert.issued_at));
  }
}

// Planning-information sheets (phiếu thông tin quy hoạch): the issued snapshot and its verification against the plan in force.
import type { Polygonal } from '../checks/index.ts';
import type { RuleCard } from '../lookup/lookup.types.ts';

/** What the sheet was asked for: a parcel, or a point (whose parcel, if any, the card then describes). */
export type CertificateRequest = { parcel_id: number } | { lon: number; lat: number };

export interface FeatureVersion {
  feature_id: number;
  version: number;
}

/** The zone and constraint versions a card was computed from, so verification can name what changed. */
export interface CertificateFeatures {
  zones: FeatureVersion[];
  constraints: FeatureVersion[];
}

export interface CertificateWard {
  code: string;
  name: string;
}

/** An issued sheet as stored: never changed after issue (a database trigger refuses it). */
export interface Certificate {
  code: string;
  /** Instant of issue (ISO 8601, UTC). */
  issued_at: string;
  /** The day, in Việt Nam time, whose plan the sheet states. */
  as_of: string;
  request: CertificateRequest;
  plan_id: number | null;
  ward: CertificateWard | null;
  features: CertificateFeatures;
  card: RuleCard;
}

export interface CertificateLinks {
  self: string;
  pdf: string;
  /** Absolute URL of the verification page, as the QR code on the sheet holds it. */
  verify: string;
}

export interface Difference {
  /** JSON pointer into the issued card (`/zones/0/max_coverage_pct`), or into the current one for what is new. */
  path: string;
  issued: unknown;
  current: unknown;
  message: string;
  message_vi: string;
}

export interface VersionChange {
  kind: 'zone' | 'constraint';
  feature_id: number;
  issued_version: number | null;
  current_version: number | null;
}

export interface Verification {
  checked_at: string;
  /** The day whose plan the sheet was compared with (today in Việt Nam). */
  as_of: string;
  matches: boolean;
  differences: Difference[];
  /** Feature versions that changed since issue, whether or not the card's values changed with them. */
  version_changes: VersionChange[];
}

export type CertificateView = Certificate & { links: CertificateLinks };

/** The card's drawable parts; the optional members are drawn when the card carries them. */
export interface CardDrawing {
  parcel: Polygonal | null;
  buildable: Polygonal | null;
  red_line_take: Polygonal | null;
  zone_parts: { zone_id: number; geometry: Polygonal }[];
  constraint_overlaps: { constraint_id: number; geometry: Polygonal }[];
}

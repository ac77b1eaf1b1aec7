// Calls of the investor and citizen tools: search, the rule card, the feasibility check of a sketch and planning-information sheets.
import type { ComplianceReport, Polygonal } from '../../api/checks/index.ts';
import type { RuleCard } from '../../api/lookup/lookup.types.ts';
import type { SearchItem, SearchResult } from '../../api/search/search.types.ts';
import type { ApiClient, PageQuery } from '../api/client.ts';

export type { RuleCard, SearchItem, SearchResult };

/** A sketched building as POST /api/feasibility takes it. */
export interface FeasibilityRequest {
  parcel_id: number;
  footprint: Polygonal;
  use: string;
  floors: number;
  height_m: number;
  gfa_m2: number;
  date?: string;
}

export type FeasibilityReport = ComplianceReport & { as_of: string; parcel_id: number | null };

/** The answer of POST /api/certificates (the sheet's snapshot and where to get it). */
export interface IssuedCertificate {
  code: string;
  issued_at: string;
  as_of: string;
  links: { self: string; pdf: string; verify: string };
}

export interface LookupApi {
  search(q: string, signal?: AbortSignal): Promise<SearchResult>;
  atPoint(lon: number, lat: number, date: string | null, signal?: AbortSignal): Promise<RuleCard>;
  parcelRules(id: number, date: string | null, signal?: AbortSignal): Promise<RuleCard>;
  feasibility(request: FeasibilityRequest, signal?: AbortSignal): Promise<FeasibilityReport>;
  issueCertificate(request: { parcel_id: number } | { lon: number; lat: number }): Promise<IssuedCertificate>;
}

const withDate = (params: Record<string, string>, date: string | null): Record<string, string> => (date ? { ...params, date } : params);

export function createLookupApi(api: ApiClient): LookupApi {
  const { http } = api;
  return {
    search: (q, signal) => http.get<SearchResult>('/api/search', { q }, signal),
    atPoint: (lon, lat, date, signal) => http.get<RuleCard>('/api/lookup', withDate({ lon: lon.toFixed(7), lat: lat.toFixed(7) }, date), signal),
    parcelRules: (id, date, signal) => http.get<RuleCard>(`/api/parcels/${id}/rules`, withDate({}, date), signal),
    feasibility: (request, signal) => http.send<FeasibilityReport>('POST', '/api/feasibility', request, signal),
    issueCertificate: (request) => http.send<IssuedCertificate>('POST', '/api/certificates', request),
  };
}

/**
 * The API client with zones and constraints read as of `date`: what the browser check loads its
 * context through, so the live result judges the sketch against the same plan as the card.
 */
export function datedApi(api: ApiClient, date: string | null): ApiClient {
  if (!date) return api;
  return {
    ...api,
    zones: (query: PageQuery = {}) => api.zones({ ...query, date }),
    constraints: (query: PageQuery = {}) => api.constraints({ ...query, date }),
  } as ApiClient;
}

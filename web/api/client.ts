// Same-origin API client: typed fetch helpers that turn problem+json answers into ApiError.
import type {
  ConstraintPage,
  Health,
  ItemList,
  LandUseCode,
  LonLatBbox,
  ParcelPage,
  Plan,
  Problem,
  WardPage,
  ZonePage,
} from './types.ts';

/** An API or network failure; `status` 0 means the request never got an HTTP answer. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly problem: Problem;

  constructor(problem: Problem, status: number) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code;
    this.problem = problem;
  }
}

export interface ApiClientOptions {
  /** Prefix for every path; '' means same origin as the page. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface PageQuery {
  bbox?: LonLatBbox;
  limit?: number;
  /** As-of date YYYY-MM-DD for the plan's features (default: today). */
  date?: string;
  signal?: AbortSignal;
}

/** The transport both API clients share: JSON in and out, problem+json turned into ApiError. */
export interface Http {
  get<T>(path: string, params?: Record<string, string>, signal?: AbortSignal): Promise<T>;
  /** POST/PATCH with a JSON body; a 204 answer resolves to undefined. */
  send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T>;
}

export interface ApiClient {
  http: Http;
  health(signal?: AbortSignal): Promise<Health>;
  plans(signal?: AbortSignal): Promise<ItemList<Plan>>;
  landUseCodes(scheme?: string, signal?: AbortSignal): Promise<ItemList<LandUseCode>>;
  wards(query?: PageQuery): Promise<WardPage>;
  zones(query?: PageQuery): Promise<ZonePage>;
  constraints(query?: PageQuery): Promise<ConstraintPage>;
  parcels(query?: PageQuery): Promise<ParcelPage>;
}

// Six decimals is about 0.1 m: finer than any view edge needs, and it keeps URLs cache-friendly.
function formatBbox(bbox: LonLatBbox): string {
  return bbox.map((n) => n.toFixed(6)).join(',');
}

function pageParams(query: PageQuery): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.bbox) params.bbox = formatBbox(query.bbox);
  if (query.limit !== undefined) params.limit = String(query.limit);
  if (query.date) params.date = query.date;
  return params;
}

export function createHttp(options: ApiClientOptions = {}): Http {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function request<T>(method: string, path: string, init: { params?: Record<string, string>; body?: unknown; signal?: AbortSignal }): Promise<T> {
    const search = new URLSearchParams(init.params ?? {}).toString();
    const url = `${baseUrl}${path}${search ? `?${search}` : ''}`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        // The session lives in an httpOnly cookie: same-origin requests must carry it.
        credentials: 'same-origin',
        signal: init.signal,
      });
    } catch (error) {
      // Let aborts through untouched: callers cancel superseded view loads on purpose.
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError({ title: 'Network error', detail: String(error) }, 0);
    }
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok) {
      let problem: Problem = { title: response.statusText, status: response.status };
      if (type.includes('json')) {
        try {
          problem = { ...problem, ...((await response.json()) as Problem) };
        } catch {
          // A broken error body still yields an error with the HTTP status.
        }
      }
      throw new ApiError(problem, response.status);
    }
    if (response.status === 204) return undefined as T;
    if (!type.includes('json')) {
      throw new ApiError({ title: 'Unexpected response', detail: `${url} answered ${type || 'no content type'}` }, response.status);
    }
    return (await response.json()) as T;
  }

  return {
    get: (path, params, signal) => request('GET', path, { params, signal }),
    send: (method, path, body, signal) => request(method, path, { body, signal }),
  };
}

export function createApiClient(options: ApiClientOptions & { http?: Http } = {}): ApiClient {
  const http = options.http ?? createHttp(options);
  const { get } = http;
  return {
    http,
    health: (signal) => get<Health>('/api/health', {}, signal),
    plans: (signal) => get<ItemList<Plan>>('/api/plans', {}, signal),
    landUseCodes: (scheme, signal) => get<ItemList<LandUseCode>>('/api/land-use-codes', scheme ? { scheme } : {}, signal),
    wards: (query = {}) => get<WardPage>('/api/wards', pageParams(query), query.signal),
    zones: (query = {}) => get<ZonePage>('/api/zones', pageParams(query), query.signal),
    constraints: (query = {}) => get<ConstraintPage>('/api/constraints', pageParams(query), query.signal),
    parcels: (query = {}) => get<ParcelPage>('/api/parcels', pageParams(query), query.signal),
  };
}

// Client of the signed-in part of the API: sign-in, planning permits, their compliance reports and decisions.
import type { Http } from './client.ts';
import type {
  Permit,
  PermitAmendment,
  PermitApplication,
  PermitPage,
  PermitQuery,
  ServerComplianceReport,
  TransitionRequest,
  User,
} from './permit-types.ts';

export interface PermitClient {
  me(): Promise<User | null>;
  login(email: string, password: string): Promise<User>;
  logout(): Promise<void>;
  list(query?: PermitQuery, signal?: AbortSignal): Promise<PermitPage>;
  get(id: number, signal?: AbortSignal): Promise<Permit>;
  create(application: PermitApplication): Promise<Permit>;
  amend(id: number, amendment: PermitAmendment): Promise<Permit>;
  compliance(id: number, date?: string, signal?: AbortSignal): Promise<ServerComplianceReport>;
  transition(id: number, request: TransitionRequest): Promise<Permit>;
}

export interface PermitClientOptions {
  http: Http;
}

function queryParams(query: PermitQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params[key] = String(value);
  }
  return params;
}

export function createPermitClient(options: PermitClientOptions): PermitClient {
  const { http } = options;
  return {
    me: async () => (await http.get<{ user: User | null }>('/api/auth/me')).user,
    login: async (email, password) => (await http.send<{ user: User }>('POST', '/api/auth/login', { email, password })).user,
    logout: () => http.send<void>('POST', '/api/auth/logout'),
    list: (query = {}, signal) => http.get<PermitPage>('/api/permits', queryParams(query), signal),
    get: (id, signal) => http.get<Permit>(`/api/permits/${id}`, {}, signal),
    create: (application) => http.send<Permit>('POST', '/api/permits', application),
    amend: (id, amendment) => http.send<Permit>('PATCH', `/api/permits/${id}`, amendment),
    compliance: (id, date, signal) => http.get<ServerComplianceReport>(`/api/permits/${id}/compliance`, date ? { date } : {}, signal),
    transition: (id, request) => http.send<Permit>('POST', `/api/permits/${id}/transitions`, request),
  };
}

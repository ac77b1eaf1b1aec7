// Users, roles and sessions as the rest of the API sees them.
export const ROLES = ['admin', 'planner', 'reviewer', 'permit_officer', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  /** Wards the user may act in; null = the whole city. */
  ward_codes: string[] | null;
}

export interface LoginResult {
  token: string;
  user: User;
  expires_at: string;
}

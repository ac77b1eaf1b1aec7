// Users, roles and sessions as the rest of the API sees them.
export const ROLES = ['admin', 'planner', 'reviewer', 'permit_officer', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

/** What Vietnamese readers call each role: the pages show these names and problem details use them. */
export const ROLE_NAMES_VI: Record<Role, string> = {
  admin: 'quản trị',
  planner: 'quy hoạch',
  reviewer: 'lãnh đạo phê duyệt',
  permit_officer: 'cán bộ cấp phép',
  inspector: 'thanh tra',
};

/** Roles in Vietnamese, joined by `joiner` (", " or " hoặc "); "không có" for none. */
export function rolesVi(roles: readonly Role[], joiner = ', '): string {
  return roles.length ? roles.map((r) => `"${ROLE_NAMES_VI[r]}"`).join(joiner) : 'không có';
}

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

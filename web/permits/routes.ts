// The permit pages' routes, read from location.pathname (the server answers all of them with permits.html).
export type PermitRoute =
  | { page: 'list' }
  | { page: 'new' }
  | { page: 'detail'; id: number }
  | { page: 'print'; id: number }
  | { page: 'not-found' };

export function parseRoute(pathname: string): PermitRoute {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/permits' || path === '/permits.html') return { page: 'list' };
  if (path === '/permits/new') return { page: 'new' };
  const match = /^\/permits\/(\d{1,9})(\/print)?$/.exec(path);
  if (match) return match[2] ? { page: 'print', id: Number(match[1]) } : { page: 'detail', id: Number(match[1]) };
  return { page: 'not-found' };
}

export const paths = {
  list: () => '/permits',
  create: () => '/permits/new',
  detail: (id: number) => `/permits/${id}`,
  print: (id: number) => `/permits/${id}/print`,
};

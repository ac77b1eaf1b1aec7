// Link building for collection answers: self and next, keeping the caller's other query parameters.
import type { Request } from 'express';

export interface Link {
  rel: string;
  href: string;
  type?: string;
  title?: string;
}

function withQuery(req: Request, changes: Record<string, string>): string {
  const url = new URL(req.originalUrl, 'http://placeholder');
  for (const [k, v] of Object.entries(changes)) url.searchParams.set(k, v);
  return url.pathname + url.search;
}

/** self, plus next when the page was cut (numberMatched > offset + numberReturned). */
export function pageLinks(req: Request, page: { offset: number; limit: number; numberMatched: number; numberReturned: number }, type: string): Link[] {
  const links: Link[] = [{ rel: 'self', href: req.originalUrl, type }];
  if (page.offset + page.numberReturned < page.numberMatched) {
    links.push({ rel: 'next', href: withQuery(req, { offset: String(page.offset + page.limit), limit: String(page.limit) }), type });
  }
  return links;
}

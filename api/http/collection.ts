// Collection answers: GeoJSON FeatureCollections and item lists with numberMatched/numberReturned and links.
import type { Request } from 'express';
import { pageLinks } from './links.ts';
import { endOfDayInVietnam } from '../db/sql.ts';
import { parseBbox, parseDate, parseLimit, parseOffset, todayInVietnam, type Bbox } from './query.ts';

export interface PageParams {
  bbox: Bbox | null;
  limit: number;
  offset: number;
}

/** bbox, limit and offset of a collection request, validated. */
export function pageParams(req: Request): PageParams {
  return { bbox: parseBbox(req), limit: parseLimit(req), offset: parseOffset(req) };
}

/** `date=YYYY-MM-DD` (default: today in Việt Nam) and the instant it stands for. */
export function asOfParams(req: Request): { date: string; asOf: Date } {
  const date = parseDate(req) ?? todayInVietnam();
  return { date, asOf: endOfDayInVietnam(date) };
}

export function featureCollection<F>(req: Request, params: PageParams, page: { items: F[]; numberMatched: number }, extra: Record<string, unknown> = {}) {
  return {
    type: 'FeatureCollection' as const,
    ...extra,
    numberMatched: page.numberMatched,
    numberReturned: page.items.length,
    timeStamp: new Date().toISOString(),
    links: pageLinks(req, { ...params, numberMatched: page.numberMatched, numberReturned: page.items.length }, 'application/geo+json'),
    features: page.items,
  };
}

export function itemList<T>(req: Request, params: { limit: number; offset: number }, page: { items: T[]; numberMatched: number }) {
  return {
    numberMatched: page.numberMatched,
    numberReturned: page.items.length,
    links: pageLinks(req, { ...params, numberMatched: page.numberMatched, numberReturned: page.items.length }, 'application/json'),
    items: page.items,
  };
}

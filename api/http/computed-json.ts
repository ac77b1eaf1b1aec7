// JSON answers that are computed afresh for each request (rule cards, feasibility reports): sent without an ETag.
import type { Response } from 'express';

/**
 * Sends `body` as JSON like res.json, less the ETag Express derives by hashing every body: a card
 * is asked for a clicked point or a sketch, which no client asks again to revalidate, and hashing
 * the card's geometry was a twentieth of the server's time per lookup. Compression still applies.
 */
export function sendComputedJson(res: Response, body: unknown): void {
  res.type('application/json');
  res.end(JSON.stringify(body));
}

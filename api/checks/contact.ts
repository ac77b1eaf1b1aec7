// What counts as touching rather than overlapping: the engine's contact width and the area below which any part is contact.

/**
 * Overlap parts at most this wide (m) are contact, not overlap, and are dropped. Edges that touch in
 * lon/lat — a vertex snapped onto a neighbour's edge on the map — are a few nanometres apart in
 * TM-3, because a straight lon/lat edge is not exactly straight there: clipping leaves needles of
 * ~1e-9 m. Features closer than this also count as touching (distance ≤ CONTACT_M).
 */
export const CONTACT_M = 0.001;
/** A disc of diameter w has area π w²/4, so a part no larger than this is contact whatever its shape. */
export const CONTACT_AREA_M2 = (Math.PI * CONTACT_M * CONTACT_M) / 4;

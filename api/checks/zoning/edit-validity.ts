// Check geometry_valid for an edited zone or constraint: structural issues (geometry-issues.ts) plus spikes, each with where it is.
import type { Position } from 'geojson';
import { toVn2000 } from '../../../geodata/crs.ts';
import { DEFAULT_CHECK_PARAMS } from '../check-params.ts';
import { en, vi, whereEn, whereVi } from '../format.ts';
import { findShapeIssues, type Subject } from '../geometry-issues.ts';
import { measurementSrid, polygonsOf, type XY } from '../planar.ts';
import type { Polygonal } from '../check.types.ts';
import type { EditCheckParams, EditCheckResult } from './edit-check.types.ts';
import { cap, editResult, type Text } from './edit-text.ts';

/**
 * Vertices where the outline runs out and comes straight back: the angle between the two edges at
 * the vertex is below params.spike_angle_deg. An exact fold-back (angle 0) is already a
 * self-intersection; a near one crosses nothing, but leaves a needle no plan means to draw and that
 * every overlap and gap test then trips over. Repeated positions (closer than duplicate_point_m)
 * are skipped, as the structural check drops them.
 */
function spikes(g: Polygonal, name: Text, p: EditCheckParams): EditCheckResult[] {
  const srid = measurementSrid(g);
  const limit = (p.spike_angle_deg * Math.PI) / 180;
  const out: EditCheckResult[] = [];
  for (const rings of polygonsOf(g)) {
    for (const ring of rings) {
      const pts: { xy: XY; ll: Position }[] = [];
      for (const ll of ring.slice(0, -1)) {
        const xy = toVn2000(ll, srid);
        const prev = pts[pts.length - 1];
        if (prev && Math.hypot(xy[0] - prev.xy[0], xy[1] - prev.xy[1]) < DEFAULT_CHECK_PARAMS.duplicate_point_m) continue;
        pts.push({ xy, ll });
      }
      const n = pts.length;
      if (n < 3) continue;
      for (let i = 0; i < n; i++) {
        const a = pts[(i + n - 1) % n].xy;
        const { xy: b, ll } = pts[i];
        const c = pts[(i + 1) % n].xy;
        const u: XY = [a[0] - b[0], a[1] - b[1]];
        const v: XY = [c[0] - b[0], c[1] - b[1]];
        const angle = Math.atan2(Math.abs(u[0] * v[1] - u[1] * v[0]), u[0] * v[0] + u[1] * v[1]);
        if (angle >= limit) continue;
        const length = Math.min(Math.hypot(...u), Math.hypot(...v));
        const deg = (angle * 180) / Math.PI;
        out.push(editResult('geometry_valid', {
          severity: 'error',
          code: 'spike',
          text: {
            en: `${cap(name.en)} has a spike at ${whereEn(ll)}: the outline runs out ${en(length, 2)} m and comes back at an angle of ${en(deg, 2)}°. Remove the vertex.`,
            vi: `${cap(name.vi)} có một gai nhọn tại ${whereVi(ll)}: đường bao đi ra ${vi(length, 2)} m rồi quay lại với góc ${vi(deg, 2)}°. Hãy xóa đỉnh này.`,
          },
          evidence: { type: 'Point', coordinates: ll },
        }));
      }
    }
  }
  return out;
}

/**
 * geometry_valid for a zone or constraint as edited: errors for anything that makes the geometry
 * unmeasurable (self-intersections with the crossing point, unclosed or too-short rings, zero-area
 * rings, bad coordinates, holes outside shells, overlapping parts) and for spikes; a warning for
 * repeated consecutive positions (dropped when measuring). `blocking` tells the caller to skip the
 * topology checks, which need a measurable geometry.
 */
export function validityResults(subject: Subject, g: unknown, name: Text, p: EditCheckParams): { results: EditCheckResult[]; blocking: boolean } {
  const issues = findShapeIssues(subject, g, DEFAULT_CHECK_PARAMS);
  const results = issues.map((i) =>
    editResult('geometry_valid', {
      severity: i.severity === 'fail' ? 'error' : 'warning',
      code: i.code,
      text: { en: `${cap(name.en)}: ${i.message}`, vi: `${cap(name.vi)}: ${i.message_vi}` },
      evidence: i.evidence,
    }),
  );
  const blocking = issues.some((i) => i.blocking);
  if (!blocking) results.push(...spikes(g as Polygonal, name, p));
  return { results, blocking };
}

// Check land_use: the proposed use (land-law code) is permitted in the zone(s) that govern the site.
import type { BuildingProposal, CheckContext, CheckParams, CheckResult } from './check.types.ts';
import { cite, notApplicable, result } from './format.ts';
import { analysisFor, type SiteAnalysis } from './site-analysis.ts';
import { lotCodes } from './zone-shares.ts';

const norm = (code: string): string => code.trim().toUpperCase();

/**
 * land_use: fail when a governing zone lists its permitted uses and the proposed use is not among
 * them (under the strictest rule the use must be permitted in every governing zone); warn when a
 * governing zone lists no uses at all (the plan data is silent: check the regulation by hand);
 * not_applicable without a zone. Codes compare case-insensitively. measured/limit are null.
 *
 * @example
 * const r = checkLandUse({ ...proposal, use: 'TMD' }, { zones: [cx01], constraints: [] });
 * r.message; // "The use TMD is not permitted in zone CX-01, which permits DGD, DYT (Điều 9 …)."
 */
export function checkLandUse(proposal: BuildingProposal, context: CheckContext, params?: Partial<CheckParams>, shared?: SiteAnalysis): CheckResult {
  const a = analysisFor(proposal, context, params, shared);
  const governing = a.zones.governing;
  if (governing.length === 0) {
    return notApplicable('land_use', 'No zone governs the site, so the use cannot be checked.', 'Không có lô quy hoạch áp dụng cho khu đất nên không thể kiểm tra chức năng sử dụng đất.');
  }
  const use = typeof proposal.use === 'string' ? norm(proposal.use) : '';
  if (use === '') {
    return result('land_use', {
      status: 'fail',
      message: 'The proposal gives no land use code.',
      message_vi: 'Hồ sơ không ghi mã loại đất / chức năng sử dụng.',
    });
  }
  const refusing = governing.filter((z) => z.permitted_uses.length > 0 && !z.permitted_uses.map(norm).includes(use));
  if (refusing.length > 0) {
    const z = refusing[0];
    const permits = z.permitted_uses.map(norm).join(', ');
    return result('land_use', {
      status: 'fail',
      message: `The use ${use} is not permitted in zone ${z.lot_code}, which permits ${permits}${cite(z.citation)}.` + (refusing.length > 1 ? ` Nor in ${lotCodes(refusing.slice(1))}.` : ''),
      message_vi:
        `Chức năng ${use} không được phép trong lô ${z.lot_code}; lô này cho phép ${permits}${cite(z.citation)}.` +
        (refusing.length > 1 ? ` Cũng không được phép trong lô ${lotCodes(refusing.slice(1))}.` : ''),
      citation: z.citation,
    });
  }
  const silent = governing.filter((z) => z.permitted_uses.length === 0);
  if (silent.length > 0) {
    return result('land_use', {
      status: 'warn',
      message: `Zone ${lotCodes(silent)} lists no permitted uses in the plan data; check the use ${use} against the plan's regulation.`,
      message_vi: `Dữ liệu quy hoạch của lô ${lotCodes(silent)} không ghi các chức năng được phép; cần đối chiếu chức năng ${use} với quy định quản lý theo đồ án.`,
      citation: silent[0].citation,
    });
  }
  return result('land_use', {
    status: 'pass',
    message: `The use ${use} is permitted in zone ${lotCodes(governing)}${cite(governing[0].citation)}.`,
    message_vi: `Chức năng ${use} được phép trong lô ${lotCodes(governing)}${cite(governing[0].citation)}.`,
    citation: governing[0].citation,
  });
}

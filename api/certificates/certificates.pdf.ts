// The A4 PDF of a planning-information sheet: header with code and QR, parcel, map at a stated scale, rule card, citations and the demo-data notice.
import PDFDocument from 'pdfkit';
import { vi as viNum } from '../checks/format.ts';
import type { CardConstraint, CardZone } from '../lookup/lookup.types.ts';
import {
  BUILDABLE_COLOUR,
  constraintSymbol,
  degreesMinutes,
  drawMap,
  drawScaleBar,
  MM,
  PARCEL_COLOUR,
  SUBJECT_COLOUR,
  TAKE_COLOUR,
  type MapFrame,
} from './certificate-map.ts';
import { B, CONTENT_W, drawQr, fonts, INK, MAP_HEIGHT_MM, MAP_WIDTH_MM, MARGIN, MUTED, PAGE_H, R, RULE, Sheet, type Cell, type Doc } from './certificate-layout.ts';
import type { MapLayers } from './certificates.store.ts';

export { MAP_HEIGHT_MM, MAP_WIDTH_MM, preloadFonts } from './certificate-layout.ts';
import type { CardDrawing, Certificate } from './certificates.types.ts';

export interface SheetInput {
  cert: Certificate;
  frame: MapFrame;
  layers: MapLayers;
  drawing: CardDrawing;
  verifyUrl: string;
}

/** A number the Vietnamese way (1.234,5), whole numbers without decimals. */
function n(v: number | null | undefined, decimals = 1): string {
  if (v === null || v === undefined) return '—';
  return viNum(v, Number.isInteger(v) ? 0 : decimals).replace(/(,\d*?)0+$/, '$1').replace(/,$/, '');
}
const area = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${viNum(v, 1)} m²`);
const orNone = (v: string | null | undefined) => (v && v.trim() ? v : '—');

/** dd/mm/yyyy hh:mm in Việt Nam time (UTC+7, no daylight saving). */
export function vietnamTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
}
const vietnamDate = (d: string | null) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '—');

function header(sheet: Sheet, input: SheetInput): void {
  const { doc } = sheet;
  const { cert, verifyUrl } = input;
  const qrSize = 27 * MM;
  const qrX = MARGIN + CONTENT_W - qrSize;
  const textW = CONTENT_W - qrSize - 8 * MM;
  let y = MARGIN;
  doc.font(R).fontSize(8).fillColor(MUTED).text('THÀNH PHỐ CẦN THƠ · Hệ thống thông tin quy hoạch / Cần Thơ spatial planning platform', MARGIN, y, { width: textW });
  y = doc.y + 5;
  doc.font(B).fontSize(18).fillColor(INK).text('Phiếu thông tin quy hoạch', MARGIN, y, { width: textW });
  y = doc.y;
  doc.font(R).fontSize(11).fillColor(MUTED).text('Planning information sheet', MARGIN, y, { width: textW });
  y = doc.y + 7;
  const rows: [string, string, string][] = [
    ['Mã phiếu', 'Code', cert.code],
    ['Thời điểm cấp', 'Issued', `${vietnamTime(cert.issued_at)} (giờ Việt Nam / Việt Nam time)`],
    ['Theo quy hoạch ngày', 'Plan as of', vietnamDate(cert.as_of)],
  ];
  for (const [vi, en, value] of rows) {
    doc.font(R).fontSize(8.5).fillColor(MUTED).text(`${vi} / ${en}:`, MARGIN, y, { width: 62 * MM, lineBreak: false });
    doc.font(B).fontSize(vi === 'Mã phiếu' ? 11 : 8.5).fillColor(INK).text(value, MARGIN + 62 * MM, y - (vi === 'Mã phiếu' ? 1.5 : 0), { width: textW - 62 * MM });
    y = Math.max(doc.y, y + 12) + 1;
  }
  drawQr(doc, verifyUrl, qrX, MARGIN, qrSize);
  doc.font(R).fontSize(6).fillColor(INK);
  const urlY = MARGIN + qrSize + 1;
  const urlW = 60 * MM;
  doc.text(verifyUrl, MARGIN + CONTENT_W - urlW, urlY, { width: urlW, align: 'right' });
  doc.font(R).fontSize(6.5).fillColor(MUTED).text('Quét để xác minh / Scan to verify', MARGIN + CONTENT_W - urlW, doc.y + 0.5, { width: urlW, align: 'right' });
  sheet.y = Math.max(y, doc.y) + 6;
}

function demoNotice(sheet: Sheet, cert: Certificate): void {
  const plan = cert.card.plan;
  if (!plan?.is_demo) return;
  const { doc } = sheet;
  const head = 'DỮ LIỆU MINH HOẠ — KHÔNG PHẢI QUY HOẠCH CHÍNH THỨC / DEMO DATA — NOT AN OFFICIAL PLAN';
  const texts = [plan.notice_vi, plan.notice_en].filter((t): t is string => !!t && t.trim().length > 0);
  const w = CONTENT_W - 12;
  doc.font(B).fontSize(8.5);
  let h = doc.heightOfString(head, { width: w }) + 8;
  doc.font(R).fontSize(8);
  for (const t of texts) h += doc.heightOfString(t, { width: w }) + 2;
  sheet.ensure(h + 4);
  doc.rect(MARGIN, sheet.y, CONTENT_W, h).lineWidth(0.8).fillColor('#fef3c7').strokeColor('#b45309').fillAndStroke();
  let y = sheet.y + 4;
  doc.font(B).fontSize(8.5).fillColor('#7c2d12').text(head, MARGIN + 6, y, { width: w });
  y = doc.y + 1;
  texts.forEach((t, i) => {
    doc.font(R).fontSize(8).fillColor(i === 0 ? INK : MUTED).text(t, MARGIN + 6, y, { width: w });
    y = doc.y + 2;
  });
  sheet.y += h + 6;
}

function parcelSection(sheet: Sheet, input: SheetInput): void {
  const { cert } = input;
  const p = cert.card.parcel;
  sheet.heading('1. Thửa đất', 'Parcel');
  const label = (vi: string, en: string): Cell => ({ text: vi, en });
  const rows: Cell[][] = [[label('Phường, xã', 'Ward or commune'), { text: cert.ward?.name ?? '—', bold: true }]];
  if (p) {
    rows.push(
      [label('Tờ bản đồ số / thửa đất số', 'Map sheet / parcel no.'), { text: `Tờ ${p.sheet_no}, thửa ${p.parcel_no}`, bold: true }],
      [label('Địa chỉ', 'Address'), { text: orNone(p.address) }],
      [label('Diện tích pháp lý', 'Legal area (land-use certificate)'), { text: area(p.legal_area_m2) }],
      [label('Diện tích đo trên bản đồ', `Measured area (planar VN-2000 / TM-3, ${cert.card.computed.crs ?? ''})`), { text: area(p.area_m2) }],
    );
  } else {
    rows.push([label('Thửa đất', 'Parcel'), { text: 'Không có thửa đất tại vị trí yêu cầu', en: 'No cadastral parcel at the requested point' }]);
  }
  if ('lon' in cert.request) {
    rows.push([label('Vị trí yêu cầu (WGS 84)', 'Requested point'), { text: `kinh độ ${cert.request.lon.toFixed(6)}, vĩ độ ${cert.request.lat.toFixed(6)}` }]);
  }
  sheet.table([70 * MM, CONTENT_W - 70 * MM], rows);
}

function mapSection(sheet: Sheet, input: SheetInput): void {
  const { doc } = sheet;
  const { frame, cert } = input;
  sheet.heading('2. Sơ đồ vị trí', 'Location map');
  const box = { x: MARGIN, y: sheet.y + 9, w: MAP_WIDTH_MM * MM, h: MAP_HEIGHT_MM * MM };
  sheet.ensure(box.h + 9 + 60);
  box.y = sheet.y + 9;
  const p = cert.card.parcel;
  drawMap(doc, box, {
    frame,
    layers: input.layers,
    drawing: input.drawing,
    point: 'lon' in cert.request ? [cert.request.lon, cert.request.lat] : null,
    subjectLabel: p ? `Thửa ${p.parcel_no}` : null,
    subjectParcelId: p?.id ?? null,
    fonts: { regular: R, bold: B },
  });
  let y = box.y + box.h + 10;
  const barH = drawScaleBar(doc, MARGIN, y, frame, R);
  doc.font(B).fontSize(10).fillColor(INK).text(`Tỷ lệ 1:${frame.scale}`, MARGIN + 68 * MM, y - 2, { lineBreak: false });
  const crs = frame.srid === 5897 ? 'VN-2000 / TM-3 105°00′ (EPSG:5897)' : 'VN-2000 / TM-3 105°30′ (EPSG:9209)';
  doc.font(R).fontSize(7).fillColor(MUTED).text(`Scale 1:${frame.scale} (A4 at 100 %) · ${crs}`, MARGIN + 68 * MM, y + 10, { width: CONTENT_W - 68 * MM, lineBreak: false });
  y += Math.max(barH, doc.y - y) + 6;
  sheet.y = y;
  legend(sheet, input);
}

function legend(sheet: Sheet, input: SheetInput): void {
  const { doc } = sheet;
  const items: { draw: (x: number, y: number) => void; vi: string; en: string }[] = [];
  const swatch = (fill: string | null, stroke: string, opacity = 1, dashed = false, width = 1) => (x: number, y: number) => {
    doc.save();
    if (fill) doc.rect(x, y, 14, 8).fillColor(fill).fillOpacity(opacity).fill();
    doc.fillOpacity(1).rect(x, y, 14, 8).lineWidth(width).strokeColor(stroke);
    if (dashed) doc.dash(2, { space: 1.5 });
    doc.stroke().undash();
    doc.restore();
  };
  if (input.drawing.parcel) items.push({ draw: swatch(null, SUBJECT_COLOUR, 1, false, 2), vi: 'Thửa đất của phiếu', en: 'Parcel of this sheet' });
  if (input.drawing.buildable) items.push({ draw: swatch(BUILDABLE_COLOUR, BUILDABLE_COLOUR, 0.35, true), vi: 'Phần đất được xây dựng (sau khoảng lùi)', en: 'Buildable area (after setbacks)' });
  if (input.drawing.red_line_take) {
    items.push({
      draw: (x, y) => {
        doc.save().rect(x, y, 14, 8).clip();
        doc.lineWidth(0.6).strokeColor(TAKE_COLOUR);
        for (let d = -8; d < 14; d += 3.5) doc.moveTo(x + d, y + 8).lineTo(x + d + 8, y).stroke();
        doc.restore();
        swatch(null, TAKE_COLOUR, 1, false, 0.6)(x, y);
      },
      vi: 'Phần thửa nằm ngoài chỉ giới đường đỏ',
      en: 'Part of the parcel beyond the red line',
    });
  }
  if (input.layers.parcels.length > 0) items.push({ draw: swatch(null, PARCEL_COLOUR, 1, false, 0.4), vi: 'Thửa đất lân cận (số thửa)', en: 'Neighbouring parcels (parcel no.)' });
  const kinds = [...new Set(input.layers.constraints.map((c) => c.kind))].sort();
  for (const k of kinds) {
    const s = constraintSymbol(k);
    items.push({ draw: swatch(s.fill, s.stroke, Math.max(s.fillOpacity, 0.2), k !== 'red_line'), vi: s.vi, en: s.en });
  }
  const uses = new Map<string, { colour: string; name: string | null }>();
  for (const z of input.layers.zones) if (!uses.has(z.land_use_code)) uses.set(z.land_use_code, { colour: z.colour ?? '#d4d4d4', name: z.land_use_name });
  for (const [code, u] of [...uses].sort(([a], [b]) => a.localeCompare(b))) {
    items.push({ draw: swatch(u.colour, '#6b7280', 0.45), vi: `${code} — ${u.name ?? code}`, en: '' });
  }
  const conv = input.frame.convergenceDeg;
  const side = conv < 0 ? 'tây' : 'đông';
  const sideEn = conv < 0 ? 'west' : 'east';
  const north = `N: bắc lưới VN-2000 TM-3; bắc thực lệch ${degreesMinutes(conv)} về phía ${side}`;
  const northEn = `N: grid north; true north lies ${degreesMinutes(conv)} ${sideEn} of it`;

  const cols = 2;
  const colW = CONTENT_W / cols;
  const rowH = 16;
  const rows = Math.ceil(items.length / cols);
  sheet.ensure(12 + rows * rowH + 12);
  doc.font(B).fontSize(8).fillColor(INK).text('Chú giải / Legend', MARGIN, sheet.y, { lineBreak: false });
  const top = sheet.y + 11;
  items.forEach((it, i) => {
    const x = MARGIN + (i % cols) * colW;
    const y = top + Math.floor(i / cols) * rowH;
    it.draw(x, y + 1);
    doc.font(R).fontSize(7.5).fillColor(INK).text(it.vi, x + 19, y, { width: colW - 22, lineBreak: false, ellipsis: true });
    if (it.en) doc.font(R).fontSize(6.5).fillColor(MUTED).text(it.en, x + 19, y + 9, { width: colW - 22, lineBreak: false, ellipsis: true });
  });
  sheet.y = top + rows * rowH + 1;
  doc.font(R).fontSize(7).fillColor(MUTED).text(`${north} · ${northEn}`, MARGIN, sheet.y, { width: CONTENT_W });
  sheet.y = doc.y + 4;
}

const unit = (v: number | null, u: string) => (v === null ? 'không quy định' : `${n(v, 2)}${u}`);

function indicatorSection(sheet: Sheet, cert: Certificate): void {
  const zones = cert.card.zones;
  sheet.heading('3. Chỉ tiêu quy hoạch', 'Planning indicators');
  if (zones.length === 0) {
    sheet.paragraph('Không có lô quy hoạch nào áp dụng tại vị trí này. / No zone of a plan in force applies here.');
    return;
  }
  const labelW = 62 * MM;
  const perTable = 4;
  for (let start = 0; start < zones.length; start += perTable) {
    const part = zones.slice(start, start + perTable);
    const colW = (CONTENT_W - labelW) / part.length;
    const widths = [labelW, ...part.map(() => colW)];
    const row = (vi: string, en: string, f: (z: CardZone) => Cell): Cell[] => [{ text: vi, en }, ...part.map(f)];
    sheet.table(widths, [
      row('Ký hiệu lô', 'Lot code', (z) => ({ text: z.lot_code, bold: true })),
      row('Chức năng sử dụng đất', 'Land use', (z) => ({ text: `${z.land_use_code} — ${z.land_use_name ?? ''}`, en: z.land_use_name_en ?? undefined })),
      row('Tỷ lệ diện tích thửa trong lô', 'Share of the parcel in the lot', (z) => ({ text: `${n(z.share_pct, 2)} %`, en: z.area_m2 === null ? undefined : area(z.area_m2) })),
      row('Mật độ xây dựng tối đa', 'Max building coverage', (z) => ({ text: unit(z.max_coverage_pct, ' %') })),
      row('Hệ số sử dụng đất tối đa', 'Max floor area ratio', (z) => ({ text: unit(z.max_far, ' lần') })),
      row('Tầng cao tối đa', 'Max floors', (z) => ({ text: unit(z.max_floors, ' tầng') })),
      row('Chiều cao tối đa', 'Max height', (z) => ({ text: unit(z.max_height_m, ' m') })),
      row('Khoảng lùi tối thiểu', 'Min setback', (z) => ({ text: unit(z.min_setback_m, ' m') })),
      row('Chức năng được phép', 'Permitted uses', (z) => ({ text: z.permitted_uses.length ? z.permitted_uses.join(', ') : '—' })),
      row('Chỉ tiêu áp dụng cho thửa', 'Limits apply to the parcel', (z) => ({ text: z.governs ? 'Có' : 'Không', en: z.governs ? 'Yes' : 'No' })),
      row('Căn cứ', 'Legal source', (z) => ({ text: orNone(z.citation) })),
    ]);
  }
  const rule = cert.card.computed.zone_rule;
  const ruleText: Record<string, [string, string]> = {
    single: ['Thửa đất nằm trọn trong một lô: áp dụng chỉ tiêu của lô đó.', 'The parcel lies in one lot: its limits apply.'],
    dominant: ['Một lô chiếm từ 95 % diện tích thửa trở lên: áp dụng chỉ tiêu của lô đó.', 'One lot holds 95 % of the parcel or more: its limits apply.'],
    strictest: ['Thửa đất thuộc nhiều lô: áp dụng giá trị chặt chẽ nhất của mỗi chỉ tiêu.', 'The parcel spans several lots: the strictest value of each indicator applies.'],
  };
  const r = ruleText[rule];
  if (r) sheet.paragraph(`${r[0]} / ${r[1]}`, { size: 7.5, colour: MUTED });
}

const KIND_VI: Record<string, string> = {
  red_line: 'Chỉ giới đường đỏ',
  river_corridor: 'Hành lang bảo vệ sông',
  heritage: 'Khu vực bảo vệ di tích',
  flood: 'Vùng ngập',
  height_limit: 'Giới hạn chiều cao',
};
function ruleText(c: CardConstraint): Cell {
  if (c.rule === 'no_build') return { text: 'Cấm xây dựng', en: 'No building' };
  if (c.rule === 'setback_m') return { text: `Khoảng lùi ${n(c.value, 2)} m`, en: `Setback ${c.value ?? '—'} m` };
  return { text: `Chiều cao tối đa ${n(c.value, 2)} m`, en: `Max height ${c.value ?? '—'} m` };
}

function constraintSection(sheet: Sheet, cert: Certificate): void {
  sheet.heading('4. Ràng buộc', 'Constraints');
  const list = cert.card.constraints;
  if (list.length === 0) {
    sheet.paragraph('Không có ràng buộc nào trong phạm vi thửa đất. / No constraint near the parcel.');
    return;
  }
  const widths = [44 * MM, 34 * MM, 25 * MM, 25 * MM, CONTENT_W - 128 * MM];
  sheet.table(widths, [
    [{ text: 'Loại', en: 'Kind' }, { text: 'Quy định', en: 'Rule' }, { text: 'Chồng lấn', en: 'Overlap', align: 'right' }, { text: 'Khoảng cách', en: 'Distance', align: 'right' }, { text: 'Căn cứ', en: 'Legal source' }],
    ...list.map((c): Cell[] => [
      { text: c.name ?? KIND_VI[c.kind] ?? c.kind, en: constraintSymbol(c.kind).en },
      ruleText(c),
      { text: c.overlap_m2 === null ? '—' : area(c.overlap_m2), align: 'right' },
      { text: c.distance_m === null ? '—' : `${n(c.distance_m, 2)} m`, align: 'right' },
      { text: orNone(c.citation) },
    ]),
  ], true);
}

function computedSection(sheet: Sheet, cert: Certificate): void {
  const c = cert.card.computed;
  sheet.heading('5. Diện tích tính toán', 'Computed areas');
  const label = (vi: string, en: string): Cell => ({ text: vi, en });
  const how = (vi: string, en: string): Cell => ({ text: vi, en, colour: MUTED });
  sheet.table([62 * MM, 32 * MM, CONTENT_W - 94 * MM], [
    [label('Diện tích nằm ngoài chỉ giới đường đỏ', 'Area beyond the red line'), { text: area(c.red_line_take_m2), align: 'right', bold: true }, how('Phần thửa đất thuộc đất dành cho đường', 'The part of the parcel in the road reserve')],
    [label('Diện tích khu đất thực', 'Net site area'), { text: area(c.net_site_area_m2), align: 'right', bold: true }, how('Diện tích thửa trừ phần ngoài chỉ giới đường đỏ', 'Parcel area minus the area beyond the red line')],
    [label('Diện tích có thể xây dựng', 'Buildable area'), { text: area(c.buildable_area_m2), align: 'right', bold: true }, how(c.setback_m ? `Khu đất thực trừ dải lùi ${n(c.setback_m, 2)} m so với chỉ giới đường đỏ` : 'Khu đất thực (không có khoảng lùi so với chỉ giới đường đỏ)', c.setback_m ? `Net site minus the ${c.setback_m} m setback strip from the red line` : 'Net site (no red-line setback)')],
    [label('Diện tích xây dựng tối đa', 'Max building footprint'), { text: area(c.max_footprint_m2), align: 'right', bold: true }, how('min(diện tích có thể xây dựng; khu đất thực × mật độ xây dựng)', 'min(buildable area, net site × max coverage)')],
    [label('Tổng diện tích sàn tối đa', 'Max gross floor area'), { text: area(c.max_gfa_m2), align: 'right', bold: true }, how('Khu đất thực × hệ số sử dụng đất', 'Net site × max FAR')],
  ]);
  sheet.paragraph(
    `Diện tích tính phẳng trong hệ toạ độ ${c.crs ?? 'VN-2000 / TM-3'} như diện tích địa chính. / Areas are planar in ${c.crs ?? 'VN-2000 / TM-3'}, as cadastral areas are.`,
    { size: 7.5, colour: MUTED },
  );
}

function sourcesSection(sheet: Sheet, cert: Certificate): void {
  const { card } = cert;
  sheet.heading('6. Căn cứ pháp lý', 'Legal sources');
  const plan = card.plan;
  if (plan) {
    const decision = [plan.decision_no ? `Quyết định số ${plan.decision_no}` : null, plan.decision_date ? `ngày ${vietnamDate(plan.decision_date)}` : null, plan.approved_by ? `của ${plan.approved_by}` : null].filter(Boolean).join(' ');
    sheet.paragraph(`Đồ án / Plan: ${plan.name}${decision ? ` — ${decision}` : ''}`, { bold: true });
  } else {
    sheet.paragraph('Không có đồ án quy hoạch có hiệu lực tại vị trí này. / No plan in force covers this place.');
  }
  // One line per legal source, naming every lot or constraint that takes its values from it.
  const bySource = (items: { citation: string | null; name: string }[]) => {
    const groups = new Map<string, string[]>();
    for (const it of items) if (it.citation) groups.set(it.citation, [...(groups.get(it.citation) ?? []), it.name]);
    return groups;
  };
  for (const [citation, lots] of bySource(card.zones.map((z) => ({ citation: z.citation, name: `Lô ${z.lot_code}` })))) {
    sheet.paragraph(`• ${lots.join(', ')} (mật độ xây dựng, hệ số sử dụng đất, tầng cao, chiều cao, khoảng lùi / coverage, FAR, floors, height, setback): ${citation}`, { indent: 6 });
  }
  for (const [citation, names] of bySource(card.constraints.map((c) => ({ citation: c.citation, name: c.name ?? KIND_VI[c.kind] ?? c.kind })))) {
    sheet.paragraph(`• ${[...new Set(names)].join('; ')}: ${citation}`, { indent: 6 });
  }
  sheet.paragraph('• Cách tính diện tích, khoảng lùi và quy tắc thửa thuộc nhiều lô: theo QCVN 01:2021/BXD và quy định quản lý của đồ án; áp dụng như trong kiểm tra cấp phép của SPP. / Areas, setbacks and the multi-lot rule as in QCVN 01:2021/BXD and the plan\'s regulation, applied as in SPP\'s permit check.', { indent: 6, size: 7.5, colour: MUTED });
  if (card.message_vi || card.message) {
    sheet.heading('Ghi chú', 'Notes');
    if (card.message_vi) sheet.paragraph(card.message_vi);
    if (card.message) sheet.paragraph(card.message, { colour: MUTED, size: 7.5 });
  }
  sheet.paragraph(
    'Phiếu này thể hiện quy hoạch có hiệu lực vào ngày cấp và không thay đổi sau khi cấp. Quy hoạch có thể được điều chỉnh sau đó: quét mã QR để đối chiếu với quy hoạch đang có hiệu lực.',
    { size: 7.5 },
  );
  sheet.paragraph('This sheet states the plan in force on its day of issue and never changes afterwards. The plan may be amended later: scan the QR code to compare with the plan in force now.', { size: 7.5, colour: MUTED });
}

function footers(doc: Doc, cert: Certificate, verifyUrl: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = PAGE_H - 11 * MM;
    doc.moveTo(MARGIN, y - 3).lineTo(MARGIN + CONTENT_W, y - 3).lineWidth(0.4).strokeColor(RULE).stroke();
    doc.font(R).fontSize(7).fillColor(MUTED);
    doc.text(`${cert.code} · ${verifyUrl}`, MARGIN, y, { lineBreak: false });
    const page = `Trang / Page ${i + 1}/${range.count}`;
    doc.text(page, MARGIN + CONTENT_W - doc.widthOfString(page), y, { lineBreak: false });
  }
}

/**
 * The sheet as a pdfkit document, ended: pipe it to the response. Everything it shows comes from
 * the stored snapshot and the map layers as they stood at issue, and the document's dates are the
 * issue instant, so the same sheet renders the same way every time.
 */
export function renderCertificatePdf(input: SheetInput): Doc {
  const { cert } = input;
  const issued = new Date(cert.issued_at);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: 8 * MM },
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: `Phiếu thông tin quy hoạch ${cert.code}`,
      Subject: 'Planning information sheet / Phiếu thông tin quy hoạch',
      Author: 'SPP — Cần Thơ spatial planning platform',
      Creator: 'SPP',
      Producer: 'SPP',
      CreationDate: issued,
      ModDate: issued,
    },
    lang: 'vi-VN',
    displayTitle: true,
  });
  const f = fonts();
  // pdfkit takes a parsed fontkit font where its types only list file sources.
  doc.registerFont(R, f.regular as unknown as Buffer);
  doc.registerFont(B, f.bold as unknown as Buffer);
  const sheet = new Sheet(doc);
  header(sheet, input);
  demoNotice(sheet, cert);
  parcelSection(sheet, input);
  mapSection(sheet, input);
  indicatorSection(sheet, cert);
  constraintSection(sheet, cert);
  computedSection(sheet, cert);
  sourcesSection(sheet, cert);
  footers(doc, cert, input.verifyUrl);
  doc.end();
  return doc;
}

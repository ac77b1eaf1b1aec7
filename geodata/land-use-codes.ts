// The land-use code table: QCVN 01:2021 planning categories, plan-sheet lot symbols and land-law codes, with the crosswalk between them. Seeded by api/, drawn as the legend by web/ (no Node imports).

/**
 * Three lists that must not be conflated (DOMAIN-VN.md):
 * - `planning`: land categories of QCVN 01:2021/BXD (what a plan allocates land to);
 * - `plan_symbol`: the lot symbols printed on plan sheets ("NO-03", "CX-12"); a zone's land_use_code;
 * - `land_law`: codes of the land-law classification (certificates, land-use plans); a permit's `use`
 *   and a zone's `permitted_uses` are land-law codes.
 * Each plan symbol's `maps_to` is the crosswalk: its planning category and the land-law uses it permits.
 */
export type LandUseScheme = 'planning' | 'plan_symbol' | 'land_law';

export interface LandUseCode {
  scheme: LandUseScheme;
  code: string;
  name_vi: string;
  name_en: string;
  /** Fill colour, `#rrggbb`. */
  colour: string;
  /** Parent code in the same scheme, or null for a top-level entry. */
  parent: string | null;
  maps_to: { planning?: string; land_law?: string[] };
  source: string;
}

const QCVN =
  'QCVN 01:2021/BXD (Circular 01/2021/TT-BXD), land categories of urban construction planning; codes are SPP identifiers, the regulation names the categories but gives no codes';
const SHEET =
  'Lot symbol convention seen on published Hà Nội / Hồ Chí Minh City zoning sheets; not confirmed as a national standard (the symbol annex of Circular 04/2022/TT-BXD could not be checked). Colour: usual plan-sheet convention, approximate';
const LAND_LAW =
  'Land-law code list as in Circular 08/2024/TT-BTNMT (land statistics and inventory); to be checked against the current text of the circular before legal use. Colour approximates the land-use status map palette';

type Row = [code: string, name_vi: string, name_en: string, colour: string, parent: string | null];

const planning = (rows: Row[]): LandUseCode[] =>
  rows.map(([code, name_vi, name_en, colour, parent]) => ({ scheme: 'planning', code, name_vi, name_en, colour, parent, maps_to: {}, source: QCVN }));

const landLaw = (rows: Row[], note = ''): LandUseCode[] =>
  rows.map(([code, name_vi, name_en, colour, parent]) => ({
    scheme: 'land_law', code, name_vi, name_en, colour, parent, maps_to: {}, source: note ? `${LAND_LAW}. ${note}` : LAND_LAW,
  }));

const symbol = (
  code: string, name_vi: string, name_en: string, colour: string, planningCode: string, permitted: string[], parent: string | null = null,
): LandUseCode => ({
  scheme: 'plan_symbol', code, name_vi, name_en, colour, parent, maps_to: { planning: planningCode, land_law: permitted }, source: SHEET,
});

const PLANNING: LandUseCode[] = planning([
  ['CIVIL', 'Đất dân dụng', 'Civil land', '#f6d08a', null],
  ['CIVIL_UNIT', 'Đất đơn vị ở', 'Residential unit land', '#f8d98f', 'CIVIL'],
  ['CIVIL_UNIT_HOUSING', 'Đất nhóm nhà ở', 'Housing groups', '#ffd966', 'CIVIL_UNIT'],
  ['CIVIL_UNIT_SERVICES', 'Đất công trình dịch vụ - công cộng cấp đơn vị ở', 'Unit-level public services', '#f4a3a3', 'CIVIL_UNIT'],
  ['CIVIL_UNIT_GREEN', 'Đất cây xanh sử dụng công cộng trong đơn vị ở', 'Unit-level public green space', '#9fd88b', 'CIVIL_UNIT'],
  ['CIVIL_UNIT_ROADS', 'Đất đường giao thông cấp đơn vị ở', 'Unit roads', '#e6e6e6', 'CIVIL_UNIT'],
  ['CIVIL_CITY_SERVICES', 'Đất công trình dịch vụ - công cộng cấp đô thị', 'City-level public services', '#ee7d7d', 'CIVIL'],
  ['CIVIL_CITY_GREEN', 'Đất cây xanh sử dụng công cộng cấp đô thị', 'City-level public green space', '#6cc46c', 'CIVIL'],
  ['CIVIL_CITY_ROADS', 'Đất giao thông đô thị và bãi đỗ xe', 'City roads and parking', '#d9d9d9', 'CIVIL'],
  ['NONCIVIL', 'Đất ngoài dân dụng', 'Non-civil land', '#c9b8d9', null],
  ['NONCIVIL_INDUSTRY', 'Đất công nghiệp', 'Industry', '#c6a5d6', 'NONCIVIL'],
  ['NONCIVIL_WAREHOUSE', 'Đất kho tàng', 'Warehouses', '#b9a2c8', 'NONCIVIL'],
  ['NONCIVIL_OFFICE', 'Đất cơ quan, trụ sở', 'Offices and agencies', '#e58f6f', 'NONCIVIL'],
  ['NONCIVIL_TRAINING', 'Đất đào tạo, nghiên cứu', 'Training and research', '#f19cb4', 'NONCIVIL'],
  ['NONCIVIL_HEALTH', 'Đất y tế cấp vùng', 'Regional health facilities', '#f07070', 'NONCIVIL'],
  ['NONCIVIL_DEFENCE', 'Đất an ninh, quốc phòng', 'Security and defence', '#a3a37a', 'NONCIVIL'],
  ['NONCIVIL_RELIGION_HERITAGE', 'Đất tôn giáo, di tích', 'Religious and heritage sites', '#b7794a', 'NONCIVIL'],
  ['NONCIVIL_GREEN', 'Đất cây xanh chuyên dụng', 'Specialised green space', '#4fa85b', 'NONCIVIL'],
  ['NONCIVIL_INFRA', 'Đất đầu mối hạ tầng kỹ thuật', 'Technical-infrastructure hubs', '#a6a6c8', 'NONCIVIL'],
  ['NONCIVIL_TRANSPORT', 'Đất giao thông đối ngoại', 'External transport', '#bfbfbf', 'NONCIVIL'],
  ['MIXED', 'Đất sử dụng hỗn hợp', 'Mixed use', '#d89ad0', null],
  ['AGRICULTURE', 'Đất nông nghiệp', 'Agriculture', '#e3f0a6', null],
  ['FOREST', 'Đất lâm nghiệp', 'Forest', '#8cc084', null],
  ['WATER', 'Mặt nước', 'Water', '#9dd3f2', null],
]);

const PLAN_SYMBOLS: LandUseCode[] = [
  symbol('NO', 'Đất nhóm nhà ở hiện trạng cải tạo', 'Housing group (existing, upgraded)', '#ffd966', 'CIVIL_UNIT_HOUSING', ['ODT', 'TMD']),
  symbol('OM', 'Đất nhóm nhà ở xây dựng mới', 'Housing group (new)', '#f6b26b', 'CIVIL_UNIT_HOUSING', ['ODT']),
  symbol('HH', 'Đất hỗn hợp', 'Mixed use', '#d89ad0', 'MIXED', ['ODT', 'TMD', 'TSC', 'DVH']),
  symbol('CC', 'Đất công trình công cộng', 'Public services', '#ee7d7d', 'CIVIL_CITY_SERVICES', ['TSC', 'DVH', 'DTT', 'DCH', 'DYT']),
  symbol('CQ', 'Đất cơ quan, trụ sở', 'Government offices', '#e58f6f', 'NONCIVIL_OFFICE', ['TSC']),
  symbol('YT', 'Đất y tế', 'Health facility', '#f07070', 'CIVIL_CITY_SERVICES', ['DYT']),
  symbol('TH', 'Đất trường học (tiểu học, trung học cơ sở)', 'School (primary, lower secondary)', '#f19cb4', 'CIVIL_UNIT_SERVICES', ['DGD']),
  symbol('NT', 'Đất nhà trẻ, trường mẫu giáo', 'Nursery and kindergarten', '#f7b6c8', 'CIVIL_UNIT_SERVICES', ['DGD']),
  symbol('CX', 'Đất cây xanh công viên, vườn hoa', 'Public green space, park', '#6cc46c', 'CIVIL_CITY_GREEN', ['DKV']),
  symbol('P', 'Đất bãi đỗ xe', 'Parking', '#c8c8c8', 'CIVIL_CITY_ROADS', ['DGT']),
  symbol('GT', 'Đất giao thông', 'Roads and transport', '#e6e6e6', 'CIVIL_CITY_ROADS', ['DGT']),
  symbol('HTKT', 'Đất hạ tầng kỹ thuật', 'Technical infrastructure', '#a6a6c8', 'NONCIVIL_INFRA', ['DNL', 'DBV', 'DRA', 'DTL']),
  symbol('TG', 'Đất tôn giáo, tín ngưỡng', 'Religious and belief sites', '#b7794a', 'NONCIVIL_RELIGION_HERITAGE', ['TON', 'TIN']),
  symbol('DT', 'Đất di tích lịch sử - văn hoá', 'Historic and cultural heritage site', '#8e5a3c', 'NONCIVIL_RELIGION_HERITAGE', ['DDT', 'TIN']),
  symbol('MN', 'Mặt nước (sông, kênh, rạch)', 'Water (river, canal)', '#9dd3f2', 'WATER', ['SON', 'MNC']),
  symbol('NN', 'Đất nông nghiệp', 'Agricultural land', '#e3f0a6', 'AGRICULTURE', ['LUC', 'HNK', 'CLN', 'NTS']),
  symbol('CN', 'Đất công nghiệp, tiểu thủ công nghiệp', 'Industry and crafts', '#c6a5d6', 'NONCIVIL_INDUSTRY', ['SKC']),
];

const LAND_LAW_CODES: LandUseCode[] = [
  ...landLaw([
    ['NNP', 'Nhóm đất nông nghiệp', 'Agricultural land group', '#eef5c4', null],
    ['PNN', 'Nhóm đất phi nông nghiệp', 'Non-agricultural land group', '#fbe3d6', null],
    ['LUC', 'Đất chuyên trồng lúa', 'Specialised wet-rice land', '#fffc8c', 'NNP'],
    ['HNK', 'Đất trồng cây hằng năm khác', 'Other annual crops', '#fff0b4', 'NNP'],
    ['CLN', 'Đất trồng cây lâu năm', 'Perennial crops', '#ffd2a0', 'NNP'],
    ['NTS', 'Đất nuôi trồng thủy sản', 'Aquaculture', '#aaffff', 'NNP'],
    ['OTC', 'Đất ở', 'Residential land', '#ffb4ff', 'PNN'],
    ['ODT', 'Đất ở tại đô thị', 'Urban residential land', '#ffa0ff', 'OTC'],
    ['ONT', 'Đất ở tại nông thôn', 'Rural residential land', '#ffd0ff', 'OTC'],
    ['TSC', 'Đất xây dựng trụ sở cơ quan', 'Government office land', '#ffaaa0', 'PNN'],
    ['DSN', 'Đất xây dựng công trình sự nghiệp', 'Land for public-service facilities', '#ffaaa0', 'PNN'],
    ['DVH', 'Đất xây dựng cơ sở văn hóa', 'Cultural facilities', '#ffaaa0', 'DSN'],
    ['DYT', 'Đất xây dựng cơ sở y tế', 'Health facilities', '#ffaaa0', 'DSN'],
    ['DGD', 'Đất xây dựng cơ sở giáo dục và đào tạo', 'Education and training facilities', '#ffaaa0', 'DSN'],
    ['DTT', 'Đất xây dựng cơ sở thể dục, thể thao', 'Sports facilities', '#ffaaa0', 'DSN'],
    ['CSK', 'Đất sản xuất, kinh doanh phi nông nghiệp', 'Non-agricultural production and business land', '#faaaa0', 'PNN'],
    ['TMD', 'Đất thương mại, dịch vụ', 'Commercial and service land', '#faaaa0', 'CSK'],
    ['SKC', 'Đất cơ sở sản xuất phi nông nghiệp', 'Non-agricultural production facilities', '#faaaa0', 'CSK'],
    ['CCC', 'Đất sử dụng vào mục đích công cộng', 'Land for public purposes', '#ffaa32', 'PNN'],
    ['DGT', 'Đất công trình giao thông', 'Transport land', '#ffaa32', 'CCC'],
    ['DTL', 'Đất công trình thủy lợi', 'Irrigation and drainage works', '#aaffff', 'CCC'],
    ['DNL', 'Đất công trình năng lượng, chiếu sáng công cộng', 'Energy and public lighting works', '#ffaaa0', 'CCC'],
    ['DBV', 'Đất công trình bưu chính, viễn thông, công nghệ thông tin', 'Post, telecom and IT works', '#ffaaa0', 'CCC'],
    ['DRA', 'Đất bãi thải, xử lý chất thải', 'Waste disposal and treatment', '#cdaa66', 'CCC'],
    ['DCH', 'Đất chợ dân sinh, chợ đầu mối', 'Markets', '#ffaaa0', 'CCC'],
    ['DKV', 'Đất khu vui chơi, giải trí công cộng, sinh hoạt cộng đồng', 'Public recreation and community space', '#b4ffb4', 'CCC'],
    ['TON', 'Đất tôn giáo', 'Religious land', '#ffaaa0', 'PNN'],
    ['TIN', 'Đất tín ngưỡng', 'Folk-belief (worship) land', '#ffaaa0', 'PNN'],
    ['NTD', 'Đất nghĩa trang, nhà tang lễ, cơ sở hỏa táng; đất cơ sở lưu giữ tro cốt', 'Cemeteries, funeral homes, crematoria, ash repositories', '#d2d2d2', 'PNN'],
    ['SON', 'Đất sông, ngòi, kênh, rạch, suối', 'Rivers, canals and streams', '#a0ffff', 'PNN'],
    ['MNC', 'Đất có mặt nước chuyên dùng', 'Specialised water surface', '#b4ffff', 'PNN'],
  ]),
  ...landLaw(
    [['DDT', 'Đất có di tích lịch sử - văn hóa', 'Historic and cultural relic sites', '#ffaaa0', 'CCC']],
    'DDT is the code of the earlier Circular 27/2018/TT-BTNMT; whether Circular 08/2024 kept it is not confirmed',
  ),
];

/** Every code, in a stable order: planning categories, then plan symbols, then land-law codes. */
export const LAND_USE_CODES: LandUseCode[] = [...PLANNING, ...PLAN_SYMBOLS, ...LAND_LAW_CODES];

/** The codes of one scheme, in table order. */
export function landUseCodesByScheme(scheme: LandUseScheme): LandUseCode[] {
  return LAND_USE_CODES.filter((c) => c.scheme === scheme);
}

const byKey = new Map(LAND_USE_CODES.map((c) => [`${c.scheme}:${c.code}`, c]));

/** One code of a scheme, or undefined. Codes are case-sensitive (land-law codes are upper case). */
export function findLandUseCode(scheme: LandUseScheme, code: string): LandUseCode | undefined {
  return byKey.get(`${scheme}:${code}`);
}

/** Land-law codes a plan symbol permits (the crosswalk); empty for an unknown symbol. */
export function permittedLandLawCodes(planSymbol: string): string[] {
  return [...(findLandUseCode('plan_symbol', planSymbol)?.maps_to.land_law ?? [])];
}

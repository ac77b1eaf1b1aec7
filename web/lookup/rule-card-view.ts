// The rule card as panel sections: the parcel, its zones with shares and indicators, constraints with overlaps, computed areas, the plan and notes.
import type { ZoneLimits } from '../../api/checks/index.ts';
import type { CardConstraint, CardZone } from '../../api/lookup/lookup.types.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';
import { h } from '../ui/dom.ts';
import { BUILDABLE_COLOUR, OVERLAP_COLOUR, PARCEL_COLOUR, TAKE_COLOUR } from './card-layers.ts';
import type { RuleCard } from './lookup-api.ts';

export interface CardViewContext {
  i18n: I18n;
  palette: LandUsePalette | undefined;
  /** Name of the ward with this code, when known. */
  wardName(code: string): string | undefined;
}

const KNOWN_KINDS = ['red_line', 'river_corridor', 'heritage', 'flood', 'height_limit'];

/** The card's title: the parcel's sheet and number, or "at this point". */
export function cardTitle(card: RuleCard, i18n: I18n): string {
  return card.parcel ? i18n.t('card.parcelTitle', { sheet: card.parcel.sheet_no, parcel: card.parcel.parcel_no }) : i18n.t('card.pointTitle');
}

/** A zone's limits in the order and units the card lists them. */
const ZONE_LIMIT_ROWS: readonly { label: MessageKey; field: keyof ZoneLimits; unit: MessageKey; digits: number }[] = [
  { label: 'field.coverage', field: 'max_coverage_pct', unit: 'unit.percent', digits: 1 },
  { label: 'field.far', field: 'max_far', unit: 'unit.times', digits: 2 },
  { label: 'field.floors', field: 'max_floors', unit: 'unit.floors', digits: 0 },
  { label: 'field.height', field: 'max_height_m', unit: 'unit.metres', digits: 1 },
  { label: 'field.setback', field: 'min_setback_m', unit: 'unit.metres', digits: 1 },
];

export function renderCard(card: RuleCard, ctx: CardViewContext): HTMLElement[] {
  const { i18n, palette } = ctx;
  const notRegulated = (): HTMLElement => h('span', { class: 'not-regulated' }, [i18n.t('value.notRegulated')]);
  const num = (value: number | null | undefined, unit: MessageKey, digits: number): Node =>
    value === null || value === undefined || !Number.isFinite(Number(value)) ? notRegulated() : document.createTextNode(i18n.t(unit, { value: i18n.number(Number(value), digits) }));
  // Permitted uses are land-law codes (ODT, TMD …); other schemes only as a fallback.
  const usesList = (uses: readonly string[]): Node =>
    uses.length === 0
      ? notRegulated()
      : h(
          'ul',
          { class: 'uses' },
          uses.map((use) => {
            const entry = palette?.entryIn('land_law', use) ?? palette?.entryOf(use);
            return h('li', {}, [entry ? `${i18n.pick(entry.name_vi, entry.name_en)} (${use})` : use]);
          }),
        );
  const area = (value: number | null | undefined): Node =>
    value === null || value === undefined ? h('span', { class: 'not-regulated' }, [i18n.t('value.none')]) : document.createTextNode(i18n.t('unit.area', { value: i18n.number(value, 1) }));
  const row = (label: MessageKey, value: Node | string, field?: string, value_?: number | null): HTMLElement[] => [
    h('dt', {}, [i18n.t(label)]),
    h('dd', { 'data-field': field, 'data-value': value_ === undefined || value_ === null ? undefined : String(value_) }, [value]),
  ];

  const sections: HTMLElement[] = [];
  sections.push(h('p', { class: 'card-as-of', 'data-testid': 'card-as-of' }, [i18n.t('card.asOf', { date: i18n.date(card.as_of) })]));

  if (card.parcel) {
    const p = card.parcel;
    const ward = ctx.wardName(p.ward_code);
    sections.push(
      h('section', { class: 'panel-section card-parcel', 'data-parcel-id': p.id }, [
        h('dl', { class: 'indicators' }, [
          ...(p.address || ward ? row('card.address', p.address && ward && !p.address.includes(ward) ? `${p.address}, ${ward}` : (p.address ?? ward!), 'address') : []),
          ...row('card.legalArea', area(p.legal_area_m2), 'legal_area_m2', p.legal_area_m2),
          ...row('card.measuredArea', area(p.area_m2), 'area_m2', p.area_m2),
        ]),
      ]),
    );
  }

  // Zones
  const zoneRule = card.computed.zone_rule;
  sections.push(
    h('section', { class: 'panel-section card-zones', 'data-testid': 'card-zones' }, [
      h('h3', { class: 'card-heading' }, [i18n.t('card.zones')]),
      card.parcel || zoneRule !== 'none' ? h('p', { class: 'card-rule', 'data-rule': zoneRule }, [i18n.t(`card.rule.${zoneRule}` as MessageKey)]) : null,
      ...card.zones.map((z) => zoneBlock(z)),
    ]),
  );

  function zoneBlock(z: CardZone): HTMLElement {
    const name = i18n.pick(z.land_use_name, z.land_use_name_en) || palette?.entryOf(z.land_use_code)?.name_vi || '';
    const share =
      z.area_m2 === null
        ? i18n.t('card.sharePoint', { pct: i18n.number(z.share_pct, 1) })
        : i18n.t('card.shareValue', { pct: i18n.number(z.share_pct, 1), area: i18n.number(z.area_m2, 1) });
    return h('div', { class: `card-zone${z.governs ? '' : ' is-minor'}`, 'data-zone-id': z.id, 'data-lot-code': z.lot_code }, [
      h('h4', { class: 'lot-code' }, [
        h('span', { class: 'lot-swatch', style: `background:${palette?.colourOf(z.land_use_code) ?? 'transparent'}`, 'aria-hidden': 'true' }),
        z.lot_code,
        h('span', { class: 'zone-share', 'data-field': 'share_pct', 'data-value': String(z.share_pct) }, [share]),
      ]),
      h('p', { class: 'land-use' }, [name ? `${name} (${z.land_use_code})` : z.land_use_code]),
      z.governs ? null : h('p', { class: 'card-minor' }, [i18n.t('card.notGoverning')]),
      h('dl', { class: 'indicators' }, [
        ...ZONE_LIMIT_ROWS.flatMap((r) => row(r.label, num(z[r.field], r.unit, r.digits), r.field, z[r.field])),
        ...row('field.uses', usesList(z.permitted_uses), 'permitted_uses'),
        ...row('field.citation', z.citation || i18n.t('value.none'), 'citation'),
      ]),
    ]);
  }

  // Constraints
  sections.push(
    h('section', { class: 'panel-section card-constraints', 'data-testid': 'card-constraints' }, [
      h('h3', { class: 'card-heading' }, [i18n.t('card.constraints')]),
      card.constraints.length === 0 ? h('p', { class: 'panel-empty' }, [i18n.t('card.noConstraints')]) : null,
      ...card.constraints.map((c) => constraintBlock(c)),
    ]),
  );

  function ruleText(c: CardConstraint): string {
    const value = c.value === null ? '?' : i18n.number(c.value, 1);
    if (c.rule === 'no_build' || c.rule === 'setback_m' || c.rule === 'max_height_m') return i18n.t(`rule.${c.rule}`, { value });
    return c.value === null ? c.rule : `${c.rule}: ${value}`;
  }

  function constraintBlock(c: CardConstraint): HTMLElement {
    const overlapping = (c.overlap_m2 ?? 0) > 0;
    return h('div', { class: `card-constraint${overlapping ? ' is-overlapping' : ''}`, 'data-constraint-id': c.id, 'data-kind': c.kind }, [
      h('h4', { class: 'constraint-kind' }, [
        h('span', { class: 'lot-swatch', style: `background:${c.kind === 'red_line' ? TAKE_COLOUR : OVERLAP_COLOUR}`, 'aria-hidden': 'true' }),
        KNOWN_KINDS.includes(c.kind) ? i18n.t(`kind.${c.kind}` as MessageKey) : c.kind,
      ]),
      c.name ? h('p', { class: 'zone-name' }, [c.name]) : null,
      h('dl', { class: 'indicators' }, [
        ...row('field.rule', ruleText(c), 'rule'),
        ...(c.overlap_m2 !== null ? row('card.overlap', area(c.overlap_m2), 'overlap_m2', c.overlap_m2) : []),
        ...(c.distance_m !== null && !overlapping ? row('card.distance', num(c.distance_m, 'unit.metres', 1), 'distance_m', c.distance_m) : []),
        ...row('field.citation', c.citation || i18n.t('value.none'), 'citation'),
      ]),
    ]);
  }

  // Computed areas (a parcel card only: a point has no area)
  if (card.parcel) {
    const c = card.computed;
    sections.push(
      h('section', { class: 'panel-section card-computed', 'data-testid': 'card-computed' }, [
        h('h3', { class: 'card-heading' }, [i18n.t('card.computed')]),
        h('dl', { class: 'indicators' }, [
          ...row('card.take', area(c.red_line_take_m2), 'red_line_take_m2', c.red_line_take_m2),
          ...row('card.netSite', area(c.net_site_area_m2), 'net_site_area_m2', c.net_site_area_m2),
          ...row('card.buildable', area(c.buildable_area_m2), 'buildable_area_m2', c.buildable_area_m2),
          ...row('card.maxFootprint', area(c.max_footprint_m2), 'max_footprint_m2', c.max_footprint_m2),
          ...row('card.maxGfa', area(c.max_gfa_m2), 'max_gfa_m2', c.max_gfa_m2),
          ...(c.setback_m !== null ? row('card.setbackApplied', num(c.setback_m, 'unit.metres', 1), 'setback_m', c.setback_m) : []),
          ...(c.crs ? row('card.crs', c.crs === 'EPSG:5897' ? 'VN-2000 / TM-3 105°00′ (EPSG:5897)' : 'VN-2000 / TM-3 105°30′ (EPSG:9209)', 'crs') : []),
        ]),
        mapKey(card),
      ]),
    );
  }

  function mapKey(c: RuleCard): HTMLElement {
    const entry = (colour: string, key: MessageKey, kind: string) =>
      h('li', { class: 'card-key-item' }, [h('span', { class: `card-key-swatch key-${kind}`, style: `--key:${colour}`, 'aria-hidden': 'true' }), i18n.t(key)]);
    const g = c.geometry;
    return h('div', { class: 'card-key' }, [
      h('p', { class: 'section-kind' }, [i18n.t('card.onMap')]),
      h('ul', { class: 'card-key-list' }, [
        entry(PARCEL_COLOUR, 'card.legend.parcel', 'parcel'),
        g && g.zone_parts.length > 0 ? entry('#9ca3af', 'card.legend.zones', 'zones') : null,
        g && g.constraint_overlaps.length > 0 ? entry(OVERLAP_COLOUR, 'card.legend.overlap', 'overlap') : null,
        g?.red_line_take ? entry(TAKE_COLOUR, 'card.legend.take', 'take') : null,
        g?.buildable ? entry(BUILDABLE_COLOUR, 'card.legend.buildable', 'buildable') : null,
      ]),
    ]);
  }

  // The plan and its notice
  const plan = card.plan;
  sections.push(
    h('section', { class: 'panel-section card-plan', 'data-testid': 'card-plan' }, [
      h('h3', { class: 'card-heading' }, [i18n.t('card.plan')]),
      plan
        ? h('dl', { class: 'indicators' }, [
            ...row('card.plan', plan.name, 'plan_name'),
            ...row(
              'card.decision',
              plan.decision_no ? i18n.t('card.decisionValue', { no: plan.decision_no, date: i18n.date(plan.decision_date) }) : i18n.t('value.none'),
              'decision_no',
            ),
            ...row('card.approvedBy', plan.approved_by ?? i18n.t('value.none'), 'approved_by'),
          ])
        : h('p', { class: 'panel-empty' }, [i18n.t('card.noPlan')]),
      plan?.is_demo
        ? h('p', { class: 'card-demo', role: 'note', 'data-testid': 'card-demo' }, [
            h('strong', {}, [i18n.t('demo.notice')]),
            i18n.pick(plan.notice_vi, plan.notice_en) ? ` — ${i18n.pick(plan.notice_vi, plan.notice_en)}` : '',
          ])
        : null,
    ]),
  );

  const message = i18n.pick(card.message_vi, card.message);
  if (message) {
    sections.push(h('section', { class: 'panel-section card-notes' }, [h('h3', { class: 'card-heading' }, [i18n.t('card.notes')]), h('p', { class: 'card-message' }, [message])]));
  }
  return sections;
}

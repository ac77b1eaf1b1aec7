// How a zone's indicators read on a page: a value with its unit, "not regulated" for a null, permitted uses by name.
import type { ZoneLimits } from '../../api/checks/index.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';
import { h } from './dom.ts';

export interface IndicatorValues {
  /** The plan does not regulate this indicator (a null). */
  notRegulated(): HTMLElement;
  /** A value in its unit, or notRegulated for a null or a non-number. */
  measure(value: number | null | undefined, unit: MessageKey, digits: number): Node;
  /** Permitted uses by their land-law names, or notRegulated for none listed. */
  usesList(uses: readonly string[] | null): Node;
}

/** `palette` is read at each call: it may arrive after the page first renders. */
export function indicatorValues(i18n: I18n, palette: () => LandUsePalette | undefined): IndicatorValues {
  const notRegulated = (): HTMLElement => h('span', { class: 'not-regulated' }, [i18n.t('value.notRegulated')]);
  return {
    notRegulated,
    measure(value, unit, digits) {
      if (value === null || value === undefined || !Number.isFinite(Number(value))) return notRegulated();
      return document.createTextNode(i18n.t(unit, { value: i18n.number(Number(value), digits) }));
    },
    usesList(uses) {
      if (!uses || uses.length === 0) return notRegulated();
      const p = palette();
      return h(
        'ul',
        { class: 'uses' },
        uses.map((use) => {
          // Permitted uses are land-law codes (ODT, TMD …); other schemes only as a fallback.
          const entry = p?.entryIn('land_law', use) ?? p?.entryOf(use);
          return h('li', {}, [entry ? `${i18n.pick(entry.name_vi, entry.name_en)} (${use})` : use]);
        }),
      );
    },
  };
}

/** A zone's limits in the order and units every page lists them (see ZoneLimits). */
export const ZONE_LIMIT_ROWS: readonly { label: MessageKey; field: keyof ZoneLimits; unit: MessageKey; digits: number }[] = [
  { label: 'field.coverage', field: 'max_coverage_pct', unit: 'unit.percent', digits: 1 },
  { label: 'field.far', field: 'max_far', unit: 'unit.times', digits: 2 },
  { label: 'field.floors', field: 'max_floors', unit: 'unit.floors', digits: 0 },
  { label: 'field.height', field: 'max_height_m', unit: 'unit.metres', digits: 1 },
  { label: 'field.setback', field: 'min_setback_m', unit: 'unit.metres', digits: 1 },
];

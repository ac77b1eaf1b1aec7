// The history of one zone or constraint: every version with its author, date and change set; a chosen version's shape on the map.
import Feature from 'ol/Feature.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import type { ApiClient } from '../api/client.ts';
import type { EditLayer, FeatureVersion, PlanClient } from '../api/plan-client.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { readGeometry } from '../map/geo-format.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';
import { h, replace } from '../ui/dom.ts';
import { ATTRIBUTE_ROWS, attributeText } from './attribute-rows.ts';
import { diffStyle } from './diff-style.ts';
import { createPlanMap } from './plan-map.ts';
import { planHref, type PlanPageState } from './plan-state.ts';

export interface HistoryViewOptions {
  container: HTMLElement;
  i18n: I18n;
  api: ApiClient;
  client: PlanClient;
  state: PlanPageState;
  palette: Promise<LandUsePalette | undefined>;
  layer: EditLayer;
  featureId: number | null;
  onError(error: unknown): void;
}

const attr = (v: FeatureVersion, name: string): unknown => v.properties?.[name] ?? v[name];

export function createHistoryView(options: HistoryViewOptions): void {
  const { i18n, client, state } = options;
  let versions: FeatureVersion[] = [];
  let shown: number | null = null;
  let failed: string | null = null;

  const mapPane = h('div', { class: 'map-pane' });
  const side = h('div', { class: 'side-panel plan-side' });
  options.container.append(h('div', { class: 'workspace plan-workspace' }, [mapPane, side]));
  const planMap = createPlanMap({ container: mapPane, i18n, api: options.api, center: [105.7846, 10.0341], zoom: 16, testId: 'history-map', onError: options.onError });
  state.pixelOf = (lonLat) => planMap.pixelOf(lonLat);
  void options.palette.then((palette) => palette && planMap.setPalette(palette));
  const versionSource = new VectorSource<Feature>();
  planMap.publicMap.map.addLayer(new VectorLayer({ source: versionSource, style: diffStyle, zIndex: 55 }));

  const back = h('a', { class: 'back-link', href: planHref({ view: 'editor' }) });
  const heading = h('h1', { class: 'page-title' });
  const list = h('ol', { class: 'version-list plain-list', 'data-testid': 'versions' });
  const details = h('div', { class: 'card version-details', 'data-testid': 'version-details' });
  side.append(back, heading, list, details);

  function versionOf(n: number | null): FeatureVersion | undefined {
    return versions.find((v) => v.version === n);
  }

  function show(n: number): void {
    shown = n;
    const v = versionOf(n);
    versionSource.clear(true);
    if (v?.geometry) {
      // The chosen version in orange (a past shape) or green (the one in force).
      versionSource.addFeature(new Feature({ geometry: readGeometry(v.geometry), change: v.valid_to ? 'modified' : 'added', phase: 'after', lot_code: attr(v, 'lot_code') ?? null }));
      planMap.fit(v.geometry);
    }
    state.history = { versions: versions.map((x) => x.version), shown };
    render();
  }

  function render(): void {
    back.textContent = i18n.t('plan.history.back');
    heading.textContent = i18n.t('plan.history.title', { layer: i18n.t(`plan.layer.${options.layer}` as MessageKey), id: options.featureId ?? '—' });
    if (failed || options.featureId === null) {
      replace(list, [h('li', { class: 'form-summary', role: 'alert' }, [failed ?? i18n.t('plan.history.noFeature')])]);
      replace(details, []);
      details.hidden = true;
      return;
    }
    replace(
      list,
      versions.map((v) => {
        const button = h('button', { type: 'button', class: 'version-button', 'aria-pressed': String(v.version === shown), 'data-version': v.version }, [
          h('strong', {}, [i18n.t('plan.history.version', { version: v.version })]),
          ' ',
          h('span', { class: `badge badge-cs-${v.valid_to ? 'withdrawn' : 'approved'}` }, [i18n.t(v.valid_to ? 'plan.history.past' : 'plan.history.current')]),
          h('span', { class: 'version-meta' }, [
            i18n.t('plan.history.valid', { from: i18n.date(v.valid_from), to: v.valid_to ? i18n.date(v.valid_to) : '…' }),
          ]),
          h('span', { class: 'version-meta' }, [
            [v.author ?? v.created_by_name ?? null, v.change_set_id ? i18n.t('plan.history.changeSet', { id: v.change_set_id, title: v.change_set_title ?? '' }) : i18n.t('plan.history.seed')]
              .filter(Boolean)
              .join(' · '),
          ]),
        ]);
        button.addEventListener('click', () => show(v.version));
        return h('li', { class: v.version === shown ? 'is-selected' : '' }, [button]);
      }),
    );
    const v = versionOf(shown);
    details.hidden = !v;
    if (!v) return;
    replace(details, [
      h('h2', { class: 'card-title' }, [i18n.t('plan.history.version', { version: v.version })]),
      h(
        'dl',
        { class: 'facts' },
        ATTRIBUTE_ROWS.filter(([name]) => attr(v, name) !== undefined).flatMap(([name, label]) => [
          h('dt', {}, [i18n.t(label)]),
          h('dd', {}, [attributeText(i18n, attr(v, name))]),
        ]),
      ),
    ]);
  }

  i18n.onChange(render);
  render();
  if (options.featureId === null) {
    state.ready = true;
    return;
  }
  client
    .history(options.layer, options.featureId)
    .then((list) => {
      versions = [...list].sort((a, b) => b.version - a.version);
      state.history = { versions: versions.map((x) => x.version), shown: null };
      if (versions.length) show(versions[0].version);
      else render();
    })
    .catch((error: unknown) => {
      failed = i18n.t('error.generic', { detail: error instanceof Error ? error.message : String(error) });
      render();
    })
    .finally(async () => {
      await planMap.whenDrawn();
      state.ready = true;
    });
}

// The printable decision summary: permit, parcel, decision, conditions, validity, the compliance table and a map image with scale.
import Feature from 'ol/Feature.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { buffer } from 'ol/extent.js';
import type { Geometry as GeoJsonGeometry } from 'geojson';
import type { CheckResult } from '../../api/checks/index.ts';
import type { ApiClient } from '../api/client.ts';
import type { PermitClient } from '../api/permit-client.ts';
import type { Permit, ServerComplianceReport } from '../api/permit-types.ts';
import type { LandUseCode } from '../api/types.ts';
import { grownBbox } from '../checks/check-context.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { createEvidenceLayer } from '../layers/evidence-layer.ts';
import { createMap } from '../map/create-map.ts';
import { exportMap } from '../map/export-map.ts';
import { readGeometry } from '../map/geo-format.ts';
import { constraintStyle } from '../style/constraint-style.ts';
import type { LandUsePalette } from '../style/land-use-style.ts';
import { footprintStyles, siteStyles } from '../style/permit-style.ts';
import { formatCheckValue, hasValues } from '../ui/compliance-report.ts';
import { h, replace } from '../ui/dom.ts';
import { conditionText, factsList, permitFacts } from '../ui/permit-facts.ts';
import { statusBadge } from '../ui/status-badge.ts';
import type { PermitPageState } from './permit-state.ts';
import { paths } from './routes.ts';
import { wardNameOf, type WardName } from './ward-name.ts';

export interface PrintViewOptions {
  container: HTMLElement;
  i18n: I18n;
  api: ApiClient;
  permits: PermitClient;
  state: PermitPageState;
  id: number;
  uses: Promise<LandUseCode[]>;
  palette: Promise<LandUsePalette | undefined>;
  onError(error: unknown): void;
}

// The image is printed 170 mm wide (A4 minus 20 mm margins): the printed scale follows from that.
const PRINT_WIDTH_M = 0.17;
const MAP_SIZE = [680, 420] as const;

export function createPrintView(options: PrintViewOptions): void {
  const { i18n, state } = options;
  let permit: Permit | null = null;
  let report: ServerComplianceReport | null = null;
  let uses: LandUseCode[] = [];
  let ward: WardName | null = null;
  let image: { dataUrl: string; metresPerPixel: number } | null = null;

  const printButton = h('button', { type: 'button', class: 'button primary', 'data-testid': 'print-button' });
  printButton.addEventListener('click', () => window.print());
  const back = h('a', { href: paths.detail(options.id), class: 'button' });
  const sheet = h('article', { class: 'print-sheet', 'data-testid': 'print-sheet' });
  const mapHolder = h('div', { class: 'print-map-live', style: `width:${MAP_SIZE[0]}px;height:${MAP_SIZE[1]}px` });
  options.container.append(h('div', { class: 'print-page' }, [h('div', { class: 'print-toolbar no-print' }, [printButton, back]), sheet, mapHolder]));

  function valueText(c: CheckResult): string {
    if (!hasValues(c)) return '—';
    const measured = formatCheckValue(i18n, c.measured, c.unit);
    return c.limit === null ? measured : `${measured} / ${formatCheckValue(i18n, c.limit, c.unit)}`;
  }

  // Most messages quote their citation already; the table adds it only where one does not.
  function messageCell(c: CheckResult): Array<Node | string> {
    const message = i18n.lang === 'vi' ? c.message_vi : c.message;
    return c.citation && !message.includes(c.citation) ? [message, h('span', { class: 'citation' }, [` (${c.citation})`])] : [message];
  }

  function decisionBlock(p: Permit): HTMLElement {
    const decided = p.status === 'approved' || p.status === 'rejected' || p.status === 'revoked';
    return h('section', { class: 'print-section' }, [
      h('h2', {}, [i18n.t('print.decision')]),
      h('p', { class: 'print-decision' }, [
        statusBadge(i18n, p.effective_status),
        ' ',
        decided ? i18n.date(p.decided_at) : i18n.t('print.pending', { status: i18n.t(`status.${p.status}` as MessageKey) }),
      ]),
      factsList(
        i18n,
        [
          p.decision_reason ? (['detail.decisionReason', p.decision_reason] as [MessageKey, string]) : null,
          p.override_reason ? (['detail.overrideReason', p.override_reason] as [MessageKey, string]) : null,
          p.valid_from || p.valid_to ? (['detail.validity', i18n.t('detail.validRange', { from: i18n.date(p.valid_from), to: i18n.date(p.valid_to) })] as [MessageKey, string]) : null,
          [
            'detail.conditions',
            p.conditions.length ? h('ul', { class: 'plain-list' }, p.conditions.map((c) => h('li', {}, [conditionText(i18n, c)]))) : i18n.t('print.noConditions'),
          ] as [MessageKey, Node | string],
        ].filter((row): row is [MessageKey, Node | string] => row !== null),
      ),
    ]);
  }

  function complianceTable(r: ServerComplianceReport): HTMLElement {
    return h('section', { class: 'print-section' }, [
      h('h2', {}, [i18n.t('print.compliance')]),
      h('p', { class: `report-status report-${r.status}` }, [
        h('strong', {}, [i18n.t(`report.${r.status}` as MessageKey)]),
        ` · ${r.snapshot ? i18n.t('check.snapshot', { date: i18n.date(r.as_of) }) : i18n.t('check.asOf', { date: i18n.date(r.as_of) })}`,
      ]),
      h('table', { class: 'print-table' }, [
        h('thead', {}, [h('tr', {}, (['print.check', 'print.result', 'print.values', 'print.message'] as MessageKey[]).map((k) => h('th', { scope: 'col' }, [i18n.t(k)])))]),
        h(
          'tbody',
          {},
          r.checks.map((c) =>
            h('tr', { class: `check-${c.status}`, 'data-check-id': c.id }, [
              h('td', {}, [i18n.t(`checkName.${c.id}` as MessageKey)]),
              h('td', { class: 'result' }, [i18n.t(`result.${c.status}` as MessageKey)]),
              h('td', { class: 'nowrap' }, [valueText(c)]),
              h('td', {}, messageCell(c)),
            ]),
          ),
        ),
      ]),
    ]);
  }

  function render(): void {
    printButton.textContent = i18n.t('print.print');
    back.textContent = i18n.t('print.back');
    if (!permit) {
      replace(sheet, [h('p', {}, [i18n.t('common.loading')])]);
      return;
    }
    document.title = `${permit.number} — ${i18n.t('print.title')}`;
    const scale = image ? Math.round((image.metresPerPixel * MAP_SIZE[0]) / PRINT_WIDTH_M / 10) * 10 : null;
    replace(sheet, [
      h('p', { class: 'print-demo', role: 'note' }, [h('strong', {}, [i18n.t('print.demo')]), ' — ', i18n.t('print.demoDetail')]),
      h('header', { class: 'print-head' }, [h('h1', {}, [i18n.t('print.title')]), h('p', { class: 'print-number' }, [permit.number])]),
      h('section', { class: 'print-section' }, [factsList(i18n, permitFacts(i18n, permit, uses, false, ward))]),
      decisionBlock(permit),
      h('figure', { class: 'print-figure' }, [
        image ? h('img', { src: image.dataUrl, alt: i18n.t('print.map'), class: 'print-map', 'data-testid': 'print-map' }) : h('p', { class: 'muted' }, [i18n.t('common.loading')]),
        h('figcaption', {}, [i18n.t('print.map'), scale ? ` · ${i18n.t('print.scale', { scale: i18n.number(scale, 0) })}` : '']),
      ]),
      report ? complianceTable(report) : null,
      h('footer', { class: 'print-foot' }, [i18n.t('print.generated', { time: i18n.date(new Date().toISOString()) }), ' · ', i18n.t('print.demo')]),
    ]);
  }

  async function drawMap(p: Permit, r: ServerComplianceReport | null): Promise<void> {
    const palette = await options.palette;
    const bbox = grownBbox(p.site, 60);
    const [zones, constraints] = await Promise.all([options.api.zones({ bbox, limit: 500 }), options.api.constraints({ bbox, limit: 500 })]);
    const toFeatures = (page: { features: Array<{ geometry: GeoJsonGeometry | null; properties: object | null }> }) =>
      page.features.filter((f) => f.geometry).map((f) => new Feature({ ...f.properties, geometry: readGeometry(f.geometry!) }));
    const site = readGeometry(p.site);
    const { map } = createMap({ target: mapHolder, center: [105.77, 10.03], zoom: 18, layers: [] });
    map.addLayer(new VectorLayer({ source: new VectorSource({ features: toFeatures(zones) }), style: (f, res) => (palette ? palette.zoneStyle(f, res, false) : undefined) }));
    map.addLayer(new VectorLayer({ source: new VectorSource({ features: toFeatures(constraints) }), style: (f, res) => constraintStyle(String(f.get('kind') ?? ''), false, res) }));
    map.addLayer(new VectorLayer({ source: new VectorSource({ features: [new Feature({ geometry: site })] }), style: siteStyles }));
    map.addLayer(new VectorLayer({ source: new VectorSource({ features: [new Feature({ geometry: readGeometry(p.footprint) })] }), style: footprintStyles }));
    const evidence = createEvidenceLayer({ map });
    evidence.setReport(r);
    map.addLayer(evidence.layer);
    map.getView().fit(buffer(site.getExtent(), 25), { size: [...MAP_SIZE], maxZoom: 20 });
    await new Promise<void>((resolve) => map.once('rendercomplete', () => resolve()));
    image = exportMap(map, { formatLength: (m) => `${i18n.number(m, 0)} m` });
    map.setTarget(undefined);
    mapHolder.remove();
  }

  i18n.onChange(render);
  render();

  Promise.all([options.permits.get(options.id), options.permits.compliance(options.id).catch(() => null), options.uses])
    .then(async ([p, r, u]) => {
      permit = p;
      report = r;
      uses = u;
      ward = await wardNameOf(options.api, p.site, p.ward_code);
      render();
      try {
        await drawMap(p, r);
      } finally {
        render();
        state.printReady = image !== null;
        state.ready = true;
      }
    })
    .catch((error: unknown) => {
      state.ready = true;
      options.onError(error);
    });
}

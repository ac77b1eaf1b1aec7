// Wires the browser check to the page: report panel, red evidence on the map, a status chip over the map, and the test hook.
import type Geometry from 'ol/geom/Geometry.js';
import type { CheckId, Polygonal } from '../../api/checks/index.ts';
import type { ApiClient } from '../api/client.ts';
import { createLiveCheck, type LiveProposal } from '../checks/live-check.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { writePolygonal } from '../map/geo-format.ts';
import { createComplianceReport, type ReportView } from '../ui/compliance-report.ts';
import { h } from '../ui/dom.ts';
import type { PermitMap } from './permit-map.ts';
import { summariseReport, type PermitPageState } from './permit-state.ts';

export interface LivePanelOptions {
  container: HTMLElement;
  /** Where the status chip goes (the map's container). */
  mapContainer: HTMLElement;
  i18n: I18n;
  api: ApiClient;
  permitMap: PermitMap;
  state: PermitPageState;
  /** The proposal as the form holds it; the footprint is replaced by the sketch while drawing. */
  proposal(): LiveProposal;
}

export interface LivePanel {
  report: ReportView;
  /** Rechecks now; `sketch` is the shape under the pointer while drawing or dragging a corner. */
  refresh(sketch?: { target: 'site' | 'footprint'; geometry: Geometry | null }): void;
  /** Shows or hides the panel (and its evidence) without losing the last result. */
  setActive(active: boolean): void;
  dispose(): void;
}

// A sketch needs three corners (plus the closing one) before it is a polygon worth checking.
function usableSketch(geometry: Geometry | null): Polygonal | null {
  const polygonal = writePolygonal(geometry);
  if (!polygonal || polygonal.type !== 'Polygon') return polygonal;
  return polygonal.coordinates[0]!.length >= 4 ? polygonal : null;
}

export function createLivePanel(options: LivePanelOptions): LivePanel {
  const { i18n, state, permitMap } = options;
  let active = true;
  let lastReport: Parameters<ReportView['setReport']>[0] | null = null;
  const chip = h('p', { class: 'map-chip', 'data-testid': 'live-chip', role: 'status', hidden: true });
  options.mapContainer.append(chip);

  function select(checkId: CheckId | null): void {
    const count = permitMap.evidence.highlight(checkId);
    report.setSelected(checkId);
    state.highlight = checkId ? { checkId, featureCount: count } : null;
    state.evidenceCount = permitMap.evidence.count;
  }

  const report = createComplianceReport({ container: options.container, i18n, title: 'check.live', testId: 'live-report', onSelect: select });
  report.element.classList.add('live');

  function renderChip(): void {
    const shown = report.shownStatus;
    chip.hidden = !active || shown === null;
    if (shown === null) return;
    chip.dataset.status = shown;
    chip.textContent = `${i18n.t('check.live')}: ${i18n.t(`report.${shown}` as MessageKey)}`;
  }
  i18n.onChange(renderChip);

  const live = createLiveCheck({
    api: options.api,
    onState(result) {
      if (!active) return;
      if (result.kind === 'done') {
        lastReport = result.report;
        report.setReport(result.report, { pending: result.pending, note: i18n.t('check.liveNote') });
        state.live = summariseReport(result.report);
        permitMap.evidence.setReport(result.report);
        // A highlight whose check no longer has evidence is dropped by the layer; mirror that.
        const still = permitMap.evidence.highlighted;
        report.setSelected(still);
        state.highlight = still ? { checkId: still, featureCount: permitMap.evidence.highlightedCount } : null;
        state.evidenceCount = permitMap.evidence.count;
      } else {
        if (result.kind !== 'loading') {
          lastReport = null;
          state.live = null;
          permitMap.evidence.setReport(null);
          state.evidenceCount = 0;
        }
        report.setPlaceholder(
          result.kind === 'waiting'
            ? { kind: 'waiting' }
            : result.kind === 'loading'
              ? { kind: 'loading', key: 'check.loadingContext' }
              : { kind: 'error', message: i18n.t('check.contextError', { detail: result.error instanceof Error ? result.error.message : String(result.error) }) },
        );
      }
      renderChip();
    },
  });

  return {
    report,
    refresh(sketch) {
      if (!active) return;
      const proposal = options.proposal();
      if (sketch) {
        const geometry = usableSketch(sketch.geometry);
        if (sketch.target === 'footprint') proposal.footprint = geometry ?? proposal.footprint;
        else proposal.site = geometry ?? proposal.site;
      }
      live.update(proposal);
    },
    setActive(next) {
      active = next;
      report.element.hidden = !next;
      if (next && lastReport) permitMap.evidence.setReport(lastReport);
      renderChip();
    },
    dispose() {
      live.dispose();
    },
  };
}

// Amending a permit in progress: footprint (Modify/redraw, snapping to the site) and figures, checked live, saved with lock_version.
import { ApiError, type ApiClient } from '../api/client.ts';
import type { PermitClient } from '../api/permit-client.ts';
import type { Permit, PermitAmendment } from '../api/permit-types.ts';
import type { LandUseCode } from '../api/types.ts';
import { createPolygonEditor } from '../edit/polygon-editor.ts';
import type { I18n } from '../i18n/i18n.ts';
import { writePolygonal } from '../map/geo-format.ts';
import { sketchStyles } from '../style/permit-style.ts';
import { h, replace } from '../ui/dom.ts';
import { createFieldErrors, type FieldErrors } from '../ui/field-errors.ts';
import { createProposalFields, type ProposalFields } from '../ui/proposal-fields.ts';
import { areaOf, createFootprintTools, type ShapeTools } from '../ui/shape-tools.ts';
import { createLivePanel, type LivePanel } from './live-panel.ts';
import type { PermitMap } from './permit-map.ts';
import type { PermitPageState } from './permit-state.ts';

export interface PermitEditorOptions {
  container: HTMLElement;
  mapContainer: HTMLElement;
  i18n: I18n;
  api: ApiClient;
  permits: PermitClient;
  state: PermitPageState;
  permitMap: PermitMap;
  uses(): LandUseCode[];
  onSaved(permit: Permit): void;
  onCancel(): void;
}

export interface PermitEditor {
  start(permit: Permit): void;
  stop(): void;
}

export function createPermitEditor(options: PermitEditorOptions): PermitEditor {
  const { i18n, permitMap, state } = options;
  const { map } = permitMap.publicMap;
  let permit: Permit | null = null;
  let saving = false;
  let parts: { fields: ProposalFields; tools: ShapeTools; live: LivePanel; errors: FieldErrors; save: HTMLButtonElement; cancel: HTMLButtonElement; heading: HTMLElement; stale: HTMLElement } | null = null;

  const polygon = createPolygonEditor({
    map,
    source: permitMap.footprintSource,
    snapTo: [permitMap.siteSource],
    sketchStyle: sketchStyles,
    onSketch: (geometry) => parts?.live.refresh({ target: 'footprint', geometry }),
    onChange: () => {
      parts?.tools.update();
      parts?.live.refresh();
    },
    onModeChange: () => parts?.tools.update(),
  });

  function build(): NonNullable<typeof parts> {
    const heading = h('h2', { class: 'card-title' });
    const form = h('form', { class: 'card edit-card', novalidate: true, 'data-testid': 'edit-form' }, [heading]);
    options.container.append(form);
    const fields = createProposalFields({
      container: form,
      i18n,
      uses: options.uses(),
      withApplicant: false,
      footprintArea: () => areaOf(writePolygonal(polygon.geometry())),
      onInput: () => parts?.live.refresh(),
    });
    const footprintSet = h('fieldset', { class: 'field-set' }, [h('legend', {}, [i18n.t('form.footprint')])]);
    form.append(footprintSet);
    const tools = createFootprintTools({ container: footprintSet, i18n, editor: polygon });
    const liveContainer = h('div');
    form.append(liveContainer);
    const live = createLivePanel({
      container: liveContainer,
      mapContainer: options.mapContainer,
      i18n,
      api: options.api,
      permitMap,
      state,
      proposal: () => {
        const v = fields.values();
        const site = permit ? permit.site : null;
        return {
          site,
          footprint: writePolygonal(polygon.geometry()),
          // The stored site of a parcel application is the parcel's geometry.
          parcel: permit && permit.parcel_id !== null && site ? { id: permit.parcel_id, geometry: site } : null,
          use: v.use,
          floors: v.floors,
          basement_floors: v.basement_floors,
          height_m: v.height_m,
          gfa_m2: v.gfa_m2,
        };
      },
    });
    const stale = h('div', { class: 'stale', role: 'alert', hidden: true, 'data-testid': 'stale-notice' });
    const summary = h('div', { class: 'form-summary', role: 'alert', hidden: true });
    const save = h('button', { type: 'submit', class: 'button primary', 'data-testid': 'save-changes' });
    const cancel = h('button', { type: 'button', class: 'button' });
    // Messages sit in the sticky footer with the buttons, so they show wherever the form is scrolled.
    form.append(h('div', { class: 'form-footer sticky' }, [stale, summary, h('div', { class: 'form-actions' }, [save, cancel])]));
    const errors = createFieldErrors({ root: form, summary, i18n });
    cancel.addEventListener('click', () => options.onCancel());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit();
    });
    const render = () => {
      heading.textContent = i18n.t('detail.editTitle');
      footprintSet.querySelector('legend')!.textContent = i18n.t('form.footprint');
      save.textContent = i18n.t(saving ? 'form.saving' : 'detail.saveChanges');
      cancel.textContent = i18n.t('detail.cancelEdit');
      const reload = h('button', { type: 'button', class: 'button small' }, [i18n.t('detail.reload')]);
      reload.addEventListener('click', () => window.location.reload());
      replace(stale, [h('p', {}, [i18n.t('detail.stale')]), reload]);
    };
    i18n.onChange(render);
    render();
    return { fields, tools, live, errors, save, cancel, heading, stale };
  }

  function submit(): void {
    if (!parts || !permit || saving) return;
    const { fields, errors } = parts;
    errors.clear();
    for (const [path, message] of fields.problems()) errors.add(path, message);
    const footprint = writePolygonal(polygon.geometry());
    if (!footprint) errors.add('/footprint', () => i18n.t('form.noFootprint'));
    if (errors.count > 0) {
      errors.summarise(() => i18n.t('form.fix'));
      return;
    }
    const v = fields.values();
    const amendment: PermitAmendment = {
      lock_version: permit.lock_version,
      footprint: footprint!,
      use: v.use,
      floors: v.floors!,
      basement_floors: v.basement_floors ?? 0,
      height_m: v.height_m!,
      gfa_m2: v.gfa_m2!,
    };
    setSaving(true);
    options.permits
      .amend(permit.id, amendment)
      .then((next) => {
        setSaving(false);
        options.onSaved(next);
      })
      .catch((error: unknown) => {
        setSaving(false);
        if (error instanceof ApiError && error.status === 409) {
          parts!.stale.hidden = false;
          state.error = error.code ?? 'conflict';
        } else if (error instanceof ApiError) {
          errors.showProblem(error.problem, () => i18n.t('form.fix'));
        } else {
          errors.summarise(() => i18n.t('error.generic', { detail: String(error) }));
        }
      });
  }

  function setSaving(next: boolean): void {
    saving = next;
    if (!parts) return;
    parts.save.disabled = next;
    parts.save.textContent = i18n.t(next ? 'form.saving' : 'detail.saveChanges');
  }

  return {
    start(next) {
      permit = next;
      parts ??= build();
      parts.fields.setUses(options.uses());
      parts.fields.set({ use: next.use, floors: next.floors, basement_floors: next.basement_floors, height_m: next.height_m, gfa_m2: next.gfa_m2 });
      parts.errors.clear();
      parts.stale.hidden = true;
      options.container.hidden = false;
      parts.live.setActive(true);
      polygon.edit();
      parts.tools.update();
      parts.live.refresh();
      options.container.querySelector<HTMLElement>('.edit-card')?.scrollIntoView({ block: 'nearest' });
    },
    stop() {
      polygon.stop();
      parts?.live.setActive(false);
      options.container.hidden = true;
    },
  };
}

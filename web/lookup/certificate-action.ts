// "Issue planning-information sheet": asks the server for a sheet of the open parcel (or point) and offers its PDF and verification page.
import { ApiError } from '../api/client.ts';
import type { I18n } from '../i18n/i18n.ts';
import { h, replace } from '../ui/dom.ts';
import type { IssuedCertificate, LookupApi } from './lookup-api.ts';

export interface CertificateAction {
  element: HTMLElement;
  /** What a sheet would be issued for (null hides the action); a new subject forgets the last sheet. */
  setSubject(subject: { parcel_id: number } | { lon: number; lat: number } | null, dated: boolean): void;
}

export interface CertificateHook {
  code: string | null;
  pdf: string | null;
  verify: string | null;
  error: string | null;
}

export function createCertificateAction(options: { i18n: I18n; api: LookupApi; errorText(error: unknown): string; hook: CertificateHook }): CertificateAction {
  const { i18n, hook } = options;
  let subject: { parcel_id: number } | { lon: number; lat: number } | null = null;
  let dated = false;
  let busy = false;
  let issued: IssuedCertificate | null = null;
  // A failure is kept as it came and worded at each render, so it follows the reader's language.
  let error: { key: 'cert.rateLimited' | 'cert.unavailable' } | { failure: unknown } | null = null;

  const heading = h('h3', { class: 'card-heading' });
  const hint = h('p', { class: 'hint' });
  const button = h('button', { type: 'button', class: 'button primary', 'data-testid': 'cert-issue' });
  const result = h('div', { class: 'cert-result', role: 'status', 'data-testid': 'cert-result' });
  const element = h('section', { class: 'panel-section certificate', 'data-testid': 'certificate' }, [heading, hint, button, result]);

  function render(): void {
    heading.textContent = i18n.t('cert.title');
    hint.textContent = dated ? `${i18n.t('cert.hint')} ${i18n.t('cert.datedNote')}` : i18n.t('cert.hint');
    button.textContent = i18n.t(busy ? 'cert.issuing' : 'cert.issue');
    button.disabled = busy || subject === null;
    element.hidden = subject === null;
    if (issued) {
      replace(result, [
        h('p', { class: 'cert-code' }, [i18n.t('cert.issued', { code: issued.code })]),
        h('p', { class: 'cert-links' }, [
          h('a', { href: issued.links.pdf, target: '_blank', rel: 'noopener', class: 'button small', 'data-testid': 'cert-pdf' }, [i18n.t('cert.pdf')]),
          h('a', { href: issued.links.verify, target: '_blank', rel: 'noopener', class: 'button small', 'data-testid': 'cert-verify' }, [i18n.t('cert.verify')]),
        ]),
      ]);
    } else if (error) {
      const text = 'key' in error ? i18n.t(error.key) : i18n.t('cert.error', { detail: options.errorText(error.failure) });
      replace(result, [h('p', { class: 'cert-error', role: 'alert' }, [text])]);
    } else {
      replace(result, []);
    }
  }

  button.addEventListener('click', async () => {
    if (!subject || busy) return;
    busy = true;
    error = null;
    issued = null;
    render();
    const asked = subject;
    try {
      const cert = await options.api.issueCertificate(asked);
      if (asked !== subject) return;
      issued = cert;
      Object.assign(hook, { code: cert.code, pdf: cert.links.pdf, verify: cert.links.verify, error: null });
    } catch (e) {
      if (asked !== subject) return;
      // A 404 of the route itself (or a 405) means this server has no sheets; other 404s name what is missing.
      if (e instanceof ApiError && e.status === 429) error = { key: 'cert.rateLimited' };
      else if (e instanceof ApiError && (e.status === 405 || (e.status === 404 && (!e.code || e.code === 'route_not_found')))) error = { key: 'cert.unavailable' };
      else error = { failure: e };
      hook.error = 'key' in error ? i18n.t(error.key) : options.errorText(e);
    } finally {
      busy = false;
      render();
    }
  });

  i18n.onChange(render);
  render();
  return {
    element,
    setSubject(next, nextDated) {
      const same = JSON.stringify(next) === JSON.stringify(subject);
      subject = next;
      dated = nextDated;
      if (!same) {
        issued = null;
        error = null;
        Object.assign(hook, { code: null, pdf: null, verify: null, error: null });
      }
      render();
    },
  };
}

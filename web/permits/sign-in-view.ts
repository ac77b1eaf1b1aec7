// The sign-in form of the permit pages (the session is an httpOnly cookie set by the API).
import { ApiError } from '../api/client.ts';
import type { PermitClient } from '../api/permit-client.ts';
import type { User } from '../api/permit-types.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { h } from '../ui/dom.ts';
import { createFieldErrors } from '../ui/field-errors.ts';

export interface SignInViewOptions {
  container: HTMLElement;
  i18n: I18n;
  permits: Pick<PermitClient, 'login'>;
  /** Who the page is for and which demo accounts fit it (default: the permit pages'). */
  intro?: MessageKey;
  demo?: MessageKey;
  /** Shown above the form, e.g. when a session ran out. */
  notice?: string;
  onSignedIn(user: User): void;
}

export function createSignInView(options: SignInViewOptions): void {
  const { i18n } = options;
  const heading = h('h1', { class: 'page-title' });
  const intro = h('p', { class: 'muted' });
  const emailLabel = h('label', { for: 'sign-in-email' });
  const email = h('input', { id: 'sign-in-email', name: 'email', type: 'email', autocomplete: 'username', required: true, 'data-path': '/email' });
  const passwordLabel = h('label', { for: 'sign-in-password' });
  const password = h('input', { id: 'sign-in-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-path': '/password' });
  const submit = h('button', { type: 'submit', class: 'button primary', 'data-testid': 'sign-in-submit' });
  const summary = h('div', { class: 'form-summary', role: 'alert', hidden: true });
  const demo = h('p', { class: 'demo-accounts' });
  const notice = options.notice ? h('p', { class: 'notice-inline', role: 'status' }, [options.notice]) : null;
  const form = h('form', { class: 'card sign-in', 'data-testid': 'sign-in', novalidate: true }, [
    heading,
    intro,
    notice,
    h('div', { class: 'field' }, [emailLabel, email]),
    h('div', { class: 'field' }, [passwordLabel, password]),
    summary,
    h('div', { class: 'form-actions' }, [submit]),
    demo,
  ]);
  options.container.append(h('div', { class: 'page page-narrow' }, [form]));
  const errors = createFieldErrors({ root: form, summary, i18n });
  let busy = false;

  function render(): void {
    heading.textContent = i18n.t('auth.title');
    intro.textContent = i18n.t(options.intro ?? 'auth.intro');
    emailLabel.textContent = i18n.t('auth.email');
    passwordLabel.textContent = i18n.t('auth.password');
    submit.textContent = i18n.t(busy ? 'auth.busy' : 'auth.submit');
    demo.textContent = i18n.t(options.demo ?? 'auth.demo');
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    errors.clear();
    if (!email.value.trim()) errors.add('/email', () => i18n.t('form.required'));
    if (!password.value) errors.add('/password', () => i18n.t('form.required'));
    if (errors.count > 0) return;
    busy = true;
    submit.disabled = true;
    render();
    options.permits
      .login(email.value.trim(), password.value)
      .then((user) => options.onSignedIn(user))
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) errors.summarise(() => i18n.t('auth.failed'));
        else if (error instanceof ApiError && error.problem.errors?.length) errors.showProblem(error.problem, () => i18n.t('form.fix'));
        else errors.summarise(() => i18n.t('error.generic', { detail: error instanceof Error ? error.message : String(error) }));
        password.select();
      })
      .finally(() => {
        busy = false;
        submit.disabled = false;
        render();
      });
  });

  i18n.onChange(render);
  render();
  email.focus();
}

// Shows problem+json field errors next to the field their JSON pointer names, and the rest in a summary.
import type { Problem } from '../api/types.ts';
import { h } from './dom.ts';

export interface FieldErrorsOptions {
  /** The form; fields carry `data-path` with the pointer of their body member (e.g. "/applicant"). */
  root: HTMLElement;
  /** Where errors that name no field on the form go. */
  summary: HTMLElement;
  /** The page's language: a field error is shown in Vietnamese when the API gives it (message_vi) and the page reads Vietnamese. */
  i18n: { readonly lang: 'vi' | 'en'; pick(viText: string | null | undefined, enText: string | null | undefined): string };
}

export interface FieldErrors {
  clear(): void;
  /** One error at `path`; returns whether a field took it. */
  add(path: string, message: string): boolean;
  /** Every error of a problem; the detail goes to the summary when no field error is shown. */
  showProblem(problem: Problem, fallback: string): void;
  /** A general message in the summary. */
  summarise(message: string): void;
  readonly count: number;
}

// The field whose pointer is the longest prefix (by whole segments) of the error's pointer.
function fieldFor(root: HTMLElement, path: string): HTMLElement | undefined {
  let best: HTMLElement | undefined;
  let bestLength = -1;
  for (const field of root.querySelectorAll<HTMLElement>('[data-path]')) {
    const own = field.dataset.path ?? '';
    const matches = path === own || path.startsWith(`${own}/`);
    if (matches && own.length > bestLength) {
      best = field;
      bestLength = own.length;
    }
  }
  return best;
}

export function createFieldErrors(options: FieldErrorsOptions): FieldErrors {
  const { root, summary, i18n } = options;
  let count = 0;
  let serial = 0;

  function clear(): void {
    count = 0;
    for (const error of root.querySelectorAll('.field-error')) error.remove();
    for (const field of root.querySelectorAll<HTMLElement>('[aria-invalid="true"]')) {
      field.removeAttribute('aria-invalid');
      field.removeAttribute('aria-describedby');
    }
    for (const wrapper of root.querySelectorAll('.has-error')) wrapper.classList.remove('has-error');
    summary.replaceChildren();
    summary.hidden = true;
  }

  function add(path: string, message: string): boolean {
    const field = fieldFor(root, path);
    if (!field) return false;
    count += 1;
    serial += 1;
    const id = `field-error-${serial}`;
    const error = h('p', { class: 'field-error', id, 'data-error-path': path }, [message]);
    // The message goes after the field's wrapper (label + input), so it reads next to what it is about.
    const wrapper = field.closest('.field') ?? field;
    wrapper.classList.add('has-error');
    wrapper.append(error);
    const input = field.matches('input, select, textarea') ? field : field.querySelector('input, select, textarea, button');
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', id);
    }
    return true;
  }

  function summarise(message: string): void {
    summary.append(h('p', {}, [message]));
    summary.hidden = false;
  }

  return {
    clear,
    add,
    summarise,
    showProblem(problem, fallback) {
      const errors = problem.errors ?? [];
      const text = (e: (typeof errors)[number]): string => i18n.pick(e.message_vi, e.message);
      const unplaced = errors.filter((e) => !add(e.path, text(e)));
      for (const e of unplaced) summarise(`${e.path}: ${text(e)}`);
      // The detail is English: a Vietnamese reader gets the page's own sentence first.
      if (errors.length === 0) summarise(problem.detail ? (i18n.lang === 'vi' ? `${fallback} (${problem.detail})` : problem.detail) : fallback);
      else summarise(fallback);
      root.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    },
    get count() {
      return count;
    },
  };
}

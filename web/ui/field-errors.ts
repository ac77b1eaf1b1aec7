// Shows problem+json field errors next to the field their JSON pointer names, and the rest in a summary.
import type { Problem } from '../api/types.ts';
import { h } from './dom.ts';
import { word, type Message } from '../i18n/i18n.ts';
import { problemDetail, type Translator } from './error-text.ts';

export interface FieldErrorsOptions {
  /** The form; fields carry `data-path` with the pointer of their body member (e.g. "/applicant"). */
  root: HTMLElement;
  /** Where errors that name no field on the form go. */
  summary: HTMLElement;
  /**
   * The page's language: a field error is shown in Vietnamese when the API gives it (message_vi)
   * and the page reads Vietnamese; shown errors are worded again when the language changes.
   */
  i18n: Translator & { onChange(listener: () => void): () => void };
}

export interface FieldErrors {
  clear(): void;
  /** One error at `path`; returns whether a field took it. */
  add(path: string, message: Message): boolean;
  /** Every error of a problem; the detail goes to the summary when no field error is shown. */
  showProblem(problem: Problem, fallback: Message): void;
  /** A general message in the summary. */
  summarise(message: Message): void;
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
  let serial = 0;
  // What is shown, kept so it can be worded again in another language.
  const placed: { message: Message; element: HTMLElement }[] = [];
  const summarised: { message: Message; element: HTMLElement }[] = [];

  function clear(): void {
    placed.length = 0;
    summarised.length = 0;
    for (const error of root.querySelectorAll('.field-error')) error.remove();
    for (const field of root.querySelectorAll<HTMLElement>('[aria-invalid="true"]')) {
      field.removeAttribute('aria-invalid');
      field.removeAttribute('aria-describedby');
    }
    for (const wrapper of root.querySelectorAll('.has-error')) wrapper.classList.remove('has-error');
    summary.replaceChildren();
    summary.hidden = true;
  }

  function add(path: string, message: Message): boolean {
    const field = fieldFor(root, path);
    if (!field) return false;
    serial += 1;
    const id = `field-error-${serial}`;
    const error = h('p', { class: 'field-error', id, 'data-error-path': path }, [word(message)]);
    placed.push({ message, element: error });
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

  function summarise(message: Message): void {
    const element = h('p', {}, [word(message)]);
    summarised.push({ message, element });
    summary.append(element);
    summary.hidden = false;
  }

  // Shown errors follow the reader's language; the form's focus and fields stay as they are.
  i18n.onChange(() => {
    for (const e of [...placed, ...summarised]) e.element.textContent = word(e.message);
  });

  return {
    clear,
    add,
    summarise,
    showProblem(problem, fallback) {
      const errors = problem.errors ?? [];
      const text = (e: (typeof errors)[number]) => (): string => i18n.lang === 'vi' && e.message_vi ? e.message_vi : e.message;
      const unplaced = errors.filter((e) => !add(e.path, text(e)));
      for (const e of unplaced) summarise(() => `${e.path}: ${text(e)()}`);
      if (errors.length === 0 && (problem.detail || problem.detail_vi)) summarise(() => problemDetail(i18n, problem.status ?? 400, problem));
      else summarise(fallback);
      root.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    },
    get count() {
      return placed.length;
    },
  };
}

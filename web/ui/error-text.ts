// What to tell the user about a failed request: the problem+json detail, or a plain word for network and permission failures.
import { ApiError } from '../api/client.ts';
import type { Problem } from '../api/types.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** What errorText needs of the page's I18n (structural: keeps this file free of the DOM for Node tests). */
export interface Translator {
  readonly lang: 'vi' | 'en';
  t(key: MessageKey, params?: Record<string, string | number>): string;
}

const KNOWN = [400, 401, 403, 404, 409, 413, 415, 422, 429] as const;

/** The message key for an HTTP status of a problem+json answer. */
export function problemKey(status: number): MessageKey {
  if ((KNOWN as readonly number[]).includes(status)) return `problem.${status}` as MessageKey;
  return status >= 500 ? 'problem.5xx' : 'problem.other';
}

/**
 * A problem's detail in the reader's language. Without the API's Vietnamese (an older server, a
 * proxy's answer), a Vietnamese reader gets a sentence for the kind of failure, then what is wrong:
 * each bad field in Vietnamese when the API names them, else the English detail, labelled so.
 */
export function problemDetail(i18n: Translator, status: number, problem: Problem, english = problem.detail ?? problem.title ?? `HTTP ${status}`): string {
  if (i18n.lang !== 'vi') return english;
  if (problem.detail_vi) return problem.detail_vi;
  const fields = problem.errors ?? [];
  if (fields.length > 0 && fields.every((e) => e.message_vi)) {
    const what = fields.map((e) => (e.path ? `${e.path}: ${e.message_vi}` : e.message_vi)).join('; ');
    return `${i18n.t(problemKey(status))} (${i18n.t('problem.fields')}: ${what})`;
  }
  return `${i18n.t(problemKey(status))} (${i18n.t('problem.detail')}: ${english})`;
}

/** `byStatus` replaces the text for given HTTP statuses (e.g. 403 on a page that explains who may act). */
export function errorText(i18n: Translator, error: unknown, byStatus: Partial<Record<number, (e: ApiError) => string>> = {}): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return i18n.t('error.network');
    const special = byStatus[error.status];
    if (special) return special(error);
    return problemDetail(i18n, error.status, error.problem, error.problem.detail ?? error.problem.title ?? error.message);
  }
  return error instanceof Error ? error.message : String(error);
}

// What to tell the user about a failed request: the problem+json detail, or a plain word for network and permission failures.
import { ApiError } from '../api/client.ts';
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

/** `byStatus` replaces the text for given HTTP statuses (e.g. 403 on a page that explains who may act). */
export function errorText(i18n: Translator, error: unknown, byStatus: Partial<Record<number, (e: ApiError) => string>> = {}): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return i18n.t('error.network');
    const special = byStatus[error.status];
    if (special) return special(error);
    const detail = error.problem.detail ?? error.problem.title ?? error.message;
    // The API words its details in English; in Vietnamese the reader gets a Vietnamese sentence for
    // the kind of failure first, then what is wrong: each bad field in Vietnamese when the API
    // names them (errors[].message_vi), else the detail (which names the field or the conflict).
    if (i18n.lang !== 'vi') return detail;
    const fields = error.problem.errors ?? [];
    if (fields.length > 0 && fields.every((e) => e.message_vi)) {
      const what = fields.map((e) => (e.path ? `${e.path}: ${e.message_vi}` : e.message_vi)).join('; ');
      return `${i18n.t(problemKey(error.status))} (${i18n.t('problem.fields')}: ${what})`;
    }
    return `${i18n.t(problemKey(error.status))} (${i18n.t('problem.detail')}: ${detail})`;
  }
  return error instanceof Error ? error.message : String(error);
}

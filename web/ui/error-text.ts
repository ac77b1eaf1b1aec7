// What to tell the user about a failed request: the problem+json detail, or a plain word for network and permission failures.
import { ApiError } from '../api/client.ts';
import type { I18n } from '../i18n/i18n.ts';

/** `byStatus` replaces the text for given HTTP statuses (e.g. 403 on a page that explains who may act). */
export function errorText(i18n: I18n, error: unknown, byStatus: Partial<Record<number, (e: ApiError) => string>> = {}): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return i18n.t('error.network');
    const special = byStatus[error.status];
    if (special) return special(error);
    return error.problem.detail ?? error.problem.title ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

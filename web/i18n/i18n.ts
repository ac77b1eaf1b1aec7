// Current UI language (vi default, en), remembered in localStorage and mirrored on <html lang>.
import { en, vi, type ExtraMessages, type MessageKey } from './messages.ts';

export type Lang = 'vi' | 'en';

/** A text, or how to word it in the current language (so it can be worded again when the reader switches). */
export type Message = string | (() => string);

/** The message in the current language. */
export const word = (m: Message): string => (typeof m === 'function' ? m() : m);

const baseTables: Record<Lang, ExtraMessages> = { vi, en };
// Locale tags for number formatting: Vietnamese writes 2,5 where English writes 2.5.
const locales: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

export interface I18nOptions {
  /** Where the choice is remembered; null when storage is unavailable (private mode, tests). */
  storage?: Storage | null;
  storageKey?: string;
  /** The element whose `lang` follows the choice. */
  root?: HTMLElement;
  defaultLang?: Lang;
  /**
   * Texts of a page beyond the public map's (the permit pages'): kept out of the public map's
   * bundle, which must stay small for phones.
   */
  extra?: Record<Lang, ExtraMessages>;
}

export interface I18n {
  readonly lang: Lang;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Localised number with at most `maxFractionDigits` decimals. */
  number(value: number, maxFractionDigits?: number): string;
  /** A date (YYYY-MM-DD, shown as is) or an instant (shown in Việt Nam time, with the time of day). */
  date(value: string | null | undefined): string;
  /** Picks the field of the current language from a vi/en pair, falling back to the other. */
  pick(viText: string | null | undefined, enText: string | null | undefined): string;
  setLang(lang: Lang): void;
  onChange(listener: (lang: Lang) => void): () => void;
}

function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en';
}

function safeStorage(storage: Storage | null | undefined): Storage | null {
  if (storage !== undefined) return storage;
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function createI18n(options: I18nOptions = {}): I18n {
  const storage = safeStorage(options.storage);
  const storageKey = options.storageKey ?? 'spp.lang';
  const root = options.root ?? document.documentElement;
  const listeners = new Set<(lang: Lang) => void>();
  const tables: Record<Lang, ExtraMessages> = {
    vi: { ...baseTables.vi, ...options.extra?.vi },
    en: { ...baseTables.en, ...options.extra?.en },
  };

  let stored: string | null = null;
  try {
    stored = storage?.getItem(storageKey) ?? null;
  } catch {
    stored = null;
  }
  let lang: Lang = isLang(stored) ? stored : (options.defaultLang ?? 'vi');
  let numberFormats = new Map<number, Intl.NumberFormat>();
  root.lang = lang;

  function t(key: MessageKey, params: Record<string, string | number> = {}): string {
    const template = tables[lang][key] ?? tables.vi[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      name in params ? String(params[name]) : match,
    );
  }

  function number(value: number, maxFractionDigits = 2): string {
    let format = numberFormats.get(maxFractionDigits);
    if (!format) {
      format = new Intl.NumberFormat(locales[lang], { maximumFractionDigits: maxFractionDigits });
      numberFormats.set(maxFractionDigits, format);
    }
    return format.format(value);
  }

  function date(value: string | null | undefined): string {
    if (!value) return '—';
    const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const parsed = new Date(dayOnly ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(parsed.getTime())) return value;
    // Permits are decided in Cần Thơ: show instants in Việt Nam time whatever the device says.
    return new Intl.DateTimeFormat(locales[lang], {
      timeZone: dayOnly ? 'UTC' : 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      ...(dayOnly ? {} : { hour: '2-digit', minute: '2-digit' }),
    }).format(parsed);
  }

  return {
    get lang() {
      return lang;
    },
    t,
    number,
    date,
    pick(viText, enText) {
      const first = lang === 'vi' ? viText : enText;
      const second = lang === 'vi' ? enText : viText;
      return first || second || '';
    },
    setLang(next) {
      if (next === lang) return;
      lang = next;
      numberFormats = new Map();
      root.lang = lang;
      try {
        storage?.setItem(storageKey, lang);
      } catch {
        // A full or blocked storage only costs remembering the choice.
      }
      for (const listener of listeners) listener(lang);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

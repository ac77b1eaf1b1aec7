// Current UI language (vi default, en), remembered in localStorage and mirrored on <html lang>.
import { en, vi, type MessageKey, type Messages } from './messages.ts';

export type Lang = 'vi' | 'en';

const tables: Record<Lang, Messages> = { vi, en };
// Locale tags for number formatting: Vietnamese writes 2,5 where English writes 2.5.
const locales: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

export interface I18nOptions {
  /** Where the choice is remembered; null when storage is unavailable (private mode, tests). */
  storage?: Storage | null;
  storageKey?: string;
  /** The element whose `lang` follows the choice. */
  root?: HTMLElement;
  defaultLang?: Lang;
}

export interface I18n {
  readonly lang: Lang;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Localised number with at most `maxFractionDigits` decimals. */
  number(value: number, maxFractionDigits?: number): string;
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
    const template = tables[lang][key] ?? vi[key] ?? key;
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

  return {
    get lang() {
      return lang;
    },
    t,
    number,
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

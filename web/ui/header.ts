// Page header: title, VI/EN switch and the demo-data notice strip.
import type { Plan } from '../api/types.ts';
import type { I18n, Lang } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { h, replace } from './dom.ts';

/** What the demo notice reads of a plan. */
export type PlanNotice = Pick<Plan, 'is_demo' | 'notice_vi' | 'notice_en'>;

export interface HeaderOptions {
  container: HTMLElement;
  i18n: I18n;
  /** Whether the plan's full notice starts unfolded (wide screens) or folded (phones). */
  noticeOpen: boolean;
  /** The page's title (default: the public map's). */
  title?: MessageKey;
  /** Where the title links to, if anywhere. */
  titleHref?: string;
  /** Extra controls placed before the language switch (e.g. the signed-in user). */
  actions?: HTMLElement;
}

export interface Header {
  /** Plans as listed by the API; undefined while unknown (the notice then stays up, to be safe). */
  setPlans(plans: PlanNotice[] | undefined): void;
}

export function createHeader(options: HeaderOptions): Header {
  const { i18n } = options;
  let plans: PlanNotice[] | undefined;
  let detailsOpen = options.noticeOpen;

  const titleKey = options.title ?? 'app.title';
  const titleText = options.titleHref ? h('a', { href: options.titleHref, class: 'app-title-link' }) : h('span');
  const title = h('h1', { class: 'app-title' }, [titleText]);
  const langGroup = h('div', { class: 'lang-switch', role: 'group' });
  const langButtons = (['vi', 'en'] as Lang[]).map((lang) => {
    const button = h('button', { type: 'button', class: 'lang-button', lang, 'data-lang': lang }, [lang.toUpperCase()]);
    button.addEventListener('click', () => i18n.setLang(lang));
    return button;
  });
  langGroup.append(...langButtons);
  const bar = h('header', { class: 'app-header' }, [title, options.actions, langGroup]);
  const notice = h('div', { class: 'demo-notice', role: 'note', 'data-testid': 'demo-notice' });
  options.container.append(bar, notice);

  function render(): void {
    titleText.textContent = i18n.t(titleKey);
    langGroup.setAttribute('aria-label', i18n.t('lang.group'));
    for (const button of langButtons) {
      const lang = button.dataset.lang as Lang;
      button.setAttribute('aria-pressed', String(lang === i18n.lang));
      // The accessible name starts with the visible text (VI/EN), as speech-input users say what they see.
      button.setAttribute('aria-label', `${lang.toUpperCase()} – ${i18n.t(lang === 'vi' ? 'lang.vi' : 'lang.en')}`);
    }
    const demoPlans = plans?.filter((plan) => plan.is_demo);
    const showNotice = plans === undefined || (demoPlans?.length ?? 0) > 0;
    notice.hidden = !showNotice;
    const planNotice = demoPlans
      ?.map((plan) => i18n.pick(plan.notice_vi, plan.notice_en))
      .find((text) => text && text.trim().length > 0);
    const headline = i18n.t('demo.notice');
    const badge = h('span', { class: 'demo-badge', 'aria-hidden': 'true' }, ['!']);
    // The plan's own notice is shown too unless it only repeats the headline; it folds away on phones.
    if (!planNotice || planNotice.includes(headline)) {
      replace(notice, [h('p', { class: 'demo-headline' }, [badge, h('strong', {}, [headline])])]);
      return;
    }
    const details = h('details', { class: 'demo-details', open: detailsOpen }, [
      h('summary', { class: 'demo-headline' }, [badge, h('strong', {}, [headline])]),
      h('p', { class: 'demo-detail' }, [planNotice]),
    ]);
    details.addEventListener('toggle', () => {
      detailsOpen = details.open;
    });
    replace(notice, [details]);
  }

  i18n.onChange(render);
  render();

  return {
    setPlans(next) {
      plans = next;
      render();
    },
  };
}

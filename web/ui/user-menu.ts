// The signed-in user in the page header, with a sign-out button.
import type { User } from '../api/permit-types.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { h, replace } from './dom.ts';

export interface UserMenuOptions {
  i18n: I18n;
  onSignOut(): void;
}

export interface UserMenu {
  element: HTMLElement;
  setUser(user: User | null): void;
}

export function createUserMenu(options: UserMenuOptions): UserMenu {
  const { i18n } = options;
  let user: User | null = null;
  const element = h('div', { class: 'user-menu', 'data-testid': 'user-menu' });

  function render(): void {
    if (!user) {
      replace(element, []);
      element.hidden = true;
      return;
    }
    element.hidden = false;
    const roles = user.roles.map((role) => i18n.t(`role.${role}` as MessageKey)).join(', ');
    const signOut = h('button', { type: 'button', class: 'header-button', 'data-testid': 'sign-out' }, [i18n.t('auth.signOut')]);
    signOut.addEventListener('click', () => options.onSignOut());
    replace(element, [
      h('span', { class: 'user-name', title: `${user.email} — ${roles}` }, [
        h('strong', {}, [user.name || user.email]),
        h('span', { class: 'user-roles' }, [roles]),
      ]),
      signOut,
    ]);
  }

  i18n.onChange(render);
  render();
  return {
    element,
    setUser(next) {
      user = next;
      render();
    },
  };
}

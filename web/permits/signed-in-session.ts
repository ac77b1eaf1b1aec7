// The session of a signed-in page (permits, plan editor): the user in the header, the sign-in form when signed out or when a request finds the session ended, sign-out; the page draws its own view.
import { ApiError } from '../api/client.ts';
import type { PermitClient } from '../api/permit-client.ts';
import type { User } from '../api/permit-types.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { ErrorBar } from '../ui/error-bar.ts';
import type { UserMenu } from '../ui/user-menu.ts';
import { createSignInView } from './sign-in-view.ts';

/** The part of a page's observable state the session keeps (every signed-in page has a 'sign-in' page name). */
export interface SessionState {
  page: string | null;
  ready: boolean;
  user: { email: string; roles: string[] } | null;
  error: string | null;
}

export interface SignedInSessionOptions {
  i18n: I18n;
  permits: Pick<PermitClient, 'me' | 'login' | 'logout'>;
  content: HTMLElement;
  errorBar: ErrorBar;
  userMenu: UserMenu;
  state: SessionState;
  /** The sign-in form's intro and demo accounts (default: the permit pages'). */
  intro?: MessageKey;
  demo?: MessageKey;
  /** Shows the page's own navigation for the user's roles, or hides it (null: signed out). */
  onUser(user: User | null): void;
  /** Draws the page for the signed-in user into the emptied content. */
  render(user: User): void;
}

export interface SignedInSession {
  /** Shows a failure in the error bar; one that says the session has ended (401) brings back the sign-in form. */
  onError(error: unknown): void;
  signOut(): void;
  /** Asks who is signed in, then shows the page or the sign-in form. */
  start(): void;
}

export function createSignedInSession(options: SignedInSessionOptions): SignedInSession {
  const { i18n, permits, content, errorBar, userMenu, state } = options;

  function setUser(user: User | null): void {
    state.user = user ? { email: user.email, roles: user.roles } : null;
    userMenu.setUser(user);
    options.onUser(user);
  }

  function showSignIn(notice?: string): void {
    setUser(null);
    state.page = 'sign-in';
    state.ready = true;
    document.body.dataset.page = 'sign-in';
    content.replaceChildren();
    createSignInView({ container: content, i18n, permits, intro: options.intro, demo: options.demo, notice, onSignedIn: show });
  }

  function show(user: User): void {
    setUser(user);
    content.replaceChildren();
    errorBar.show(null);
    state.ready = false;
    options.render(user);
  }

  function onError(error: unknown): void {
    // A session that ran out mid-work: sign in again, then come back to the same page.
    if (error instanceof ApiError && error.status === 401) {
      showSignIn(i18n.t('auth.expired'));
      return;
    }
    state.error = errorBar.show(error);
  }

  return {
    onError,
    signOut() {
      permits
        .logout()
        .catch(() => undefined)
        .finally(() => {
          setUser(null);
          showSignIn();
        });
    },
    start() {
      permits
        .me()
        .then((user) => (user ? show(user) : showSignIn()))
        .catch(onError);
    },
  };
}

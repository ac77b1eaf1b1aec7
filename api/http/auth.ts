// Authentication middleware (session cookie or bearer token) and role guards.
import type { Request, RequestHandler, Response } from 'express';
import type { AuthService } from '../auth/auth.service.ts';
import { rolesVi, type Role, type User } from '../auth/auth.types.ts';
import { ForbiddenError, UnauthenticatedError } from './problem.ts';

export const SESSION_COOKIE = 'spp_session';

function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** The token a request carries: `Authorization: Bearer …` first, then the session cookie. */
export function requestToken(req: Request): { token: string; via: 'bearer' | 'cookie' } | null {
  const auth = req.get('authorization');
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    return m ? { token: m[1], via: 'bearer' } : { token: '', via: 'bearer' };
  }
  const cookie = readCookie(req, SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/**
 * Puts the signed-in user (or null) in res.locals.user. A bad bearer token is an error the caller
 * must see; a stale cookie just means "signed out", so public pages keep working.
 */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req, res, next) => {
    res.locals.user = null;
    const found = requestToken(req);
    if (!found) return next();
    const user = await auth.authenticate(found.token);
    if (!user && found.via === 'bearer') {
      throw new UnauthenticatedError({ en: 'The bearer token is invalid or has expired: sign in again.', vi: 'Mã đăng nhập (bearer token) không hợp lệ hoặc đã hết hạn: hãy đăng nhập lại.' });
    }
    res.locals.user = user;
    next();
  };
}

export function currentUser(res: Response): User | null {
  return (res.locals.user as User | null) ?? null;
}

/** The signed-in user, or a 401. */
export function requireUser(res: Response): User {
  const user = currentUser(res);
  if (!user) throw new UnauthenticatedError();
  return user;
}

/** Lets through users holding one of the roles; admins hold every role. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const user = requireUser(res);
    if (!user.roles.includes('admin') && !roles.some((r) => user.roles.includes(r))) {
      throw new ForbiddenError({
        en: `This action needs the role ${roles.join(' or ')}; you have ${user.roles.join(', ')}.`,
        vi: `Thao tác này cần vai trò ${rolesVi(roles, ' hoặc ')}; vai trò của bạn: ${rolesVi(user.roles)}.`,
      });
    }
    next();
  };
}

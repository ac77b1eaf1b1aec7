// HTTP of sign-in: POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me.
import { Router } from 'express';
import type { AuthService } from './auth.service.ts';
import { currentUser, requestToken, requireUser, SESSION_COOKIE } from '../http/auth.ts';
import { FieldErrors, jsonObjectBody, stringField } from '../http/body.ts';

export function authRoutes(auth: AuthService, options: { ttlHours: number }): Router {
  const router = Router();

  router.post('/api/auth/login', async (req, res) => {
    const body = jsonObjectBody(req);
    const errors = new FieldErrors();
    const email = stringField(body, 'email', errors, { required: true, max: 320 });
    const password = stringField(body, 'password', errors, { required: true, max: 1000 });
    errors.throwIfAny();
    const result = await auth.login(email!, password!, res.locals.requestId);
    res.cookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'lax', // cross-site form posts do not carry the session
      secure: req.secure,
      path: '/',
      maxAge: options.ttlHours * 3600_000,
    });
    res.json(result);
  });

  router.post('/api/auth/logout', async (req, res) => {
    const user = requireUser(res);
    const found = requestToken(req);
    if (found) await auth.logout(found.token, user, res.locals.requestId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/api/auth/me', (_req, res) => {
    res.json({ user: currentUser(res) });
  });

  return router;
}

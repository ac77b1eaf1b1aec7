// Per-client request budget for public endpoints that run the check engine (in process memory).
import type { Request, RequestHandler } from 'express';
import { TooManyRequestsError } from '../http/problem.ts';

export interface RateLimitOptions {
  /** Requests a client may make per window (also the burst it may make at once). */
  limit: number;
  windowMs: number;
  /** Clock, for tests. */
  now?: () => number;
}

export const DEFAULT_FEASIBILITY_LIMIT: RateLimitOptions = { limit: 60, windowMs: 60_000 };

/**
 * The client a budget belongs to: req.ip (behind a loopback proxy, the forwarded address; see
 * app.ts), an IPv4-mapped IPv6 address as IPv4, and other IPv6 addresses by their /64 — one
 * subscriber gets a whole /64, so counting single addresses would let one client rotate through it.
 */
export function clientKey(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head] = ip.split('::');
  const groups = ip.includes('::') ? head.split(':').filter(Boolean) : ip.split(':');
  return `${[...groups, '0', '0', '0', '0'].slice(0, 4).join(':')}::/64`;
}

/**
 * GCRA (the generic cell rate algorithm, a token bucket kept as one timestamp per client): requests
 * are spaced windowMs / limit apart on average, with a burst of `limit` allowed at once; beyond it a
 * 429 problem with Retry-After (seconds until the next request would pass).
 *
 * The state lives in this process's memory, on purpose: it costs nothing per request and the
 * embedded backend is one process anyway. Behind a load balancer each API process keeps its own
 * budget, so a client may get up to limit × processes per window; a shared budget needs a database
 * table (or the proxy's own limiter). Memory is bounded by the clients of one window: entries whose
 * budget is whole again are dropped.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const { limit, windowMs } = options;
  if (!(Number.isInteger(limit) && limit >= 1) || !(windowMs > 0)) throw new RangeError('rate limit: limit must be a whole number ≥ 1 and windowMs > 0');
  const now = options.now ?? Date.now;
  const interval = windowMs / limit;
  /** Theoretical arrival time per client: when its budget is whole again. */
  const tat = new Map<string, number>();
  let lastSweep = now();
  return (req, res, next) => {
    const t = now();
    if (t - lastSweep >= windowMs) {
      for (const [k, v] of tat) if (v <= t) tat.delete(k);
      lastSweep = t;
    }
    const key = clientKey(req);
    const next_ = Math.max(tat.get(key) ?? t, t) + interval;
    if (next_ - t > windowMs) {
      const retry = Math.max(1, Math.ceil((next_ - t - windowMs) / 1000));
      res.setHeader('Retry-After', String(retry));
      const per = windowMs === 60_000 ? 'minute' : `${windowMs / 1000} s`;
      const perVi = windowMs === 60_000 ? 'phút' : `${windowMs / 1000} giây`;
      throw new TooManyRequestsError(
        {
          en: `Too many requests from your address: at most ${limit} per ${per}. Try again in ${retry} s.`,
          vi: `Địa chỉ của bạn gửi quá nhiều yêu cầu: tối đa ${limit} yêu cầu mỗi ${perVi}. Hãy thử lại sau ${retry} giây.`,
        },
        retry,
      );
    }
    tat.set(key, next_);
    next();
  };
}

// Per-key rate limiting for the REST API, shared by every web process through PostgreSQL.
// GCRA (the generic cell rate algorithm): each key has a "theoretical arrival time" (tat) that
// every allowed request pushes forward by one emission interval (a minute / the limit). A request
// is allowed while tat stays within a minute of now, so a key may burst its whole minute's budget
// and then continues at the steady rate. One statement per request, on an UNLOGGED table.
import { AppError } from "@/lib/errors";
import { getPool } from "@/lib/db/pool";
import { env } from "@/lib/env";

const WINDOW_MS = 60_000;

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  /** Seconds until the next request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

export async function checkRateLimit(apiKeyId: string, limitPerMinute: number = env.API_RATE_LIMIT_PER_MINUTE): Promise<RateLimitVerdict> {
  const emissionMs = WINDOW_MS / limitPerMinute;
  const pool = getPool();
  const { rowCount } = await pool.query(
    `INSERT INTO api_rate_limits AS limits (api_key_id, tat) VALUES ($1, now() + make_interval(secs => $2))
     ON CONFLICT (api_key_id) DO UPDATE SET tat = greatest(limits.tat, now()) + make_interval(secs => $2)
      WHERE greatest(limits.tat, now()) + make_interval(secs => $2) <= now() + make_interval(secs => $3)`,
    [apiKeyId, emissionMs / 1000, WINDOW_MS / 1000],
  );
  if (rowCount) return { allowed: true, limit: limitPerMinute, retryAfterSeconds: 0 };
  const { rows } = await pool.query<{ wait: number }>(
    `SELECT extract(epoch FROM tat + make_interval(secs => $2) - now() - make_interval(secs => $3))::float AS wait
       FROM api_rate_limits WHERE api_key_id = $1`,
    [apiKeyId, emissionMs / 1000, WINDOW_MS / 1000],
  );
  return { allowed: false, limit: limitPerMinute, retryAfterSeconds: Math.max(1, Math.ceil(rows[0]?.wait ?? 1)) };
}

export function rateLimitError(verdict: RateLimitVerdict): AppError {
  return new AppError("rate_limited", `Rate limit of ${verdict.limit} requests per minute exceeded; retry in ${verdict.retryAfterSeconds} s`, {
    details: { retryAfterSeconds: verdict.retryAfterSeconds },
  });
}

/**
 * When to try a GitHub API request again, and after how long: on 429 and 5xx (and on a 403 that
 * GitHub marks as a rate limit), a bounded number of times, with exponential backoff or the
 * server's `Retry-After`.
 */

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly retries: number;
  /** First backoff; doubled on each retry. */
  readonly baseDelayMs: number;
  /** Longest single wait; a `Retry-After` asking for more than `maxRetryAfterMs` is not waited for. */
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

/** What a failed request looked like, from @octokit/request-error's RequestError. */
export interface FailedRequest {
  readonly status: number | undefined;
  readonly headers: Readonly<Record<string, string | number | undefined>>;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | number | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value === '') return undefined;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Whether a failure is worth trying again: 429, 5xx (network errors come as 500), rate-limit 403. */
export function isRetryable(failure: FailedRequest): boolean {
  const s = failure.status;
  if (s === undefined) return true;
  if (s === 429 || s >= 500) return true;
  // GitHub's secondary rate limit answers 403 with Retry-After or x-ratelimit-remaining: 0.
  if (s === 403)
    return failure.headers['retry-after'] !== undefined || String(failure.headers['x-ratelimit-remaining']) === '0';
  return false;
}

/**
 * Milliseconds to wait before retry number `attempt` (1-based), or undefined to give up: not
 * retryable, out of retries, or a Retry-After longer than the policy waits.
 */
export function retryDelay(
  failure: FailedRequest,
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY,
): number | undefined {
  if (attempt > policy.retries || !isRetryable(failure)) return undefined;
  const retryAfter = parseRetryAfter(failure.headers['retry-after']);
  if (retryAfter !== undefined)
    return retryAfter > policy.maxRetryAfterMs ? undefined : Math.min(retryAfter, policy.maxDelayMs);
  const reset = failure.headers['x-ratelimit-reset'];
  if (String(failure.headers['x-ratelimit-remaining']) === '0' && reset !== undefined) {
    const wait = Number(reset) * 1000 - Date.now();
    if (wait > policy.maxRetryAfterMs) return undefined;
    return Math.min(Math.max(wait, 0), policy.maxDelayMs);
  }
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RETRY, isRetryable, parseRetryAfter, retryDelay } from '../../src/github/retry.js';

describe('retry policy', () => {
  it('retries 429, 5xx, unanswered requests and rate-limit 403s; not other 4xx', () => {
    const f = (status: number | undefined, headers: Record<string, string> = {}) => ({ status, headers });
    expect([429, 500, 502, 503].map((s) => isRetryable(f(s)))).toEqual([true, true, true, true]);
    expect(isRetryable(f(undefined))).toBe(true);
    expect([400, 401, 403, 404, 422].map((s) => isRetryable(f(s)))).toEqual([false, false, false, false, false]);
    expect(isRetryable(f(403, { 'retry-after': '30' }))).toBe(true);
    expect(isRetryable(f(403, { 'x-ratelimit-remaining': '0' }))).toBe(true);
  });

  it('backs off exponentially, a bounded number of times', () => {
    const fail = { status: 502, headers: {} };
    expect([1, 2, 3, 4].map((n) => retryDelay(fail, n))).toEqual([1000, 2000, 4000, undefined]);
    expect(retryDelay(fail, 1, { ...DEFAULT_RETRY, baseDelayMs: 20_000 })).toBe(20_000);
    expect(retryDelay(fail, 3, { ...DEFAULT_RETRY, baseDelayMs: 20_000 })).toBe(30_000); // capped
  });

  it('honours Retry-After (seconds or a date), and does not wait for one too long', () => {
    expect(retryDelay({ status: 429, headers: { 'retry-after': '3' } }, 1)).toBe(3000);
    expect(retryDelay({ status: 429, headers: { 'retry-after': '0' } }, 1)).toBe(0);
    expect(retryDelay({ status: 429, headers: { 'retry-after': '3600' } }, 1)).toBeUndefined();
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('waits for a primary rate limit reset when it is near', () => {
    const reset = String(Math.floor(Date.now() / 1000) + 10);
    const wait = retryDelay({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } }, 1);
    expect(wait).toBeGreaterThan(8000);
    expect(wait).toBeLessThanOrEqual(10_000);
    const far = String(Math.floor(Date.now() / 1000) + 3600);
    expect(
      retryDelay({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': far } }, 1),
    ).toBeUndefined();
  });
});

/**
 * The GitHub REST client the action uses: @actions/github's Octokit (the runner's proxy settings,
 * GITHUB_API_URL for GitHub Enterprise Server and for tests), with bounded retries on 429 and 5xx
 * and a timeout on every request, so a hung API cannot hang the job.
 */
import { getOctokit } from '@actions/github';
import { DEFAULT_RETRY, retryDelay } from './retry.js';
import type { RetryPolicy } from './retry.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  readonly token: string;
  /** Defaults to GITHUB_API_URL, else https://api.github.com. */
  readonly baseUrl?: string;
  readonly retry?: RetryPolicy;
  /** Per attempt. */
  readonly timeoutMs?: number;
  /** Where retries are reported (one line each). */
  readonly log?: (message: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function apiBaseUrl(): string {
  return (process.env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, '');
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface ErrorLike {
  status?: number;
  response?: { headers?: Record<string, string | number | undefined> };
  message?: string;
}

/** The status GitHub answered with, or undefined when the request never got an answer. */
export function errorStatus(err: unknown): number | undefined {
  const status = (err as ErrorLike | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** One line about a failed request, without request details (they carry the token's header). */
export function describeError(err: unknown): string {
  const e = err as ErrorLike | undefined;
  const status = errorStatus(err);
  // Octokit appends the documentation URL to GitHub's message; the message is enough.
  const message = ((e?.message ?? String(err)).split('\n')[0] ?? '').replace(/ - https?:\/\/\S+$/, '').trim();
  // Octokit reports a request that got no answer (refused, reset, timed out) as a 500 without a response.
  return status !== undefined && (e?.response !== undefined || status !== 500)
    ? `HTTP ${status}${message ? `: ${message}` : ''}`
    : `no answer from the API${message ? ` (${message})` : ''}`;
}

export function createClient(options: ClientOptions): GitHubClient {
  const policy = options.retry ?? DEFAULT_RETRY;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const sleep = options.sleep ?? defaultSleep;
  const log = options.log ?? (() => undefined);
  const octokit = getOctokit(options.token, {
    baseUrl: options.baseUrl ?? apiBaseUrl(),
    // Octokit's own warnings (deprecations) go to the log; nothing else is printed.
    log: { debug: () => undefined, info: () => undefined, warn: log, error: log },
  });
  octokit.hook.wrap('request', async (request, endpoint) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request({ ...endpoint, request: { ...endpoint.request, signal: AbortSignal.timeout(timeoutMs) } });
      } catch (err) {
        const e = err as ErrorLike;
        const wait = retryDelay({ status: e.status, headers: e.response?.headers ?? {} }, attempt, policy);
        if (wait === undefined) throw err;
        const what = `${endpoint.method} ${String(endpoint.url).replace(/\?.*$/, '')}`;
        log(
          `GitHub API ${what}: ${describeError(err)}; retrying in ${(wait / 1000).toFixed(1)} s (retry ${attempt} of ${policy.retries}).`,
        );
        await sleep(wait);
      }
    }
  });
  return octokit;
}

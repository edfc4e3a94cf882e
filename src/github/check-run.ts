/**
 * A named check run on the commit under review: created completed (the gate has already decided),
 * with the first 50 annotations, then the rest appended 50 at a time with updates, as the Checks
 * API requires. Every failure is an answer, not an exception: the verdict never depends on it.
 */
import type { GitHubClient } from './client.js';
import { describeError, errorStatus } from './client.js';

/** The Checks API takes at most 50 annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Our own bound on API calls: beyond this many, the summary and SARIF carry the rest. */
export const MAX_CHECK_ANNOTATIONS = 1000;
/** `output.summary` and `output.text` hold at most 65,535 characters. */
export const MAX_SUMMARY_CHARS = 65_535;
const MAX_TITLE_CHARS = 255;
const MAX_MESSAGE_BYTES = 64 * 1024;

export type AnnotationLevel = 'notice' | 'warning' | 'failure';

export interface CheckAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly start_column?: number;
  readonly end_column?: number;
  readonly annotation_level: AnnotationLevel;
  readonly message: string;
  readonly title?: string;
  readonly raw_details?: string;
}

export interface CheckRunRequest {
  readonly owner: string;
  readonly repo: string;
  readonly name: string;
  readonly headSha: string;
  readonly conclusion: 'success' | 'failure' | 'neutral';
  readonly title: string;
  readonly summary: string;
  /** Most important first: when the bound cuts the list, the rest are the least severe. */
  readonly annotations: readonly CheckAnnotation[];
  readonly detailsUrl?: string | undefined;
}

export type CheckRunResult =
  | {
      readonly kind: 'created';
      readonly id: number;
      readonly url: string | undefined;
      /** Annotations the check run holds. */
      readonly annotated: number;
      /** Annotations left out by MAX_CHECK_ANNOTATIONS. */
      readonly omitted: number;
      readonly requests: number;
    }
  | {
      /** The token may not create check runs (403/404): a fork's or Dependabot's read-only token. */
      readonly kind: 'forbidden';
      readonly status: number;
      readonly message: string;
    }
  | {
      readonly kind: 'failed';
      readonly message: string;
      /** Set when the check run exists but an update adding annotations failed. */
      readonly partial?: { readonly id: number; readonly url: string | undefined; readonly annotated: number };
    };

/** Cuts a string to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncateChars(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max;
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return s.slice(0, cut);
}

function truncateBytes(s: string, max: number): string {
  if (Buffer.byteLength(s, 'utf8') <= max) return s;
  let out = '';
  let size = 0;
  for (const ch of s) {
    size += Buffer.byteLength(ch, 'utf8');
    if (size > max) break;
    out += ch;
  }
  return out;
}

/** Keeps an annotation within the documented limits (title 255 characters, message 64 KB). */
export function fitAnnotation(a: CheckAnnotation): CheckAnnotation {
  const out: CheckAnnotation = { ...a, message: truncateBytes(a.message, MAX_MESSAGE_BYTES) };
  return a.title === undefined ? out : { ...out, title: truncateChars(a.title, MAX_TITLE_CHARS) };
}

export async function publishCheckRun(client: GitHubClient, req: CheckRunRequest): Promise<CheckRunResult> {
  const all = req.annotations.slice(0, MAX_CHECK_ANNOTATIONS).map(fitAnnotation);
  const omitted = req.annotations.length - all.length;
  const output = { title: req.title, summary: truncateChars(req.summary, MAX_SUMMARY_CHARS) };
  const first = all.slice(0, ANNOTATIONS_PER_REQUEST);

  let id: number;
  let url: string | undefined;
  try {
    const { data } = await client.rest.checks.create({
      owner: req.owner,
      repo: req.repo,
      name: req.name,
      head_sha: req.headSha,
      status: 'completed',
      conclusion: req.conclusion,
      // YYYY-MM-DDTHH:MM:SSZ, the form the API documents.
      completed_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ...(req.detailsUrl ? { details_url: req.detailsUrl } : {}),
      output: { ...output, annotations: [...first] },
    });
    id = data.id;
    url = data.html_url ?? undefined;
  } catch (err) {
    const status = errorStatus(err);
    if (status === 403 || status === 404) return { kind: 'forbidden', status, message: describeError(err) };
    return { kind: 'failed', message: describeError(err) };
  }

  let annotated = first.length;
  let requests = 1;
  for (let i = ANNOTATIONS_PER_REQUEST; i < all.length; i += ANNOTATIONS_PER_REQUEST) {
    const batch = all.slice(i, i + ANNOTATIONS_PER_REQUEST);
    try {
      // Each update appends its annotations to those the check run already holds.
      await client.rest.checks.update({
        owner: req.owner,
        repo: req.repo,
        check_run_id: id,
        output: { ...output, annotations: [...batch] },
      });
    } catch (err) {
      return {
        kind: 'failed',
        message: `adding annotations ${i + 1}–${i + batch.length} failed (${describeError(err)})`,
        partial: { id, url, annotated },
      };
    }
    annotated += batch.length;
    requests++;
  }
  return { kind: 'created', id, url, annotated, omitted, requests };
}

import { createHash } from 'node:crypto';

/**
 * Code longer than this is hashed once and the finding's fingerprint taken over that digest: a
 * one-line file of thousands of findings would otherwise hash the whole line once per finding.
 * Far above any statement a finding sits on in ordinary code, so those keep their fingerprints.
 */
export const LONG_CODE = 16 * 1024;

/**
 * The code a finding sits on as its fingerprint takes it: secrets already scrubbed (so a short
 * password cannot be recovered from the hash by trying candidates), white space folded.
 */
export function fingerprintCode(scrubbed: string): string {
  const code = scrubbed.replace(/\s+/g, ' ').trim();
  return code.length > LONG_CODE ? `sha256:${createHash('sha256').update(code).digest('hex')}` : code;
}

/**
 * A finding's identity across edits that move it: the rule, the file, the code it sits on (from
 * fingerprintCode), and which occurrence of that code it is.
 */
export function fingerprint(ruleId: string, path: string, code: string, occurrence: number): string {
  const hash = createHash('sha256').update(`${ruleId}\0${path}\0${code}`).digest('hex').slice(0, 32);
  return `${hash}:${occurrence}`;
}

import { createHash } from 'node:crypto';
import { scrubSecrets } from '../conn/redact.js';

/**
 * A finding's identity across edits that move it: the rule, the file, the code it sits on with
 * white space folded, and which occurrence of that code it is. Secrets are scrubbed before
 * hashing, so a short password cannot be recovered from the hash by trying candidates.
 */
export function fingerprint(
  ruleId: string,
  path: string,
  codeLines: readonly string[],
  secrets: Iterable<string>,
  occurrence: number,
): string {
  const code = scrubSecrets(codeLines.join('\n'), secrets).replace(/\s+/g, ' ').trim();
  const hash = createHash('sha256').update(`${ruleId}\0${path}\0${code}`).digest('hex').slice(0, 32);
  return `${hash}:${occurrence}`;
}

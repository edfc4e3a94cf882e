/**
 * Credential formats recognisable by their shape alone: issuers give their keys and tokens a
 * fixed prefix and length precisely so scanners can find them, so a match is a secret whatever
 * the key or variable it sits under. Patterns are anchored on word boundaries and exact lengths
 * to keep identifiers and prose out.
 */
export interface TokenFormat {
  readonly name: string;
  readonly pattern: RegExp;
}

export const TOKEN_FORMATS: readonly TokenFormat[] = [
  { name: 'AWS access key id', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])/ },
  { name: 'GitHub token', pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,}(?![A-Za-z0-9])/ },
  { name: 'GitHub fine-grained token', pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{60,}/ },
  { name: 'GitLab token', pattern: /(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_-]{20,}/ },
  { name: 'Slack token', pattern: /(?<![A-Za-z0-9])xox[abposr]-[0-9]{6,}-[0-9A-Za-z-]{6,}/ },
  {
    name: 'private key',
    // A header alone is a marker a parser compares against; a key has a body after it.
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----\s*(?:[A-Za-z-]+:[^\n]*\n\s*)*[A-Za-z0-9+/=]{40,}/,
  },
  { name: 'Stripe live secret key', pattern: /(?<![A-Za-z0-9])[sr]k_live_[0-9A-Za-z]{20,}/ },
  { name: 'Google API key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/ },
  { name: 'SendGrid API key', pattern: /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/ },
  { name: 'npm token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/ },
];

/** Documentation's own sample credentials (`AKIAIOSFODNN7EXAMPLE`) and obvious fillers. */
const SAMPLE = /example|sample|dummy|fake|xxxx|0000000000|1234567890|abcdefghij/i;

/** The credential format a text contains and the matched text, or undefined. */
export function tokenFormatIn(text: string): { name: string; match: string } | undefined {
  for (const f of TOKEN_FORMATS) {
    const m = f.pattern.exec(text);
    if (!m) continue;
    if (SAMPLE.test(m[0])) continue;
    return { name: f.name, match: m[0] };
  }
  return undefined;
}

import { redactCredentials } from './redact.js';

/**
 * A short, quoted, redacted excerpt of text the tool did not expect (an unknown key, a bad baseline
 * entry) for a message: at most `max` characters, credentials masked, JSON-quoted so quotes and
 * control characters are escaped and nothing in it can start a line.
 */
export function excerpt(s: string, max = 40): string {
  const redacted = redactCredentials(s);
  const cut = [...redacted];
  const short = cut.length > max ? `${cut.slice(0, max - 1).join('')}…` : redacted;
  return JSON.stringify(short);
}

import { SecretScrubber } from './scrubber.js';

/**
 * Masks every whole-token occurrence of each secret in a text: the engine's last line of defence
 * behind the positional redaction rules already do. Whole tokens only, so a password such as
 * `postgres` does not turn `postgresql://` into `****ql://`, which would reveal it by its shape.
 * For many texts of one file, build one SecretScrubber and reuse it.
 */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  return new SecretScrubber(secrets).scrub(text);
}

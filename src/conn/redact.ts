import { MASK } from './parse.js';

/** Letters, digits and the characters that extend a word inside a URI or identifier. */
const WORDISH = /[A-Za-z0-9_]/;

/**
 * Masks every whole-token occurrence of each secret in a text: the engine's last line of defence
 * behind the positional redaction rules already do. Whole tokens only, so a password such as
 * `postgres` does not turn `postgresql://` into `****ql://`, which would reveal it by its shape.
 */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  const forms = new Set<string>();
  for (const s of secrets) {
    if (s.length < 3) continue;
    forms.add(s);
    const encoded = encodeURIComponent(s);
    if (encoded !== s) forms.add(encoded);
  }
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = maskTokens(out, form);
  return out;
}

function maskTokens(text: string, secret: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
    if (at < from) continue;
    const before = at > 0 ? (text[at - 1] as string) : '';
    const after = text[at + secret.length] ?? '';
    const startsWord = WORDISH.test(secret[0] as string);
    const endsWord = WORDISH.test(secret[secret.length - 1] as string);
    if ((startsWord && before && WORDISH.test(before)) || (endsWord && after && WORDISH.test(after))) continue;
    out += text.slice(from, at) + MASK;
    from = at + secret.length;
  }
  return out + text.slice(from);
}

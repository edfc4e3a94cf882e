import { MASK } from './parse.js';

/** Removes every occurrence of each secret from a text (the engine's last line of defence). */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  const sorted = [...secrets].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  for (const s of sorted) {
    if (out.includes(s)) out = out.split(s).join(MASK);
    const encoded = encodeURIComponent(s);
    if (encoded !== s && out.includes(encoded)) out = out.split(encoded).join(MASK);
  }
  return out;
}

import { DYNAMIC } from '../../../core/dynamic.js';
import type { ConfigDoc } from '../../../parse/config/types.js';

export interface Resolved {
  /** The value with every part not known statically replaced by DYNAMIC. */
  readonly text: string;
  /** `${VAR:-default}` as the whole value: the default runs when VAR is unset. */
  readonly envFallbackOf?: string;
}

type Format = ConfigDoc['format'];

/** Formats whose values go through a shell or compose-style interpolation of bare `$NAME`. */
const BARE_VARIABLES: ReadonlySet<Format> = new Set(['yaml', 'shell', 'dockerfile', 'makefile', 'procfile']);
const FALLBACK = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-=])([\s\S]*)$/;

/**
 * What a config value is when it runs, as far as the file tells. Compose, shell, dotenv and
 * Dockerfile interpolation: `${VAR:-default}` / `${VAR-default}` / `${VAR:=default}` become the
 * default (what runs when VAR is unset); `${VAR}`, `$(cmd)`, `{{ .Values.x }}`, `${{ secrets.X }}`,
 * `%(here)s` and, where the format expands them, bare `$VAR` become DYNAMIC. Compose writes a
 * literal `$` as `$$`.
 */
export function resolveValue(value: string, format: Format): Resolved {
  const v = value.trim();
  if (v.startsWith('${')) {
    const close = matching(v, 1, '{', '}');
    if (close === v.length - 1) {
      const m = FALLBACK.exec(v.slice(2, -1));
      if (m) return { text: resolveInner(m[3] as string, format), envFallbackOf: m[1] as string };
    }
  }
  return { text: resolveInner(v, format) };
}

function resolveInner(s: string, format: Format): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const next = s[i + 1];
    if (c === '$' && next === '$' && format === 'yaml') {
      out += '$';
      i++;
    } else if (c === '$' && (next === '{' || next === '(')) {
      const close = matching(s, i + 1, next, next === '{' ? '}' : ')');
      if (close < 0) {
        out += c;
        continue;
      }
      const m = next === '{' ? FALLBACK.exec(s.slice(i + 2, close)) : null;
      out += m ? resolveInner(m[3] as string, format) : DYNAMIC;
      i = close;
    } else if (c === '{' && next === '{') {
      const close = s.indexOf('}}', i + 2);
      if (close < 0) {
        out += c;
        continue;
      }
      out += DYNAMIC;
      i = close + 1;
    } else if (c === '%' && next === '(') {
      const close = s.indexOf(')', i + 2);
      if (close >= 0 && /^[A-Za-z0-9_.-]+$/.test(s.slice(i + 2, close)) && s[close + 1] === 's') {
        out += DYNAMIC;
        i = close + 1;
      } else out += c;
    } else if (c === '$' && next !== undefined && /[A-Za-z_]/.test(next) && BARE_VARIABLES.has(format)) {
      let j = i + 1;
      while (j < s.length && /[A-Za-z0-9_]/.test(s[j] as string)) j++;
      out += DYNAMIC;
      i = j - 1;
    } else out += c;
  }
  return out;
}

/** Index of the closer matching the opener at `open` (nesting counted); -1 when none. */
function matching(s: string, open: number, opener: string, closer: string): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === opener) depth++;
    else if (s[i] === closer && --depth === 0) return i;
  }
  return -1;
}

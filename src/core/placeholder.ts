import { DYNAMIC } from './dynamic.js';

// Words people write where a real secret is meant to go (checks.md, "Never a finding").
const PLACEHOLDER_WORDS = new Set([
  'changeme',
  'change-me',
  'change_me',
  'changethis',
  'change-this',
  'replaceme',
  'replace-me',
  'replace_me',
  'placeholder',
  'redacted',
  'todo',
  'tbd',
  'none',
  'null',
  'undefined',
  'secret-here',
  'your-password',
  'your_password',
  'yourpassword',
  'your-secret',
  'your_secret',
  'your-secret-key',
  'your_secret_key',
]);

/**
 * True when a secret-looking value is a template or placeholder rather than a secret:
 * empty, `<password>`, `${VAR}`, `$VAR`, `%(VAR)s`, `{{ .Values.x }}`, `@env X`, `xxx`, `****`,
 * `changeme` and friends, a documented sample (`...EXAMPLEKEY`), or a value only partly known
 * (built from elsewhere).
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (v.includes(DYNAMIC)) return true;
  const lower = v.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower)) return true;
  if (/^<[^<>]*>$/.test(v)) return true; // <password>
  if (/\$\{[^}]*\}/.test(v) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v)) return true; // ${VAR}, $VAR
  if (/%\([^)]*\)s/.test(v)) return true; // %(VAR)s
  if (/\{\{[^}]*\}\}/.test(v)) return true; // {{ .Values.x }}, Jinja
  if (/^@env\s+\S+/.test(v)) return true; // Dynaconf
  if (/^(x+|\*+|\.+|-+|_+|#+)$/i.test(v)) return true; // xxx, ****, ...
  if (/^(.)\1+$/.test(v) && v.length < 5) return true; // aaa
  // Cloud providers' documented sample credentials end in an upper-case marker
  // (`AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`): copied from the docs,
  // valid nowhere.
  if (/EXAMPLE(?:KEY)?$/.test(v)) return true;
  return false;
}

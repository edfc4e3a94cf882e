import { isPlaceholder } from '../../core/placeholder.js';
import type { Scalar } from '../../parse/config/types.js';
import type { FlaskFileSetting } from './config-files.js';
import type { FlaskSetting } from './config.js';

/** How a setting was written, for a message: `app.config["SECRET_KEY"]`, `SECRET_KEY in class Config`. */
export function describeSetting(s: FlaskSetting): string {
  switch (s.form) {
    case 'config-item':
      return `app.config["${s.key}"]`;
    case 'config-update':
      return `${s.key} in app.config.update()`;
    case 'config-mapping':
      return `${s.key} in app.config.from_mapping()`;
    case 'config-setdefault':
      return `app.config.setdefault("${s.key}")`;
    case 'config-class':
      return `${s.key} in config class ${s.owner ?? ''}`.trimEnd();
    case 'settings-module':
      return `${s.key} in a settings module`;
    case 'app-attribute':
      return `app.${s.key.toLowerCase()}`;
    case 'app-run':
      return 'app.run(debug=True)';
  }
}

/** How a config-file setting was written: `FLASK_SESSION_COOKIE_SECURE (Flask's SESSION_COOKIE_SECURE)`. */
export function describeFileSetting(s: FlaskFileSetting): string {
  return s.name === s.key ? s.name : `${s.name} (Flask's ${s.key})`;
}

/** ` when X is not set` for fallbacks. */
export function fallbackNote(envFallbackOf: string | undefined): string {
  return envFallbackOf ? ` when ${envFallbackOf} is not set (the fallback of the environment lookup)` : '';
}

const FALSE_TEXT = new Set(['false', '0', 'no', 'off', 'n', 'f']);
const TRUE_TEXT = new Set(['true', '1', 'yes', 'on', 'y', 't']);

/** An environment/config-file value that turns a flag off: `false`, `False`, `0`, `no`, `off`. */
export function isFalseScalar(v: Scalar): boolean {
  if (v === false || v === 0) return true;
  return typeof v === 'string' && FALSE_TEXT.has(v.trim().toLowerCase());
}

export function isTrueScalar(v: Scalar): boolean {
  if (v === true || v === 1) return true;
  return typeof v === 'string' && TRUE_TEXT.has(v.trim().toLowerCase());
}

/** A number of seconds written in a config file (`2592000`, `"31536000"`). */
export function scalarSeconds(v: Scalar): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || !/^\s*\d+(\.\d+)?\s*$/.test(v)) return undefined;
  return Number(v);
}

// The words secret-in-config-file (FCG206) also takes for "put the real one here".
const PLACEHOLDER_TEXT =
  /change[-_ ]?(?:me|this|it)|^your[-_ ]|replace[-_ ]?(?:me|this|with)|^example|^dummy|^fake|^not[-_ ]?a[-_ ]?secret/i;

/**
 * A value written where a real secret is meant to go: isPlaceholder's templates and words, and
 * text that says so (`your-secret-key-here`, `change-this-in-production`).
 */
export function isPlaceholderSecret(text: string): boolean {
  return isPlaceholder(text) || PLACEHOLDER_TEXT.test(text.trim());
}

const DJANGO_KEYS = new Set(['INSTALLED_APPS', 'ROOT_URLCONF', 'WSGI_APPLICATION', 'MIDDLEWARE', 'DATABASES']);

/** The settings module is Django's (`settings.py` with INSTALLED_APPS...): messages say what Django does. */
export function isDjangoSettings(settings: readonly FlaskSetting[]): boolean {
  return settings.some((s) => s.form === 'settings-module' && DJANGO_KEYS.has(s.key));
}

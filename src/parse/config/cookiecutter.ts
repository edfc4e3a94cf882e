import type { ConfigDoc, ConfigEntry } from './types.js';

/**
 * Files inside a cookiecutter template directory (`{{cookiecutter.project_slug}}/render.yaml`)
 * hold `{{ cookiecutter.x }}` placeholders that cookiecutter fills before anything reads them, so
 * `name: {{cookiecutter.project_slug}}-db` is not YAML until rendered. Such a file is parsed with
 * each `{{`/`}}` of a placeholder swapped for two characters no format gives a meaning to (the same
 * length, so every position stays right), and the placeholders are put back in the values.
 * Jinja blocks (`{% if %}`) are left alone: a file with one still fails to parse.
 */
const OPEN = '\u2983\u2983';
const CLOSE = '\u2984\u2984';
const PLACEHOLDER = /\{\{(\s*cookiecutter\.[A-Za-z0-9_]+\s*)\}\}/g;

export function isCookiecutterTemplatePath(path: string): boolean {
  return /(^|\/)\{\{\s*cookiecutter\.[A-Za-z0-9_]+\s*\}\}\//.test(path);
}

export function maskPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, `${OPEN}$1${CLOSE}`);
}

function unmask<T>(v: T): T {
  return (typeof v === 'string' ? v.replaceAll(OPEN, '{{').replaceAll(CLOSE, '}}') : v) as T;
}

export function restorePlaceholders(doc: ConfigDoc): ConfigDoc {
  const entries: ConfigEntry[] = doc.entries.map((e) => ({
    ...e,
    path: e.path.map(unmask),
    key: unmask(e.key),
    value: unmask(e.value),
  }));
  const commands = doc.commands.map((c) => ({ ...c, argv: c.argv.map(unmask), image: unmask(c.image) }));
  return { ...doc, entries, commands };
}

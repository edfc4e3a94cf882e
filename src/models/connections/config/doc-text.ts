import type { ConfigDoc, ConfigEntry } from '../../../parse/config/types.js';

/**
 * Keys whose values are prose for people: an operator bundle's `spec.description` markdown, a
 * Helm chart's `description`, a JSON schema's `help`. Their connection strings and command lines
 * are sample output and examples (`kubectl logs` quoted in a README block), not settings.
 * Compared without case, `_`, `-` or blanks (`longDescription`, `help_text`).
 */
const DOC_KEYS = new Set([
  'description',
  'longdescription',
  'shortdescription',
  'summary',
  'notes',
  'note',
  'help',
  'helptext',
  'readme',
  'documentation',
  'usage',
]);

const STRUCTURED: ReadonlySet<ConfigDoc['format']> = new Set(['yaml', 'json', 'toml']);

/** True when the entry is free text under a documentation key of a structured file. */
export function isDocumentationText(entry: ConfigEntry, format: ConfigDoc['format']): boolean {
  if (!STRUCTURED.has(format)) return false;
  return DOC_KEYS.has(entry.key.toLowerCase().replace(/[-_\s]/g, ''));
}

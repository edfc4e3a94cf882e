import type { Summarizer } from '../../project/summarizer.js';
import type { Json } from '../../project/types.js';
import { passwordsSection } from './model-hashing.js';
import { PASSWORDS_DOMAIN } from './project.js';

/**
 * The `passwords` section of module summaries: which model classes hash their password attributes
 * (and how), their bases, hashing helpers, event listeners, encrypting column types, and whether
 * the module sets Flask-Security's passlib options.
 */
export const passwordsSummarizer: Summarizer = {
  domain: PASSWORDS_DOMAIN,
  summarize({ python, file }) {
    if (!python) return undefined;
    return passwordsSection(python, file.text) as Json | undefined;
  },
};

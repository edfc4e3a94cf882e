import type { FileKind } from '../../core/types.js';

/**
 * The kind of a file from its name (the engine decides which files to read; this only names
 * what a file is). Case-insensitive for extensions; `Dockerfile`, `Containerfile`, `Procfile`,
 * `Makefile` and `GNUmakefile` also in lower case.
 */
export function configKindOf(path: string): FileKind | undefined {
  const name = path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  const ext = lower.includes('.') ? lower.slice(lower.lastIndexOf('.') + 1) : '';
  if (
    lower === 'dockerfile' ||
    lower.startsWith('dockerfile.') ||
    lower === 'containerfile' ||
    lower.startsWith('containerfile.') ||
    ext === 'dockerfile'
  ) {
    return 'dockerfile';
  }
  if (lower === '.env' || lower.startsWith('.env.') || lower === '.flaskenv' || ext === 'env') return 'dotenv';
  if (lower === 'procfile' || lower.startsWith('procfile.')) return 'procfile';
  if (lower === 'makefile' || lower === 'gnumakefile' || ext === 'mk') return 'makefile';
  switch (ext) {
    case 'py':
      return 'python';
    case 'ini':
    case 'cfg':
      return 'ini';
    case 'toml':
      return 'toml';
    case 'yml':
    case 'yaml':
      return 'yaml';
    case 'json':
      return 'json';
    case 'sh':
    case 'bash':
      return 'shell';
    case 'properties':
      return 'properties';
    case 'bicep':
      return 'bicep';
    default:
      return undefined;
  }
}

import { lowerSeverity, type Severity } from '../../core/severity.js';
import type { Span } from '../../core/types.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { isLocalHost } from '../connections/hosts.js';
import { inNonProductionClass } from './config-class.js';
import type { FlaskContext as SettingContext } from '../flask/config-names.js';

/*
 * The one policy for "this code does not configure production, so the finding stays, at low"
 * (checks.md): a DevelopmentConfig or TestingConfig class, a Flask setting made for development,
 * testing or CI, a test file, a connection to this machine only. Every rule that lowers a
 * severity for where the code is asks here, and says why at the end of its message.
 */

export interface Lowered {
  readonly severity: Severity;
  /** Said at the end of the message when the severity was lowered, so users see why. */
  readonly note: string;
}

/** What the policy reads of a rule's context (a `RuleContext` is one). */
export interface SeverityScope {
  readonly python: PythonIndex | undefined;
  readonly options?: { readonly localHostsAreProduction: boolean };
}

const UNCHANGED = (base: Severity): Lowered => ({ severity: base, note: '' });
const CONFIG_CLASS_NOTE = ' (in a development/testing config class: lowered to low)';

/**
 * A DevelopmentConfig or TestingConfig class does not configure production: its findings stay, at
 * low. Test files are weighted by the grader, so they are not lowered here.
 */
export function configClassSeverity(scope: SeverityScope, span: Span, base: Severity): Lowered {
  if (base === 'low' || !scope.python || !inNonProductionClass(scope.python, span)) return UNCHANGED(base);
  return { severity: lowerSeverity(base, 3), note: CONFIG_CLASS_NOTE };
}

/** Hosts known and all on this machine (no host at all means libpq's local socket). */
export function isLocalOnly(hosts: readonly string[] | undefined): boolean {
  return hosts !== undefined && hosts.every(isLocalHost);
}

/**
 * A weakness of a database connection: plaintext over loopback or a unix socket crosses no
 * network (unless `local-hosts-are-production`), and a development config class is not production.
 */
export function connectionSeverity(
  scope: SeverityScope,
  hosts: readonly string[] | undefined,
  span: Span,
  base: Severity,
): Lowered {
  if (base === 'low') return UNCHANGED(base);
  if (isLocalOnly(hosts) && !scope.options?.localHostsAreProduction)
    return { severity: 'low', note: ' (local host: lowered to low)' };
  return configClassSeverity(scope, span, base);
}

/** A Flask setting made in a development/testing config class, or in a CI or test-runner file. */
export function settingContextSeverity(
  context: SettingContext,
  base: Severity,
  where: 'class' | 'file' = 'class',
): Lowered {
  if (context === 'production' || base === 'low') return UNCHANGED(base);
  const what =
    where === 'class' ? `a ${context} config class` : `a ${context === 'testing' ? 'CI or test' : 'development'} file`;
  return { severity: 'low', note: ` (in ${what}: lowered to low)` };
}

/** A finding in a test file (fixtures, mocked payloads) or a CI file (the throw-away database). */
export function fileRoleSeverity(lowered: 'test' | 'CI' | undefined, base: Severity): Lowered {
  if (lowered === undefined || base === 'low') return UNCHANGED(base);
  return { severity: 'low', note: ` (a ${lowered} file: lowered to low)` };
}

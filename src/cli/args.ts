import { parseArgs } from 'node:util';
import { GATE_ON, type GateOn } from '../config/types.js';
import { isSeverity, SEVERITIES } from '../core/severity.js';
import { GRADES, type Grade, type Threshold } from '../grade/types.js';
import { errorMessage, UsageError } from './errors.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** The default gate when neither a flag nor the configuration file sets one: fail below C (README, "Command line"). */
export const DEFAULT_FAIL_BELOW: Grade = 'C';

export interface ScanCommand {
  readonly command: 'scan';
  /** As given, relative to the working directory unless absolute. */
  readonly path: string;
  readonly format: Format;
  readonly output: string | undefined;
  /** The parts given as flags; the configuration file fills the others (failBelow defaults to C). */
  readonly threshold: Threshold;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly exitZero: boolean;
  readonly noColor: boolean;
  /** `--config FILE`, as given. */
  readonly config: string | undefined;
  /** `--baseline FILE`, as given. */
  readonly baseline: string | undefined;
  readonly gateOn: GateOn | undefined;
  /** `--allow-empty`: a scan that analysed no file reports (and passes) instead of failing. */
  readonly allowEmpty: boolean;
  /** `--sarif-category NAME`: the SARIF `automationDetails.id` (default: from the scanned folder). */
  readonly sarifCategory: string | undefined;
  /** `--timing`: where the time went, per phase and per rule, on stderr. */
  readonly timing: boolean;
}

/** `baseline [PATH] --output FILE`: writes the current findings' fingerprints. */
export interface BaselineCommand {
  readonly command: 'baseline';
  readonly path: string;
  /** As given; default the config's `baseline`, else PATH/.flask-crdb-gate-baseline.json. */
  readonly output: string | undefined;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly config: string | undefined;
  /** `--allow-empty`: write an empty baseline when no file was analysed, instead of failing. */
  readonly allowEmpty: boolean;
}

export type CliCommand = { readonly command: 'help' } | { readonly command: 'version' } | ScanCommand | BaselineCommand;

const COMMANDS = ['scan', 'baseline'];
/** Flags that only mean something to `scan`. */
const SCAN_ONLY = [
  'format',
  'fail-below',
  'min-score',
  'fail-on-severity',
  'baseline',
  'gate-on',
  'exit-zero',
  'sarif-category',
  'timing',
] as const;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'fail-below': { type: 'string' },
  'min-score': { type: 'string' },
  'fail-on-severity': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'exit-zero': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'allow-empty': { type: 'boolean' },
  'sarif-category': { type: 'string' },
  config: { type: 'string' },
  baseline: { type: 'string' },
  'gate-on': { type: 'string' },
  timing: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

/** node:util's messages carry advice about `--` that does not apply here: keep the first sentence. */
function parseArgsMessage(err: unknown): string {
  const message = errorMessage(err);
  const first = message.split(/\.\s/)[0] ?? message;
  return first.replace(/\.$/, '');
}

function parseFailBelow(raw: string | undefined): Grade | undefined {
  if (raw === undefined) return undefined;
  const g = raw.toUpperCase();
  if ((GRADES as readonly string[]).includes(g)) return g as Grade;
  throw new UsageError(`--fail-below must be one of ${GRADES.join(', ')}; got "${raw}"`);
}

function parseMinScore(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (Number.isFinite(n) && n >= 0 && n <= 100) return n;
  throw new UsageError(`--min-score must be a number from 0 to 100; got "${raw}"`);
}

function parseSeverity(raw: string | undefined): Threshold['failOnSeverity'] {
  if (raw === undefined) return undefined;
  const s = raw.toLowerCase();
  if (isSeverity(s)) return s;
  throw new UsageError(`--fail-on-severity must be one of ${SEVERITIES.join(', ')}; got "${raw}"`);
}

function parseGateOn(raw: string | undefined): GateOn | undefined {
  if (raw === undefined) return undefined;
  const g = raw.toLowerCase();
  if ((GATE_ON as readonly string[]).includes(g)) return g as GateOn;
  throw new UsageError(`--gate-on must be one of ${GATE_ON.join(', ')}; got "${raw}"`);
}

/** A category names the analysis in code scanning: any text but blank or with a line break. */
export function isSarifCategory(raw: string): boolean {
  return raw.trim() !== '' && !/[\r\n]/.test(raw);
}

function parseSarifCategory(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (isSarifCategory(raw)) return raw.trim();
  throw new UsageError(`--sarif-category needs a name (no line breaks); got ${JSON.stringify(raw)}`);
}

function fileFlag(name: string, raw: string | undefined): string | undefined {
  if (raw === '') throw new UsageError(`--${name} needs a file name`);
  return raw;
}

function parseFormat(raw: string | undefined): Format {
  if (raw === undefined) return 'text';
  const f = raw.toLowerCase();
  if ((FORMATS as readonly string[]).includes(f)) return f as Format;
  throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${raw}"`);
}

function strictParse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(parseArgsMessage(err));
  }
}

/** argv without the node and script entries. Throws UsageError. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const { values, positionals } = strictParse(argv);
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError('missing command (try "scan")');
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}" (try "scan" or "baseline")`);
  if (rest.length > 1) throw new UsageError(`${command} takes one PATH; got ${rest.length}: ${rest.join(' ')}`);
  if (values.output === '') throw new UsageError('--output needs a file name');
  const config = fileFlag('config', values.config);

  if (command === 'baseline') {
    const misplaced = SCAN_ONLY.find((flag) => values[flag] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} is an option of scan, not of baseline`);
    return {
      command: 'baseline',
      path: rest[0] ?? '.',
      output: values.output,
      include: values.include ?? [],
      exclude: values.exclude ?? [],
      config,
      allowEmpty: values['allow-empty'] ?? false,
    };
  }

  return {
    command: 'scan',
    path: rest[0] ?? '.',
    format: parseFormat(values.format),
    output: values.output,
    threshold: {
      failBelow: parseFailBelow(values['fail-below']),
      minScore: parseMinScore(values['min-score']),
      failOnSeverity: parseSeverity(values['fail-on-severity']),
    },
    include: values.include ?? [],
    exclude: values.exclude ?? [],
    exitZero: values['exit-zero'] ?? false,
    noColor: values['no-color'] ?? false,
    config,
    baseline: fileFlag('baseline', values.baseline),
    gateOn: parseGateOn(values['gate-on']),
    allowEmpty: values['allow-empty'] ?? false,
    sarifCategory: parseSarifCategory(values['sarif-category']),
    timing: values.timing ?? false,
  };
}

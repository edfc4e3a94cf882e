import { parseArgs } from 'node:util';
import { GATE_ON, type GateOn } from '../config/types.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import { suggest } from '../core/suggest.js';
import { GRADES, type Grade, type Threshold } from '../grade/types.js';
import { errorMessage, UsageError } from './errors.js';

export const FORMATS = ['text', 'concise', 'json', 'sarif', 'markdown', 'github', 'junit', 'gitlab', 'rdjson'] as const;
export type Format = (typeof FORMATS)[number];

/** The default gate when neither a flag nor the configuration file sets one: fail below C (README, "Command line"). */
export const DEFAULT_FAIL_BELOW: Grade = 'C';

export interface ScanCommand {
  readonly command: 'scan';
  /** Files and directories as given, relative to the working directory unless absolute; `-` is stdin. */
  readonly paths: readonly string[];
  /** `--stdin-filename NAME`: the path standard input is scanned as (with PATH `-`). */
  readonly stdinFilename: string | undefined;
  /** `--select` selectors (comma-separated lists split); undefined when not given. */
  readonly select: readonly string[] | undefined;
  /** `--ignore` selectors. */
  readonly ignore: readonly string[];
  /** `--min-severity`: findings below it are not reported. */
  readonly minSeverity: Severity | undefined;
  /** `--quiet`: the findings and errors only (no progress, notes or score block). */
  readonly quiet: boolean;
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

/** `rules [--format text|json]`: the table of every rule. */
export interface RulesCommand {
  readonly command: 'rules';
  readonly format: 'text' | 'json';
}

/** `rule FCGnnn`: one rule's docs page. */
export interface RuleCommand {
  readonly command: 'rule';
  /** An id or a name, as given. */
  readonly rule: string;
}

export const COMMANDS = ['scan', 'baseline', 'rules', 'rule'] as const;
export type CommandName = (typeof COMMANDS)[number];

export type CliCommand =
  | { readonly command: 'help'; readonly topic?: CommandName }
  | { readonly command: 'version' }
  | ScanCommand
  | BaselineCommand
  | RulesCommand
  | RuleCommand;

/** Every option of every command; each command accepts those COMMAND_OPTIONS lists. */
const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'fail-below': { type: 'string' },
  'min-score': { type: 'string' },
  'fail-on-severity': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  select: { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  'min-severity': { type: 'string' },
  'stdin-filename': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
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

type OptionName = keyof typeof OPTIONS;

const COMMAND_OPTIONS: Readonly<Record<CommandName, readonly OptionName[]>> = {
  scan: [
    'format',
    'output',
    'fail-below',
    'min-score',
    'fail-on-severity',
    'include',
    'exclude',
    'select',
    'ignore',
    'min-severity',
    'stdin-filename',
    'quiet',
    'exit-zero',
    'no-color',
    'allow-empty',
    'sarif-category',
    'config',
    'baseline',
    'gate-on',
    'timing',
    'help',
    'version',
  ],
  baseline: ['output', 'include', 'exclude', 'config', 'allow-empty', 'help', 'version'],
  rules: ['format', 'help', 'version'],
  rule: ['help', 'version'],
};

/** The options of one command, in the shape parseArgs takes. */
function optionsOf(command: CommandName): Partial<typeof OPTIONS> {
  return Object.fromEntries(COMMAND_OPTIONS[command].map((name) => [name, OPTIONS[name]]));
}

/** node:util's messages carry advice about `--` that does not apply here: keep the first sentence. */
function parseArgsMessage(err: unknown): string {
  const message = errorMessage(err);
  const first = message.split(/\.\s/)[0] ?? message;
  return first.replace(/\.$/, '');
}

/**
 * An unknown option in words a user can act on: the command it belongs to when it is another
 * command's, else the nearest option of this one (`--exlude`: did you mean --exclude?).
 */
function unknownOptionMessage(err: unknown, command: CommandName | undefined): string {
  const code = (err as { code?: unknown }).code;
  const quoted = /'([^']+)'/.exec(errorMessage(err))?.[1];
  if (code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || quoted === undefined) return parseArgsMessage(err);
  const name = quoted.replace(/^-+/, '').split('=')[0] ?? '';
  const owners = COMMANDS.filter((c) => (COMMAND_OPTIONS[c] as readonly string[]).includes(name));
  if (command !== undefined && owners.length > 0 && quoted.startsWith('--'))
    return `--${name} is an option of ${owners.join(' and ')}, not of ${command}`;
  const known = command !== undefined ? COMMAND_OPTIONS[command] : (['help', 'version'] as const);
  const hint = quoted.startsWith('--') ? suggest(name, known) : undefined;
  return `unknown option '${quoted}'${hint ? ` (did you mean --${hint}?)` : ''}`;
}

/** A value that must be one of a list, with the nearest one when it is not. */
function oneOf<T extends string>(flag: string, raw: string, allowed: readonly T[], norm: (s: string) => string): T {
  const v = norm(raw);
  if ((allowed as readonly string[]).includes(v)) return v as T;
  const hint = suggest(raw, allowed);
  throw new UsageError(
    `--${flag} must be one of ${allowed.join(', ')}; got "${raw}"${hint ? ` (did you mean ${hint}?)` : ''}`,
  );
}

/** Repeatable, comma-separated lists (`--select FCG1,FCG2 --select auth`). */
function list(raw: readonly string[] | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  return raw
    .flatMap((r) => r.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
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

function parseSeverity(flag: string, raw: string | undefined): Severity | undefined {
  if (raw === undefined) return undefined;
  return oneOf(flag, raw, SEVERITIES, (s) => s.toLowerCase());
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
  return oneOf('format', raw, FORMATS, (s) => s.toLowerCase());
}

/**
 * The command (the first positional, found with every option known, so a value is not taken for
 * one) and whether help was asked for, which wins over any other mistake.
 */
function commandOf(argv: readonly string[]): { first: string | undefined; help: boolean } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
  });
  return { first: positionals[0], help: values.help === true };
}

function strictParse(argv: readonly string[], command: CommandName | undefined) {
  const options = command === undefined ? { help: OPTIONS.help, version: OPTIONS.version } : optionsOf(command);
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: values as Partial<Record<OptionName, string | boolean | string[]>>, positionals };
  } catch (err) {
    throw new UsageError(unknownOptionMessage(err, command));
  }
}

/** argv without the node and script entries. Throws UsageError. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const { first, help } = commandOf(argv);
  const command = (COMMANDS as readonly (string | undefined)[]).includes(first) ? (first as CommandName) : undefined;
  if (help && (command !== undefined || first === undefined))
    return command === undefined ? { command: 'help' } : { command: 'help', topic: command };
  if (command === undefined && first !== undefined) {
    const hint = suggest(first, COMMANDS);
    throw new UsageError(
      `unknown command "${first}"${hint ? ` (did you mean "${hint}"?)` : ''}; commands: ${COMMANDS.join(', ')}`,
    );
  }
  const { values: v, positionals } = strictParse(argv, command);
  const str = (name: OptionName): string | undefined => v[name] as string | undefined;
  const strs = (name: OptionName): string[] | undefined => v[name] as string[] | undefined;
  const bool = (name: OptionName): boolean => v[name] === true;
  if (bool('help')) return command === undefined ? { command: 'help' } : { command: 'help', topic: command };
  if (bool('version')) return { command: 'version' };
  if (command === undefined) throw new UsageError('missing command (try "scan")');

  const rest = positionals.slice(1);
  if (str('output') === '') throw new UsageError('--output needs a file name');
  const config = fileFlag('config', str('config'));

  if (command === 'rules') {
    if (rest.length > 0) throw new UsageError(`rules takes no argument; got ${rest.join(' ')}`);
    return {
      command: 'rules',
      format:
        str('format') === undefined
          ? 'text'
          : oneOf('format', str('format') as string, ['text', 'json'], (s) => s.toLowerCase()),
    };
  }
  if (command === 'rule') {
    if (rest.length !== 1) throw new UsageError('rule takes one rule id or name (FCG101, sslmode-disabled)');
    return { command: 'rule', rule: rest[0] as string };
  }
  if (command === 'baseline') {
    if (rest.length > 1) throw new UsageError(`baseline takes one PATH; got ${rest.length}: ${rest.join(' ')}`);
    return {
      command: 'baseline',
      path: rest[0] ?? '.',
      output: str('output'),
      include: strs('include') ?? [],
      exclude: strs('exclude') ?? [],
      config,
      allowEmpty: bool('allow-empty'),
    };
  }

  const paths = rest.length > 0 ? rest : ['.'];
  const stdinFilename = str('stdin-filename');
  if (paths.includes('-')) {
    if (paths.length > 1) throw new UsageError('- (standard input) cannot be mixed with other paths');
    if (stdinFilename === undefined || stdinFilename.trim() === '')
      throw new UsageError('reading standard input (-) needs --stdin-filename NAME: the path it is scanned as');
  } else if (stdinFilename !== undefined) {
    throw new UsageError('--stdin-filename names standard input: pass - as PATH');
  }
  return {
    command: 'scan',
    paths,
    stdinFilename,
    format: parseFormat(str('format')),
    output: str('output'),
    threshold: {
      failBelow: parseFailBelow(str('fail-below')),
      minScore: parseMinScore(str('min-score')),
      failOnSeverity: parseSeverity('fail-on-severity', str('fail-on-severity')),
    },
    include: strs('include') ?? [],
    exclude: strs('exclude') ?? [],
    select: list(strs('select')),
    ignore: list(strs('ignore')) ?? [],
    minSeverity: parseSeverity('min-severity', str('min-severity')),
    quiet: bool('quiet'),
    exitZero: bool('exit-zero'),
    noColor: bool('no-color'),
    config,
    baseline: fileFlag('baseline', str('baseline')),
    gateOn: parseGateOn(str('gate-on')),
    allowEmpty: bool('allow-empty'),
    sarifCategory: parseSarifCategory(str('sarif-category')),
    timing: bool('timing'),
  };
}

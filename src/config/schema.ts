import path from 'node:path';
import { isSeverity, SEVERITIES, type Severity } from '../core/severity.js';
import { suggest } from '../core/suggest.js';
import { excerpt } from '../models/connections/excerpt.js';
import { globProblem } from '../discover/excludes.js';
import { GRADES, type Grade } from '../grade/types.js';
import type { TMap, TNode, TPair } from '../parse/config/tree.js';
import { selectorProblem, type SelectableRule } from './select.js';
import { GATE_ON, type ConfigProblem, type GateConfig, type GateOn, type RuleSetting } from './types.js';

/** A rule as the configuration may name it: by id (`FCG101`) or by name (`sslmode-disabled`). */
export type KnownRule = SelectableRule;

/**
 * The configuration's shape, checked by hand so every message can say the file, the line and
 * what was expected. Keys are kebab-case, as in action.yml.
 */
const TOP_KEYS = [
  'include',
  'exclude',
  'rules',
  'select',
  'ignore',
  'min-severity',
  'threshold',
  'paths',
  'local-hosts-are-production',
  'baseline',
];
const THRESHOLD_KEYS = ['fail-below', 'min-score', 'fail-on-severity', 'gate-on'];
const PATH_KEYS = ['tests', 'development', 'production'];
const RULE_VALUES = ['off', ...SEVERITIES];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * What a configuration may ask for. The file sits in the repository a pull request controls: a
 * list of 300,000 globs would cost gigabytes in the matcher, so the bounds are far above what a
 * project needs and far below what hurts. Each excess is a problem at the offending entry.
 */
export const CONFIG_LIMITS = {
  /** Globs in all the lists of the file together (include, exclude, paths.*). */
  globs: 1000,
  /** Characters in one glob. */
  globLength: 1000,
  /** Keys in one mapping (`rules:` lists at most every rule by id and by name). */
  keys: 500,
  /** Unknown keys quoted in messages before the rest are counted. */
  unknownKeysShown: 10,
} as const;

class Checker {
  readonly problems: ConfigProblem[] = [];
  private globCount = 0;
  private unknownKeys = 0;
  private unknownKeysLine: number | undefined;
  constructor(private readonly file: string) {}

  /** The count of unknown keys not quoted one by one, as one last problem. */
  finish(): void {
    const more = this.unknownKeys - CONFIG_LIMITS.unknownKeysShown;
    if (more > 0) this.fail(this.unknownKeysLine, `${more} more unknown keys (not listed)`);
  }

  /** An unknown key: quoted (short, redacted, escaped) for the first few, counted after that. */
  unknownKey(line: number, message: () => string): void {
    this.unknownKeys++;
    if (this.unknownKeys <= CONFIG_LIMITS.unknownKeysShown) this.fail(line, message());
    else this.unknownKeysLine ??= line;
  }

  /** The pairs of a mapping, or a problem when it holds more than CONFIG_LIMITS.keys. */
  pairs(map: TMap, where: string): readonly TPair[] {
    if (map.pairs.length <= CONFIG_LIMITS.keys) return map.pairs;
    this.fail(
      map.pairs[CONFIG_LIMITS.keys]?.keySpan.line ?? map.span.line,
      `${where} holds ${map.pairs.length} keys; at most ${CONFIG_LIMITS.keys} are read`,
    );
    return [];
  }

  fail(line: number | undefined, message: string): undefined {
    this.problems.push({ file: this.file, line, message });
    return undefined;
  }

  map(node: TNode, what: string): TMap | undefined {
    if (node.kind === 'map') return node;
    return this.fail(node.span.line, `${what} must be a mapping of keys to values; got ${describe(node)}`);
  }

  /** The pairs of a mapping whose keys are known; an unknown key is a problem (with a suggestion). */
  knownPairs(map: TMap, keys: readonly string[], where: string): TPair[] {
    const out: TPair[] = [];
    for (const p of this.pairs(map, where || 'the configuration')) {
      if (keys.includes(p.key)) out.push(p);
      else {
        // The key is the file's text: possibly not a configuration at all (a link to a secret).
        this.unknownKey(p.keySpan.line, () => {
          const hint = suggest(p.key, keys);
          return `unknown key ${excerpt(p.key)}${where ? ` in ${where}` : ''}${hint ? ` (did you mean "${hint}"?)` : ''}; expected one of: ${keys.join(', ')}`;
        });
      }
    }
    return out;
  }

  globs(node: TNode, key: string): string[] | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.trim() !== '') {
      const glob = this.glob(node.value.trim(), key, node.span.line);
      return glob === undefined ? [] : [glob];
    }
    if (node.kind === 'seq') {
      const out: string[] = [];
      for (const item of node.items) {
        if (this.globCount > CONFIG_LIMITS.globs) break;
        if (item?.kind === 'scalar' && typeof item.value === 'string' && item.value.trim() !== '') {
          const glob = this.glob(item.value.trim(), key, item.span.line);
          if (glob !== undefined) out.push(glob);
        } else
          this.fail(
            item?.span.line ?? node.span.line,
            `${key} must list glob strings; got ${item ? describe(item) : 'an empty item'}`,
          );
      }
      return out;
    }
    return this.fail(node.span.line, `${key} must be a glob or a list of globs; got ${describe(node)}`);
  }

  /** One glob, counted against the file's bound and checked as picomatch will read it. */
  private glob(glob: string, key: string, line: number): string | undefined {
    this.globCount++;
    if (this.globCount === CONFIG_LIMITS.globs + 1)
      return this.fail(line, `${key}: more than ${CONFIG_LIMITS.globs} globs in the file; the rest are not read`);
    if (this.globCount > CONFIG_LIMITS.globs) return undefined;
    if (glob.length > CONFIG_LIMITS.globLength)
      return this.fail(line, `${key}: a glob of ${glob.length} characters; at most ${CONFIG_LIMITS.globLength}`);
    const problem = globProblem(glob);
    return problem ? this.fail(line, `${key}: glob ${excerpt(glob)} ${problem}`) : glob;
  }

  oneOf<T extends string>(
    node: TNode,
    key: string,
    allowed: readonly T[],
    caseOf: (s: string) => string,
  ): T | undefined {
    if (node.kind === 'scalar' && typeof node.value === 'string') {
      const v = caseOf(node.value.trim());
      if ((allowed as readonly string[]).includes(v)) return v as T;
    }
    return this.fail(node.span.line, `${key} must be one of ${allowed.join(', ')}; got ${describe(node)}`);
  }
}

/**
 * Validates a parsed configuration (the document, or pyproject's `[tool.flask-crdb-gate]` table).
 * Returns the configuration and every problem found; the caller throws when there are problems.
 * `dir` resolves the baseline path (relative to the configuration file).
 */
export function validateConfig(
  root: TNode | undefined,
  file: string,
  dir: string,
  rules: readonly KnownRule[],
): { config: GateConfig; problems: ConfigProblem[] } {
  const c = new Checker(file);
  const config: Mutable<GateConfig> = {
    file,
    include: undefined,
    exclude: undefined,
    rules: {},
    threshold: { failBelow: undefined, minScore: undefined, failOnSeverity: undefined, gateOn: undefined },
    paths: { tests: [], development: [], production: [] },
    localHostsAreProduction: false,
    baseline: undefined,
  };
  const empty = root === undefined || (root.kind === 'scalar' && root.value === null);
  const top = empty ? undefined : c.map(root, 'the configuration');
  for (const p of top ? c.knownPairs(top, TOP_KEYS, '') : []) {
    const v = p.value as TNode;
    switch (p.key) {
      case 'include':
      case 'exclude':
        config[p.key] = c.globs(v, p.key);
        break;
      case 'rules':
        config.rules = ruleSettings(c, v, rules);
        break;
      case 'select':
      case 'ignore':
        config[p.key] = selectors(c, v, p.key, rules);
        break;
      case 'min-severity':
        config.minSeverity = c.oneOf<Severity>(v, p.key, SEVERITIES, (x) => x.toLowerCase());
        break;
      case 'threshold':
        config.threshold = threshold(c, v);
        break;
      case 'paths': {
        const m = c.map(v, 'paths');
        const paths = { tests: [] as string[], development: [] as string[], production: [] as string[] };
        for (const q of m ? c.knownPairs(m, PATH_KEYS, 'paths') : []) {
          paths[q.key as keyof typeof paths] = c.globs(q.value as TNode, `paths.${q.key}`) ?? [];
        }
        config.paths = paths;
        break;
      }
      case 'local-hosts-are-production':
        if (v.kind === 'scalar' && typeof v.value === 'boolean') config.localHostsAreProduction = v.value;
        else c.fail(v.span.line, `local-hosts-are-production must be true or false; got ${describe(v)}`);
        break;
      case 'baseline':
        if (v.kind === 'scalar' && typeof v.value === 'string' && v.value.trim() !== '') {
          const shown = v.value.trim();
          config.baseline = { path: path.resolve(dir, shown), shown };
        } else c.fail(v.span.line, `baseline must be the path of a baseline file; got ${describe(v)}`);
        break;
    }
  }
  c.finish();
  // In file order, as an editor shows them.
  const problems = [...c.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { config, problems };
}

function ruleSettings(c: Checker, node: TNode, rules: readonly KnownRule[]): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  const m = c.map(node, 'rules');
  if (!m) return out;
  const byId = new Map(rules.map((r) => [r.id.toUpperCase(), r]));
  const byName = new Map(rules.map((r) => [r.name.toLowerCase(), r]));
  const setAt = new Map<string, number>();
  for (const p of c.pairs(m, 'rules')) {
    const rule = byId.get(p.key.toUpperCase()) ?? byName.get(p.key.toLowerCase());
    if (!rule) {
      c.unknownKey(p.keySpan.line, () => {
        const hint = suggest(p.key, [...rules.map((r) => r.id), ...rules.map((r) => r.name)]);
        return `unknown rule ${excerpt(p.key)} in rules${hint ? ` (did you mean "${hint}"?)` : ''}`;
      });
      continue;
    }
    const v = p.value as TNode;
    let setting: RuleSetting | undefined;
    if (v.kind === 'scalar' && v.value === false) setting = 'off';
    else setting = c.oneOf(v, `rules.${p.key}`, RULE_VALUES as readonly RuleSetting[], (s) => s.toLowerCase());
    if (setting === undefined) continue;
    const earlier = setAt.get(rule.id);
    if (earlier !== undefined && out[rule.id] !== setting) {
      c.fail(p.keySpan.line, `rules: ${rule.id} (${rule.name}) is already set to ${out[rule.id]} on line ${earlier}`);
      continue;
    }
    out[rule.id] = setting;
    setAt.set(rule.id, p.keySpan.line);
  }
  return out;
}

/** `select` / `ignore`: a selector or a list of them, each naming at least one rule. */
function selectors(c: Checker, node: TNode, key: string, rules: readonly KnownRule[]): string[] | undefined {
  const items = node.kind === 'seq' ? node.items : [node];
  const out: string[] = [];
  for (const item of items) {
    if (item?.kind !== 'scalar' || typeof item.value !== 'string' || item.value.trim() === '') {
      c.fail(
        item?.span.line ?? node.span.line,
        `${key} must be a rule selector or a list of them; got ${item ? describe(item) : 'an empty item'}`,
      );
      continue;
    }
    const problem = selectorProblem(item.value, rules);
    if (problem) c.fail(item.span.line, `${key}: ${problem.replace(/^"[^"]*"/, excerpt(item.value.trim()))}`);
    else out.push(item.value.trim());
  }
  return out;
}

function threshold(c: Checker, node: TNode): GateConfig['threshold'] {
  const out: Mutable<GateConfig['threshold']> = {
    failBelow: undefined,
    minScore: undefined,
    failOnSeverity: undefined,
    gateOn: undefined,
  };
  const m = c.map(node, 'threshold');
  for (const p of m ? c.knownPairs(m, THRESHOLD_KEYS, 'threshold') : []) {
    const v = p.value as TNode;
    const key = `threshold.${p.key}`;
    switch (p.key) {
      case 'fail-below':
        out.failBelow = c.oneOf<Grade>(v, key, GRADES, (s) => s.toUpperCase());
        break;
      case 'min-score':
        if (v.kind === 'scalar' && typeof v.value === 'number' && v.value >= 0 && v.value <= 100)
          out.minScore = v.value;
        else c.fail(v.span.line, `${key} must be a number from 0 to 100; got ${describe(v)}`);
        break;
      case 'fail-on-severity': {
        const s = c.oneOf<Severity>(v, key, SEVERITIES, (x) => x.toLowerCase());
        if (s && isSeverity(s)) out.failOnSeverity = s;
        break;
      }
      case 'gate-on':
        out.gateOn = c.oneOf<GateOn>(v, key, GATE_ON, (s) => s.toLowerCase());
        break;
    }
  }
  return out;
}

/** What a value is, for a message: `"abc"`, `42`, `true`, `a list`, `a mapping`, `nothing`. */
function describe(node: TNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  if (node.value === null) return 'nothing';
  if (typeof node.value === 'string') return excerpt(node.value, 60);
  return String(node.value);
}

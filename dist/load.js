import { existsSync } from 'node:fs';
import path, { join, sep } from 'node:path';
import { l as picomatch, m as parse, T as TomlError, k as parseTomlTree, y as yamlTree } from './yaml-tree.js';
import { e as excerpt } from './baseline.js';
import { c as confinedTo, r as readOwnFile, M as MAX_CONFIG_BYTES, O as OwnFileError } from './own-file.js';
import { S as SEVERITIES, i as isSeverity } from './severity.js';
import { s as suggest } from './suggest.js';
import { G as GATE_ON, a as GRADES, C as ConfigError } from './types.js';

/** Directories that never hold the project's own code. */
const DEFAULT_EXCLUDED_DIRS = new Set([
    '.git',
    '.hg',
    '.svn',
    'node_modules',
    'bower_components',
    '.venv',
    'venv',
    'virtualenv',
    '.virtualenv',
    'site-packages',
    'dist-packages',
    '__pycache__',
    '.tox',
    '.nox',
    '.mypy_cache',
    '.pytest_cache',
    '.ruff_cache',
    '.eggs',
    '.terraform',
    '.cache',
]);
const GLOB_OPTIONS = { dot: true };
/**
 * Include globs narrow the files to those matching one of them; exclude globs remove files and
 * prune whole directories (`legacy/**` never walks legacy/).
 */
function makePathFilter(include, exclude) {
    const inc = include.length > 0 ? picomatch(include.map(normaliseGlob), GLOB_OPTIONS) : () => true;
    const exc = exclude.length > 0 ? picomatch(exclude.map(normaliseGlob), GLOB_OPTIONS) : () => false;
    // `dir/**` also excludes the directory itself, so it can be pruned without walking it.
    const dirPatterns = exclude.map(normaliseGlob).flatMap((g) => (g.endsWith('/**') ? [g, g.slice(0, -3)] : [g]));
    const excDir = dirPatterns.length > 0 ? picomatch(dirPatterns, GLOB_OPTIONS) : () => false;
    return {
        prunesDir(relDir, absDir) {
            const name = relDir.slice(relDir.lastIndexOf('/') + 1);
            if (DEFAULT_EXCLUDED_DIRS.has(name) || name.endsWith('.egg-info'))
                return true;
            // A virtualenv, whatever its name (a directory name that is not UTF-8 comes as bytes).
            const marker = typeof absDir === 'string'
                ? join(absDir, 'pyvenv.cfg')
                : Buffer.concat([absDir, Buffer.from(`${sep}pyvenv.cfg`)]);
            if (existsSync(marker))
                return true;
            return excDir(relDir);
        },
        keepsFile(relPath, below = '') {
            const segments = (below === '' ? relPath : relPath.slice(below.length + 1)).split('/');
            if (segments.slice(0, -1).some((s) => DEFAULT_EXCLUDED_DIRS.has(s) || s.endsWith('.egg-info')))
                return false;
            return inc(relPath) && !exc(relPath);
        },
    };
}
/**
 * Why a glob cannot be used, or undefined when it can: checked where the glob is given (the
 * configuration file, with its line; a flag or input), so that a bad one is named there rather
 * than failing the scan with picomatch's message, which names neither the glob nor its source.
 */
function globProblem(glob) {
    const g = normaliseGlob(glob);
    const patterns = g.endsWith('/**') ? [g, g.slice(0, -3)] : [g];
    if (patterns.some((p) => p === '' || p.startsWith('/')))
        return 'names no path relative to the scanned directory (once "./", "\\" and "/" are read as separators)';
    try {
        for (const p of patterns)
            picomatch.makeRe(p, GLOB_OPTIONS);
    }
    catch (e) {
        return `is not a glob picomatch accepts (${e.message})`;
    }
    return undefined;
}
/** `./src/**` → `src/**`; a bare directory name `legacy` also means everything below it. */
function normaliseGlob(glob) {
    let g = glob.trim().replace(/\\/g, '/');
    while (g.startsWith('./'))
        g = g.slice(2);
    if (g.endsWith('/'))
        g += '**';
    return g;
}

/**
 * Rule selection, as Ruff has it: `select` and `ignore` list rule ids (`FCG101`), id prefixes
 * (`FCG4`), family names (`transport`), rule names (`sslmode-disabled`) or `ALL`. A rule runs when
 * the most specific selector naming it comes from `select` (an exact id beats a prefix, a longer
 * prefix a shorter one, a family counts as its prefix `FCGn`); on a tie `ignore` wins. Without a
 * `select`, every rule is selected at the lowest specificity, so any `ignore` entry beats it.
 */
/** The families by the digit of their rule ids (FCG1xx transport … FCG5xx design). */
const FAMILY_PREFIX = {
    transport: 'FCG1',
    secrets: 'FCG2',
    crypto: 'FCG3',
    auth: 'FCG4',
    design: 'FCG5',
};
const EXACT = 100;
/** What a selector names, or undefined when it names no rule. */
function resolveSelector(raw, rules) {
    const text = raw.trim();
    const upper = text.toUpperCase();
    const lower = text.toLowerCase();
    if (upper === 'ALL')
        return { ids: new Set(rules.map((r) => r.id)), specificity: 0 };
    if (Object.hasOwn(FAMILY_PREFIX, lower)) {
        const prefix = FAMILY_PREFIX[lower];
        return { ids: new Set(rules.filter((r) => r.family === lower).map((r) => r.id)), specificity: prefix.length };
    }
    const exact = rules.find((r) => r.id.toUpperCase() === upper || r.name.toLowerCase() === lower);
    if (exact)
        return { ids: new Set([exact.id]), specificity: EXACT };
    if (!/^FCG\d{0,2}$/.test(upper))
        return undefined;
    const ids = rules.filter((r) => r.id.toUpperCase().startsWith(upper)).map((r) => r.id);
    return ids.length > 0 ? { ids: new Set(ids), specificity: upper.length } : undefined;
}
/** Why a selector cannot be used (with the nearest valid one), or undefined when it names rules. */
function selectorProblem(raw, rules) {
    if (resolveSelector(raw, rules))
        return undefined;
    const known = ['ALL', ...Object.keys(FAMILY_PREFIX), ...rules.map((r) => r.id), ...rules.map((r) => r.name)];
    const hint = suggest(raw.trim(), known);
    return (`${JSON.stringify(raw)} names no rule${hint ? ` (did you mean "${hint}"?)` : ''}: use a rule id (FCG101), ` +
        `an id prefix (FCG1), a family (${Object.keys(FAMILY_PREFIX).join(', ')}), a rule name or ALL`);
}
/**
 * The ids of the rules the selection turns off. `select` undefined selects every rule; a
 * selector that names no rule is ignored here (front doors check them with selectorProblem).
 */
function deselectedRules(rules, select, ignore) {
    const best = (selectors, id) => {
        let top = -Infinity;
        for (const s of selectors) {
            const r = resolveSelector(s, rules);
            if (r?.ids.has(id))
                top = Math.max(top, r.specificity);
        }
        return top;
    };
    return rules
        .filter((r) => {
        const selected = select === undefined ? -1 : best(select, r.id);
        const ignored = best(ignore, r.id);
        return !(selected > -Infinity && selected > ignored);
    })
        .map((r) => r.id);
}

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
/**
 * What a configuration may ask for. The file sits in the repository a pull request controls: a
 * list of 300,000 globs would cost gigabytes in the matcher, so the bounds are far above what a
 * project needs and far below what hurts. Each excess is a problem at the offending entry.
 */
const CONFIG_LIMITS = {
    /** Globs in all the lists of the file together (include, exclude, paths.*). */
    globs: 1000,
    /** Characters in one glob. */
    globLength: 1000,
    /** Keys in one mapping (`rules:` lists at most every rule by id and by name). */
    keys: 500,
    /** Unknown keys quoted in messages before the rest are counted. */
    unknownKeysShown: 10,
};
class Checker {
    file;
    problems = [];
    globCount = 0;
    unknownKeys = 0;
    unknownKeysLine;
    constructor(file) {
        this.file = file;
    }
    /** The count of unknown keys not quoted one by one, as one last problem. */
    finish() {
        const more = this.unknownKeys - CONFIG_LIMITS.unknownKeysShown;
        if (more > 0)
            this.fail(this.unknownKeysLine, `${more} more unknown keys (not listed)`);
    }
    /** An unknown key: quoted (short, redacted, escaped) for the first few, counted after that. */
    unknownKey(line, message) {
        this.unknownKeys++;
        if (this.unknownKeys <= CONFIG_LIMITS.unknownKeysShown)
            this.fail(line, message());
        else
            this.unknownKeysLine ??= line;
    }
    /** The pairs of a mapping, or a problem when it holds more than CONFIG_LIMITS.keys. */
    pairs(map, where) {
        if (map.pairs.length <= CONFIG_LIMITS.keys)
            return map.pairs;
        this.fail(map.pairs[CONFIG_LIMITS.keys]?.keySpan.line ?? map.span.line, `${where} holds ${map.pairs.length} keys; at most ${CONFIG_LIMITS.keys} are read`);
        return [];
    }
    fail(line, message) {
        this.problems.push({ file: this.file, line, message });
        return undefined;
    }
    map(node, what) {
        if (node.kind === 'map')
            return node;
        return this.fail(node.span.line, `${what} must be a mapping of keys to values; got ${describe(node)}`);
    }
    /** The pairs of a mapping whose keys are known; an unknown key is a problem (with a suggestion). */
    knownPairs(map, keys, where) {
        const out = [];
        for (const p of this.pairs(map, where || 'the configuration')) {
            if (keys.includes(p.key))
                out.push(p);
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
    globs(node, key) {
        if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.trim() !== '') {
            const glob = this.glob(node.value.trim(), key, node.span.line);
            return glob === undefined ? [] : [glob];
        }
        if (node.kind === 'seq') {
            const out = [];
            for (const item of node.items) {
                if (this.globCount > CONFIG_LIMITS.globs)
                    break;
                if (item?.kind === 'scalar' && typeof item.value === 'string' && item.value.trim() !== '') {
                    const glob = this.glob(item.value.trim(), key, item.span.line);
                    if (glob !== undefined)
                        out.push(glob);
                }
                else
                    this.fail(item?.span.line ?? node.span.line, `${key} must list glob strings; got ${item ? describe(item) : 'an empty item'}`);
            }
            return out;
        }
        return this.fail(node.span.line, `${key} must be a glob or a list of globs; got ${describe(node)}`);
    }
    /** One glob, counted against the file's bound and checked as picomatch will read it. */
    glob(glob, key, line) {
        this.globCount++;
        if (this.globCount === CONFIG_LIMITS.globs + 1)
            return this.fail(line, `${key}: more than ${CONFIG_LIMITS.globs} globs in the file; the rest are not read`);
        if (this.globCount > CONFIG_LIMITS.globs)
            return undefined;
        if (glob.length > CONFIG_LIMITS.globLength)
            return this.fail(line, `${key}: a glob of ${glob.length} characters; at most ${CONFIG_LIMITS.globLength}`);
        const problem = globProblem(glob);
        return problem ? this.fail(line, `${key}: glob ${excerpt(glob)} ${problem}`) : glob;
    }
    oneOf(node, key, allowed, caseOf) {
        if (node.kind === 'scalar' && typeof node.value === 'string') {
            const v = caseOf(node.value.trim());
            if (allowed.includes(v))
                return v;
        }
        return this.fail(node.span.line, `${key} must be one of ${allowed.join(', ')}; got ${describe(node)}`);
    }
}
/**
 * Validates a parsed configuration (the document, or pyproject's `[tool.flask-crdb-gate]` table).
 * Returns the configuration and every problem found; the caller throws when there are problems.
 * `dir` resolves the baseline path (relative to the configuration file).
 */
function validateConfig(root, file, dir, rules) {
    const c = new Checker(file);
    const config = {
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
        const v = p.value;
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
                config.minSeverity = c.oneOf(v, p.key, SEVERITIES, (x) => x.toLowerCase());
                break;
            case 'threshold':
                config.threshold = threshold(c, v);
                break;
            case 'paths': {
                const m = c.map(v, 'paths');
                const paths = { tests: [], development: [], production: [] };
                for (const q of m ? c.knownPairs(m, PATH_KEYS, 'paths') : []) {
                    paths[q.key] = c.globs(q.value, `paths.${q.key}`) ?? [];
                }
                config.paths = paths;
                break;
            }
            case 'local-hosts-are-production':
                if (v.kind === 'scalar' && typeof v.value === 'boolean')
                    config.localHostsAreProduction = v.value;
                else
                    c.fail(v.span.line, `local-hosts-are-production must be true or false; got ${describe(v)}`);
                break;
            case 'baseline':
                if (v.kind === 'scalar' && typeof v.value === 'string' && v.value.trim() !== '') {
                    const shown = v.value.trim();
                    config.baseline = { path: path.resolve(dir, shown), shown };
                }
                else
                    c.fail(v.span.line, `baseline must be the path of a baseline file; got ${describe(v)}`);
                break;
        }
    }
    c.finish();
    // In file order, as an editor shows them.
    const problems = [...c.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { config, problems };
}
function ruleSettings(c, node, rules) {
    const out = {};
    const m = c.map(node, 'rules');
    if (!m)
        return out;
    const byId = new Map(rules.map((r) => [r.id.toUpperCase(), r]));
    const byName = new Map(rules.map((r) => [r.name.toLowerCase(), r]));
    const setAt = new Map();
    for (const p of c.pairs(m, 'rules')) {
        const rule = byId.get(p.key.toUpperCase()) ?? byName.get(p.key.toLowerCase());
        if (!rule) {
            c.unknownKey(p.keySpan.line, () => {
                const hint = suggest(p.key, [...rules.map((r) => r.id), ...rules.map((r) => r.name)]);
                return `unknown rule ${excerpt(p.key)} in rules${hint ? ` (did you mean "${hint}"?)` : ''}`;
            });
            continue;
        }
        const v = p.value;
        let setting;
        if (v.kind === 'scalar' && v.value === false)
            setting = 'off';
        else
            setting = c.oneOf(v, `rules.${p.key}`, RULE_VALUES, (s) => s.toLowerCase());
        if (setting === undefined)
            continue;
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
function selectors(c, node, key, rules) {
    const items = node.kind === 'seq' ? node.items : [node];
    const out = [];
    for (const item of items) {
        if (item?.kind !== 'scalar' || typeof item.value !== 'string' || item.value.trim() === '') {
            c.fail(item?.span.line ?? node.span.line, `${key} must be a rule selector or a list of them; got ${item ? describe(item) : 'an empty item'}`);
            continue;
        }
        const problem = selectorProblem(item.value, rules);
        if (problem)
            c.fail(item.span.line, `${key}: ${problem.replace(/^"[^"]*"/, excerpt(item.value.trim()))}`);
        else
            out.push(item.value.trim());
    }
    return out;
}
function threshold(c, node) {
    const out = {
        failBelow: undefined,
        minScore: undefined,
        failOnSeverity: undefined,
        gateOn: undefined,
    };
    const m = c.map(node, 'threshold');
    for (const p of m ? c.knownPairs(m, THRESHOLD_KEYS, 'threshold') : []) {
        const v = p.value;
        const key = `threshold.${p.key}`;
        switch (p.key) {
            case 'fail-below':
                out.failBelow = c.oneOf(v, key, GRADES, (s) => s.toUpperCase());
                break;
            case 'min-score':
                if (v.kind === 'scalar' && typeof v.value === 'number' && v.value >= 0 && v.value <= 100)
                    out.minScore = v.value;
                else
                    c.fail(v.span.line, `${key} must be a number from 0 to 100; got ${describe(v)}`);
                break;
            case 'fail-on-severity': {
                const s = c.oneOf(v, key, SEVERITIES, (x) => x.toLowerCase());
                if (s && isSeverity(s))
                    out.failOnSeverity = s;
                break;
            }
            case 'gate-on':
                out.gateOn = c.oneOf(v, key, GATE_ON, (s) => s.toLowerCase());
                break;
        }
    }
    return out;
}
/** What a value is, for a message: `"abc"`, `42`, `true`, `a list`, `a mapping`, `nothing`. */
function describe(node) {
    if (node.kind === 'map')
        return 'a mapping';
    if (node.kind === 'seq')
        return 'a list';
    if (node.value === null)
        return 'nothing';
    if (typeof node.value === 'string')
        return excerpt(node.value, 60);
    return String(node.value);
}

/** Looked for in the scanned directory, in this order. */
const CONFIG_FILES = ['.flask-crdb-gate.yml', '.flask-crdb-gate.yaml'];
const PYPROJECT_TABLE = 'tool.flask-crdb-gate';
/** Unknown-tag notes listed before a count. */
const MAX_TAG_NOTES = 5;
/**
 * Finds and validates the configuration: the file given, else `.flask-crdb-gate.yml` (or `.yaml`)
 * in the scanned directory, else the `[tool.flask-crdb-gate]` table of its pyproject.toml.
 * Undefined when there is none. Throws ConfigError, naming the file and line of every problem.
 */
async function loadConfig(options) {
    const notes = [];
    const shown = (abs) => {
        const rel = path.relative(options.cwd, abs);
        return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
    };
    if (options.explicit !== undefined) {
        const abs = path.resolve(options.cwd, options.explicit);
        if (!existsSync(abs))
            throw new Error(`config file not found: ${options.explicit}`);
        const text = readText(abs, options.explicit, options.confine && confinedTo(abs, options.confine));
        const isToml = abs.toLowerCase().endsWith('.toml');
        const config = isToml
            ? fromToml(text, options.explicit, abs, options.rules, path.basename(abs).toLowerCase() === 'pyproject.toml')
            : fromYaml(text, options.explicit, abs, options.rules, notes);
        if (!config)
            throw new ConfigError([{ file: options.explicit, line: undefined, message: `no [${PYPROJECT_TABLE}] table` }]);
        return { config, notes };
    }
    const present = CONFIG_FILES.map((name) => path.join(options.root, name)).filter((p) => existsSync(p));
    if (present.length > 1) {
        throw new ConfigError([
            {
                file: shown(present[1]),
                line: undefined,
                message: `both ${CONFIG_FILES.join(' and ')} exist; keep one`,
            },
        ]);
    }
    const pyproject = path.join(options.root, 'pyproject.toml');
    // Found in the scanned directory, so planted there as likely as not: never followed out of it.
    const pyprojectText = existsSync(pyproject) ? readText(pyproject, shown(pyproject), options.root) : undefined;
    // pyproject.toml belongs to other tools too: parsed only when it mentions us.
    const pyprojectMentions = pyprojectText !== undefined && pyprojectText.includes('flask-crdb-gate');
    if (present.length === 1) {
        const abs = present[0];
        if (pyprojectMentions && hasTable(pyprojectText)) {
            notes.push(`${shown(pyproject)} has a [${PYPROJECT_TABLE}] table; ${shown(abs)} is used instead.`);
        }
        const text = readText(abs, shown(abs), options.root);
        return { config: fromYaml(text, shown(abs), abs, options.rules, notes), notes };
    }
    if (pyprojectMentions) {
        const config = fromToml(pyprojectText, shown(pyproject), pyproject, options.rules, true);
        if (config)
            return { config, notes };
    }
    return undefined;
}
/** A configuration file's text: a regular file of at most MAX_CONFIG_BYTES, inside `within` when set. */
function readText(abs, shown, within) {
    try {
        return readOwnFile(abs, { shown, maxBytes: MAX_CONFIG_BYTES, within });
    }
    catch (e) {
        const reason = e instanceof OwnFileError ? e.reason : `could not be read: ${String(e)}`;
        throw new ConfigError([{ file: shown, line: undefined, message: reason }]);
    }
}
function fromYaml(text, shown, abs, rules, notes) {
    const tree = yamlTree(text, { uniqueKeys: true });
    // A tag asks a YAML loader to build an object (PyYAML's !!python/object runs code); this reader
    // builds none and reads the value as plain data, which may not be what the author meant.
    const tags = tree.unknownTags;
    for (const t of tags.slice(0, MAX_TAG_NOTES)) {
        notes.push(`${shown}:${t.line}: unknown YAML tag ${excerpt(t.tag)} ignored: the value is read as plain data.`);
    }
    if (tags.length > MAX_TAG_NOTES)
        notes.push(`${shown}: ${tags.length - MAX_TAG_NOTES} more unknown YAML tags ignored.`);
    if (tree.errors.length > 0) {
        throw new ConfigError(tree.errors.map((e) => ({ file: shown, line: e.line, message: `YAML: ${e.message}` })));
    }
    if (tree.documents.length > 1) {
        throw new ConfigError([{ file: shown, line: undefined, message: 'holds several YAML documents; write one' }]);
    }
    return validated(tree.documents[0], shown, abs, rules);
}
/**
 * The `[tool.flask-crdb-gate]` table of a pyproject.toml (undefined when it has none), or for any
 * other TOML file given with --config, the whole document.
 */
function fromToml(text, shown, abs, rules, pyproject) {
    try {
        parse(text);
    }
    catch (e) {
        const line = e instanceof TomlError ? e.line : undefined;
        const message = (e.message.split('\n')[0] ?? '').replace(/\s+at line \d+,? column \d+:?\s*$/i, '');
        throw new ConfigError([{ file: shown, line, message: `TOML: ${message}` }]);
    }
    let root;
    try {
        root = parseTomlTree(text);
    }
    catch (e) {
        throw new ConfigError([{ file: shown, line: undefined, message: e.message }]);
    }
    let node = root;
    if (pyproject) {
        const tool = get(root, 'tool');
        node = tool ? get(tool, 'flask-crdb-gate') : undefined;
        if (!node)
            return undefined;
    }
    return validated(node, shown, abs, rules);
}
function hasTable(text) {
    try {
        const tool = get(parseTomlTree(text), 'tool');
        return tool !== undefined && get(tool, 'flask-crdb-gate') !== undefined;
    }
    catch {
        return false;
    }
}
function get(node, key) {
    if (node.kind !== 'map')
        return undefined;
    for (let i = node.pairs.length - 1; i >= 0; i--) {
        const p = node.pairs[i];
        if (p?.key === key)
            return p.value;
    }
    return undefined;
}
function validated(node, shown, abs, rules) {
    const { config, problems } = validateConfig(node, shown, path.dirname(abs), rules);
    if (problems.length > 0)
        throw new ConfigError(problems);
    return config;
}

export { CONFIG_FILES as C, deselectedRules as d, globProblem as g, loadConfig as l, makePathFilter as m, selectorProblem as s };

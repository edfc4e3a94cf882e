import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Z as parse, _ as TomlError, X as parseTomlTree, Y as yamlTree } from './yaml-tree.js';
import { S as SEVERITIES, i as isSeverity } from './severity.js';
import { G as GATE_ON, a as GRADES, C as ConfigError } from './types.js';

/**
 * The configuration's shape, checked by hand so every message can say the file, the line and
 * what was expected. Keys are kebab-case, as in action.yml.
 */
const TOP_KEYS = ['include', 'exclude', 'rules', 'threshold', 'paths', 'local-hosts-are-production', 'baseline'];
const THRESHOLD_KEYS = ['fail-below', 'min-score', 'fail-on-severity', 'gate-on'];
const PATH_KEYS = ['tests', 'development', 'production'];
const RULE_VALUES = ['off', ...SEVERITIES];
class Checker {
    file;
    problems = [];
    constructor(file) {
        this.file = file;
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
        for (const p of map.pairs) {
            if (keys.includes(p.key))
                out.push(p);
            else {
                const hint = suggest(p.key, keys);
                this.fail(p.keySpan.line, `unknown key "${p.key}"${where ? ` in ${where}` : ''}${hint ? ` (did you mean "${hint}"?)` : ''}; expected one of: ${keys.join(', ')}`);
            }
        }
        return out;
    }
    globs(node, key) {
        if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.trim() !== '')
            return [node.value.trim()];
        if (node.kind === 'seq') {
            const out = [];
            for (const item of node.items) {
                if (item?.kind === 'scalar' && typeof item.value === 'string' && item.value.trim() !== '')
                    out.push(item.value.trim());
                else
                    this.fail(item?.span.line ?? node.span.line, `${key} must list glob strings; got ${item ? describe(item) : 'an empty item'}`);
            }
            return out;
        }
        return this.fail(node.span.line, `${key} must be a glob or a list of globs; got ${describe(node)}`);
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
    for (const p of m.pairs) {
        const rule = byId.get(p.key.toUpperCase()) ?? byName.get(p.key.toLowerCase());
        if (!rule) {
            const hint = suggest(p.key, [...rules.map((r) => r.id), ...rules.map((r) => r.name)]);
            c.fail(p.keySpan.line, `unknown rule "${p.key}" in rules${hint ? ` (did you mean "${hint}"?)` : ''}`);
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
        return JSON.stringify(node.value.length > 60 ? `${node.value.slice(0, 57)}...` : node.value);
    return String(node.value);
}
/** The known key closest to a mistyped one (`exlude`, `fail_below`, `failBelow`), if any is close. */
function suggest(key, known) {
    const norm = (s) => s.toLowerCase().replace(/[-_\s]/g, '');
    let best;
    let bestDistance = Infinity;
    for (const k of known) {
        const d = norm(k) === norm(key) ? 0 : distance(norm(k), norm(key));
        if (d < bestDistance) {
            best = k;
            bestDistance = d;
        }
    }
    return bestDistance <= Math.max(1, Math.floor(key.length / 4)) ? best : undefined;
}
function distance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const cur = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = cur;
        }
    }
    return row[b.length];
}

/** Looked for in the scanned directory, in this order. */
const CONFIG_FILES = ['.flask-crdb-gate.yml', '.flask-crdb-gate.yaml'];
const PYPROJECT_TABLE = 'tool.flask-crdb-gate';
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
        const text = await readText(abs, options.explicit);
        const isToml = abs.toLowerCase().endsWith('.toml');
        const config = isToml
            ? fromToml(text, options.explicit, abs, options.rules, path.basename(abs).toLowerCase() === 'pyproject.toml')
            : fromYaml(text, options.explicit, abs, options.rules);
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
    const pyprojectText = existsSync(pyproject) ? await readText(pyproject, shown(pyproject)) : undefined;
    // pyproject.toml belongs to other tools too: parsed only when it mentions us.
    const pyprojectMentions = pyprojectText !== undefined && pyprojectText.includes('flask-crdb-gate');
    if (present.length === 1) {
        const abs = present[0];
        if (pyprojectMentions && hasTable(pyprojectText)) {
            notes.push(`${shown(pyproject)} has a [${PYPROJECT_TABLE}] table; ${shown(abs)} is used instead.`);
        }
        return { config: fromYaml(await readText(abs, shown(abs)), shown(abs), abs, options.rules), notes };
    }
    if (pyprojectMentions) {
        const config = fromToml(pyprojectText, shown(pyproject), pyproject, options.rules, true);
        if (config)
            return { config, notes };
    }
    return undefined;
}
async function readText(abs, shown) {
    try {
        const text = await readFile(abs, 'utf8');
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    }
    catch (e) {
        throw new ConfigError([
            { file: shown, line: undefined, message: `could not be read: ${e.code ?? String(e)}` },
        ]);
    }
}
function fromYaml(text, shown, abs, rules) {
    const tree = yamlTree(text, { uniqueKeys: true });
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

export { CONFIG_FILES as C, loadConfig as l };

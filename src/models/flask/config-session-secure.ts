import { sameApplication } from '../../project/application.js';
import type { Span, SourceFile } from '../../core/types.js';
import type { Node } from '../../parse/python.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { contextOfName, isConfigClassName, isUpperCaseName } from './config-names.js';
import { spanBetween, spanOf } from '../../lang/python/span.js';
import type { Definition, ProjectIndex } from '../../project/project-index.js';
import type { Json } from '../../project/types.js';
import { FLASK_CONFIG_DOMAIN, type FlaskConfigSection } from './config-summary.js';

/**
 * "The app never sets SESSION_COOKIE_SECURE" (issue 14): a fact about a whole application, told
 * at the configuration the app loads. Phase 1 offers every configuration-looking place of a file
 * as a candidate (a config class, a settings module, a `.cfg` file); phase 2 keeps the one an
 * application's `from_object` / `from_pyfile` actually loads, when the application uses the
 * session and nothing of it sets the flag.
 */
export interface SecureCandidate {
  readonly span: Span;
  /** The config class's name; null for a module or file read as a whole. */
  readonly config: string | null;
}

export interface SecureQuestion {
  readonly [key: string]: Json;
  readonly q: 'session-secure-unset';
  readonly config: string | null;
}

const SESSION_KEY = /^\s*SESSION_COOKIE_[A-Z_]+\s*[:=]/;
const SECRET_KEY = /^\s*SECRET_KEY\s*[:=]/;

/** Candidates of one file: its config classes, or the whole module / `.cfg` file. */
export function secureCandidates(file: SourceFile, py: PythonIndex | undefined): SecureCandidate[] {
  if (file.role === 'test' || file.role === 'template') return [];
  if (!py) {
    if (file.kind !== 'ini' || !/\.(cfg|conf|py)$/.test(file.path)) return [];
    const line = firstLine(file.lines, SESSION_KEY) ?? firstLine(file.lines, SECRET_KEY);
    if (line === undefined) return [];
    const text = file.lines[line - 1] ?? '';
    return [{ span: { line, column: 1, endLine: line, endColumn: text.length + 1 }, config: null }];
  }
  const out: SecureCandidate[] = [];
  let sessionAnchor: Node | undefined;
  let secretAnchor: Node | undefined;
  for (let stmt of py.doc.root.namedChildren) {
    if (stmt.type === 'decorated_definition') stmt = stmt.childForFieldName('definition') ?? stmt;
    if (stmt.type === 'class_definition') {
      const c = configClass(stmt);
      if (c) out.push(c);
    } else if (stmt.type === 'expression_statement') {
      const key = assignedName(stmt);
      if (key?.startsWith('SESSION_COOKIE_')) sessionAnchor ??= stmt;
      else if (key === 'SECRET_KEY') secretAnchor ??= stmt;
    }
  }
  const moduleAnchor = sessionAnchor ?? secretAnchor;
  if (moduleAnchor) out.push({ span: spanOf(moduleAnchor), config: null });
  return out;
}

function firstLine(lines: readonly string[], re: RegExp): number | undefined {
  const i = lines.findIndex((l) => re.test(l));
  return i < 0 ? undefined : i + 1;
}

/** `NAME = ...` / `NAME: T = ...` at the statement's top: NAME. */
function assignedName(stmt: Node): string | undefined {
  const assign = stmt.firstNamedChild;
  if (assign?.type !== 'assignment') return undefined;
  const left = assign.childForFieldName('left');
  return left?.type === 'identifier' ? left.text : undefined;
}

/**
 * A class that holds Flask settings: named like one (`Config`, `ProdSettings`) or with two or
 * more upper-case attributes. Its anchor is the first `SESSION_COOKIE_*` setting it writes (where
 * the missing one belongs), else its header.
 */
function configClass(node: Node): SecureCandidate | undefined {
  const name = node.childForFieldName('name');
  const body = node.childForFieldName('body');
  if (!name || !body) return undefined;
  let upper = 0;
  let anchor: Node | undefined;
  for (const stmt of body.namedChildren) {
    if (stmt.type !== 'expression_statement') continue;
    const key = assignedName(stmt);
    if (!key || !isUpperCaseName(key)) continue;
    upper++;
    if (!anchor && key.startsWith('SESSION_COOKIE_')) anchor = stmt;
  }
  if (upper < 2 && !(upper >= 1 && isConfigClassName(name.text))) return undefined;
  return { span: anchor ? spanOf(anchor) : spanBetween(node, name), config: name.text };
}

interface Loaded {
  readonly path: string;
  readonly config: string | null;
}

export interface SecureVerdict {
  readonly config: string | null;
  readonly remember: boolean;
}

/**
 * Phase 2: whether the candidate at `path` is the configuration an application loads, the
 * application uses the session, and no module, config file or environment of it sets
 * `SESSION_COOKIE_SECURE` (nor installs Talisman). Undefined when any of that fails.
 */
export function decideSecure(question: SecureQuestion, path: string, index: ProjectIndex): SecureVerdict | undefined {
  let sessions = false;
  let remember = false;
  let rememberSecure = false;
  const loaders: { path: string; section: FlaskConfigSection }[] = [];
  for (const { path: p, section: json } of index.sections(FLASK_CONFIG_DOMAIN)) {
    const section = json as FlaskConfigSection;
    if (!sameApplication(path, p)) continue;
    if (section.sessionSecure) return undefined;
    if (section.sessions) sessions = true;
    if (section.remember) remember = true;
    if (section.rememberSecure) rememberSecure = true;
    if (section.loaders) loaders.push({ path: p, section });
  }
  if (!sessions) return undefined;
  for (const { path: from, section } of loaders) {
    for (const loader of section.loaders ?? []) {
      for (const loaded of loadedBy(index, from, loader.kind, loader.quoted, loader.target)) {
        if (loaded.path === path && loaded.config === question.config) {
          return { config: question.config, remember: remember && !rememberSecure };
        }
      }
    }
  }
  return undefined;
}

function loadedBy(index: ProjectIndex, from: string, kind: string, quoted: boolean, target: string): Loaded[] {
  if (kind === 'file') {
    if (target.startsWith('/')) return [];
    const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : '';
    const parts: string[] = [];
    for (const seg of `${dir}/${target}`.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') parts.pop();
      else parts.push(seg);
    }
    return [{ path: parts.join('/'), config: null }];
  }
  const def: Definition | undefined = quoted ? index.resolveDotted(from, target) : index.resolveLocal(from, target);
  if (!def) return [];
  if (def.name === undefined) return [{ path: def.path, config: null }];
  if (def.name.includes('.')) return [];
  const aliases = (index.section(def.path, FLASK_CONFIG_DOMAIN) as FlaskConfigSection | undefined)?.aliases;
  const name = aliases?.[def.name] ?? def.name;
  const context = contextOfName(name);
  if (context !== 'development' && context !== 'testing') return [{ path: def.path, config: name }];
  // `from_object(os.environ.get("APP_SETTINGS", DevelopmentConfig))`: production runs the module's
  // production class; a development class alone configures no deployment.
  const production = (index.module(def.path)?.defines ?? []).filter(
    (n) => isConfigClassName(n) && contextOfName(n) === 'production',
  );
  return production.map((n) => ({ path: def.path, config: n }));
}

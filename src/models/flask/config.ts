import type { Span } from '../../core/types.js';
import type { Node } from '../../parse/python.js';
import { argument, callArguments, unparenthesize } from '../../lang/python/args.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import {
  APP_ATTRIBUTE_KEYS,
  contextOfName,
  isAppLikeName,
  isConfigClassName,
  isKnownFlaskKey,
  isSettingsModulePath,
  isUpperCaseName,
  type FlaskContext,
} from './config-names.js';
import { fileRole } from '../../discover/roles.js';
import { calleeNames, dottedName } from '../../lang/python/imports.js';
import { spanBetween, spanOf } from '../../lang/python/span.js';
import { constantStringValue } from '../../lang/python/strings.js';

export type { FlaskContext } from './config-names.js';

/**
 * Every Flask setting a Python file writes, whatever the form: the key Flask reads, the
 * expression it is set to, and whether the place it is written configures production, a
 * development setup or tests. Rules about Flask configuration (secrets, cookies, sessions, debug)
 * read this list instead of each recognising the dozen ways apps write configuration.
 *
 * Forms (`form`):
 * - `config-item`: `app.config["KEY"] = v`
 * - `config-update`: `app.config.update(KEY=v)`, `.update({...})`, `.update(dict(...))`
 * - `config-mapping`: `app.config.from_mapping({...})`, `from_mapping(KEY=v)`
 * - `config-setdefault`: `app.config.setdefault("KEY", v)`
 * - `config-class`: `KEY = v` in a config class body (and `self.KEY = v` in its methods)
 * - `settings-module`: a module-level `KEY = v` in a settings module (`config.py`, `settings.py`,
 *   `*_config.py`, `*settings*.py`, a `config/` package, or a module that calls
 *   `from_object(__name__)`)
 * - `app-attribute`: `app.secret_key = v`, `app.debug = v`
 * - `app-run`: `app.run(debug=True)` (key `DEBUG`), also `socketio.run(app, debug=True)` and
 *   Werkzeug's `run_simple(..., use_debugger=True)`
 *
 * The app may be bound to any name: a name assigned from `Flask(...)` is an app, so are the
 * conventional names (`app`, `application`, `current_app`, `*_app`); `.config[...]` and
 * `.config.update(...)` on any other object count when the key is one Flask or a common
 * extension reads.
 */
export interface FlaskSetting {
  /** The key Flask reads: `SECRET_KEY`, `DEBUG`, `SESSION_COOKIE_SECURE`. */
  readonly key: string;
  /** The expression the setting is given. */
  readonly value: Node;
  /** The setting as written, key through value. */
  readonly span: Span;
  /** From the config class it sits in (its name or a base's); production elsewhere. */
  readonly context: FlaskContext;
  readonly form: FlaskSettingForm;
  /** The config class it sits in, when one. */
  readonly owner?: string;
  /** `app-run` only: the call sits under `if __name__ == "__main__":`. */
  readonly mainGuard?: boolean;
  /** `app-run` only: the host the server binds to, when the call gives one. */
  readonly host?: Node;
}

export type FlaskSettingForm =
  | 'config-item'
  | 'config-update'
  | 'config-mapping'
  | 'config-setdefault'
  | 'config-class'
  | 'settings-module'
  | 'app-attribute'
  | 'app-run';

interface FileModel {
  readonly settings: readonly FlaskSetting[];
  readonly classes: readonly ClassInfo[];
}

const cache = new MemoSlot<FileModel>('config.cache');

function model(py: PythonIndex, path: string): FileModel {
  let found = cache.get(py);
  if (!found) {
    found = collect(py, path);
    cache.set(py, found);
  }
  return found;
}

/** The Flask settings of a Python file (computed once per file and shared by the rules). */
export function flaskSettings(py: PythonIndex, path: string): readonly FlaskSetting[] {
  return model(py, path).settings;
}

/**
 * The context of any node of the file: that of the config class it sits in (a fallback inside
 * `class DevelopmentConfig` configures development), else production.
 */
export function flaskContextAt(py: PythonIndex, path: string, node: Node): FlaskContext {
  const cls = innermostClass(model(py, path).classes, node);
  return cls?.config ? cls.context : moduleContext(path);
}

/**
 * What a module configures when nothing inside it says otherwise: its name (`config/development.py`,
 * `settings_test.py`) or where it lives (`tests/app.py`, `.devcontainer/`), else production.
 */
export function moduleContext(path: string): FlaskContext {
  const role = fileRole(path);
  if (role === 'test') return 'testing';
  if (role === 'development') return 'development';
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.py$/, '');
  return contextOfName(base) ?? 'production';
}

interface ClassInfo {
  readonly node: Node;
  readonly name: string;
  readonly bases: readonly string[];
  readonly start: number;
  readonly end: number;
  config: boolean;
  context: FlaskContext;
}

const NON_FLASK_APPS = new Set(['FastAPI', 'Sanic', 'Starlette', 'Litestar', 'Bottle', 'Application', 'Celery']);
const CONFIG_METHODS: Readonly<Record<string, FlaskSettingForm>> = {
  update: 'config-update',
  from_mapping: 'config-mapping',
  setdefault: 'config-setdefault',
};

/**
 * Which forms the file can hold at all, from its text: most files write no Flask setting, and
 * looking at each assignment's target costs WebAssembly calls, so whole branches are skipped
 * when the words they need are absent. A cheap over-approximation, never a decision.
 */
interface Wanted {
  /** UPPER_CASE names: a settings module, or a file with a config class. */
  names: boolean;
  /** `x.config[...]`, `x.config.update(...)`. */
  readonly config: boolean;
  /** `app.secret_key = ...` and the other app attributes. */
  readonly attributes: boolean;
  /** `app.run(...)`, `run_simple(...)`. */
  readonly run: boolean;
}

/** `.secret_key =`, `.debug=`…: one pass over the text rather than two per attribute. */
const APP_ATTRIBUTE_WRITE = new RegExp(`\\.(?:${Object.keys(APP_ATTRIBUTE_KEYS).join('|')}) ?=`);

function wantedForms(text: string): Wanted {
  return {
    names: false,
    config: text.includes('.config'),
    attributes: APP_ATTRIBUTE_WRITE.test(text),
    run: text.includes('.run(') || text.includes('run_simple'),
  };
}

function collect(py: PythonIndex, path: string): FileModel {
  const text = py.doc.text;
  const want = wantedForms(text);
  const apps = want.config || want.attributes || want.run ? appBindings(py) : new Map<string, boolean>();
  const classes = classInfos(py);
  const fromObjectNames = new Set<string>();
  let readsOwnModule = false;
  if (text.includes('from_object')) {
    for (const call of py.calls) {
      const name = calleeNames(call, py.imports)[0];
      if (!name?.endsWith('.from_object')) continue;
      const first = callArguments(call).positional[0];
      if (first?.type === 'identifier') {
        if (first.text === '__name__') readsOwnModule = true;
        else fromObjectNames.add(first.text);
      }
    }
  }
  const settingsModule = readsOwnModule || isSettingsModulePath(path);
  const fileContext = moduleContext(path);
  resolveClasses(classes, fromObjectNames, settingsModule, fileContext);
  want.names = settingsModule || classes.some((c) => c.config);

  const out: FlaskSetting[] = [];
  const seen = new Set<string>();
  const add = (s: FlaskSetting): void => {
    const k = `${s.key}:${s.value.id}:${s.span.line}:${s.span.column}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(s);
  };
  const contextAt = (node: Node): { context: FlaskContext; owner?: string } => {
    const cls = innermostClass(classes, node);
    return cls?.config ? { context: cls.context, owner: cls.name } : { context: fileContext };
  };
  const isApp = (receiver: string | undefined): boolean => {
    if (!receiver) return false;
    const last = receiver.slice(receiver.lastIndexOf('.') + 1);
    const ctor = apps.get(last);
    if (ctor !== undefined) return ctor;
    return isAppLikeName(last);
  };

  if (want.names || want.config || want.attributes) {
    for (const a of py.assignments) {
      assignmentSettings(a, classes, settingsModule && fileContext, want, isApp, contextAt, add);
    }
  }
  if (want.config || want.run) {
    for (const call of py.calls) callSettings(py, call, isApp, contextAt, add);
  }
  return { settings: out, classes };
}

type Add = (s: FlaskSetting) => void;
type ContextAt = (node: Node) => { context: FlaskContext; owner?: string };

function assignmentSettings(
  a: Node,
  classes: readonly ClassInfo[],
  /** The context of the module's own UPPER_CASE names when it is a settings module, else false. */
  settingsModule: FlaskContext | false,
  want: Wanted,
  isApp: (receiver: string | undefined) => boolean,
  contextAt: ContextAt,
  add: Add,
): void {
  const left = a.childForFieldName('left');
  if (!left) return;
  const type = left.type;
  if (type === 'identifier') {
    if (!want.names) return;
    const key = left.text;
    if (!isUpperCaseName(key)) return;
    const home = definitionHome(a);
    const value = home ? rightmost(a) : undefined;
    if (!home || !value) return;
    if (home.type === 'class_definition') {
      const cls = classes.find((c) => c.node.id === home.id);
      if (cls?.config) {
        add({
          key,
          value,
          span: spanBetween(left, value),
          context: cls.context,
          form: 'config-class',
          owner: cls.name,
        });
      }
    } else if (settingsModule) {
      add({ key, value, span: spanBetween(left, value), context: settingsModule, form: 'settings-module' });
    }
    return;
  }
  if (type === 'subscript') {
    if (!want.config) return;
    const object = left.childForFieldName('value');
    if (object?.type !== 'attribute') return;
    const written = dottedName(object);
    if (!written?.endsWith('.config')) return;
    const sub = left.childForFieldName('subscript');
    const key = sub ? constantStringValue(sub) : undefined;
    if (key === undefined || key === '') return;
    if (!isApp(written.slice(0, -'.config'.length)) && !isKnownFlaskKey(key)) return;
    const value = rightmost(a);
    if (value) add({ key, value, span: spanBetween(left, value), ...contextAt(a), form: 'config-item' });
    return;
  }
  if (type === 'attribute') {
    if (!want.attributes && !want.names) return;
    const written = dottedName(left);
    if (!written) return;
    const dot = written.lastIndexOf('.');
    const receiver = written.slice(0, dot);
    const attr = written.slice(dot + 1);
    const appKey = APP_ATTRIBUTE_KEYS[attr];
    if (appKey && isApp(receiver)) {
      const value = rightmost(a);
      if (value) add({ key: appKey, value, span: spanBetween(left, value), ...contextAt(a), form: 'app-attribute' });
      return;
    }
    // `self.DEBUG = True` in a config class's __init__: an instance attribute from_object reads.
    if (receiver === 'self' && want.names && isUpperCaseName(attr)) {
      const cls = innermostClass(classes, a);
      const value = cls?.config ? rightmost(a) : undefined;
      if (cls && value) {
        add({
          key: attr,
          value,
          span: spanBetween(left, value),
          context: cls.context,
          form: 'config-class',
          owner: cls.name,
        });
      }
    }
  }
}

function callSettings(
  py: PythonIndex,
  call: Node,
  isApp: (receiver: string | undefined) => boolean,
  contextAt: ContextAt,
  add: Add,
): void {
  const name = calleeNames(call, py.imports)[0];
  if (!name) return;
  const dot = name.lastIndexOf('.');
  const method = name.slice(dot + 1);
  const receiver = dot >= 0 ? name.slice(0, dot) : '';
  const form = CONFIG_METHODS[method];
  if (form && receiver.endsWith('.config')) {
    const appReceiver = isApp(receiver.slice(0, -'.config'.length));
    const args = callArguments(call);
    const ctx = contextAt(call);
    const take = (key: string, keyNode: Node | undefined, value: Node): void => {
      if (!appReceiver && !isKnownFlaskKey(key)) return;
      add({ key, value, span: keyNode ? spanBetween(keyNode, value) : spanOf(value), ...ctx, form });
    };
    if (form === 'config-setdefault') {
      const keyNode = argument(args, 0, 'key');
      const value = argument(args, 1, 'default');
      const key = keyNode ? constantStringValue(keyNode) : undefined;
      if (key && keyNode && value) take(key, keyNode, value);
      return;
    }
    const first = args.positional[0];
    if (first) {
      const mapping = py.evaluator.evaluate(first);
      if (mapping.kind === 'dict') {
        for (const e of mapping.entries.values()) take(e.key, e.keyNode, e.valueNode);
      }
    }
    for (const [key, value] of args.keywords) take(key, args.keywordNodes.get(key), value);
    return;
  }
  if (method === 'run' || method === 'run_simple') {
    runSettings(call, name, receiver, method, isApp, contextAt(call).context, add);
  }
}

/** `app.run(debug=True)`, `socketio.run(app, debug=True)`, `run_simple(..., use_debugger=True)`. */
function runSettings(
  call: Node,
  name: string,
  receiver: string,
  method: string,
  isApp: (receiver: string | undefined) => boolean,
  context: FlaskContext,
  add: Add,
): void {
  const args = callArguments(call);
  let value: Node | undefined;
  let keyNode: Node | undefined;
  let host: Node | undefined;
  if (method === 'run_simple') {
    if (!name.startsWith('werkzeug') && name !== 'run_simple') return;
    value = args.keywords.get('use_debugger');
    keyNode = args.keywordNodes.get('use_debugger');
    host = argument(args, 0, 'hostname');
  } else if (isApp(receiver)) {
    // Flask.run(host=None, port=None, debug=None, ...).
    value = argument(args, 2, 'debug');
    keyNode = args.keywordNodes.get('debug');
    host = argument(args, 0, 'host');
  } else if (/socketio$/i.test(receiver.slice(receiver.lastIndexOf('.') + 1))) {
    const first = args.positional[0];
    if (first?.type !== 'identifier' || !isApp(first.text)) return;
    value = args.keywords.get('debug');
    keyNode = args.keywordNodes.get('debug');
    host = args.keywords.get('host');
  }
  if (!value) return;
  add({
    key: 'DEBUG',
    value,
    span: spanBetween(keyNode ?? value, value),
    context,
    form: 'app-run',
    mainGuard: underMainGuard(call),
    ...(host ? { host } : {}),
  });
}

/** The value of `a = b = v` and of annotated `a: T = v`. */
function rightmost(assignment: Node): Node | undefined {
  let right = assignment.childForFieldName('right');
  while (right?.type === 'assignment') right = right.childForFieldName('right');
  return right ? unparenthesize(right) : undefined;
}

// Statements that nest code without opening a scope: a setting under `if`/`try` in a class body
// is still a class attribute.
const TRANSPARENT = new Set([
  // tree-sitter wraps what it could not parse in ERROR and goes on; `A = B = v` nests B's.
  'ERROR',
  'assignment',
  'expression_statement',
  'block',
  'if_statement',
  'elif_clause',
  'else_clause',
  'try_statement',
  'except_clause',
  'finally_clause',
  'with_statement',
]);

/** The module or class_definition whose namespace an assignment writes, else undefined. */
function definitionHome(assignment: Node): Node | undefined {
  let node = assignment.parent;
  for (let hops = 0; node && hops < 12; hops++, node = node.parent) {
    const type = node.type;
    if (type === 'module' || type === 'class_definition') return node;
    if (!TRANSPARENT.has(type)) return undefined;
  }
  return undefined;
}

/** Names bound to an app-like construction: true for Flask(...) (and unknown factories), false for FastAPI(...) and friends. */
function appBindings(py: PythonIndex): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const call of py.calls) {
    const name = calleeNames(call, py.imports)[0];
    if (!name) continue;
    const ctor = name.slice(name.lastIndexOf('.') + 1);
    const flask = ctor === 'Flask' || ctor === 'Quart' || ctor === 'APIFlask';
    if (!flask && !NON_FLASK_APPS.has(ctor)) continue;
    const parent = call.parent;
    if (parent?.type !== 'assignment') continue;
    const left = parent.childForFieldName('left');
    const target = left ? dottedName(left) : undefined;
    if (!target) continue;
    const last = target.slice(target.lastIndexOf('.') + 1);
    // Flask wins when one name is bound both ways in different branches.
    out.set(last, flask || out.get(last) === true);
  }
  return out;
}

function classInfos(py: PythonIndex): ClassInfo[] {
  return py.classes.map((node) => {
    const name = node.childForFieldName('name')?.text ?? '';
    const bases = (node.childForFieldName('superclasses')?.namedChildren ?? [])
      .filter((b): b is Node => b !== null && (b.type === 'identifier' || b.type === 'attribute'))
      .map((b) => b.text.slice(b.text.lastIndexOf('.') + 1));
    return { node, name, bases, start: node.startIndex, end: node.endIndex, config: false, context: 'production' };
  });
}

/**
 * Which classes hold configuration, and for what. A class is a config class when its name says
 * so (`Config`, `ProdSettings`), when it is passed to `from_object` in the file, when it sits in a
 * settings module, or when it inherits from one of those. Its context comes from its own name
 * (`TestingConfig`), else from its bases' (`class Local(DevelopmentConfig)`), else the module's.
 */
function resolveClasses(
  classes: ClassInfo[],
  fromObject: ReadonlySet<string>,
  settingsModule: boolean,
  fileContext: FlaskContext,
): void {
  const byName = new Map<string, ClassInfo>();
  for (const c of classes) if (!byName.has(c.name)) byName.set(c.name, c);
  const visiting = new Set<string>();
  const isConfig = (c: ClassInfo): boolean => {
    if (settingsModule || fromObject.has(c.name) || isConfigClassName(c.name)) return true;
    if (visiting.has(c.name)) return false;
    visiting.add(c.name);
    try {
      return c.bases.some((b) => {
        const base = byName.get(b);
        return base ? isConfig(base) : isConfigClassName(b);
      });
    } finally {
      visiting.delete(c.name);
    }
  };
  const contextOf = (c: ClassInfo): FlaskContext => {
    const own = contextOfName(c.name);
    if (own) return own;
    if (visiting.has(c.name)) return 'production';
    visiting.add(c.name);
    try {
      for (const b of c.bases) {
        const base = byName.get(b);
        const ctx = base ? contextOf(base) : (contextOfName(b) ?? 'production');
        if (ctx !== 'production') return ctx;
      }
      return fileContext;
    } finally {
      visiting.delete(c.name);
    }
  };
  for (const c of classes) {
    c.config = isConfig(c);
    c.context = contextOf(c);
  }
}

function innermostClass(classes: readonly ClassInfo[], node: Node): ClassInfo | undefined {
  const at = node.startIndex;
  let best: ClassInfo | undefined;
  for (const c of classes) {
    if (c.start <= at && at < c.end && (!best || c.start >= best.start)) best = c;
  }
  return best;
}

function underMainGuard(call: Node): boolean {
  for (let node = call.parent; node; node = node.parent) {
    if (node.type === 'if_statement') {
      const condition = node.childForFieldName('condition')?.text ?? '';
      if (condition.includes('__name__') && condition.includes('__main__')) return true;
    }
    if (node.type === 'function_definition' || node.type === 'class_definition') return false;
  }
  return false;
}

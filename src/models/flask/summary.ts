import type { Node } from '../../parse/python.js';
import type { Summarizer, SummaryInput } from '../../project/summarizer.js';
import type { Json, ModuleSummary } from '../../project/types.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { inspectDecorator, rejectsAnonymous } from './auth.js';
import { bodyFacts, lastSegment } from './routes-body.js';
import { flaskRoutes } from './routes.js';
import { calleeNames, dottedName } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';
import { importedFromLibrary } from '../../lang/python/known-libraries.js';
import { findWrite } from './route-writes.js';
import { passwordCheckers } from './password-check.js';

/**
 * What one module tells the others about its Flask side (the `flask` section of its summary):
 * which of its functions and methods write to the database (or call functions that may), which
 * authenticate when used as a decorator or a `before_request` hook, the guards and limits it puts
 * on apps and blueprints (its own or imported ones), an app-wide default rate limit, Flask-BasicAuth
 * single-account objects, helpers that register URL rules, and views of other modules it registers.
 * Names only: every reference is a dotted name as this module writes it, resolved in phase 2.
 */
export interface FlaskSection {
  /**
   * `before_request` hooks that authenticate: `on` is the scaffold as written (`bp`, `auth.bp`),
   * empty for the app; `fn` is set when the hook is imported and phase 2 must say whether it rejects.
   */
  readonly guards?: readonly { readonly on: string; readonly app: boolean; readonly fn?: string }[];
  /** Blueprint limits (`limiter.limit(...)(bp)`) and exemptions (`limiter.exempt(bp)`). */
  readonly limits?: readonly { readonly on: string; readonly exempt: boolean }[];
  /** `Limiter(default_limits=...)`, `application_limits`, `RATELIMIT_DEFAULT`: a limit on every view of the app. */
  readonly defaultLimit?: boolean;
  /** Top-level names holding Flask-BasicAuth's own `BasicAuth(...)`: one configured account, no users. */
  readonly basicAuth?: readonly string[];
  /** Views defined elsewhere and registered here. */
  readonly views?: readonly { readonly ref: string; readonly rule: string | null; readonly guarded: boolean }[];
}

/**
 * What one module's functions do that views in other modules rely on (the `flask-functions`
 * section): looked up by function, never scanned across the project, so phase 1 builds it only for
 * modules that import Flask and phase 2 builds it for any other module a question reaches.
 */
export interface FlaskFunctionsSection {
  /** `name` or `Class.method` → what it writes (`db.session.add()`). */
  readonly writes?: { readonly [fn: string]: string };
  /** Functions that write nothing themselves → the calls they make that another module may answer. */
  readonly calls?: { readonly [fn: string]: readonly string[] };
  /** Functions that turn away a caller without a user (a decorator's wrapper, a guard): `admin` for administrators only. */
  readonly auth?: { readonly [fn: string]: 'auth' | 'admin' };
  /** Top-level functions that check a submitted password (`authenticate(username, password)`). */
  readonly passwordCheckers?: readonly string[];
  /** Functions that register URL rules (`bp.add_url_rule(...)` in their body). */
  readonly registrars?: readonly string[];
}

const MAX_CALLS = 24;
const DENY_TEXT = /abort|redirect|401|403|raise|nauthori[sz]ed|forbidden|Forbidden|verify_jwt_in_request/;

export const FLASK_DOMAIN = 'flask';
export const FLASK_FUNCTIONS_DOMAIN = 'flask-functions';

export const flaskSummarizer: Summarizer = {
  domain: FLASK_DOMAIN,
  summarize({ python }: SummaryInput): Json | undefined {
    if (!python) return undefined;
    const out: Record<string, Json> = {};
    scaffoldFacts(python, out);
    return Object.keys(out).length > 0 ? (out as Json) : undefined;
  },
};

export const flaskFunctionsSummarizer: Summarizer = {
  domain: FLASK_FUNCTIONS_DOMAIN,
  summarize({ python }: SummaryInput): Json | undefined {
    if (!python) return undefined;
    const out: Record<string, Json> = {};
    functionFacts(python, out);
    return Object.keys(out).length > 0 ? (out as Json) : undefined;
  },
  eager: ({ python }) => !python || importsFlask(python),
};

/**
 * The module imports Flask or one of its extensions (`flask`, `flask_login`, `flask.views`): the
 * modules whose functions views most often call into. Others are summarised when asked.
 */
export function importsFlask(python: PythonIndex): boolean {
  for (const full of python.imports.names.values()) if (full.some(isFlaskName)) return true;
  return python.imports.starModules.some(isFlaskName);
}

/** The same question of a module's summary, as the engine asks it of modules already summarised. */
export function summaryImportsFlask(summary: ModuleSummary): boolean {
  for (const full of Object.values(summary.imports)) if (full.some(isFlaskName)) return true;
  return summary.starImports.some(isFlaskName);
}

function isFlaskName(dotted: string): boolean {
  return /^flask(?:_|\.|$)/.test(dotted);
}

/** `name` for a top-level function, `Class.name` for a method of a top-level class. */
export function qualifiedName(fn: Node): string | undefined {
  const name = fn.childForFieldName('name')?.text;
  if (!name) return undefined;
  let up = fn.parent;
  if (up?.type === 'decorated_definition') up = up.parent;
  if (up?.type === 'module') return name;
  if (up?.type !== 'block') return undefined;
  const cls = up.parent;
  if (cls?.type !== 'class_definition') return undefined;
  let top = cls.parent;
  if (top?.type === 'decorated_definition') top = top.parent;
  const clsName = cls.childForFieldName('name')?.text;
  return top?.type === 'module' && clsName ? `${clsName}.${name}` : undefined;
}

function functionFacts(python: PythonIndex, out: Record<string, Json>): void {
  const writes: Record<string, string> = {};
  const calls: Record<string, string[]> = {};
  const auth: Record<string, 'auth' | 'admin'> = {};
  const registrars: string[] = [];
  const topLevel = topNames(python);
  for (const fn of python.functions) {
    const name = qualifiedName(fn);
    if (!name) continue;
    const write = findWrite(python, fn);
    if (write) writes[name] = write.what;
    const body = bodyFacts(python, fn);
    if (!write) {
      const refs = projectCalls(python, fn, topLevel, name);
      if (refs.length > 0) calls[name] = refs;
    }
    // Decorators take the view, hooks take nothing: only those can guard a view.
    if (!name.includes('.') && parameterCount(fn) <= 1 && DENY_TEXT.test(fn.text)) {
      const check = inspectDecorator(python, fn);
      // A hook (no parameters) must turn the anonymous away, not merely record who is calling.
      if (check.auth && (parameterCount(fn) === 1 || rejectsAnonymous(python, fn)))
        auth[name] = check.admin ? 'admin' : 'auth';
    }
    if (!name.includes('.') && body.calls.some((c) => registers(c))) registrars.push(name);
  }
  if (Object.keys(writes).length > 0) out.writes = writes;
  if (Object.keys(calls).length > 0) out.calls = calls;
  if (Object.keys(auth).length > 0) out.auth = auth;
  if (registrars.length > 0) out.registrars = registrars;
  const checkers = passwordCheckers(python, qualifiedName);
  if (checkers.length > 0) out.passwordCheckers = checkers;
}

/**
 * The calls a function makes that the project may answer: to a name imported from a module that is
 * not a known library (`create_user`, `controller.create_route`, `UserRepository.create`), or to a
 * function or class of the module itself (which phase 2 follows on). As written, at most MAX_CALLS.
 */
export function projectCalls(
  python: PythonIndex,
  fn: Node,
  topLevel: ReadonlySet<string> = topNames(python),
  self?: string,
): string[] {
  const refs = new Set<string>();
  for (const call of bodyFacts(python, fn).calls) {
    const callee = call.childForFieldName('function');
    const written = callee ? dottedName(callee) : undefined;
    if (!written || written === self) continue;
    const head = written.split('.')[0] ?? '';
    const imported = python.imports.names.get(head);
    if (imported) {
      if (importedFromLibrary(imported)) continue;
    } else if (!topLevel.has(head)) continue;
    refs.add(written);
    if (refs.size >= MAX_CALLS) break;
  }
  return [...refs];
}

function parameterCount(fn: Node): number {
  return fn.childForFieldName('parameters')?.namedChildren.filter((p) => p.type !== 'comment').length ?? 0;
}

function registers(call: Node): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return false;
  const last = fn.childForFieldName('attribute')?.text;
  return last === 'add_url_rule' || last === 'add_resource';
}

export function topNames(python: PythonIndex): Set<string> {
  const names = new Set<string>();
  for (const stmt of python.doc.root.namedChildren) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type === 'function_definition' || def?.type === 'class_definition') {
      const n = def.childForFieldName('name')?.text;
      if (n) names.add(n);
    }
  }
  return names;
}

function scaffoldFacts(python: PythonIndex, out: Record<string, Json>): void {
  const model = flaskRoutes(python);
  const guards: Json[] = [];
  if (model.appGuards.length > 0) guards.push({ on: '', app: true });
  for (const scaffold of model.scaffolds.values())
    if (scaffold.guards.length > 0) guards.push({ on: scaffold.variable, app: false });
  const limits: Json[] = [];
  for (const scaffold of model.scaffolds.values()) {
    if (scaffold.limits.length > 0) limits.push({ on: scaffold.variable, exempt: false });
    if (scaffold.exempt) limits.push({ on: scaffold.variable, exempt: true });
  }
  for (const l of model.foreignLimits) limits.push({ on: l.target, exempt: l.exempt });
  let defaultLimit = model.defaultLimit !== undefined;
  const basicAuth: string[] = [];
  if (/before_(?:app_)?request|BasicAuth|RATELIMIT_/.test(python.doc.text)) {
    for (const call of python.calls) {
      const fn = call.childForFieldName('function');
      const written = fn ? dottedName(fn) : undefined;
      const last = lastSegment(written);
      if ((last === 'before_request' || last === 'before_app_request') && written) {
        // `app.before_request(check_login)` with the hook imported from another module.
        const target = callArguments(call).positional[0];
        if (target?.type === 'identifier' && python.imports.names.has(target.text)) {
          const on = written.slice(0, -last.length - 1);
          const app =
            last === 'before_app_request' ||
            model.scaffolds.get(on)?.kind === 'app' ||
            /(?:^|\.)app(?:lication)?$/.test(on);
          guards.push({ on: app ? '' : on, app, fn: target.text });
        }
      } else if (calleeNames(call, python.imports).some((n) => /^flask_basicauth\.BasicAuth$/.test(n))) {
        const parent = call.parent;
        const left = parent?.type === 'assignment' ? parent.childForFieldName('left') : undefined;
        if (left?.type === 'identifier' && parent?.parent?.parent?.type === 'module') basicAuth.push(left.text);
      }
    }
    if (!defaultLimit) defaultLimit = rateLimitSetting(python);
  }
  const views = model.foreignViews.map((v) => ({ ref: v.ref, rule: v.rule ?? null, guarded: v.guarded }));
  if (guards.length > 0) out.guards = guards;
  if (limits.length > 0) out.limits = limits;
  if (defaultLimit) out.defaultLimit = true;
  if (basicAuth.length > 0) out.basicAuth = basicAuth;
  if (views.length > 0) out.views = views;
}

/** `RATELIMIT_DEFAULT = "200/day"` in a settings module or config class (not empty, not None). */
function rateLimitSetting(python: PythonIndex): boolean {
  for (const assignment of python.assignments) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'identifier' || !right || !/^RATELIMIT_(?:DEFAULT|APPLICATION)$/.test(left.text)) continue;
    if (!emptyValue(right)) return true;
  }
  for (const pair of python.pairs) {
    const k = pair.childForFieldName('key');
    const v = pair.childForFieldName('value');
    const key = k ? constantStringValue(k) : undefined;
    if (v && (key === 'RATELIMIT_DEFAULT' || key === 'RATELIMIT_APPLICATION') && !emptyValue(v)) return true;
  }
  return false;
}

function emptyValue(node: Node): boolean {
  const n = unparenthesize(node);
  if (n.type === 'none' || n.type === 'false') return true;
  if (n.type === 'list' || n.type === 'tuple') return n.namedChildren.every((c) => c.type === 'comment');
  const s = constantStringValue(n);
  return s !== undefined && s.trim() === '';
}

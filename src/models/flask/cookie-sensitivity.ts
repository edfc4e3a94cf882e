import type { Node } from '../../parse/python.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames } from '../../lang/python/imports.js';
import { originOf } from '../../lang/python/value-flow.js';
import { isSessionCookieName } from './cookie-headers.js';

/*
 * Whether a cookie an application sets by hand signs someone in: decided by its name (a session
 * id, an auth, token or remember-me cookie) or by the value it carries (a token, a session id, a
 * JWT, what `create_access_token()` returns). A theme, language, consent or UI-preference cookie
 * carries nothing an attacker can use, and a deletion (an empty value) carries nothing at all.
 */

/** Why a cookie is taken for one that signs someone in, for the message. */
export type CookieSensitivity = 'name' | 'value' | 'login';

/** Names of cookies that hold a preference or a notice, never a credential. */
const PREFERENCE =
  /theme|lang|locale|consent|notice|gdpr|pref|timezone|^tz$|dark|colou?r|font|sidebar|currency|country|region|layout|banner|dismiss|tour|seen|visited|analytics|tracking|^_ga|csrf|xsrf/;

/** Names a value carries a credential under: `token`, `access_token`, `session_id`, `sid`, `jwt`. */
const VALUE_NAME = /token|jwt|session_?id|^sid$|_sid$|^sess_?key$|session_key|auth_?key|api_?key/;

/** Calls that make a credential: `create_access_token()`, `jwt.encode()`, `secrets.token_urlsafe()`. */
const TOKEN_CALL =
  /(?:^|\.)(?:create_(?:access|refresh)_token|encode_auth_token|generate_(?:auth_|access_|session_)?token|get_auth_token|make_token|issue_token|token_urlsafe|token_hex|new_session_id|generate_sid|_generate_sid)$|(?:^|\.)jwt\.encode$|(?:^|\.)jose\.jwt\.encode$/;

/** A cookie name that holds a preference (theme, language, consent) or a CSRF token. */
export function isPreferenceCookieName(name: string): boolean {
  return PREFERENCE.test(name.toLowerCase());
}

/**
 * Whether the cookie `name` (when known) carrying `value` signs someone in. Undefined for a
 * preference cookie, an empty value (a deletion), or a name and value that show nothing.
 */
export function cookieSensitivity(
  py: PythonIndex,
  name: string | undefined,
  value: Node | undefined,
  call?: Node,
): CookieSensitivity | undefined {
  if (name !== undefined && isPreferenceCookieName(name)) return undefined;
  if (value && isEmptyValue(value)) return undefined;
  if (name !== undefined && isSessionCookieName(name)) return 'name';
  if (value && carriesCredential(py, value)) return 'value';
  if (value && call && setAtLogin(py, call, value)) return 'login';
  return undefined;
}

/**
 * A cookie set beside `login_user(...)` (Flask-Login, Flask-Security) whose value is the user's
 * (`user.id`, `user.get_id()`, `current_user.username`): a hand-made remember-me cookie.
 */
function setAtLogin(py: PythonIndex, call: Node, value: Node): boolean {
  const origin = originOf(value, py).node;
  if (!/\buser\b|\buser\.|_user\b|\bget_id\(/.test(origin.text)) return false;
  let fn: Node | null = call.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return false;
  const start = fn.startIndex;
  const end = fn.endIndex;
  return py.calls.some(
    (c) =>
      c.startIndex >= start &&
      c.endIndex <= end &&
      calleeNames(c, py.imports).some((n) => /^flask_(?:login|security)\.(?:[\w.]+\.)?login_user$/.test(n)),
  );
}

/** `""`, `b""`, `None`: the cookie is being cleared. */
export function isEmptyValue(value: Node): boolean {
  const t = value.text.trim();
  return t === 'None' || /^[bBrRuU]?(?:""|'')$/.test(t);
}

/** The value is a token: named so, or made by a call that makes one, directly or through locals. */
function carriesCredential(py: PythonIndex, value: Node): boolean {
  const origin = originOf(value, py);
  if (origin.names.some((n) => VALUE_NAME.test(n.toLowerCase()))) return true;
  return credentialExpression(py, origin.node, 0);
}

function credentialExpression(py: PythonIndex, node: Node, depth: number): boolean {
  if (depth > 3) return false;
  switch (node.type) {
    case 'identifier':
      return VALUE_NAME.test(node.text.toLowerCase());
    case 'attribute': {
      const attr = node.childForFieldName('attribute')?.text ?? '';
      return VALUE_NAME.test(attr.toLowerCase());
    }
    case 'call': {
      const names = calleeNames(node, py.imports);
      const fn = node.childForFieldName('function');
      const written = fn ? [fn.text.replace(/\s+/g, '')] : [];
      if ([...names, ...written].some((n) => TOKEN_CALL.test(n))) return true;
      // str(token), token.decode(), f(...) wrappers keep the meaning of what they wrap.
      if (fn?.type === 'attribute' && /^(?:decode|encode|strip)$/.test(fn.childForFieldName('attribute')?.text ?? '')) {
        const object = fn.childForFieldName('object');
        return object ? credentialExpression(py, originOf(object, py).node, depth + 1) : false;
      }
      if (fn?.type === 'identifier' && fn.text === 'str') {
        const arg = node.childForFieldName('arguments')?.firstNamedChild;
        return arg ? credentialExpression(py, originOf(arg, py).node, depth + 1) : false;
      }
      return false;
    }
    case 'subscript': {
      // session["token"], data["access_token"]
      const key = node.childForFieldName('subscript');
      return key ? VALUE_NAME.test(key.text.replace(/["']/g, '').toLowerCase()) : false;
    }
    default:
      return false;
  }
}

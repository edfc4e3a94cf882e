import type { Node } from '../../parse/python.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { dottedName } from '../../lang/python/imports.js';
import { functionsNamed } from './auth.js';
import { bodyFacts, lastSegment } from './routes-body.js';

/**
 * Whether a function checks a submitted password against a stored one: what makes a view a login
 * view whatever its path and name say (`POST /` whose body calls `check_password_hash(...)`).
 */

/**
 * Password verifiers by their last name: Werkzeug's and Flask-Bcrypt's `check_password_hash`,
 * bcrypt's `checkpw`, model methods `user.check_password(pw)` / `user.verify_password(pw)`,
 * passlib's `verify_and_update`. Not `validate_password` (a strength check of a new password). Hashing (`generate_password_hash`, `hashpw`, `set_password`) is
 * not checking: a sign-up or a password change of a signed-in user hashes a new one.
 */
const VERIFIER = /^(?:(?:check|verify)_?(?:password|passwd|pwd|pass|pw)(?:_?hash)?|checkpw|verify_and_update)$/i;
/** passlib's `pwd_context.verify(pw, hash)`, argon2's `ph.verify(hash, pw)`, `bcrypt_sha256.verify(...)`. */
const HASHER_RECEIVER = /pwd|passw|crypt|hash|context|ctx|argon|^ph$|pbkdf2|scrypt/i;
/** Helpers that sign a user in from a name and a password: `authenticate(username, password)`. */
const SIGN_IN_HELPER =
  /^(?:authenticate(?:_user)?|(?:check|verify|validate)_(?:credentials|login|user_credentials)|(?:login|sign_?in)_user|user_login|do_login)$/i;
/** An argument that carries the submitted password. */
const PASSWORD_ARGUMENT = /pass|pwd|\bpw\b|secret/i;

/** The call verifies a password by itself (a library function or a model method). */
export function verifiesPasswordCall(call: Node): boolean {
  const callee = call.childForFieldName('function');
  const written = callee ? dottedName(callee) : undefined;
  if (!written) return false;
  const last = lastSegment(written);
  if (VERIFIER.test(last)) return true;
  if (last === 'verify' && written.includes('.')) {
    const receiver = written.slice(0, written.lastIndexOf('.'));
    return HASHER_RECEIVER.test(lastSegment(receiver));
  }
  return false;
}

/**
 * A call to a helper named like a sign-in that is handed a password (`authenticate(username,
 * password)`, `check_credentials(form.email.data, form.password.data)`): a login by its shape
 * even when the helper is written elsewhere.
 */
function signInHelperCall(call: Node): boolean {
  const callee = call.childForFieldName('function');
  const last = lastSegment(callee ? dottedName(callee) : undefined);
  if (!SIGN_IN_HELPER.test(last)) return false;
  const args = call.childForFieldName('arguments');
  return args !== null && args.namedChildren.length >= 2 && PASSWORD_ARGUMENT.test(args.text);
}

export interface PasswordCheck {
  /** The function (or one of this file it calls, two levels deep) verifies a password. */
  readonly here: boolean;
  /** Plain names of functions imported from elsewhere that it calls: phase 2 asks whether they verify one. */
  readonly imported: readonly string[];
}

/**
 * Does `fn` check a password: a verifier call in its body or in a function of this file it calls
 * (two levels deep), or a call to a sign-in helper handed a password. Calls to other names
 * imported from the project are returned for phase 2.
 */
export function checksPassword(index: PythonIndex, fn: Node, depth = 0, seen = new Set<number>()): PasswordCheck {
  seen.add(fn.id);
  const imported: string[] = [];
  for (const call of bodyFacts(index, fn).calls) {
    if (verifiesPasswordCall(call) || signInHelperCall(call)) return { here: true, imported: [] };
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'identifier') continue;
    const local = functionsNamed(index, callee.text);
    if (local.length > 0) {
      if (depth >= 2) continue;
      for (const def of local) {
        if (seen.has(def.id)) continue;
        const inner = checksPassword(index, def, depth + 1, seen);
        if (inner.here) return inner;
        imported.push(...inner.imported);
      }
    } else if (index.imports.names.has(callee.text) && depth === 0) imported.push(callee.text);
  }
  return { here: false, imported: [...new Set(imported)].slice(0, 8) };
}

/** Functions of a module that verify a password themselves (for the module summary). */
export function passwordCheckers(index: PythonIndex, names: (fn: Node) => string | undefined): string[] {
  const out: string[] = [];
  if (!/pass|pwd|checkpw|credential/i.test(index.doc.text)) return out;
  for (const fn of index.functions) {
    const name = names(fn);
    if (!name || name.includes('.')) continue;
    if (checksPassword(index, fn).here) out.push(name);
  }
  return out;
}

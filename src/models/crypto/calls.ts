import { COSTLY, spend } from '../../core/budget.js';
import type { Node } from '../../parse/python.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames, resolveNames, type ImportMap } from '../../lang/python/imports.js';

/**
 * Names of the crypto APIs, shortened to one spelling whatever the import: `modes.ECB` whether
 * written `modes.ECB` after `from cryptography.hazmat.primitives.ciphers import modes` or `ECB`
 * after `from ...modes import ECB`; `Crypto.Cipher.AES.new` for PyCryptodome, PyCryptodomex
 * (`Cryptodome`) and PyCrypto alike.
 */
const PREFIXES: readonly (readonly [string, string])[] = [
  ['cryptography.hazmat.primitives.ciphers.modes.', 'modes.'],
  ['cryptography.hazmat.primitives.ciphers.algorithms.', 'algorithms.'],
  ['cryptography.hazmat.decrepit.ciphers.algorithms.', 'algorithms.'],
  ['cryptography.hazmat.primitives.ciphers.aead.', 'aead.'],
  ['cryptography.hazmat.primitives.ciphers.base.', ''],
  ['cryptography.hazmat.primitives.ciphers.', ''],
  ['cryptography.hazmat.primitives.asymmetric.', ''],
  ['cryptography.hazmat.primitives.hashes.', 'hashes.'],
  ['cryptography.hazmat.primitives.hmac.', 'cghmac.'],
  ['cryptography.fernet.', ''],
  ['Cryptodome.', 'Crypto.'],
];

/** Shortens a full dotted name to the spelling the crypto rules compare against. */
export function canonical(full: string): string {
  for (const [prefix, short] of PREFIXES) if (full.startsWith(prefix)) return short + full.slice(prefix.length);
  return full;
}

/** Every canonical name an identifier/attribute chain may stand for. */
export function canonicalNames(node: Node, imports: ImportMap): string[] {
  return resolveNames(node, imports).map(canonical);
}

/** Every canonical name a call's callee may stand for. */
export function canonicalCallee(call: Node, imports: ImportMap): string[] {
  return calleeNames(call, imports).map(canonical);
}

/** The first canonical callee name that `accept` likes. */
export function calleeMatching(call: Node, imports: ImportMap, accept: (name: string) => boolean): string | undefined {
  return canonicalCallee(call, imports).find(accept);
}

/** `Crypto.Cipher.AES.new` → `AES`; undefined for anything that is not a PyCryptodome cipher's `new`. */
export function pycryptoCipherOf(name: string): string | undefined {
  const m = /^Crypto\.Cipher\.([A-Za-z0-9_]+)\.new$/.exec(name);
  return m ? m[1] : undefined;
}

/**
 * Code that runs once per process, when the module is imported: the module body and class
 * bodies, but not functions, lambdas, or an `if __name__ == "__main__":` block (a script run by
 * hand).
 */
export function runsAtImport(node: Node, index: PythonIndex): boolean {
  for (let scope: ReturnType<PythonIndex['scopes']['scopeOf']> | undefined = index.scopes.scopeOf(node); scope;) {
    if (scope.kind === 'function' || scope.kind === 'lambda') return false;
    if (scope.kind === 'module') break;
    scope = scope.parent;
  }
  for (let n = node.parent; n; n = n.parent) {
    spend(COSTLY);
    if (n.type === 'if_statement') {
      const condition = n.childForFieldName('condition')?.text.replace(/\s+/g, '') ?? '';
      if (/^__name__==['"]__main__['"]$|^['"]__main__['"]==__name__$/.test(condition)) return false;
    }
  }
  return true;
}

/** A short, single-line rendering of an expression for messages. */
export function shown(node: Node, max = 60): string {
  const text = node.text.replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The spellings every cipher, mode, AEAD and key API of the crypto rules sits under. */
export const CRYPTO_LIBRARIES: readonly string[] = ['Crypto', 'cryptography', 'pyDes', 'pyaes', 'OpenSSL'];

import type { Node } from '../../../parse/python.js';
import { argument, callArguments, unparenthesize } from '../../../lang/python/args.js';
import { matchCallee, resolveNames, type ImportMap } from '../../../lang/python/imports.js';
import type { ScopeIndex } from '../../../lang/python/scope.js';

/**
 * `ssl.SSLContext` objects that do not verify the server. A context is weakened where it is
 * configured (`ctx.check_hostname = False`, `ctx.verify_mode = ssl.CERT_NONE`) but matters where
 * it is handed to a driver, so configurations are indexed by the assignment that created the
 * context and looked up from the argument that passes it.
 */
export interface SslWeakness {
  /** Where to report: the weakening assignment, or the call that made a weak context. */
  readonly node: Node;
  readonly detail: string;
}

const CREATE_DEFAULT = new Set(['ssl.create_default_context']);
const SSL_CONTEXT = new Set(['ssl.SSLContext']);
const UNVERIFIED = new Set(['ssl._create_unverified_context']);
const CREATORS = new Set([...CREATE_DEFAULT, ...SSL_CONTEXT, ...UNVERIFIED]);

interface Setting {
  readonly attribute: 'check_hostname' | 'verify_mode';
  /** Does the assigned value verify (true) or not (false); undefined when unknown. */
  readonly verifies: boolean | undefined;
  readonly node: Node;
}

export class SslContexts {
  /** Creation call id → attribute assignments made on the variable holding it. */
  private readonly settings = new Map<number, Setting[]>();
  private pending: Iterable<Node> | undefined;

  /**
   * `assignments` are the file's assignment nodes (those with other targets are skipped). They
   * are indexed on the first question: most files hand no TLS object to a driver.
   */
  constructor(
    private readonly scopes: ScopeIndex,
    private readonly imports: ImportMap,
    assignments: Iterable<Node>,
  ) {
    this.pending = assignments;
  }

  private ensureBuilt(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    for (const a of pending) this.record(a);
  }

  private record(assignment: Node): void {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'attribute' || !right) return;
    const attribute = left.childForFieldName('attribute')?.text;
    if (attribute !== 'check_hostname' && attribute !== 'verify_mode') return;
    const object = left.childForFieldName('object');
    if (object?.type !== 'identifier') return;
    const creation = this.creationOf(object);
    if (!creation) return;
    const verifies = attribute === 'check_hostname' ? booleanOf(right) : this.verifyModeVerifies(right);
    const list = this.settings.get(creation.id) ?? [];
    list.push({ attribute, verifies, node: assignment });
    this.settings.set(creation.id, list);
  }

  /** The context-creating call a variable holds (assigned once), if any. */
  private creationOf(expr: Node): Node | undefined {
    const e = unparenthesize(expr);
    if (e.type === 'call') return matchCallee(e, this.imports, CREATORS) ? e : undefined;
    if (e.type !== 'identifier') return undefined;
    const found = this.scopes.lookup(e);
    if (found.kind !== 'value') return undefined;
    const value = unparenthesize(found.value);
    return value.type === 'call' && matchCallee(value, this.imports, CREATORS) ? value : undefined;
  }

  private verifyModeVerifies(node: Node): boolean | undefined {
    const names = resolveNames(unparenthesize(node), this.imports);
    if (names.some((n) => n.endsWith('CERT_NONE'))) return false;
    if (names.some((n) => n.endsWith('CERT_REQUIRED') || n.endsWith('CERT_OPTIONAL'))) return true;
    if (node.type === 'integer') return node.text !== '0';
    return undefined;
  }

  /** Why the context passed as `expr` does not verify the server; undefined if it does or is unknown. */
  weaknessOf(expr: Node): SslWeakness | undefined {
    this.ensureBuilt();
    const creation = this.creationOf(expr);
    if (!creation) return undefined;
    const callee = matchCallee(creation, this.imports, CREATORS);
    const inline = unparenthesize(expr).type === 'call';
    const at = inline ? expr : creation;
    if (callee && UNVERIFIED.has(callee)) {
      return {
        node: at,
        detail: 'ssl._create_unverified_context(): neither the certificate nor the host name is verified',
      };
    }
    const settings = this.settings.get(creation.id) ?? [];
    const last = (attribute: Setting['attribute']): Setting | undefined =>
      settings.filter((s) => s.attribute === attribute).pop();
    const hostname = last('check_hostname');
    const mode = last('verify_mode');
    const weakened = [hostname, mode].filter((s): s is Setting => s?.verifies === false);
    if (weakened.length > 0) {
      const first = weakened.sort((a, b) => a.node.startIndex - b.node.startIndex)[0] as Setting;
      const what = weakened
        .map((s) => (s.attribute === 'check_hostname' ? 'check_hostname = False' : 'verify_mode = CERT_NONE'))
        .join(' and ');
      return { node: first.node, detail: `SSLContext with ${what}` };
    }
    const args = callArguments(creation);
    if (callee && CREATE_DEFAULT.has(callee)) {
      // Purpose.CLIENT_AUTH makes a server-side context: it does not check the server it talks to.
      const purpose = argument(args, 0, 'purpose');
      if (purpose && resolveNames(purpose, this.imports).some((n) => n.endsWith('Purpose.CLIENT_AUTH'))) {
        return {
          node: at,
          detail: 'create_default_context(Purpose.CLIENT_AUTH): a server-side context that does not verify the server',
        };
      }
      return undefined;
    }
    // ssl.SSLContext(): only PROTOCOL_TLS_CLIENT verifies by default; PROTOCOL_TLS and the
    // versioned protocols start with verify_mode = CERT_NONE and check_hostname = False.
    const protocol = argument(args, 0, 'protocol');
    const client = protocol && resolveNames(protocol, this.imports).some((n) => n.endsWith('PROTOCOL_TLS_CLIENT'));
    if (client || hostname?.verifies === true) return undefined;
    if (mode?.verifies === true) {
      return { node: at, detail: 'SSLContext without PROTOCOL_TLS_CLIENT leaves check_hostname = False' };
    }
    return { node: at, detail: 'SSLContext without PROTOCOL_TLS_CLIENT defaults to verify_mode = CERT_NONE' };
  }
}

function booleanOf(node: Node): boolean | undefined {
  const e = unparenthesize(node);
  if (e.type === 'true') return true;
  if (e.type === 'false') return false;
  return undefined;
}

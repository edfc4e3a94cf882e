import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { bodyFacts, contains, lastSegment, type BodyFacts } from './routes-body.js';
import { calleeNames, dottedName } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';

/**
 * The client address as a request header states it (`X-Forwarded-For`, `X-Real-IP`,
 * `request.access_route`) and where that value goes: a rate-limit key, an allow-list or other
 * comparison, a hand-made attempt counter, a stored login address. Any client can send those
 * headers; only a proxy the app trusts (declared with werkzeug's ProxyFix) makes them meaningful.
 */
export interface SpoofedUse {
  /** The header read. */
  readonly source: Node;
  /** How the source is written, for the message. */
  readonly sourceText: string;
  /** What the value decides. */
  readonly use: string;
  /** Where it decides it. */
  readonly at: Node;
}

/** Headers that carry a client address (not `X-Forwarded-Proto`/`-Host`/`-Uri`). */
const SPOOFABLE_HEADER =
  /^(?:x-forwarded-for|forwarded-for|forwarded|x-forwarded|x-real-ip|x-client-ip|true-client-ip|x-cluster-client-ip|x-originating-ip|client-ip|x-remote-addr|x-remote-ip|[\w-]*-ip)$/i;
const SPOOFABLE_ENV = /^HTTP_(?:X_FORWARDED_FOR|FORWARDED_FOR|FORWARDED|X_FORWARDED|X_REMOTE_ADDR|\w*_IP)$/i;
/** Dicts and stores that count attempts per key. */
const COUNTER =
  /attempt|count|limit|hits?(?:$|_)|requests|fail|block|ban|rate|throttl|tries|bucket|window|quota|strike|lock/i;
/** Calls that decide with an address: limits, bans, allow/deny lists, login records. */
const SINK_CALL =
  /limit|throttl|(?:^|_)rate|ban(?:$|_|ned)|block|allow|whitelist|blacklist|denylist|deny|attempt|lock|incr|(?:^|_)hit$|trusted|check_ip|verify_ip|validate_ip|record_login|is_local|is_internal/i;
const LOGIN_IP = /(?:login|last|current|signin|sign_in|auth)\w*_ip(?:_?addr(?:ess)?)?$|^ip_?(?:at_)?login$/i;

/** A quick look at the source before any node is decoded: a header name as a string. */
const HEADER_IN_TEXT = /(?:forwarded(?:[-_]for)?|[-_]ip|remote[-_]addr)['"]/i;

/** A CDN's own header (`CF-Connecting-IP`) is trusted when the origin only accepts the CDN. */
function spoofableHeader(name: string): boolean {
  return SPOOFABLE_HEADER.test(name) && !/^cf-connecting-ip$/i.test(name);
}

/** Every read of a spoofable client-address header in the file. */
export function spoofableSources(index: PythonIndex): Node[] {
  const text = index.doc.text;
  const out: Node[] = [];
  if (text.includes('access_route')) {
    for (const attr of index.attributes) {
      if (attr.childForFieldName('attribute')?.text === 'access_route') out.push(attr);
    }
  }
  if (!HEADER_IN_TEXT.test(text)) return out;
  // The header name is a string literal: start from those (few) rather than from every call.
  for (const str of index.strings) {
    if (!HEADER_IN_TEXT.test(str.text)) continue;
    const value = constantStringValue(str);
    if (value === undefined || !(spoofableHeader(value) || SPOOFABLE_ENV.test(value))) continue;
    const parent = str.parent;
    if (parent?.type === 'argument_list') {
      // `request.headers.get("X-Forwarded-For")`, `request.environ.get("HTTP_X_REAL_IP")`.
      const call = parent.parent;
      if (call?.type !== 'call' || parent.namedChildren[0]?.id !== str.id) continue;
      const fn = call.childForFieldName('function');
      const written = fn ? dottedName(fn) : undefined;
      if (!written) continue;
      if (/(?:^|\.)headers\.(?:get|getlist|get_all)$/.test(written) && spoofableHeader(value)) out.push(call);
      else if (/(?:^|\.)environ\.get$/.test(written) && written !== 'os.environ.get' && SPOOFABLE_ENV.test(value))
        out.push(call);
    } else if (parent?.type === 'subscript' && parent.childForFieldName('subscript')?.id === str.id) {
      // `request.headers["X-Forwarded-For"]`, `request.environ["HTTP_X_REAL_IP"]`.
      const object = parent.childForFieldName('value');
      const o = object ? dottedName(object) : undefined;
      if (o && /(?:^|\.)(?:headers|environ)$/.test(o) && o !== 'os.environ') out.push(parent);
    }
  }
  return out.sort((a, b) => a.startIndex - b.startIndex);
}

/**
 * `xff.split(",")[-1]`, `request.access_route[-1]`: the address the nearest proxy appended.
 * Behind one proxy that is the real client; reading it on purpose is the careful pattern.
 */
function rightmost(source: Node): boolean {
  let current: Node = source;
  for (let i = 0; i < 6; i++) {
    const parent = current.parent;
    if (!parent) return false;
    if (parent.type === 'subscript') {
      const index = parent.childForFieldName('subscript');
      return index?.text.replace(/\s+/g, '') === '-1' && parent.childForFieldName('value')?.id === current.id;
    }
    if (parent.type !== 'attribute' && parent.type !== 'call' && parent.type !== 'argument_list') return false;
    current = parent;
  }
  return false;
}

/** Where each spoofable read decides something; reads that are only logged or shown are left out. */
export function spoofedUses(index: PythonIndex): SpoofedUse[] {
  const out: SpoofedUse[] = [];
  const keyFuncs = limiterKeyFunctions(index);
  for (const source of spoofableSources(index)) {
    if (rightmost(source)) continue;
    const use = followSource(index, source, keyFuncs, 0);
    if (use) out.push({ source, sourceText: describeSource(source), use: use.use, at: use.at });
  }
  // Flask-Limiter's old `get_ipaddr` read the first X-Forwarded-For entry.
  for (const [name, at] of keyFuncs) {
    if (name === 'get_ipaddr' || name.endsWith('.get_ipaddr')) {
      out.push({
        source: at,
        sourceText: 'flask_limiter.util.get_ipaddr (the first X-Forwarded-For entry)',
        use: 'the rate-limit key (Limiter key_func)',
        at,
      });
    }
  }
  return out;
}

function describeSource(source: Node): string {
  const flat = source.text.replace(/\s+/g, ' ');
  return flat.length > 70 ? `${flat.slice(0, 67)}...` : flat;
}

/** `Limiter(key_func=f)`, `Limiter(f, ...)`, `limiter.limit("5/m", key_func=f)`: function name → where. */
function limiterKeyFunctions(index: PythonIndex): Map<string, Node> {
  const out = new Map<string, Node>();
  if (!/key_func|Limiter/.test(index.doc.text)) return out;
  for (const call of index.calls) {
    const names = calleeNames(call, index.imports);
    const first = names[0];
    if (!first) continue;
    const last = lastSegment(first);
    if (last !== 'Limiter' && last !== 'limit' && last !== 'shared_limit') continue;
    const args = callArguments(call);
    let key = args.keywords.get('key_func');
    // Flask-Limiter 3: `Limiter(get_remote_address, app=app)`; 1.x: `Limiter(app, key_func=...)`.
    if (!key && last === 'Limiter') key = args.positional[0];
    if (!key) continue;
    const name = dottedName(key);
    if (name && name !== 'app') {
      out.set(name, key);
      for (const full of calleeNamesOf(index, key)) if (full.endsWith('get_ipaddr')) out.set(full, key);
    }
  }
  return out;
}

function calleeNamesOf(index: PythonIndex, node: Node): string[] {
  const name = dottedName(node);
  if (!name) return [];
  const head = name.split('.')[0] ?? name;
  const bound = index.imports.names.get(head);
  return bound ? bound.map((b) => b + name.slice(head.length)) : [name];
}

interface Found {
  readonly use: string;
  readonly at: Node;
}

function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition' || current.type === 'lambda') return current;
  }
  return undefined;
}

function followSource(index: PythonIndex, source: Node, keyFuncs: Map<string, Node>, depth: number): Found | undefined {
  const fn = enclosingFunction(source);
  if (!fn) return undefined;
  if (fn.type === 'lambda') {
    // `Limiter(key_func=lambda: request.headers.get("X-Forwarded-For"))`.
    const parent = fn.parent;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.text === 'key_func')
      return { use: 'the rate-limit key (key_func lambda)', at: parent };
    return undefined;
  }
  const body = bodyFacts(index, fn);
  const values = valuesFrom(body, source);
  const direct = sinkOf(index, body, values);
  if (direct) return direct;
  // A function that returns the address: its callers and its use as a key function decide.
  if (!body.returns.some((r) => values.some((v) => contains(r, v)))) return undefined;
  const name = fn.childForFieldName('name')?.text;
  if (!name) return undefined;
  const asKey = keyFuncs.get(name);
  if (asKey) return { use: `the rate-limit key (Limiter key_func=${name})`, at: asKey };
  if (depth >= 1) return undefined;
  for (const call of index.calls) {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'identifier' || callee.text !== name) continue;
    const found = followSource(index, call, keyFuncs, depth + 1);
    if (found) return { use: `${found.use}, through ${name}()`, at: found.at };
  }
  return undefined;
}

/** The source and every local name that holds it (or something built from it). */
function valuesFrom(body: BodyFacts, source: Node): Node[] {
  const aliases = new Set<string>();
  const careful = new Set<number>();
  const live = (id: Node): boolean => {
    if (!aliases.has(id.text) || careful.has(id.id)) return false;
    if (rightmost(id)) {
      careful.add(id.id);
      return false;
    }
    return true;
  };
  const holds = (node: Node): boolean =>
    contains(node, source) || (aliases.size > 0 && body.identifiers.some((id) => live(id) && contains(node, id)));
  for (let pass = 0; pass < 4; pass++) {
    let grew = false;
    for (const assignment of body.assignments) {
      const right = assignment.childForFieldName('right');
      const left = assignment.childForFieldName('left');
      if (!right || !left || !holds(right)) continue;
      for (const target of left.type === 'identifier' ? [left] : left.namedChildren) {
        if (target.type === 'identifier' && !aliases.has(target.text)) {
          aliases.add(target.text);
          grew = true;
        }
      }
    }
    if (!grew) break;
  }
  const values = [source];
  for (const id of body.identifiers) if (live(id) && !isTarget(id)) values.push(id);
  return values;
}

function isTarget(id: Node): boolean {
  const parent = id.parent;
  if (!parent) return false;
  if (parent.type === 'assignment') return parent.childForFieldName('left')?.id === id.id;
  if (parent.type === 'attribute') return parent.childForFieldName('attribute')?.id === id.id;
  if (parent.type === 'keyword_argument') return parent.childForFieldName('name')?.id === id.id;
  return false;
}

function sinkOf(index: PythonIndex, body: BodyFacts, values: readonly Node[]): Found | undefined {
  const inside = (node: Node): boolean => values.some((v) => contains(node, v));
  for (const sub of body.subscripts) {
    const key = sub.childForFieldName('subscript');
    const object = sub.childForFieldName('value');
    if (key && object && inside(key) && COUNTER.test(object.text))
      return { use: `the key of the attempt counter ${object.text}`, at: sub };
  }
  for (const call of body.calls) {
    const args = call.childForFieldName('arguments');
    if (!args || !inside(args)) continue;
    const fn = call.childForFieldName('function');
    const written = fn ? dottedName(fn) : undefined;
    const last = lastSegment(written);
    if (SINK_CALL.test(last)) return { use: `${written}()`, at: call };
    if ((last === 'get' || last === 'setdefault' || last === 'pop') && fn?.type === 'attribute') {
      const object = fn.childForFieldName('object');
      if (object && COUNTER.test(object.text))
        return { use: `the key of the attempt counter ${object.text}`, at: call };
    }
  }
  for (const cmp of body.comparisons) {
    if (inside(cmp) && decides(cmp, inside)) return { use: `a comparison (\`${shorten(cmp.text)}\`)`, at: cmp };
  }
  for (const method of body.calls) {
    // `ip.startswith("10.")`: a decision on the address itself.
    const fn = method.childForFieldName('function');
    if (fn?.type !== 'attribute') continue;
    const attr = fn.childForFieldName('attribute')?.text;
    const object = fn.childForFieldName('object');
    if ((attr === 'startswith' || attr === 'endswith') && object && inside(object))
      return { use: `a check on the address (\`${shorten(method.text)}\`)`, at: method };
  }
  for (const assignment of body.assignments) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'attribute' && right && inside(right)) {
      const name = left.childForFieldName('attribute')?.text ?? '';
      if (LOGIN_IP.test(name)) return { use: `the stored login address (${left.text})`, at: assignment };
    }
  }
  for (const kw of body.keywordArguments) {
    const name = kw.childForFieldName('name')?.text ?? '';
    const value = kw.childForFieldName('value');
    if (value && LOGIN_IP.test(name) && inside(value)) return { use: `the stored login address (${name}=)`, at: kw };
  }
  void index;
  return undefined;
}

/**
 * A comparison that decides on the address, not one that parses or defaults it: `ip is None`,
 * `ip == ""`, `"," in xff` are left out.
 */
function decides(cmp: Node, holds: (node: Node) => boolean): boolean {
  if (cmp.children.some((c) => c.type === 'is' || c.type === 'is not')) return false;
  for (const operand of cmp.namedChildren) {
    if (holds(operand)) continue;
    if (operand.type === 'none' || operand.type === 'integer') return false;
    const s = constantStringValue(operand);
    if (s !== undefined && s.length <= 1) return false;
  }
  return true;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

/** werkzeug's ProxyFix anywhere in the file: the app declares the proxies it trusts. */
export function hasProxyFix(index: PythonIndex): boolean {
  if (!index.doc.text.includes('ProxyFix')) return false;
  return index.calls.some((call) => lastSegment(calleeNames(call, index.imports)[0]) === 'ProxyFix');
}

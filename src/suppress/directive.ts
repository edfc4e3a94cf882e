import { banditId, rulesForBandit } from './bandit.js';

export type SuppressionKind = 'nosec' | 'ignore';

/** One suppression written in a comment: `# nosec`, `# nosec B105`, `# flask-crdb-gate: ignore[FCG101] why`. */
export interface Directive {
  readonly kind: SuppressionKind;
  /** Our rule ids it suppresses; undefined means every rule (`# nosec`, `ignore` without a list). */
  readonly rules: readonly string[] | undefined;
  /**
   * Whether it names one of our rules itself (an FCG id or a rule name). A `# nosec` that names
   * only Bandit checks, or none, may be there for Bandit alone.
   */
  readonly namesOurs: boolean;
  /** Names in the list that are neither our rules nor Bandit checks (a typo such as `sslmode-disabeld`). */
  readonly unknown: readonly string[];
  /** Why, as written after the list; undefined when none is given. */
  readonly reason: string | undefined;
  /** The directive in a canonical form for reports (`nosec B105`, `ignore[FCG101]`), never the free text. */
  readonly label: string;
}

/** Our rules' names and ids, to read a list: `sslmode-disabled` → FCG101. */
export interface RuleNames {
  /** Rule name (lower case) → id. */
  readonly byName: ReadonlyMap<string, string>;
}

const OUR_ID = /^FCG\d{3}$/i;
const NOSEC = /^nosec(?![\w-])/;
const TOOL_PREFIX = /^flask-crdb-gate\s*:\s*/i;
const IGNORE = /^ignore(?![\w-])/i;
/** What may sit between a list and its reason: `# nosec B105 - fixture`, `ignore[FCG101]: demo data`. */
const REASON_LEAD = /^[\s:;,\-–—]+/;

/**
 * The suppressions in one comment's text (starting at its `#`, or `;` in INI). Like Bandit, each
 * `#` starts a new part, so `# noqa: E501 # nosec B105` holds one. `nosec` is matched in lower
 * case only, as Bandit does.
 */
export function parseDirectives(comment: string, names: RuleNames): Directive[] {
  const body = comment.startsWith(';') ? `#${comment.slice(1)}` : comment;
  const out: Directive[] = [];
  const parts = body.split('#').slice(1);
  for (const raw of parts) {
    const part = raw.trim();
    if (NOSEC.test(part)) out.push(parseNosec(part.slice('nosec'.length), names));
    else if (TOOL_PREFIX.test(part)) out.push(parseIgnore(part.replace(TOOL_PREFIX, ''), names));
  }
  return out;
}

interface Named {
  rules: Set<string>;
  namesOurs: boolean;
  bandit: string[];
}

/** A token as a rule reference, or undefined when it is not one. */
function resolve(token: string, names: RuleNames, into: Named): boolean {
  if (OUR_ID.test(token)) {
    into.rules.add(token.toUpperCase());
    into.namesOurs = true;
    return true;
  }
  const byName = names.byName.get(token.toLowerCase());
  if (byName) {
    into.rules.add(byName);
    into.namesOurs = true;
    return true;
  }
  const bandit = banditId(token);
  if (bandit) {
    into.bandit.push(bandit);
    for (const id of rulesForBandit(bandit)) into.rules.add(id);
    return true;
  }
  return false;
}

function reasonOf(text: string): string | undefined {
  const reason = text.replace(REASON_LEAD, '').trim();
  return reason === '' ? undefined : reason;
}

/** `nosec`, `nosec B105, B106`, `nosec: FCG101 fixture data`: ids until the first word that is not one. */
function parseNosec(rest: string, names: RuleNames): Directive {
  let text = rest.replace(/^:/, '');
  const named: Named = { rules: new Set(), namesOurs: false, bandit: [] };
  const tokens: string[] = [];
  for (;;) {
    const m = /^[\s,]*([A-Za-z0-9_-]+)/.exec(text);
    if (!m || !resolve(m[1] as string, names, named)) break;
    tokens.push(m[1] as string);
    text = text.slice(m[0].length);
  }
  const listed = tokens.length > 0;
  return {
    kind: 'nosec',
    rules: listed ? [...named.rules].sort() : undefined,
    namesOurs: named.namesOurs,
    unknown: [],
    reason: reasonOf(text),
    label: listed ? `nosec ${tokens.join(', ')}` : 'nosec',
  };
}

/** `ignore[FCG101, sslmode-missing] reason` or `ignore reason` (every rule). */
function parseIgnore(rest: string, names: RuleNames): Directive {
  const named: Named = { rules: new Set(), namesOurs: false, bandit: [] };
  if (!IGNORE.test(rest)) {
    // `# flask-crdb-gate: ignroe[FCG101]`: addressed to us but not a suppression; reported so the typo is found.
    const word = /^\S*/.exec(rest)?.[0] ?? '';
    return {
      kind: 'ignore',
      rules: [],
      namesOurs: true,
      unknown: [word === '' ? '(nothing after "flask-crdb-gate:")' : word.slice(0, 40)],
      reason: undefined,
      label: 'flask-crdb-gate: (not ignore)',
    };
  }
  let text = rest.slice('ignore'.length);
  const bracket = /^\s*\[([^\]]*)\]/.exec(text);
  if (!bracket) {
    return { kind: 'ignore', rules: undefined, namesOurs: true, unknown: [], reason: reasonOf(text), label: 'ignore' };
  }
  text = text.slice(bracket[0].length);
  const unknown: string[] = [];
  const tokens = (bracket[1] as string).split(/[\s,]+/).filter((t) => t !== '');
  for (const t of tokens) if (!resolve(t, names, named)) unknown.push(t.slice(0, 40));
  return {
    kind: 'ignore',
    rules: tokens.length > 0 ? [...named.rules].sort() : undefined,
    namesOurs: true,
    unknown,
    reason: reasonOf(text),
    label: tokens.length > 0 ? `ignore[${tokens.join(', ')}]` : 'ignore',
  };
}

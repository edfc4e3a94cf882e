import type { Node } from '../../../parse/python.js';
import { unparenthesize } from '../../../lang/python/args.js';
import { envLookupOfCall } from '../../../lang/python/env.js';
import type { PyValue } from '../../../lang/python/evaluate.js';
import { calleeNames } from '../../../lang/python/imports.js';
import { constantStringValue } from '../../../lang/python/strings.js';
import { buildConnection, type BuiltConnection } from './connection.js';
import type { FileContext } from './context.js';
import { valueKey } from './keys.js';
import { addDict, type SettingSource } from './params.js';

/**
 * Flask/Flask-SQLAlchemy settings that a framework hands to the driver: SQLALCHEMY_DATABASE_URI,
 * SQLALCHEMY_BINDS, DATABASE_URL-style names, and SQLALCHEMY_ENGINE_OPTIONS' connect_args. They
 * are found by key wherever they are written — `app.config[K] = v`, `app.config.update(K=v)`,
 * `from_mapping({K: v})`, `dict(K=v)`, a config class attribute, a module constant read by
 * `from_object`, `os.environ[K] = v` — because the key is what Flask reads.
 */

type EntryKind = 'uri' | 'binds' | 'engine';

interface ConfigEntry {
  readonly kind: EntryKind;
  /** The expression whose value is the setting's value. */
  readonly value: Node;
}

const DB_WORDS = new Set([
  'DATABASE',
  'DB',
  'POSTGRES',
  'POSTGRESQL',
  'PG',
  'PSQL',
  'COCKROACH',
  'COCKROACHDB',
  'CRDB',
  'SQLALCHEMY',
]);
const URL_WORDS = new Set(['URL', 'URI', 'DSN']);

/** `DATABASE_URL`, `SQLALCHEMY_DATABASE_URI`, `db_dsn`, `COCKROACH_URL`… */
export function isDatabaseUrlName(name: string): boolean {
  const words = name.toUpperCase().split('_');
  return words.some((w) => DB_WORDS.has(w)) && words.some((w) => URL_WORDS.has(w));
}

function kindOfKey(key: string): EntryKind | undefined {
  if (key === 'SQLALCHEMY_BINDS') return 'binds';
  if (key === 'SQLALCHEMY_ENGINE_OPTIONS') return 'engine';
  return isDatabaseUrlName(key) ? 'uri' : undefined;
}

/**
 * What every key kindOfKey accepts spells: a database word and a URL word as two `_`-separated
 * parts of one name (`DATABASE_URL`, `url_of_db`, `"DB_my-app_URL"`), SQLALCHEMY_BINDS or
 * SQLALCHEMY_ENGINE_OPTIONS, or the `engine_options` keyword. Keys are identifiers, keywords or
 * constant strings, so a file that spells none of these has no entry.
 */
const ENTRY_SPELLINGS = (() => {
  const db = [...DB_WORDS].join('|');
  const url = [...URL_WORDS].join('|');
  // Parts between the two may hold any character but a quote or a line break (a string key).
  return new RegExp(
    `(?:${db})[^'"\\n]*?_(?:${url})|(?:${url})_[^'"\\n]*?(?:${db})|engine_options|sqlalchemy_binds`,
    'i',
  );
})();

function collectEntries(ctx: FileContext): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  if (!ENTRY_SPELLINGS.test(ctx.doc.text)) return out;
  // Keys first, values only for matching keys: most assignments and arguments are not settings,
  // and each child lookup is a WebAssembly call.
  for (const a of ctx.assignments) {
    const left = a.childForFieldName('left');
    if (!left) continue;
    let key: string | undefined;
    const leftType = left.type;
    if (leftType === 'identifier') key = left.text;
    else if (leftType === 'subscript') {
      const sub = left.childForFieldName('subscript');
      key = sub ? constantStringValue(sub) : undefined;
    }
    const kind = key === undefined ? undefined : kindOfKey(key);
    if (!kind) continue;
    let right = a.childForFieldName('right');
    while (right?.type === 'assignment') right = right.childForFieldName('right');
    if (right) out.push({ kind, value: right });
  }
  for (const kw of ctx.keywordArguments) {
    const name = kw.childForFieldName('name')?.text;
    if (!name) continue;
    let kind = kindOfKey(name);
    // Flask-SQLAlchemy's SQLAlchemy(app, engine_options={...}).
    if (!kind && name === 'engine_options') {
      const call = kw.parent?.parent;
      if (call?.type === 'call' && calleeNames(call, ctx.imports).some((n) => n.endsWith('SQLAlchemy')))
        kind = 'engine';
    }
    const value = kind ? kw.childForFieldName('value') : null;
    if (kind && value) out.push({ kind, value });
  }
  for (const pair of ctx.pairs) {
    const keyNode = pair.childForFieldName('key');
    const key = keyNode ? constantStringValue(keyNode) : undefined;
    const kind = key === undefined ? undefined : kindOfKey(key);
    const value = kind ? pair.childForFieldName('value') : null;
    if (kind && value) out.push({ kind, value });
  }
  // os.getenv("DATABASE_URL", "postgresql://...") and os.environ.setdefault(...): the URL the
  // program runs with whenever the variable is missing.
  for (const call of ctx.calls) {
    const env = envLookupOfCall(call, ctx.imports);
    if (env?.name !== undefined && env.fallback && isDatabaseUrlName(env.name)) {
      out.push({ kind: 'uri', value: call });
    }
  }
  return out;
}

interface UriItem {
  readonly value: PyValue;
  readonly key: string;
  /** A bind's own connect_args. */
  readonly settings: readonly SettingSource[];
  readonly open: boolean;
}

/**
 * Connection facts for the file's framework settings. `callKeys` are the valueKeys of strings
 * that reach a connect call: those already have a fact there and get none here.
 */
export function configConnections(ctx: FileContext, callKeys: ReadonlySet<string>): BuiltConnection[] {
  const entries = collectEntries(ctx);
  if (entries.length === 0) return [];
  const engineSettings: SettingSource[] = [];
  let engineOpen = false;
  let engineNode: Node | undefined;
  const items: UriItem[] = [];
  const addUri = (value: PyValue, settings: SettingSource[], open: boolean): void => {
    const key = valueKey(value);
    if (key !== undefined) items.push({ value, key, settings, open });
  };

  for (const entry of entries) {
    const value = ctx.evaluator.evaluate(entry.value);
    if (entry.kind === 'uri') {
      addUri(value, [], false);
    } else if (entry.kind === 'engine') {
      const ca = value.kind === 'dict' ? value.entries.get('connect_args') : undefined;
      if (value.kind !== 'dict') engineOpen = true;
      if (ca) {
        engineOpen = addDict(engineSettings, ca.value) || engineOpen;
        engineNode ??= unparenthesize(ca.valueNode);
      }
    } else if (value.kind === 'dict') {
      for (const bind of value.entries.values()) {
        if (bind.value.kind === 'dict') {
          // Flask-SQLAlchemy 3: {"url": ..., "connect_args": {...}, ...engine options}
          const url = bind.value.entries.get('url');
          if (!url) continue;
          const own: SettingSource[] = [];
          const ca = bind.value.entries.get('connect_args');
          const open = ca ? addDict(own, ca.value) : false;
          addUri(url.value, own, open);
        } else {
          addUri(bind.value, [], false);
        }
      }
    }
  }

  const out: BuiltConnection[] = [];
  const seen = new Set<string>();
  let anyUri = false;
  for (const item of items) {
    anyUri = true;
    if (seen.has(item.key)) continue;
    seen.add(item.key);
    const built = buildConnection(ctx, {
      conninfo: item.value,
      settings: [...engineSettings, ...item.settings],
      open: engineOpen || item.open,
      sink: 'config',
      reachesDriver: true,
      call: undefined,
      minPairs: 1,
    });
    if (!built) continue;
    if (callKeys.has(item.key)) {
      // The connect call's fact stands for this string; only account for its literals here.
      for (const id of built.consumed) ctx.consumed.add(id);
      continue;
    }
    out.push(built);
  }
  // connect_args with the URI itself from the environment: still settings on their way to the driver.
  if (!anyUri && engineNode && engineSettings.length > 0) {
    const built = buildConnection(ctx, {
      conninfo: undefined,
      settings: engineSettings,
      open: true,
      sink: 'sqlalchemy',
      reachesDriver: true,
      call: engineNode,
      minPairs: 1,
    });
    if (built) out.push(built);
  }
  return out;
}

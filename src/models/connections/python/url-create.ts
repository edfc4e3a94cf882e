import type { Node } from '../../../parse/python.js';
import { argument, callArguments } from '../../../lang/python/args.js';
import { asStr, isKnown, joinText } from '../../../lang/python/evaluate.js';
import type { FileContext } from './context.js';
import { addDict, type SettingSource } from './params.js';

/** `URL.create` and the pre-1.4 `URL(...)` constructor: SQLAlchemy URLs from parts. */
export const URL_CREATE: ReadonlySet<string> = new Set([
  'sqlalchemy.URL.create',
  'sqlalchemy.engine.URL.create',
  'sqlalchemy.engine.url.URL.create',
  'sqlalchemy.engine.url.URL',
  'sqlalchemy.engine.URL',
]);

export interface UrlParts {
  /** `postgresql` of `postgresql+psycopg2`; undefined when the drivername is not known. */
  readonly scheme: string | undefined;
  readonly driver: string | undefined;
  readonly settings: SettingSource[];
  readonly open: boolean;
}

// URL.create(drivername, username, password, host, port, database, query): positions 1..5.
const FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['username', 'user'],
  ['password', 'password'],
  ['host', 'host'],
  ['port', 'port'],
  ['database', 'dbname'],
];

/** A `URL.create(...)` call's parts as connection settings under libpq names. */
export function urlSettings(ctx: FileContext, call: Node): UrlParts {
  const args = callArguments(call);
  const settings: SettingSource[] = [];
  let scheme: string | undefined;
  let driver: string | undefined;
  const driverNode = argument(args, 0, 'drivername');
  const driverValue = driverNode ? asStr(ctx.evaluator.evaluate(driverNode)) : undefined;
  if (driverValue && isKnown(driverValue)) {
    const name = joinText(driverValue).toLowerCase();
    const plus = name.indexOf('+');
    scheme = plus >= 0 ? name.slice(0, plus) : name;
    driver = plus >= 0 ? name.slice(plus + 1) : undefined;
  }
  FIELDS.forEach(([param, setting], i) => {
    const node = argument(args, i + 1, param);
    if (node) settings.push({ name: setting, value: ctx.evaluator.evaluate(node), node });
  });
  let open = args.listSplat || args.doubleSplats.length > 0;
  const queryNode = argument(args, 6, 'query');
  if (queryNode) open = addDict(settings, ctx.evaluator.evaluate(queryNode)) || open;
  return { scheme, driver, settings, open };
}

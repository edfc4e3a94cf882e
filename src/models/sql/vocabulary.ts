import type { Node } from '../../parse/python.js';
import { dottedName } from '../../lang/python/imports.js';

/**
 * Names the SQL analysis knows: where Flask (and Django/DRF) hand over the client's input, the
 * conversions that leave no room for a quote, the calls that quote for SQL, and the string
 * methods that pass their receiver on.
 */

/** What flask.request (and Django's/DRF's request) exposes of the client's input. */
export const REQUEST_INPUTS = new Set([
  'args',
  'form',
  'values',
  'json',
  'cookies',
  'headers',
  'data',
  'files',
  'view_args',
  'get_json',
  'get_data',
  'query_string',
  'path',
  'full_path',
  'url',
  'base_url',
  'environ',
  'authorization',
  'stream',
  'GET',
  'POST',
  'COOKIES',
  'META',
  'body',
  'query_params',
  'path_params',
  'match_info',
]);

/** Conversions whose result cannot carry a quote. */
export const CASTS = new Set([
  'int',
  'float',
  'bool',
  'complex',
  'len',
  'abs',
  'round',
  'ord',
  'hash',
  'id',
  'range',
  'sum',
  'decimal.Decimal',
  'Decimal',
  'uuid.UUID',
  'UUID',
  'uuid.uuid4',
  'uuid.uuid1',
  'datetime.date',
  'datetime.datetime',
  'datetime.timedelta',
  'date',
  'datetime',
  'timedelta',
  'time.time',
  'math.floor',
  'math.ceil',
]);

/** Clocks and date parsing: a date or a number comes back, whatever went in. */
export const CLOCKS =
  /^(?:datetime\.)?(?:datetime|date)\.(?:now|utcnow|today|fromtimestamp|utcfromtimestamp|fromisoformat|strptime)$|^time\.(?:time|monotonic|perf_counter)$|^(?:django\.utils\.)?timezone\.now$/;

/** Builtins that hand back (an iterable of) their argument. */
export const PASSTHROUGH_CALLS = new Set([
  'str',
  'repr',
  'list',
  'tuple',
  'set',
  'sorted',
  'reversed',
  'iter',
  'enumerate',
  'zip',
  'min',
  'max',
  'frozenset',
]);

/** Methods whose result is (part of) the receiver. */
export const PASSTHROUGH_METHODS = new Set([
  'strip',
  'lstrip',
  'rstrip',
  'lower',
  'upper',
  'casefold',
  'title',
  'capitalize',
  'swapcase',
  'encode',
  'decode',
  'getlist',
  'pop',
  'split',
  'rsplit',
  'splitlines',
  'partition',
  'rpartition',
  'items',
  'keys',
  'values',
  'copy',
  'to_dict',
  'dict',
  'removeprefix',
  'removesuffix',
  'ljust',
  'rjust',
  'center',
  'zfill',
  'translate',
  'expandtabs',
  'setdefault',
]);
export const TEXT_KEEPING_METHODS = new Set(['strip', 'lstrip', 'rstrip', 'lower', 'upper', 'casefold']);

/** Methods returning a bool or a number. */
export const SCALAR_METHODS = new Set([
  'isdigit',
  'isdecimal',
  'isnumeric',
  'isalnum',
  'isalpha',
  'isidentifier',
  'islower',
  'isupper',
  'isspace',
  'startswith',
  'endswith',
  'count',
  'find',
  'rfind',
  'index',
  'rindex',
  'timestamp',
  'isoformat',
  'strftime',
  'total_seconds',
]);

/** Quoting and escaping for SQL: identifiers (`quote_ident`, Django's `quote_name`) and literals. */
export const QUOTING =
  /quote|^escape_(?:string|literal|identifier|ident)$|^(?:mogrify|getquoted|literal|as_string|format_table|format_column|format_table_seq)$/;

export const PSYCOPG_SQL = /^psycopg2?\.sql\.(?:SQL|Identifier|Literal|Placeholder|Composed|Composable|DEFAULT|NULL)$/;
export const SQLALCHEMY_TEXT = /^(?:sqlalchemy(?:\.sql)?(?:\.expression)?|sqlmodel)\.text$/;

export const UPPER_CONSTANT = /^_*[A-Z][A-Z0-9_]*$/;
export const DUNDER = /^__\w+__$/;

/** `request.args`, `request.get_json`, `flask.request.form["x"]`, `self.request.GET`. */
export function requestInput(node: Node): boolean {
  const written = dottedName(node);
  if (written === undefined) return false;
  const parts = written.split('.');
  const at = parts.indexOf('request');
  return at >= 0 && at + 1 < parts.length && REQUEST_INPUTS.has(parts[at + 1] as string);
}

/** `app.config`, `current_app.config`, `settings`: values the operator set, not the client. */
export function isConfig(node: Node): boolean {
  const written = dottedName(node);
  return written !== undefined && (written === 'config' || written.endsWith('.config'));
}

import { publishedInTxtRecord } from '../../models/secrets/published-tokens.js';
import { parseConnectionString } from '../../models/connections/parse.js';
import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import type { Evaluator } from '../../lang/python/evaluate.js';
import { dottedName, type ImportMap } from '../../lang/python/imports.js';
import { spanOf } from '../../lang/python/span.js';
import { isKnown, joinText } from '../../lang/python/values.js';
import {
  boundFromCall,
  namesPrinted,
  returnsFreshToken,
  type ResultBinding,
} from '../../models/secrets/config-fresh-tokens.js';
import type { Rule } from '../rule.js';
import { logSinkOf, sensitiveExpressions, type LogSink, type Sensitive } from '../../models/secrets/credential-logs.js';
import { notASecret } from './secret-in-config-file.js';
import { echoedCredentials } from '../../models/secrets/shell-echo.js';

export const credentialLogged: Rule = {
  meta: {
    id: 'FCG207',
    name: 'credential-logged',
    family: 'secrets',
    severity: 'medium',
    cwe: [532],
    title: 'Password, token or connection string written to a log',
    what: 'A credential passed to `logging.*`, a logger (`logger`, `log`, `_logger`, `app.logger`, `current_app.logger`, `self.log`, `logging.getLogger(...)`; `debug`, `info`, `warning`, `error`, `exception`, `critical`, `log`), `print()`, `click.echo`/`secho` or `sys.stdout/stderr.write` — as an argument, through logging\'s lazy `%s` arguments, an f-string, `%`-formatting, `.format()`, `+`, `str()`/`repr()`, a dict, `extra={...}` or a structlog keyword. A credential is: a variable, attribute or dict key named like one (`password`, `passwd`, `pwd`, `secret`, `token`, `api_key`, `credentials`, `private_key`, `dsn`, `database_url`, `SQLALCHEMY_DATABASE_URI`, `conn_str`, `connection_string`, …, also `form.password.data`); a read of such a setting (`app.config["SQLALCHEMY_DATABASE_URI"]`, `app.config["SECRET_KEY"]`, `os.environ["DATABASE_URL"]`, `os.getenv("API_TOKEN")`); or a request field (`request.form["password"]`, `request.json.get("password")`); or any plain value that a `%`-formatted message labels as one (`"Desktop security key: %s" % app.INT_KEY`, `"token=%s"`). In shell scripts: `echo`/`printf` of a variable that the same script set to a literal password (`PASSWORD=...` under a secret name) or to a URI whose password is such a literal, written out or as `${PASSWORD}`.',
    why: 'Log lines are copied to files, aggregators, error trackers and support tickets, are kept for months and are readable by far more people than the secret store (CWE-532). A connection string carries the database password; a token or password in a log is a working credential for whoever reads it.',
    bad: {
      lang: 'python',
      code: 'log.info("login attempt email=%s password=%s", email, password)\nlog.info("starting, database %s", app.config["SQLALCHEMY_DATABASE_URI"])',
    },
    good: {
      lang: 'python',
      code: 'log.info("login attempt email=%s", email)\nlog.info("starting, database host %s", make_url(app.config["SQLALCHEMY_DATABASE_URI"]).host)',
    },
    fix: 'Log who and what, not the secret: the user name, the host and database name (`make_url(uri).render_as_string(hide_password=True)`), whether a token was present (`bool(token)`), its length or a masked form. Rotate any credential that already reached a log.',
    limits:
      'Names decide, with one exception: a variable bound once from a call to a function of the project (`key, user = create_user(...)`, also from another module) is reported when that function returns, at that position, a value it made from random bytes (`secrets.token_*`, `os.urandom`, `hexlify(urandom(...))`, or a one-line helper of the same module that returns one), printed whole or inside `str()`, `.format()`, an f-string or a class constructor such as a response model; a token handed through more functions, stored on an object, or made by a library is not followed. Otherwise a secret in a variable called `value` is not seen, and a variable called `token` that holds a parser token is reported. Values passed through other functions (`mask(password)`, `redact(dsn)`, `len(token)`, `bool(token)`, `hash(...)`) and slices (`token[:4]`) are taken to be safe. Names that describe a secret rather than hold it (`token_type`, `token_count`, `password_changed_at`, `password_reset_url`) are skipped, and so is a connection string whose literal value has no password. A `token` that the same function publishes in a DNS TXT record (a `txtdata=`-style keyword or a `"TXT"` record type in the same call) is an ACME DNS-01 challenge value, public by design, and is not reported. Loggers are recognised by name (`log`, `logger`, `*_logger`); custom logging helpers are not followed. In shell scripts only variables set in the same script count (the last assignment above the `echo`; conditionals are not followed), and an `echo` whose output is piped to a program (`| docker login --password-stdin`) or redirected to a file is not a log.',
    precision: 'medium',
    confidence: 'medium',
  },
  check(ctx) {
    if (ctx.config) {
      for (const e of echoedCredentials(ctx.config, ctx.file.lines, (v) => !notASecret(v))) {
        ctx.report({
          span: e.span,
          secrets: [e.secret],
          message: `${e.kind === 'password' ? 'A password' : 'A connection string with a literal password'} (\`$${e.variable}\`, set in this script) printed by ${e.printer}: it lands in the terminal and the CI log, readable by everyone who can read them.`,
        });
      }
      return;
    }
    const py = ctx.python;
    if (!py || !SINK_SPELLINGS.test(ctx.file.text)) return;
    let lexer: boolean | undefined;
    for (const call of py.calls) {
      const sink = logSinkOf(call, py.imports);
      if (!sink) continue;
      const printed = argumentsOf(call, sink);
      const flagged = new Set<number>();
      for (const found of sensitiveExpressions(printed, py.evaluator)) {
        flagged.add(found.node.startIndex);
        if (knownHarmless(found, py.evaluator)) continue;
        if (found.kind === 'token' && publishedInTxtRecord(unparenthesize(found.node))) continue;
        if (found.kind === 'token' && LEXER_TOKEN_NAMES.has(found.node.text)) {
          lexer ??= isLexerModule(py.imports);
          if (lexer) continue;
        }
        ctx.report({
          span: spanOf(found.node),
          message: `${describe(found)} passed to ${sink.display}(): credentials in logs and console output are read by everyone who can read the logs.`,
        });
      }
      // `key, user = create_user(...)` then `print(... key ...)`: phase 2 asks whether
      // create_user (here or in another module) returns a freshly generated token there.
      for (const name of namesPrinted(printed)) {
        if (flagged.has(name.startIndex)) continue;
        const binding = boundFromCall(name);
        if (!binding) continue;
        const question: TokenQuestion = { q: 'fresh-token', ...binding, name: name.text, sink: sink.display };
        ctx.report({ span: spanOf(name), message: `${name.text} printed`, pending: question });
      }
    }
  },
  decide(question, { path, index }) {
    const q = question as TokenQuestion;
    if (q.q !== 'fresh-token') return true;
    if (!returnsFreshToken(index, path, q)) return false;
    return {
      message: `A freshly generated credential (\`${q.name}\`, returned by \`${q.fn}()\`, which makes it from random bytes) passed to ${q.sink}(): credentials in logs and console output are read by everyone who can read the logs.`,
    };
  },
};

interface TokenQuestion extends ResultBinding {
  readonly [key: string]: string | number;
  readonly q: 'fresh-token';
  readonly name: string;
  readonly sink: string;
}

/**
 * Every sink logSinkOf knows spells one of these (loggers and their factories say "log", printers
 * "print"/"echo", stream writers "stdout"/"stderr", also when imported under another name), so a
 * file with none of them has no sink and its calls need no look.
 */
const SINK_SPELLINGS = /log|print|echo|stdout|stderr/i;

const LEXER_TOKEN_NAMES = new Set(['token', 'tok', 'next_token', 'current_token', 'tokens']);
const LEXER_MODULES = /(?:^|\.)(?:tokenize|token|lexer|lex|tokens|pygments|ply)(?:\.|$)/;

/** In a tokenizer or parser, `token` is a piece of source text, not a credential. */
function isLexerModule(imports: ImportMap): boolean {
  for (const full of imports.names.values()) if (full.some((n) => LEXER_MODULES.test(n))) return true;
  return imports.starModules.some((m) => LEXER_MODULES.test(m));
}

/** The arguments that reach the output; the level of `log(level, ...)` and print's options do not. */
function argumentsOf(call: Node, sink: LogSink): Node[] {
  const args = callArguments(call);
  const out: Node[] = sink.method === 'log' ? args.positional.slice(1) : [...args.positional];
  for (const [name, kw] of args.keywordNodes) {
    if (sink.ignoredKeywords.has(name)) continue;
    out.push(name === 'extra' ? (args.keywords.get(name) as Node) : kw);
  }
  return out;
}

/** A DSN-named constant whose literal value has no password leaks nothing secret. */
function knownHarmless(found: Sensitive, evaluator: Evaluator): boolean {
  if (found.kind !== 'connection string') return false;
  const expr = unparenthesize(found.node);
  if (expr.type !== 'identifier' && expr.type !== 'attribute') return false;
  const value = evaluator.evaluateString(expr);
  if (!value || !isKnown(value)) return false;
  const parsed = parseConnectionString(joinText(value), 1);
  return parsed !== undefined && (parsed.password === undefined || parsed.password === '');
}

function describe(found: Sensitive): string {
  const text = dottedName(found.node) ?? found.node.text;
  const shown = text.length <= 60 && !text.includes('\n') ? text : `${text.slice(0, 57)}...`;
  return `${articleFor(found.kind)} ${found.kind} (\`${shown}\`)`;
}

function articleFor(kind: string): string {
  return /^[aeiou]/i.test(kind) ? 'An' : 'A';
}

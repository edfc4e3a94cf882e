import type { Span } from '../../core/types.js';

/**
 * Facts are what the transport and credential rules reason about, whatever the file format:
 * a connection string in a `.env` file and the same string handed to `create_engine()` become
 * the same kind of fact. Extractors (src/facts/python, src/facts/config) produce them; rules
 * only read them.
 */

/** One connection setting on its way to a driver. `value` undefined: not known statically. */
export interface ParamFact {
  readonly value: string | undefined;
  readonly span: Span;
  /** Set when the value is the fallback of an environment lookup: the variable's name. */
  readonly envFallbackOf?: string;
}

export interface PasswordFact {
  /** The literal password. Never printed: rules pass it to report() as a secret. */
  readonly value: string;
  readonly span: Span;
  /** Where it sits: inside a URI/DSN, or as a keyword argument (`password="..."`). */
  readonly source: 'connection-string' | 'argument';
  /** Set when the value is the fallback of an environment lookup. */
  readonly envFallbackOf?: string;
}

export interface ConnectionFact {
  /**
   * `uri`/`keyword-dsn`: a connection string; `arguments`: keyword arguments to a connect call
   * or `URL.create()`; `setting`: a lone setting such as `PGSSLMODE=disable` or a `DB_SSLMODE`
   * variable, not tied to one connection.
   */
  readonly origin: 'uri' | 'keyword-dsn' | 'arguments' | 'setting';
  /** Where a finding about the connection as a whole is reported. */
  readonly span: Span;
  /** Safe display form (password masked, unknown parts as `{…}`). */
  readonly display: string;
  /** Literal host names; undefined when any host is not known statically. */
  readonly hosts: readonly string[] | undefined;
  /** Settings by libpq name (`sslmode`, `sslrootcert`, …), merged from the string and arguments. */
  readonly params: ReadonlyMap<string, ParamFact>;
  readonly password: PasswordFact | undefined;
  readonly driver: 'libpq' | 'asyncpg' | 'unknown';
  /**
   * True when the connection reaches a connect call (or a setting a framework hands to one,
   * like SQLALCHEMY_DATABASE_URI or DATABASE_URL), so "no sslmode" means the driver default.
   */
  readonly reachesDriver: boolean;
  /** The fact's string is the fallback of an environment lookup (`os.environ.get(N, "...")`). */
  readonly envFallbackOf?: string;
}

/** TLS turned off or unverified in a driver's own terms (asyncpg `ssl=`, an SSLContext). */
export interface DriverTlsFact {
  readonly span: Span;
  /** What is wrong, for the message: "asyncpg ssl=False", "SSLContext with check_hostname = False". */
  readonly detail: string;
  /** Literal hosts of the connection when known (local hosts lower the severity). */
  readonly hosts: readonly string[] | undefined;
}

/** A command line that will run: a Dockerfile RUN/CMD, a compose `command`, a shell line. */
export interface CommandFact {
  /** Tokens as the shell would split them (quotes removed). */
  readonly argv: readonly string[];
  readonly span: Span;
  /** The container image that runs it, when the command is a compose/Kubernetes container's. */
  readonly image: string | undefined;
}

export interface FileFacts {
  readonly connections: readonly ConnectionFact[];
  readonly driverTls: readonly DriverTlsFact[];
  readonly commands: readonly CommandFact[];
}

/**
 * libpq keyword/value connection strings (`host=db port=26257 sslmode=verify-full`).
 * pg-connection-string reads these as a database name, so they are tokenised here following
 * libpq's grammar: `key = value`, values optionally single-quoted with `\'` and `\\` escapes.
 */

// libpq's documented keywords (PostgreSQL 17, "Parameter Key Words").
export const LIBPQ_KEYWORDS: ReadonlySet<string> = new Set([
  'host',
  'hostaddr',
  'port',
  'dbname',
  'user',
  'password',
  'passfile',
  'require_auth',
  'channel_binding',
  'connect_timeout',
  'client_encoding',
  'options',
  'application_name',
  'fallback_application_name',
  'keepalives',
  'keepalives_idle',
  'keepalives_interval',
  'keepalives_count',
  'tcp_user_timeout',
  'replication',
  'gssencmode',
  'sslmode',
  'requiressl',
  'sslnegotiation',
  'sslcompression',
  'sslcert',
  'sslkey',
  'sslpassword',
  'sslcertmode',
  'sslrootcert',
  'sslcrl',
  'sslcrldir',
  'sslsni',
  'requirepeer',
  'ssl_min_protocol_version',
  'ssl_max_protocol_version',
  'krbsrvname',
  'gsslib',
  'gssdelegation',
  'service',
  'target_session_attrs',
  'load_balance_hosts',
]);

export interface DsnPair {
  readonly key: string;
  readonly value: string;
}

/** The pairs of a keyword DSN, or undefined when the text is not one (unknown key, stray text). */
export function tokenizeKeywordDsn(text: string): DsnPair[] | undefined {
  const pairs: DsnPair[] = [];
  let i = 0;
  const n = text.length;
  const skipSpace = (): void => {
    while (i < n && /\s/.test(text[i] as string)) i++;
  };
  skipSpace();
  while (i < n) {
    const keyStart = i;
    while (i < n && /[A-Za-z0-9_]/.test(text[i] as string)) i++;
    const key = text.slice(keyStart, i).toLowerCase();
    if (!key || !LIBPQ_KEYWORDS.has(key)) return undefined;
    skipSpace();
    if (text[i] !== '=') return undefined;
    i++;
    skipSpace();
    let value = '';
    if (text[i] === "'") {
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i] as string;
        if (c === '\\' && i + 1 < n) {
          value += text[i + 1];
          i += 2;
        } else if (c === "'") {
          i++;
          closed = true;
          break;
        } else {
          value += c;
          i++;
        }
      }
      if (!closed) return undefined;
    } else {
      while (i < n && !/\s/.test(text[i] as string)) {
        const c = text[i] as string;
        if (c === '\\' && i + 1 < n) {
          value += text[i + 1];
          i += 2;
        } else {
          value += c;
          i++;
        }
      }
    }
    pairs.push({ key, value });
    skipSpace();
  }
  return pairs.length > 0 ? pairs : undefined;
}

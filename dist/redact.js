import fs__default from 'fs';

/**
 * libpq keyword/value connection strings (`host=db port=26257 sslmode=verify-full`).
 * pg-connection-string reads these as a database name, so they are tokenised here following
 * libpq's grammar: `key = value`, values optionally single-quoted with `\'` and `\\` escapes.
 */
// libpq's documented keywords (PostgreSQL 17, "Parameter Key Words").
const LIBPQ_KEYWORDS = new Set([
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
/** The pairs of a keyword DSN, or undefined when the text is not one (unknown key, stray text). */
function tokenizeKeywordDsn(text) {
    const pairs = [];
    let i = 0;
    const n = text.length;
    const skipSpace = () => {
        while (i < n && /\s/.test(text[i]))
            i++;
    };
    skipSpace();
    while (i < n) {
        const keyStart = i;
        while (i < n && /[A-Za-z0-9_]/.test(text[i]))
            i++;
        const key = text.slice(keyStart, i).toLowerCase();
        if (!key || !LIBPQ_KEYWORDS.has(key))
            return undefined;
        skipSpace();
        if (text[i] !== '=')
            return undefined;
        i++;
        skipSpace();
        let value = '';
        if (text[i] === "'") {
            i++;
            let closed = false;
            while (i < n) {
                const c = text[i];
                if (c === '\\' && i + 1 < n) {
                    value += text[i + 1];
                    i += 2;
                }
                else if (c === "'") {
                    i++;
                    closed = true;
                    break;
                }
                else {
                    value += c;
                    i++;
                }
            }
            if (!closed)
                return undefined;
        }
        else {
            while (i < n && !/\s/.test(text[i])) {
                const c = text[i];
                if (c === '\\' && i + 1 < n) {
                    value += text[i + 1];
                    i += 2;
                }
                else {
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

/** What every redacted secret is shown as. */
const MASK = '****';

var commonjsGlobal = typeof globalThis !== 'undefined' ? globalThis : typeof window !== 'undefined' ? window : typeof global !== 'undefined' ? global : typeof self !== 'undefined' ? self : {};

function getDefaultExportFromCjs (x) {
	return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, 'default') ? x['default'] : x;
}

var pgConnectionString;
var hasRequiredPgConnectionString;

function requirePgConnectionString () {
	if (hasRequiredPgConnectionString) return pgConnectionString;
	hasRequiredPgConnectionString = 1;

	//Parse method copied from https://github.com/brianc/node-postgres
	//Copyright (c) 2010-2014 Brian Carlson (brian.m.carlson@gmail.com)
	//MIT License

	//parses a connection string
	function parse(str, options = {}) {
	  //unix socket
	  if (str.charAt(0) === '/') {
	    const config = str.split(' ');
	    return { host: config[0], database: config[1] }
	  }

	  // Check for empty host in URL

	  const config = Object.create(null);
	  let result;
	  let dummyHost = false;
	  if (/ |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(str)) {
	    // Ensure spaces are encoded as %20
	    str = encodeURI(str).replace(/%25(\d\d)/g, '%$1');
	  }

	  try {
	    try {
	      result = new URL(str, 'postgres://base');
	    } catch (e) {
	      // The URL is invalid so try again with a dummy host
	      result = new URL(str.replace('@/', '@___DUMMY___/'), 'postgres://base');
	      dummyHost = true;
	    }
	  } catch (err) {
	    // Remove the input from the error message to avoid leaking sensitive information
	    err.input && (err.input = '*****REDACTED*****');
	    throw err
	  }

	  // We'd like to use Object.fromEntries() here but Node.js 10 does not support it
	  for (const entry of result.searchParams.entries()) {
	    config[entry[0]] = entry[1];
	  }

	  config.user = config.user || decodeURIComponent(result.username);
	  config.password = config.password || decodeURIComponent(result.password);

	  if (result.protocol == 'socket:') {
	    config.host = decodeURI(result.pathname);
	    config.database = result.searchParams.get('db');
	    config.client_encoding = result.searchParams.get('encoding');
	    return config
	  }
	  const hostname = (dummyHost ? '' : result.hostname).replace(/^\[(.+)\]$/, '$1');
	  if (!config.host) {
	    // Only set the host if there is no equivalent query param.
	    config.host = decodeURIComponent(hostname);
	  } else if (hostname && /^%2f/i.test(hostname)) {
	    // Only prepend the hostname to the pathname if it is not a URL encoded Unix socket host.
	    result.pathname = hostname + result.pathname;
	  }
	  if (!config.port) {
	    // Only set the port if there is no equivalent query param.
	    config.port = result.port;
	  }

	  const pathname = result.pathname.slice(1) || null;
	  config.database = pathname ? decodeURI(pathname) : null;

	  if (config.ssl === 'true' || config.ssl === '1') {
	    config.ssl = true;
	  }

	  if (config.ssl === '0') {
	    config.ssl = false;
	  }

	  if (config.sslcert || config.sslkey || config.sslrootcert || config.sslmode) {
	    config.ssl = {};
	  }

	  // sslnegotiation=direct implies SSL is in use (libpq requires sslmode>=require),
	  // so enable SSL if the connection string did not otherwise configure it.
	  if (config.sslnegotiation === 'direct' && config.ssl === undefined) {
	    config.ssl = true;
	  }

	  // Only try to load fs if we expect to read from the disk
	  const fs = config.sslcert || config.sslkey || config.sslrootcert ? fs__default : null;

	  if (config.sslcert) {
	    config.ssl.cert = fs.readFileSync(config.sslcert).toString();
	  }

	  if (config.sslkey) {
	    config.ssl.key = fs.readFileSync(config.sslkey).toString();
	  }

	  if (config.sslrootcert) {
	    config.ssl.ca = fs.readFileSync(config.sslrootcert).toString();
	  }

	  if (options.useLibpqCompat && config.uselibpqcompat) {
	    throw new Error('Both useLibpqCompat and uselibpqcompat are set. Please use only one of them.')
	  }

	  if (config.uselibpqcompat === 'true' || options.useLibpqCompat) {
	    switch (config.sslmode) {
	      case 'disable': {
	        config.ssl = false;
	        break
	      }
	      case 'prefer': {
	        config.ssl.rejectUnauthorized = false;
	        break
	      }
	      case 'require': {
	        if (config.sslrootcert) {
	          // If a root CA is specified, behavior of `sslmode=require` will be the same as that of `verify-ca`
	          config.ssl.checkServerIdentity = function () {};
	        } else {
	          config.ssl.rejectUnauthorized = false;
	        }
	        break
	      }
	      case 'verify-ca': {
	        if (!config.ssl.ca) {
	          throw new Error(
	            'SECURITY WARNING: Using sslmode=verify-ca requires specifying a CA with sslrootcert. If a public CA is used, verify-ca allows connections to a server that somebody else may have registered with the CA, making you vulnerable to Man-in-the-Middle attacks. Either specify a custom CA certificate with sslrootcert parameter or use sslmode=verify-full for proper security.'
	          )
	        }
	        config.ssl.checkServerIdentity = function () {};
	        break
	      }
	    }
	  } else {
	    switch (config.sslmode) {
	      case 'disable': {
	        config.ssl = false;
	        break
	      }
	      case 'prefer':
	      case 'require':
	      case 'verify-ca':
	      case 'verify-full': {
	        if (config.sslmode !== 'verify-full') {
	          deprecatedSslModeWarning(config.sslmode);
	        }
	        break
	      }
	      case 'no-verify': {
	        config.ssl.rejectUnauthorized = false;
	        break
	      }
	    }
	  }

	  return config
	}

	// convert pg-connection-string ssl config to a ClientConfig.ConnectionOptions
	function toConnectionOptions(sslConfig) {
	  const connectionOptions = Object.entries(sslConfig).reduce((c, [key, value]) => {
	    // we explicitly check for undefined and null instead of `if (value)` because some
	    // options accept falsy values. Example: `ssl.rejectUnauthorized = false`
	    if (value !== undefined && value !== null) {
	      c[key] = value;
	    }

	    return c
	  }, Object.create(null));

	  return connectionOptions
	}

	// convert pg-connection-string config to a ClientConfig
	function toClientConfig(config) {
	  const poolConfig = Object.entries(config).reduce((c, [key, value]) => {
	    if (key === 'ssl') {
	      const sslConfig = value;

	      if (typeof sslConfig === 'boolean') {
	        c[key] = sslConfig;
	      }

	      if (typeof sslConfig === 'object') {
	        c[key] = toConnectionOptions(sslConfig);
	      }
	    } else if (value !== undefined && value !== null) {
	      if (key === 'port') {
	        // when port is not specified, it is converted into an empty string
	        // we want to avoid NaN or empty string as a values in ClientConfig
	        if (value !== '') {
	          const v = parseInt(value, 10);
	          if (isNaN(v)) {
	            throw new Error(`Invalid ${key}: ${value}`)
	          }

	          c[key] = v;
	        }
	      } else {
	        c[key] = value;
	      }
	    }

	    return c
	  }, Object.create(null));

	  return poolConfig
	}

	// parses a connection string into ClientConfig
	function parseIntoClientConfig(str) {
	  return toClientConfig(parse(str))
	}

	function deprecatedSslModeWarning(sslmode) {
	  if (!deprecatedSslModeWarning.warned && typeof process !== 'undefined' && process.emitWarning) {
	    deprecatedSslModeWarning.warned = true;
	    process.emitWarning(`SECURITY WARNING: The SSL modes 'prefer', 'require', and 'verify-ca' are treated as aliases for 'verify-full'.
In the next major version (pg-connection-string v3.0.0 and pg v9.0.0), these modes will adopt standard libpq semantics, which have weaker security guarantees.

To prepare for this change:
- If you want the current behavior, explicitly use 'sslmode=verify-full'
- If you want libpq compatibility now, use 'uselibpqcompat=true&sslmode=${sslmode}'

See https://www.postgresql.org/docs/current/libpq-ssl.html for libpq SSL mode definitions.`);
	  }
	}

	pgConnectionString = parse;

	parse.parse = parse;
	parse.toClientConfig = toClientConfig;
	parse.parseIntoClientConfig = parseIntoClientConfig;
	return pgConnectionString;
}

var pgConnectionStringExports = requirePgConnectionString();
var connectionString = /*@__PURE__*/getDefaultExportFromCjs(pgConnectionStringExports);

// ESM wrapper for pg-connection-string

// Re-export the parse function
connectionString.parse;
const parse = connectionString.parse;
connectionString.toClientConfig;
connectionString.parseIntoClientConfig;

/**
 * Masks whatever could be a credential in a text that may hold connection strings, without knowing
 * the secret: the password of every `scheme://user:password@host` URI (any scheme, nested ones
 * too) and the value of every `password=` / `sslpassword=` parameter, quoted or not. It reads the
 * text the way the most lenient parser would, because a malformed URI is still a password to the
 * driver that accepts it (libpq takes `u:pa?ss#word@db` as user `u`, password `pa?ss#word`):
 * when the shape is ambiguous, more is masked, never less. Applied to every message and skip
 * reason before it leaves the engine, and to every excerpt of a file the tool echoes.
 */
function redactCredentials(text) {
    return redactPasswordParams(redactUriPasswords(text));
}
// Any RFC 3986 scheme: a credential in a redis:// or amqp:// URL is as secret as in postgresql://.
const SCHEME = /[A-Za-z][A-Za-z0-9+.-]*:\/\//g;
function redactUriPasswords(text) {
    const starts = [];
    for (const m of text.matchAll(SCHEME))
        starts.push({ at: m.index, authority: m.index + m[0].length });
    if (starts.length === 0)
        return text;
    // Spans [from, to) to replace with the mask, in order and disjoint.
    const masks = [];
    let cursor = 0;
    starts.forEach(({ authority }, i) => {
        if (authority <= cursor)
            return; // inside a span already masked
        const firstColon = text.indexOf(':', authority);
        // The userinfo ends at the LAST '@' before the next URI: a password may hold '@', '?', '#',
        // '/', white space and line breaks unencoded. Everything from the first ':' to that '@' goes.
        const nextScheme = starts[i + 1]?.at ?? text.length;
        const at = lastIndexBefore(text, '@', authority, nextScheme);
        const userinfoMask = at >= 0 && firstColon >= 0 && firstColon < at ? [firstColon + 1, at] : undefined;
        // What follows must read as host[:port] items. If not, it is a URI cut short (`u:pa?ss` before
        // a comment sign), a password holding `://` (what looked like the next URI is inside it), or a
        // user name holding '@'. Then from the first ':' on, anything may be the password: up to the
        // last '@' of the text, or without one after the host part, to the end of the token.
        const hostStart = at >= 0 ? at + 1 : authority;
        const tokenEnd = indexOfPattern(text, /\s/, hostStart);
        const hostEnd = Math.min(indexOfPattern(text, /[/?#]/, hostStart), tokenEnd);
        const colon = text.indexOf(':', hostStart);
        if (colon < 0 || colon >= hostEnd || isHostPortList(text.slice(hostStart, hostEnd))) {
            if (userinfoMask)
                masks.push(userinfoMask);
            if (at >= 0)
                cursor = at;
            return;
        }
        const lastAt = lastIndexBefore(text, '@', hostStart, text.length);
        if (lastAt >= 0) {
            masks.push([(firstColon >= 0 ? firstColon : colon) + 1, lastAt]);
            cursor = lastAt;
        }
        else {
            if (userinfoMask)
                masks.push(userinfoMask);
            masks.push([colon + 1, tokenEnd]);
            cursor = tokenEnd;
        }
    });
    let out = '';
    let from = 0;
    for (const [a, b] of masks) {
        out += text.slice(from, a) + MASK;
        from = b;
    }
    return out + text.slice(from);
}
/** The last index of `c` in text[from, to), or -1. */
function lastIndexBefore(text, c, from, to) {
    if (to <= from)
        return -1;
    const i = text.lastIndexOf(c, to - 1);
    return i >= from ? i : -1;
}
/** `db:26257`, `h1,h2:5432`, `[::1]:26257`, `db:{…}`: what an authority without userinfo looks like. */
function isHostPortList(authority) {
    return authority.split(',').every((item) => /^(?:\[[0-9A-Fa-f:.%\w]*\]|[^:[\]]*)(?::(?:\d+|\{…\}))?$/u.test(item));
}
function indexOfPattern(text, pattern, from) {
    const i = text.slice(from).search(pattern);
    return i < 0 ? text.length : from + i;
}
// `password=`, `sslpassword=` (libpq), `passwd=`/`pwd=` (ODBC-style) as a URI query parameter or a
// keyword-DSN pair; the name must not be the tail of a longer word (`nopassword=`).
const PASSWORD_PARAM = /(?<![A-Za-z0-9_])(?:ssl)?(?:password|passwd|pwd)\s*=\s*/gi;
const ALREADY_MASKED = new RegExp(`^${MASK.replace(/[*]/g, '\\*')}[.,;:!?)]*$`);
function redactPasswordParams(text) {
    let out = '';
    let from = 0;
    for (const m of text.matchAll(PASSWORD_PARAM)) {
        const start = m.index + m[0].length;
        if (start < from)
            continue;
        const inQuery = m.index > 0 && (text[m.index - 1] === '?' || text[m.index - 1] === '&');
        const end = valueEnd(text, start, inQuery);
        // Already masked, perhaps with the sentence's punctuation glued on (`password=****.`).
        if (ALREADY_MASKED.test(text.slice(start, end)) || end === start)
            continue;
        out += text.slice(from, start) + MASK;
        from = end;
    }
    return out + text.slice(from);
}
/**
 * Where a parameter's value ends: a libpq quoted value at its closing quote (`\'` and `\\`
 * escaped; unclosed, at the end of the text), else at white space not escaped by a backslash (in
 * a URI query, where white space has no place, at the end of the line), or at a `&` that starts
 * the next parameter of a query: one libpq knows, since `&x=` may as well be part of the password.
 */
function valueEnd(text, start, inQuery) {
    const quote = text[start];
    // Quotes mean nothing in a URI query; in a DSN, text glued to the closing quote goes with it.
    if (!inQuery && (quote === "'" || quote === '"')) {
        for (let i = start + 1; i < text.length; i++) {
            const c = text[i];
            if (c === '\\')
                i++;
            else if (c === quote)
                return valueEnd(text, i + 1, inQuery);
        }
        return text.length;
    }
    for (let i = start; i < text.length; i++) {
        const c = text[i];
        if (c === '\\')
            i++;
        else if (inQuery ? c === '\n' || c === '\r' : /\s/.test(c))
            return i;
        else if (c === '&' && LIBPQ_KEYWORDS.has(/^&([A-Za-z_]+)=/.exec(text.slice(i, i + 40))?.[1]?.toLowerCase() ?? ''))
            return i;
    }
    return text.length;
}

export { LIBPQ_KEYWORDS as L, MASK as M, commonjsGlobal as c, getDefaultExportFromCjs as g, parse as p, redactCredentials as r, tokenizeKeywordDsn as t };

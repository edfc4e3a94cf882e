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

export { LIBPQ_KEYWORDS as L, MASK as M, redactCredentials as r, tokenizeKeywordDsn as t };

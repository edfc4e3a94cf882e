import { fileRoleSeverity } from '../../models/context/severity-policy.js';
import { identityHeaderReads, isIdentityHeader, provesProxy } from '../../models/flask/identity-header.js';
import { spanOf } from '../../lang/python/span.js';
import { enclosingFunction } from '../../lang/python/value-flow.js';
import type { Rule } from '../rule.js';

interface Question {
  readonly ref: string;
  readonly via: 'headers' | 'environ';
}

export const identityFromClientHeader: Rule = {
  meta: {
    id: 'FCG415',
    name: 'identity-from-client-header',
    family: 'auth',
    severity: 'medium',
    cwe: [290, 287],
    title: 'User identity taken from a request header the client can send',
    what: 'A read of a header that names the signed-in user as an authenticating proxy would set it — `request.headers.get("Remote-User")`, `request.headers["X-Forwarded-User"]`, `X-Remote-User`, `X-Auth-Request-User`, `X-Forwarded-Email`, `X-Authenticated-User`, `X-MS-Client-Principal-Name`, `X-Goog-Authenticated-User-Email`, `Cf-Access-Authenticated-User-Email` and the like, also written `REMOTE_USER` (Werkzeug treats `_` and `-` alike) and as `request.environ["HTTP_X_REMOTE_USER"]`. The header name may be a literal, a constant of the file or a constant of another module (`request.headers.get(config.WEBSERVER_REMOTE_USER)` with `WEBSERVER_REMOTE_USER = "REMOTE_USER"` in `config.py`), resolved through the project.',
    why: 'Any client can send any header. The identity is only as good as the guarantee that every request passed through the proxy that strips and sets it; a second way in (the application port published, a health-check ingress, another virtual host) lets a caller name any user, administrators included, without a password (CWE-290, authentication bypass by spoofing). The WSGI server, not the client, sets `REMOTE_USER` in the environ: `request.environ.get("REMOTE_USER")` is the safe form when the server does the authentication.',
    bad: {
      lang: 'python',
      code: 'from flask import request\n\ndef current_username():\n    return request.headers.get("X-Forwarded-User")',
    },
    good: {
      lang: 'python',
      code: 'from flask import request\n\ndef current_username():\n    # Set by the WSGI server (mod_wsgi, a trusted auth middleware), never by a client header.\n    return request.environ.get("REMOTE_USER")',
    },
    fix: 'Let the server or a middleware you control authenticate and read `request.environ["REMOTE_USER"]`, which no client header can set. If a proxy must pass the identity in a header, make the application reachable only through it and prove it on every request: a shared secret header compared with `hmac.compare_digest`, mutual TLS, or a signed assertion (Google IAP\'s `X-Goog-IAP-JWT-Assertion`, Cloudflare Access\'s JWT) verified instead of the plain header.',
    limits:
      "Only `request.headers` and `request.environ` reads are seen (not a header copied into a dict first, nor a framework's remote-user middleware configured elsewhere). Whether the application is reachable other than through the proxy cannot be seen: the finding says the identity rests on it. A comparison in the same function of a secret-named header (`X-Proxy-Secret`, `X-Auth-Token`), `hmac.compare_digest`, or a check of `request.remote_addr` is taken as proof of the proxy and leaves the read alone; such a check in a decorator or another module is not seen. Headers used for other purposes (`X-Request-ID`, `User-Agent`) are not flagged. In test files the finding is lowered to low.",
    precision: 'medium',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py) return;
    for (const read of identityHeaderReads(py)) {
      if (provesProxy(py, read, enclosingFunction(read.node))) continue;
      const lowered = fileRoleSeverity(ctx.file.role === 'test' ? 'test' : undefined, 'medium');
      const what = read.header !== undefined ? `the ${read.header} header` : `the header named by ${read.ref ?? ''}`;
      const question: Question | undefined = read.ref ? { ref: read.ref, via: read.via } : undefined;
      ctx.report({
        span: spanOf(read.node),
        ...(lowered.note ? { severity: lowered.severity } : {}),
        message: `The user's identity is read from ${what}, which any client can send: a request that reaches the application without passing the authenticating proxy names any user it likes; read REMOTE_USER from the WSGI environ, or verify a proxy secret or signed assertion${lowered.note}.`,
        ...(question ? { pending: { ref: question.ref, via: question.via } } : {}),
      });
    }
  },
  decide(question, { index, path }) {
    const q = question as unknown as Question;
    const value = index.constantOf(path, q.ref);
    return typeof value === 'string' && isIdentityHeader(value, q.via);
  },
};

import { hasProxyFix, spoofedUses } from '../../models/flask/auth-client-address.js';
import { spanOf } from '../../lang/python/span.js';
import { applicationInstallsProxyFix } from '../../models/flask/proxy-summary.js';
import type { Rule } from '../rule.js';

export const spoofableClientAddress: Rule = {
  meta: {
    id: 'FCG413',
    name: 'spoofable-client-address',
    family: 'auth',
    severity: 'medium',
    cwe: [348, 290],
    title: 'Rate-limit key or access decision taken from X-Forwarded-For without ProxyFix',
    what: 'The client address read from a header the client can send — `request.headers.get("X-Forwarded-For")`, `request.headers["X-Real-IP"]`, `X-Client-IP`, `True-Client-IP`, `Forwarded`, `request.environ["HTTP_X_FORWARDED_FOR"]`, `request.access_route`, Flask-Limiter\'s old `get_ipaddr` — when it decides something: the rate-limit key (`Limiter(key_func=...)`, `limiter.limit(..., key_func=...)` with a function or lambda that returns it), the key of a hand-made attempt counter (`attempts[ip] += 1`), an allow-list or other comparison (`if ip in ALLOWED_IPS`, `ip == "10.0.0.5"`, `ip.startswith("10.")`), a call that limits, bans or allows (`is_blocked(ip)`, `redis.incr(f"login:{ip}")`), or the stored login address (`user.last_login_ip = ip`). The value is followed through local variables and through a function in the same file that returns it. Nothing is reported when the application installs werkzeug\'s `ProxyFix`, in this file or in any module of the same application (its app factory, a `wsgi.py`).',
    why: "Without a proxy that overwrites it, `X-Forwarded-For` is whatever the client sends. An attacker rotates it to get a fresh rate-limit bucket on every request (so login and OTP limits stop nothing), writes an allow-listed address to reach internal endpoints, or plants someone else's address in audit records (CWE-348, use of less trusted source; CWE-290, authentication bypass by spoofing).",
    bad: {
      lang: 'python',
      code: 'def client_ip():\n    return request.headers.get("X-Forwarded-For", request.remote_addr)\n\nlimiter = Limiter(key_func=client_ip, default_limits=["100 per hour"])',
    },
    good: {
      lang: 'python',
      code: 'from flask_limiter.util import get_remote_address\nfrom werkzeug.middleware.proxy_fix import ProxyFix\n\n# One proxy (the ingress) in front of the app sets X-Forwarded-For.\napp.wsgi_app = ProxyFix(app.wsgi_app, x_for=1)\nlimiter = Limiter(get_remote_address, app=app, default_limits=["100 per hour"])',
    },
    fix: "Configure `werkzeug.middleware.proxy_fix.ProxyFix` with the number of proxies you actually run (`x_for=1` behind one load balancer) and use `request.remote_addr` (Flask-Limiter's `get_remote_address`) everywhere: ProxyFix takes the address the trusted proxy appended and ignores what the client wrote. Never parse `X-Forwarded-For` yourself; if you must, take the right-most entry your proxy added, not the first.",
    limits:
      'A `ProxyFix` anywhere in the application counts: one in another module of the same top-level directory, or in a module at the repository root, silences the finding; one in a sibling application (`admin/` beside `api/`) does not. Its `x_for` count is not checked against your proxies. A function returning the header that is used as a key function in another module is not followed. Reading the right-most entry on purpose (`.split(",")[-1]`, `access_route[-1]`) is taken as the careful pattern and left alone. Headers a CDN sets and the origin only accepts from it (`CF-Connecting-IP`) are not flagged. Logging or displaying the address is not a finding.',
    precision: 'high',
    confidence: 'medium',
  },
  check(ctx) {
    if (!ctx.python) return;
    const uses = spoofedUses(ctx.python);
    if (uses.length === 0 || hasProxyFix(ctx.python)) return;
    const seen = new Set<number>();
    for (const use of uses) {
      if (seen.has(use.source.id)) continue;
      seen.add(use.source.id);
      const line = use.at.startPosition.row + 1;
      ctx.report({
        span: spanOf(use.source),
        message: `${use.sourceText} is sent by the client, and it decides ${use.use} (line ${line}) with no ProxyFix in the application: a client that writes its own X-Forwarded-For gets a fresh rate-limit bucket or passes the address check on every request.`,
        // Another module (the app factory, wsgi.py) may install ProxyFix.
        pending: true,
      });
    }
  },
  decide: (_question, { index, path }) => !applicationInstallsProxyFix(index, path),
};

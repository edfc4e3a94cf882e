import { jwtLongExpiry } from '../../../src/rules/auth/jwt-long-expiry.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(jwtLongExpiry, {
  valid: [
    {
      name: 'another claim deleted, or exp popped from a different dict, before the encode',
      code: 'import jwt\nfrom datetime import datetime, timedelta\n\ndef create_token(user, claims):\n    payload = {"sub": user, "aud": "api", "exp": datetime.utcnow() + timedelta(minutes=15)}\n    if not claims:\n        del payload["aud"]\n    claims.pop("exp", None)\n    return jwt.encode(payload, KEY, algorithm="HS256")\n',
    },
    {
      name: 'exp 15 minutes ahead through a module constant',
      code: `
        import jwt
        from datetime import datetime, timedelta, timezone
        ACCESS_TOKEN_LIFETIME = timedelta(minutes=15)
        def issue_access_token(user_id):
            now = datetime.now(timezone.utc)
            payload = {"sub": str(user_id), "iat": now, "exp": now + ACCESS_TOKEN_LIFETIME}
            return jwt.encode(payload, KEY, algorithm="HS256")
      `,
    },
    {
      name: 'exp as epoch seconds, one hour',
      code: `
        import jwt, time
        token = jwt.encode({"sub": "1", "exp": int(time.time()) + 3600}, KEY, algorithm="HS256")
      `,
    },
    {
      name: 'exp added after the literal, or by update()',
      code: `
        import jwt
        from datetime import datetime, timedelta
        def a(uid):
            payload = {"sub": uid}
            payload["exp"] = datetime.utcnow() + timedelta(hours=1)
            return jwt.encode(payload, KEY, algorithm="HS256")
        def b(uid):
            claims = {"sub": uid}
            claims.update(exp=datetime.utcnow() + timedelta(minutes=30))
            return jwt.encode(claims, KEY, algorithm="HS256")
      `,
    },
    {
      name: 'a payload built elsewhere or passed through a helper is unknown',
      code: `
        import jwt
        def issue(claims):
            return jwt.encode(claims, KEY, algorithm="HS256")
        def issue2(uid):
            payload = {"sub": uid}
            add_standard_claims(payload)
            return jwt.encode(payload, KEY, algorithm="HS256")
        def issue3(uid):
            return jwt.encode({**BASE_CLAIMS, "sub": uid}, KEY, algorithm="HS256")
      `,
    },
    {
      name: 'exp from configuration is not measured',
      code: `
        import jwt
        from datetime import datetime, timedelta
        token = jwt.encode({"sub": "1", "exp": datetime.utcnow() + timedelta(seconds=app.config["TTL"])}, KEY)
      `,
    },
    {
      name: 'refresh token with 14 days, and Flask-JWT-Extended defaults',
      code: `
        import jwt
        from datetime import datetime, timedelta
        from flask_jwt_extended import create_access_token, create_refresh_token
        def issue_refresh_token(uid):
            return jwt.encode({"sub": uid, "exp": datetime.utcnow() + timedelta(days=14)}, KEY)
        a = create_access_token(identity="u")
        b = create_refresh_token(identity="u", expires_delta=timedelta(days=30))
        JWT_REFRESH_TOKEN_EXPIRES = timedelta(days=30)
        JWT_ACCESS_TOKEN_EXPIRES = timedelta(hours=1)
      `,
    },
  ],
  invalid: [
    {
      name: 'exp deleted on one branch before the encode (a never-expiring API key token)',
      code: 'import jwt\nfrom datetime import datetime, timedelta\n\ndef create_token(user, ttl):\n    payload = {"sub": user, "exp": datetime.utcnow() + timedelta(minutes=15)}\n    if ttl == -1:\n        del payload["exp"]\n    else:\n        payload["exp"] = datetime.utcnow() + timedelta(days=ttl)\n    return jwt.encode(payload, KEY, algorithm="HS256")\n',
      findings: [{ line: 7, message: /removed .*line 10/ }],
    },
    {
      name: 'exp popped before the encode',
      code: 'import jwt\n\ndef forever(user, exp_at):\n    payload = {"sub": user, "exp": exp_at}\n    payload.pop("exp")\n    return jwt.encode(payload, KEY, algorithm="HS256")\n',
      findings: [{ line: 5 }],
    },
    {
      name: 'payload with no exp (reported at the dict)',
      code: `
        import jwt
        from datetime import datetime
        def issue_access_token(user_id):
            payload = {"sub": str(user_id), "iat": datetime.utcnow()}
            return jwt.encode(payload, JWT_SIGNING_KEY, algorithm="HS256")
      `,
      findings: [{ line: 4, severity: 'medium', message: /no `exp` claim \(encoded on line 5\)/ }],
    },
    {
      name: 'exp 30 days, 48 hours and a week of seconds ahead',
      code: `
        import jwt, time
        import datetime as dt
        from jose import jwt as jose_jwt
        a = jwt.encode({"sub": "1", "exp": dt.datetime.utcnow() + dt.timedelta(days=30)}, KEY)
        now = dt.datetime.utcnow()
        b = jose_jwt.encode({"sub": "1", "exp": now + dt.timedelta(hours=48)}, KEY)
        c = jwt.encode(dict(sub="1", exp=time.time() + 86400 * 7), KEY)
      `,
      findings: [
        { line: 4, message: /30 days ahead/ },
        { line: 6, message: /48 hours/ },
        { line: 7, message: /7 days/ },
      ],
    },
    {
      name: 'refresh token beyond 30 days',
      code: `
        import jwt
        from datetime import datetime, timedelta
        payload = {"sub": "1", "type": "refresh", "exp": datetime.utcnow() + timedelta(days=90)}
        token = jwt.encode(payload, KEY)
      `,
      findings: [{ line: 3, message: /refresh token stays valid longer than 30 days/ }],
    },
    {
      name: 'Flask-JWT-Extended lifetimes',
      code: `
        from datetime import timedelta
        from flask_jwt_extended import create_access_token
        class Config:
            JWT_ACCESS_TOKEN_EXPIRES = timedelta(days=30)
            JWT_REFRESH_TOKEN_EXPIRES = timedelta(days=365)
        app.config["JWT_ACCESS_TOKEN_EXPIRES"] = timedelta(days=1) * 2
        token = create_access_token(identity=user.id, expires_delta=timedelta(weeks=1))
        app.config.update(JWT_ACCESS_TOKEN_EXPIRES=86400 * 3, JWT_EXPIRATION_DELTA=timedelta(days=30))
      `,
      findings: [
        { line: 4, message: /JWT_ACCESS_TOKEN_EXPIRES is 30 days/ },
        { line: 5, message: /refresh/ },
        { line: 6, message: /48 hours/ },
        { line: 7, message: /create_access_token/ },
        { line: 8, message: /3 days/ },
        { line: 8, message: /JWT_EXPIRATION_DELTA/ },
      ],
    },
  ],
});

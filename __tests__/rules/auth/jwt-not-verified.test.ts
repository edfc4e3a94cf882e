import { jwtNotVerified } from '../../../src/rules/auth/jwt-not-verified.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(jwtNotVerified, {
  valid: [
    {
      name: 'decode with a key and pinned algorithms',
      code: `
        import jwt
        def read(token):
            return jwt.decode(token, KEY, algorithms=["HS256"], options={"verify_signature": True, "require": ["exp"]})
      `,
    },
    {
      name: 'get_unverified_header alone to read the key id',
      code: `
        import jwt
        def read(token):
            kid = jwt.get_unverified_header(token)["kid"]
            return jwt.decode(token, KEYS[kid], algorithms=["RS256"])
      `,
    },
    {
      name: 'the words in a comment and a docstring',
      code: `
        import jwt
        def read(token):
            """Never call jwt.decode(token, verify=False)."""
            # options={"verify_signature": False} would accept forged tokens
            return jwt.decode(token, KEY, algorithms=["HS256"])
      `,
    },
    {
      name: 'a local variable named jwt is not PyJWT',
      code: `
        from flask_jwt_extended import JWTManager
        jwt = JWTManager(app)
        claims = jwt.decode(token, verify=False)
      `,
    },
    {
      name: 'verify_exp off is another rule',
      code: `
        import jwt
        claims = jwt.decode(token, KEY, algorithms=["HS256"], options={"verify_exp": False})
      `,
    },
    {
      name: 'a local options dict whose signature check is turned back on before the decode',
      code: `
        import jwt

        def read(token, key):
            opts = {"verify_signature": False}
            opts["verify_signature"] = True
            return jwt.decode(token, key, algorithms=["HS256"], options=opts)
      `,
    },
    {
      name: 'a write after the decode, to another dict, and in another function',
      code: `
        import jwt

        def read(token, key):
            opts = {"verify_aud": False}
            other = {}
            other["verify_signature"] = False
            claims = jwt.decode(token, key, algorithms=["HS256"], options=opts)
            opts["verify_signature"] = False
            return claims

        def elsewhere():
            opts = {}
            opts.update(verify_signature=False)
            return opts
      `,
    },
    {
      name: 'get_unverified_claims of something that is not python-jose',
      code: `
        from myjwt import get_unverified_claims

        def read(token):
            return get_unverified_claims(token)
      `,
    },
    {
      name: 'a value computed at run time is not known to be False',
      code: `
        import jwt

        def read(token, key, debug):
            opts = {"verify_signature": not debug}
            return jwt.decode(token, key, algorithms=["HS256"], options=opts)
      `,
    },
  ],
  invalid: [
    {
      name: 'PyJWT 2 verify_signature False',
      code: `
        import jwt
        def read_partner_token(token):
            return jwt.decode(token, options={"verify_signature": False})
      `,
      findings: [{ line: 3, severity: 'critical', message: /verify_signature: False/ }],
    },
    {
      name: 'PyJWT 1.x verify=False, by keyword and third argument',
      code: `
        import jwt
        a = jwt.decode(token, verify=False)
        b = jwt.decode(token, KEY, False)
      `,
      findings: [{ line: 2, message: /verify=False/ }, { line: 3 }],
    },
    {
      name: 'options through a module constant',
      code: `
        import jwt
        NO_VERIFY = {"verify_signature": False, "verify_exp": False}
        def read(token):
            return jwt.decode(token, KEY, algorithms=["HS256"], options=NO_VERIFY)
      `,
      findings: [{ line: 4 }],
    },
    {
      name: '"none" among the algorithms, any case, also through a variable',
      code: `
        import jwt
        ALLOWED = ["HS256", "None"]
        a = jwt.decode(token, KEY, algorithms=["HS256", "none"])
        b = jwt.decode(token, KEY, algorithms=ALLOWED)
      `,
      findings: [
        { line: 3, message: /"none"/ },
        { line: 4, message: /"None"/ },
      ],
    },
    {
      name: 'python-jose',
      code: `
        from jose import jwt
        claims = jwt.decode(token, KEY, algorithms=["RS256"], options={"verify_signature": False})
      `,
      findings: [{ line: 2 }],
    },
    {
      name: 'verified again in the same function: lowered to medium',
      code: `
        import jwt
        def read(token):
            unverified = jwt.decode(token, options={"verify_signature": False})
            key = ISSUER_KEYS[unverified["iss"]]
            return jwt.decode(token, key, algorithms=["RS256"])
      `,
      findings: [{ line: 3, severity: 'medium', message: /lowered to medium/ }],
    },
    {
      name: 'a test file is still a finding',
      path: 'tests/test_tokens.py',
      code: `
        import jwt
        def test_claims(token):
            assert jwt.decode(token, options={"verify_signature": False})["sub"] == "1"
      `,
      findings: [{ line: 3 }],
    },
    {
      name: 'an options dict built, then updated, before the decode',
      code: `
        import jwt

        def read(token, key):
            opts = {"verify_signature": True}
            opts["verify_signature"] = False
            return jwt.decode(token, key, algorithms=["HS256"], options=opts)

        def read2(token, key):
            opts = {"verify_aud": False}
            opts.update({"verify_signature": False})
            return jwt.decode(token, key, algorithms=["HS256"], options=opts)

        def read3(token, key, options=None):
            options = options or {}
            if not key:
                options.update(verify_signature=False)
            return jwt.decode(token, key, algorithms=["HS256"], options=options)
      `,
      findings: [{ line: 6, severity: 'critical', message: /verify_signature: False/ }, { line: 11 }, { line: 17 }],
    },
    {
      name: 'options given as dict(...) and through a module-level variable',
      code: `
        import jwt

        UNVERIFIED = dict(verify_signature=False)

        def read(token):
            return jwt.decode(token, options=UNVERIFIED)
      `,
      findings: [{ line: 6 }],
    },
    {
      name: 'python-jose: aliased module, get_unverified_claims',
      code: `
        import jose.jwt
        from jose import jwt as jose_jwt

        def read(token, key):
            return jose.jwt.decode(token, key, options={"verify_signature": False})

        def user_of(token):
            claims = jose_jwt.get_unverified_claims(token)
            return claims["sub"]
      `,
      findings: [
        { line: 5, message: /^jose\.jwt\.decode\(\) with `verify_signature: False`/ },
        {
          line: 8,
          severity: 'critical',
          message: /^jose_jwt\.get_unverified_claims\(\) reads the claims without checking/,
        },
      ],
    },
    {
      name: 'python-jose claims read to pick the key, then verified: lowered to medium',
      code: `
        from jose import jwt

        def read(token):
            issuer = jwt.get_unverified_claims(token)["iss"]
            return jwt.decode(token, KEYS[issuer], algorithms=["RS256"])
      `,
      findings: [{ line: 4, severity: 'medium', message: /lowered to medium/ }],
    },
  ],
});

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
  ],
});

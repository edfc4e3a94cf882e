import { jwtAlgorithmNotPinned } from '../../../src/rules/auth/jwt-algorithm-not-pinned.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(jwtAlgorithmNotPinned, {
  valid: [
    {
      name: 'algorithms pinned by keyword, position and variable',
      code: `
        import jwt
        ALGS = ["HS256"]
        a = jwt.decode(token, KEY, algorithms=["HS256"])
        b = jwt.decode(token, KEY, ["RS256"])
        c = jwt.decode(token, KEY, algorithms=ALGS)
        d = jwt.decode(token, KEY, algorithms=current_app.config["JWT_ALGORITHMS"])
      `,
    },
    {
      name: 'signature off is FCG408, not this rule',
      code: `
        import jwt
        a = jwt.decode(token, options={"verify_signature": False})
        b = jwt.decode(token, verify=False)
      `,
    },
    {
      name: 'encode and other libraries',
      code: `
        import jwt
        import base64
        t = jwt.encode({"sub": "1", "exp": 1}, KEY, algorithm="HS256")
        raw = base64.b64decode(token)
        data = json.decode(token)
      `,
    },
    {
      name: 'a call with **kwargs may carry algorithms',
      code: `
        import jwt
        DECODE = {"algorithms": ["HS256"]}
        claims = jwt.decode(token, KEY, **DECODE)
      `,
    },
  ],
  invalid: [
    {
      name: 'no algorithms (PyJWT 1.x accepts the token header)',
      code: `
        import jwt
        from flask import current_app
        def read_access_token(token):
            return jwt.decode(token, current_app.config["JWT_SECRET_KEY"])
      `,
      findings: [{ line: 4, severity: 'medium', message: /without `algorithms=`/ }],
    },
    {
      name: 'algorithms=None and python-jose without algorithms',
      code: `
        import jwt as pyjwt
        from jose import jwt
        a = pyjwt.decode(token, KEY, algorithms=None)
        b = jwt.decode(token, PUBLIC_KEY)
      `,
      findings: [{ line: 3 }, { line: 4 }],
    },
    {
      name: 'algorithms taken from the unverified header',
      code: `
        import jwt
        def read(token):
            header = jwt.get_unverified_header(token)
            return jwt.decode(token, PUBLIC_KEY, algorithms=[header["alg"]])
        def read2(token):
            alg = jwt.get_unverified_header(token).get("alg")
            return jwt.decode(token, PUBLIC_KEY, algorithms=[alg])
      `,
      findings: [
        { line: 4, message: /unverified header/ },
        { line: 7, message: /unverified header/ },
      ],
    },
  ],
});

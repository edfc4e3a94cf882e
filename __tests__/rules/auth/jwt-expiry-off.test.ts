import { jwtExpiryOff } from '../../../src/rules/auth/jwt-expiry-off.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(jwtExpiryOff, {
  valid: [
    {
      name: 'expiry verified and required',
      code: `
        import jwt
        claims = jwt.decode(token, KEY, algorithms=["HS256"], options={"require": ["exp"], "verify_exp": True})
      `,
    },
    {
      name: 'Flask-JWT-Extended with short lifetimes',
      code: `
        from datetime import timedelta
        from flask_jwt_extended import create_access_token
        JWT_ACCESS_TOKEN_EXPIRES = timedelta(minutes=15)
        token = create_access_token(identity=user.id, expires_delta=timedelta(minutes=5))
      `,
    },
    {
      name: 'signature off as well: FCG408 reports it',
      code: `
        import jwt
        claims = jwt.decode(token, options={"verify_signature": False, "verify_exp": False})
      `,
    },
    {
      name: 'other options and a comment',
      code: `
        import jwt
        # options={"verify_exp": False} is not what we want
        claims = jwt.decode(token, KEY, algorithms=["HS256"], options={"verify_aud": False})
        other = {"verify_exp": False}  # not handed to a decoder
      `,
    },
    {
      name: 'expires_delta=0 and JWT_ACCESS_TOKEN_EXPIRES = 0 expire at once, not never',
      code: `
        from flask_jwt_extended import create_access_token
        JWT_ACCESS_TOKEN_EXPIRES = 0
        token = create_access_token("u", expires_delta=0)
      `,
    },
    {
      name: 'Authlib claims validated, returned to the caller, or passed on',
      code: `
        from authlib.jose import jwt

        def read(token, key):
            claims = jwt.decode(token, key)
            claims.validate()
            return claims["sub"]

        def decode(token, key):
            return jwt.decode(token, key)

        def check(token, key):
            claims = jwt.decode(token, key)
            validate_claims(claims)
            return claims["sub"]

        def chained(token, key):
            jwt.decode(token, key).validate()
      `,
    },
    {
      name: 'a local options dict that turns verify_exp back on; a jwt that is not Authlib',
      code: `
        import jwt as pyjwt

        def read(token, key):
            opts = {"verify_exp": False}
            opts["verify_exp"] = True
            return pyjwt.decode(token, key, algorithms=["HS256"], options=opts)

        class jwt:
            @staticmethod
            def decode(token, key):
                return {}

        def other(token, key):
            claims = jwt.decode(token, key)
            return claims["sub"]
      `,
    },
  ],
  invalid: [
    {
      name: 'verify_exp False inline and through a variable',
      code: `
        import jwt
        from jose import jwt as jose_jwt
        def read_mobile_token(token):
            return jwt.decode(token, KEY, algorithms=["HS256"], options={"verify_exp": False})
        def read_jose(token):
            opts = {"verify_exp": False}
            return jose_jwt.decode(token, KEY, algorithms=["HS256"], options=opts)
      `,
      findings: [{ line: 4, message: /verify_exp: False/ }, { line: 7 }],
    },
    {
      name: 'Flask-JWT-Extended settings False in every form',
      code: `
        class Config:
            JWT_ACCESS_TOKEN_EXPIRES = False
        app.config["JWT_REFRESH_TOKEN_EXPIRES"] = False
        app.config.from_mapping({"JWT_ACCESS_TOKEN_EXPIRES": False})
        class TestingConfig(Config):
            JWT_ACCESS_TOKEN_EXPIRES = False
      `,
      findings: [
        { line: 2, message: /access tokens never expire/ },
        { line: 3, message: /refresh tokens never expire/ },
        { line: 4 },
        { line: 6, severity: 'low' },
      ],
    },
    {
      name: 'create_access_token(expires_delta=False)',
      code: `
        from flask_jwt_extended import create_access_token, create_refresh_token
        a = create_access_token(identity=user.id, expires_delta=False)
        b = create_refresh_token(user.id, False, False)
      `,
      findings: [{ line: 2, message: /create_access_token/ }, { line: 3 }],
    },
    {
      name: 'verify_exp turned off by a write to the options dict before the decode',
      code: `
        import jwt

        def read(token, key):
            opts = {"require": ["sub"]}
            opts["verify_exp"] = False
            return jwt.decode(token, key, algorithms=["HS256"], options=opts)
      `,
      findings: [{ line: 6, message: /verify_exp: False/ }],
    },
    {
      name: 'Authlib claims read without claims.validate()',
      code: `
        from authlib.jose import jwt

        def user_id(token, key):
            claims = jwt.decode(token, key)
            return claims["sub"]

        def user_id2(token, key):
            return jwt.decode(token, key).get("sub")
      `,
      findings: [
        { line: 4, message: /^Authlib jwt\.decode\(\) checks the signature only/ },
        { line: 8, message: /claims\.validate\(\)/ },
      ],
    },
  ],
});

import { ldapPlaintextBind } from '../../../src/rules/transport/ldap-plaintext.js';
import { dedent, ruleTester } from '../../helpers/rule-tester.js';

ruleTester(ldapPlaintextBind, {
  valid: [
    {
      name: 'ldaps:// with StartTLS off (StartTLS is ignored for ldaps)',
      path: 'config.py',
      code: dedent(`
        LDAP_SERVER_URI = "ldaps://dc1.corp.example.com:636"
        LDAP_USE_STARTTLS = False
        LDAP_CA_CERT_FILE = "/etc/ssl/ca.pem"
      `),
    },
    {
      name: 'ldap:// with StartTLS on, in a settings module and in Flask-AppBuilder form',
      path: 'superset_config.py',
      code: dedent(`
        AUTH_LDAP_SERVER = "ldap://ldap.corp.example.com"
        AUTH_LDAP_USE_TLS = True
        LDAP_SERVER_URI = "ldap://dc1.corp.example.com"
        LDAP_USE_STARTTLS = True
      `),
    },
    {
      name: 'StartTLS off with the server read from the environment, and with no server in the file',
      path: 'config.py',
      code: dedent(`
        import os
        LDAP_SERVER_URI = os.environ["LDAP_SERVER_URI"]
        LDAP_USE_STARTTLS = False
      `),
    },
    {
      name: 'a URI with a placeholder host and no StartTLS setting',
      path: 'config.py',
      code: 'AUTH_LDAP_SERVER = "ldap://<your-ldap-host>"\nAUTH_LDAP_SEARCH = "ou=people,dc=example,dc=com"\n',
    },
    {
      name: 'StartTLS off next to a placeholder URI without a scheme',
      path: 'config.py',
      code: 'LDAP_BIND_URI = "<ldap-uri>"\nLDAP_USE_TLS = False\n',
    },
    {
      name: 'an ldap:// value under a key without LDAP in it, and ldapi://',
      path: 'config.py',
      code: dedent(`
        DIRECTORY_URL = "ldap://dc1.corp.example.com"
        LDAP_URI = "ldapi://%2Fvar%2Frun%2Fslapd%2Fldapi"
      `),
    },
    {
      name: 'python-ldap with start_tls_s before the bind',
      code: dedent(`
        import ldap

        def login(user, password):
            conn = ldap.initialize("ldap://dc1.corp.example.com")
            conn.start_tls_s()
            conn.simple_bind_s(user, password)
      `),
    },
    {
      name: 'python-ldap over ldaps, and a URI from configuration',
      code: dedent(`
        import ldap
        from flask import current_app

        def login(user, password):
            conn = ldap.initialize("ldaps://dc1.corp.example.com")
            conn.simple_bind_s(user, password)
            other = ldap.initialize(current_app.config["LDAP_URI"])
            other.simple_bind_s(user, password)
      `),
    },
    {
      name: 'ldap3 with use_ssl, port 636, StartTLS before bind, and an anonymous connection',
      code: dedent(`
        from ldap3 import Server, Connection, AUTO_BIND_TLS_BEFORE_BIND

        def a(user, password):
            server = Server("dc1.corp.example.com", use_ssl=True)
            return Connection(server, user=user, password=password, auto_bind=True)

        def b(user, password):
            server = Server("dc1.corp.example.com", port=636)
            return Connection(server, user, password, auto_bind=True)
      `),
    },
    {
      name: 'ldap3 on ldap:// with AUTO_BIND_TLS_BEFORE_BIND',
      code: dedent(`
        from ldap3 import Server, Connection, AUTO_BIND_TLS_BEFORE_BIND

        def login(user, password):
            server = Server("ldap://dc1.corp.example.com")
            return Connection(server, user=user, password=password, auto_bind=AUTO_BIND_TLS_BEFORE_BIND)
      `),
    },
    {
      name: 'ldap3 anonymous lookups (no password crosses)',
      code: dedent(`
        import ldap3

        server = ldap3.Server("ldap://directory.example.org")
        conn = ldap3.Connection(server, auto_bind=True)
        conn.search("dc=example,dc=org", "(uid=jdoe)")
      `),
    },
    {
      name: 'a Server model of another library in a file that does not import ldap3',
      code: dedent(`
        from app.models import Server, Connection

        s = Server("db1.example.com")
        c = Connection(s, "admin", "pw")
        c.bind()
      `),
    },
  ],
  invalid: [
    {
      name: 'StartTLS off next to an ldap:// server with a placeholder host (the shipped default)',
      path: 'web/config.py',
      code: dedent(`
        LDAP_AUTO_CREATE_USER = True
        LDAP_SERVER_URI = 'ldap://<ip-address>:<port>'
        LDAP_SEARCH_BASE_DN = '<Search-Base-DN>'
        # Use TLS? If the URI scheme is ldaps://, this is ignored.
        LDAP_USE_STARTTLS = False
      `),
      findings: [
        { line: 5, severity: 'medium', message: /LDAP_USE_STARTTLS is False with LDAP_SERVER_URI an ldap:\/\/ URI/ },
      ],
    },
    {
      name: 'Flask-AppBuilder: a real ldap:// server with TLS off, and one with no TLS setting',
      path: 'superset_config.py',
      code: dedent(`
        from flask_appbuilder.security.manager import AUTH_LDAP
        AUTH_TYPE = AUTH_LDAP
        AUTH_LDAP_SERVER = "ldap://ldap.corp.example.com:389"
        AUTH_LDAP_USE_TLS = False
      `),
      findings: [{ line: 4, severity: 'high' }],
    },
    {
      name: 'an ldap:// server with no StartTLS setting in the file, in a config class and app.config',
      code: dedent(`
        from flask import Flask

        class Config:
            LDAP_BIND_URI = "ldap://dc1.corp.example.com"

        class DevelopmentConfig(Config):
            LDAP_BIND_URI = "ldap://ldap.dev.example.com"

        app = Flask(__name__)
        app.config["LDAP_SERVER_URI"] = "ldap://localhost:389"
      `),
      findings: [
        { line: 4, severity: 'high', message: /no StartTLS setting/ },
        { line: 7, severity: 'low', message: /development/ },
        { line: 10, severity: 'low', message: /local host/ },
      ],
    },
    {
      name: 'python-ldap: initialize on ldap:// and a password bind without start_tls_s',
      code: dedent(`
        import ldap

        LDAP_URL = "ldap://dc1.corp.example.com:389"

        def check_password(username, password):
            conn = ldap.initialize(LDAP_URL)
            conn.set_option(ldap.OPT_REFERRALS, 0)
            conn.simple_bind_s("uid=%s,ou=people,dc=example,dc=com" % username, password)
            return True
      `),
      findings: [{ line: 6, severity: 'high', message: /ldap\.initialize/ }],
    },
    {
      name: 'ldap3: an ldap:// server, a bare host, and a bind with a password',
      code: dedent(`
        from ldap3 import Server, Connection, ALL

        def authenticate(user, password):
            primary = Server("ldap://dc1.corp.example.com", get_info=ALL)
            backup = Server("dc2.corp.example.com", port=389)
            conn = Connection(primary, user=user, password=password)
            return conn.bind()
      `),
      findings: [
        { line: 4, severity: 'high', message: /ldap3\.Server/ },
        { line: 5, severity: 'high' },
      ],
    },
  ],
});

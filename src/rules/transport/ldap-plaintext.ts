import type { Rule } from '../rule.js';
import { ldapPlaintext, isPlaceholderHost } from '../../models/ldap/plaintext.js';
import { connectionSeverity, settingContextSeverity } from '../../models/context/severity-policy.js';
import { spanOf } from '../../lang/python/span.js';

export const ldapPlaintextBind: Rule = {
  meta: {
    id: 'FCG110',
    name: 'ldap-plaintext',
    family: 'transport',
    severity: 'high',
    cwe: [319, 523],
    title: 'LDAP login over plaintext: an ldap:// server without StartTLS',
    what: [
      "Configuration that sends LDAP logins in plaintext: a setting with LDAP in its name that is an `ldap://` URI (`LDAP_SERVER_URI`, Flask-AppBuilder's `AUTH_LDAP_SERVER`, `LDAP_BIND_URI`) next to StartTLS turned off in the same file (`LDAP_USE_STARTTLS = False`, `AUTH_LDAP_USE_TLS = False`, `LDAP_START_TLS = False`), reported at the StartTLS setting (also when the URI's host is a placeholder such as `ldap://<host>:389`, the documented default an installation inherits); and such a URI with a real host and no StartTLS setting in the file, reported at the URI (the extensions that read these settings start TLS only when told to). Every Flask configuration form is read (settings modules, config classes, `app.config[...]`).",
      'Code: python-ldap `ldap.initialize("ldap://...")` in a module that binds with a password (`simple_bind_s`, `bind_s`) and never calls `start_tls_s()`; ldap3 `Server("ldap://...")` or `Server("host")` without `use_ssl=True` and not on port 636/3269, in a module that opens a `Connection` with a password or calls `.bind()`, and neither calls `start_tls()` nor binds with `auto_bind=AUTO_BIND_TLS_BEFORE_BIND`.',
      'Not reported: `ldaps://` and `ldapi://` URIs, StartTLS turned on, URIs read from the environment or built at run time, a StartTLS switch that is off in a file naming no `ldap://` server (or only an `ldaps://` one), anonymous ldap3 connections (no password crosses), and settings whose key does not contain LDAP. Local hosts (`ldap://localhost`) and development or test configuration are reported at low.',
    ].join('\n\n'),
    why: "An LDAP simple bind sends the user's distinguished name and password as they were typed. Over `ldap://` without StartTLS, anyone on the network path between the application and the directory (a shared VLAN, a compromised router, a cloud peering link) reads every login's password, and with it the user's directory account, which usually opens far more than this application (CWE-319, CWE-523).",
    bad: {
      lang: 'python',
      code: 'LDAP_SERVER_URI = "ldap://dc1.corp.example.com:389"\nLDAP_USE_STARTTLS = False',
    },
    good: {
      lang: 'python',
      code: 'LDAP_SERVER_URI = "ldaps://dc1.corp.example.com:636"\n# or keep ldap:// and upgrade the connection before binding:\nLDAP_USE_STARTTLS = True\nLDAP_CA_CERT_FILE = "/etc/ssl/corp-ca.pem"',
    },
    fix: "Use an `ldaps://` URI (port 636), or turn StartTLS on so the connection is encrypted before the bind, and verify the directory's certificate against your CA. With python-ldap call `conn.start_tls_s()` before `simple_bind_s`; with ldap3 pass `use_ssl=True` to `Server` or `auto_bind=AUTO_BIND_TLS_BEFORE_BIND` to `Connection`.",
    limits: [
      'Settings are matched by file: a StartTLS switch set in another configuration module (a `config_local.py`, an environment override) is not seen, so a URI reported without a StartTLS setting may be upgraded elsewhere; suppress it there. A StartTLS switch that is off is reported only when the same file names an `ldap://` server.',
      'In code, the URI must be written in the module (directly or through a constant); servers from configuration are not followed to their settings, and a bind in another module is not connected to the server opened here. TLS options (`OPT_X_TLS_*`, `Tls(...)`) are not checked: they matter only once TLS runs.',
    ].join('\n\n'),
    precision: 'high',
  },
  check(ctx) {
    if (!ctx.python) return;
    for (const f of ldapPlaintext(ctx.python, ctx.file.path)) {
      const span = spanOf(f.node);
      const placeholder = isPlaceholderHost(f.host);
      const byContext = settingContextSeverity(f.context, 'high', f.form.startsWith('config') ? 'class' : 'file');
      const c =
        byContext.severity !== 'high'
          ? byContext
          : placeholder
            ? {
                severity: 'medium' as const,
                note: ' (the server is a placeholder: this is the default every installation inherits; lowered to medium)',
              }
            : connectionSeverity(ctx, [f.host], span, 'high');
      ctx.report({
        span,
        severity: c.severity,
        message: `${f.detail}: LDAP binds, which carry each user's password, go to the directory in plaintext${c.note}.`,
      });
    }
  },
};

import { parseConnectionString } from '../../models/connections/parse.js';
import { fileRoleSeverity } from '../../models/context/severity-policy.js';
import { isPlaceholder } from '../../core/placeholder.js';
import type { ConfigEntry } from '../../parse/config/types.js';
import { spanOf } from '../../lang/python/span.js';
import { isDocstring, stringValue } from '../../lang/python/strings.js';
import type { Rule, RuleContext } from '../rule.js';
import { secretName } from '../../models/names/secret-names.js';
import { tokenFormatIn } from '../../models/secrets/token-formats.js';
import { endsWithPasswordWord } from '../../models/names/passwords.js';

/** Values that configure rather than hold a secret: switches, modes, permission levels. */
const SETTING_WORDS = new Set([
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'enabled',
  'disabled',
  'enable',
  'disable',
  'required',
  'optional',
  'none',
  'null',
  'nil',
  'read',
  'write',
  'auto',
  'default',
  'inherit',
  'trust',
  'md5',
  'scram-sha-256',
  'cert',
]);

/**
 * Where a value points at a secret kept elsewhere: a variable, a command's output, a secret
 * manager's reference, an encrypted blob (sops `ENC[...]`, Ansible Vault).
 */
const REFERENCE =
  /\$\{|\$\(|`|^\$[A-Za-z_]|%[A-Za-z_][A-Za-z0-9_]*%|\{\{|<[^<>]+>|^ENC\[|\$ANSIBLE_VAULT|^(?:vault|op|sm|gcp|azure|awssm|ref\+[a-z]+):|^arn:aws[a-z-]*:|@Microsoft\.KeyVault\(|^!/;
/** Words that say "put the real one here". */
const PLACEHOLDER_TEXT =
  /change[-_ ]?(?:me|this|it)|^your[-_ ]|replace[-_ ]?(?:me|this|with)|^example|^dummy|^fake|^not[-_ ]?a[-_ ]?secret/i;
/** A file holding the secret (Docker secrets, mounted keys) is the right way, not a leak. */
const FILE_PATH =
  /^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\|file:)|^[\w.\-/]+\.(?:pem|key|crt|cer|der|p12|pfx|jks|json|txt|asc|gpg|pub|keystore|secret)$/i;
const NUMBER = /^[+-]?\d[\d_]*(?:\.\d+)?$/;
/** A version or range: `^1.2.3`, `>=2.0`, `~4.1.0-rc.1`. */
const VERSION = /^(?:[\^~]|[<>]=?|=)?\s*v?\d+(?:\.(?:\d+|x|\*))+(?:[-+][\w.-]+)?$/;
/** Package manifests name packages (`@octokit/auth-token`) where other files name settings. */
const PACKAGE_LISTS = new Set([
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
  'bundledDependencies',
  'resolutions',
  'overrides',
  'packages',
  'requires',
]);
/**
 * Flask's own secrets are FCG203 `hardcoded-flask-secret`'s, in config files too (as the
 * variables an app reads and with the `FLASK_` prefix `from_prefixed_env()` reads): one finding
 * per committed value.
 */
const FLASK_SECRET_SETTINGS = new Set([
  'SECRET_KEY',
  'SECRET_KEY_FALLBACKS',
  'JWT_SECRET_KEY',
  'SECURITY_PASSWORD_SALT',
  'WTF_CSRF_SECRET_KEY',
]);
/** Hosts reserved for documentation and tests (RFC 2606). */
const RESERVED_HOST = /^(?:[^/@:]*\.)?(?:example\.(?:com|org|net)|[^/@:]+\.(?:example|test|invalid))(?=[:/?#]|$)/i;
/**
 * SQLAlchemy's documented URL template, which Alembic's stock alembic.ini carries:
 * `driver://user:pass@localhost/dbname`, `dialect+driver://username:password@host:port/database`.
 * No database is reached by the scheme `driver`: the whole URL is a placeholder.
 */
const TEMPLATE_SCHEME = /^(?:driver|dialect(?:\+driver)?):\/\/$/i;
/** A non-database URI with a password in its user info: `redis://:pw@cache`, `amqp://u:pw@mq`. */
const URI_WITH_PASSWORD = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^:/@\s]*):([^/@\s]+)@(\S*)$/;

// The fixed prefixes of the formats in token-format-helpers.ts (private keys may be written with
// `\n` escapes in Python, so only the header words are looked for).
const TOKEN_PREFIXES = /AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|PRIVATE KEY|k_live_|AIza|SG\.|npm_/;

export const secretInConfigFile: Rule = {
  meta: {
    id: 'FCG206',
    name: 'secret-in-config-file',
    family: 'secrets',
    severity: 'high',
    cwe: [798, 260],
    title: 'Secret value committed in a configuration file',
    what: 'An entry of a `.env`/`.flaskenv` file, YAML (docker-compose `environment` as a map or a `- KEY=value` list, Kubernetes `env[].value` and `Secret` manifests, Helm values, CI workflow `env:`), JSON, TOML, INI, a Java `.properties` file, a Dockerfile `ENV`/`ARG`, a shell script (also a JSON body passed to `curl --data` or in a here-document, and scripts, environment files and `key = value` `.conf` files recognised by their content, as the README\'s "How discovery works" says) or a Makefile whose key names a secret (`PASSWORD`, `PASSWD`, `DB_PASS`, `PWD`, `SECRET`, `TOKEN`, `API_KEY`/`APIKEY`, `PRIVATE_KEY`, `ACCESS_KEY`, `CLIENT_SECRET`, `CREDENTIALS`, `SALT`, `BASIC_AUTH`, and `*_KEY` with a secret-ish prefix such as `SIGNING_KEY`, `ENCRYPTION_KEY`, `FERNET_KEY`, `AWS_SECRET_ACCESS_KEY`) and whose value is a literal; a non-database URI with a password in it (`redis://:pw@cache`, `amqp://user:pw@mq`); and, whatever the key, a value in a recognisable credential format: AWS access key ids (`AKIA…`), GitHub (`ghp_…`, `github_pat_…`), GitLab (`glpat-…`), Slack (`xox[baprs]-…`), Stripe live keys (`sk_live_…`), Google API keys (`AIza…`), SendGrid and npm tokens, and private key blocks (`-----BEGIN … PRIVATE KEY-----` with a body). The credential formats are also looked for in Python string literals (not docstrings or comments). In CI files (`.github/workflows`, `.gitlab-ci.yml`, `tox.ini`, …) a secret found by its key is lowered to low: it usually configures the throw-away database the tests start; credential formats stay high.',
    why: 'A secret committed to the repository is readable by everyone with read access, in every clone and fork, and stays in the history after the line is deleted (CWE-798, CWE-260). Config files are copied into images, CI logs and support bundles, and are the first place an attacker with read access looks.',
    bad: {
      lang: 'yaml',
      code: 'services:\n  web:\n    build: .\n    environment:\n      MAIL_PASSWORD: ledger-mail-2024\n      STRIPE_API_KEY: rk-ledger-billing-4f2a9c',
    },
    good: {
      lang: 'yaml',
      code: 'services:\n  web:\n    build: .\n    environment:\n      MAIL_PASSWORD: ${MAIL_PASSWORD}    # from the git-ignored .env or the CI secret store\n      STRIPE_API_KEY: ${STRIPE_API_KEY}',
    },
    fix: 'Replace the value with a reference (`${MAIL_PASSWORD}` in compose, `valueFrom.secretKeyRef` in Kubernetes, `${{ secrets.X }}` in workflows, a `*_FILE` path to a mounted secret), keep real values in a git-ignored `.env` or a secret manager, commit a `.env.example` with placeholders, and rotate the secret that was committed: removing it from the file does not remove it from the history.',
    limits:
      "Key names decide: a secret under a neutral key (`VALUE`, `DATA`) is only found when it has a recognisable credential format. Keys that describe a secret rather than hold it (`PASSWORD_RESET_URL`, `TOKEN_EXPIRES`, `SECRET_NAME`, `PRIVATE_KEY_PATH`, `PUBLIC_KEY`, `SORT_KEY`) are skipped, as are Helm and operator keys that name the Kubernetes Secret holding the material (`nodeSecret: cockroachdb-node`, `imagePullSecret: regcred`, `existingSecret: app-db`: a camelCase `...Secret`/`...SecretName` key whose value is a resource name made of words; `clientSecret`, `webhookSecret` and other application secrets stay reported), booleans, numbers (but an all-digit value of four digits or more under a key ending in a password word, `POSTGRES_PASSWORD=12345`, is a password, outside test code, where `1234` is a fixture's dummy), file paths, references (`${VAR}`, `$VAR`, `{{ ... }}`, `<...>`, `secretKeyRef`, `ENC[...]`) and placeholders (`changeme`, `your-…`, documented samples such as AWS's `…EXAMPLEKEY`, SQLAlchemy's `driver://user:pass@localhost/dbname` template that Alembic's stock alembic.ini carries). A database URI with a password is FCG201 `password-in-connection-string`; Flask's own secrets (`SECRET_KEY`, `JWT_SECRET_KEY`, `SECURITY_PASSWORD_SALT`, `WTF_CSRF_SECRET_KEY`, also `FLASK_`-prefixed) are FCG203 `hardcoded-flask-secret`, in config files too. Files named `*.example`, `*.sample`, `*.template` or `*.dist` are not scanned. Values are never printed.",
    precision: 'high',
    confidence: 'medium',
  },
  check(ctx) {
    if (ctx.config) {
      for (const entry of ctx.config.entries) checkEntry(ctx, entry);
    }
    // Token formats start with fixed prefixes; a file with none of them needs no string walk.
    if (ctx.python && TOKEN_PREFIXES.test(ctx.file.text)) {
      for (const node of ctx.python.strings) {
        const text = stringValue(node);
        if (text === undefined || text.length < 16) continue;
        const found = tokenFormatIn(text);
        if (!found || isDocstring(node)) continue;
        ctx.report({
          span: spanOf(node),
          secrets: [found.match, text],
          message: `${found.name} in a string literal: ${maskFormat(found.match)}. Load it from the environment or a secret store and revoke this one.`,
        });
      }
    }
  },
};

function checkEntry(ctx: RuleContext, entry: ConfigEntry): void {
  if (typeof entry.value !== 'string') return; // booleans, numbers, null: not secrets
  const value = entry.value.trim();
  if (value.length < 3 || VERSION.test(value)) return;
  const where = describe(entry);
  const token = tokenFormatIn(value);
  if (token) {
    ctx.report({
      span: entry.span,
      secrets: [token.match, value],
      message: `${token.name} committed in a config file: ${where}=${maskFormat(token.match)}. Revoke it and load it from a secret store.`,
    });
    return;
  }
  if (value.includes('://')) {
    if (parseConnectionString(value)) return; // a database URI: FCG201 reports its password
    const uri = URI_WITH_PASSWORD.exec(value);
    if (!uri) return;
    const password = uri[3] as string;
    if (notASecret(password) || RESERVED_HOST.test(uri[4] as string) || TEMPLATE_SCHEME.test(uri[1] as string)) return;
    ctx.report({
      span: entry.span,
      secrets: [password, value],
      message: `URI with a literal password committed in a config file: ${where}=${uri[1]}${uri[2]}:****@${uri[4]}.`,
    });
    return;
  }
  if (entry.path.some((p) => typeof p === 'string' && PACKAGE_LISTS.has(p))) return;
  if (FLASK_SECRET_SETTINGS.has(entry.key.replace(/^FLASK_/, ''))) return;
  const named = secretName(entry.key);
  if (!named || FILE_PATH.test(value) || namesAnotherKey(entry.key, value)) return;
  if (notASecret(value) && !(numericPassword(entry.key, value) && ctx.file.role !== 'test')) return;
  if (namesKubernetesSecret(entry.key, value)) return;
  if (parseConnectionString(value)) return;
  // A CI job's password configures the throw-away database its tests start; a token there is
  // real, which is why credential formats above stay high.
  const lowered = fileRoleSeverity(isCiFile(ctx.file.path) ? 'CI' : undefined, 'high');
  ctx.report({
    span: entry.span,
    secrets: [value],
    ...(lowered.note ? { severity: lowered.severity } : {}),
    message: `Secret committed in a config file: ${where}=****. Replace it with a reference to a secret store and rotate it${lowered.note}.`,
  });
}

/** True when a value cannot be a committed secret: a placeholder, a reference, a switch, a number. */
export function notASecret(value: string): boolean {
  if (isPlaceholder(value) || REFERENCE.test(value) || PLACEHOLDER_TEXT.test(value)) return true;
  return SETTING_WORDS.has(value.toLowerCase()) || NUMBER.test(value);
}

/**
 * A password made of digits (`POSTGRES_PASSWORD=12345`) is still a password: numbers are only
 * settings under other secret words (a `TOKEN` can be a count, a `SALT` a number of rounds).
 * In test code (fixtures, mocked API payloads) `1234` is the archetypal dummy: it is left alone there.
 */
function numericPassword(key: string, value: string): boolean {
  if (!/^\d{4,}$/.test(value)) return false;
  return endsWithPasswordWord(key);
}

/**
 * Helm-style `passwordKey: postgres-password` names the key inside a Kubernetes Secret where the
 * password is kept, not the password. Environment-style keys (`SECRET_KEY`) hold values.
 */
function namesAnotherKey(key: string, value: string): boolean {
  if (!/[a-z]Key$/.test(key)) return false;
  return /^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*[-_.]?(?:password|passwd|secret|token|key|salt)$/.test(value);
}

/**
 * Helm values and operator manifests name the Kubernetes Secret that holds certificates or
 * registry credentials (`nodeSecret: cockroachdb-node`, `imagePullSecret: myregistrykey`,
 * `existingSecret: app-db`): a reference to another object, not secret material. The key is a
 * camelCase `...Secret`/`...SecretName` (Kubernetes' own spelling, never an environment variable's)
 * and the value a resource name made of words: every `-`/`.` part all letters or all digits,
 * which a generated secret (`8f14e45f…`, `hunter2`) is not. Keys that by convention hold an
 * application's own secret (`clientSecret`, `webhookSecret`, …) are left to the check.
 */
const KUBERNETES_SECRET_KEY = /^[a-z][a-zA-Z0-9]*Secret(?:Name|Ref)?$|^secretName$/;
const OWN_SECRET_KEYS =
  /^(?:client|app|api|consumer|webhook|shared|jwt|token|signing|session|cookie|oauth|hmac|encryption|master|admin|user|root|db|database)Secret$/i;
const RESOURCE_NAME = /^(?=.{1,253}$)[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

function namesKubernetesSecret(key: string, value: string): boolean {
  if (!KUBERNETES_SECRET_KEY.test(key) || OWN_SECRET_KEYS.test(key) || !RESOURCE_NAME.test(value)) return false;
  return value.split(/[-.]/).every((part) => /^[a-z]+$/.test(part) || /^\d+$/.test(part));
}

const CI_FILES = new Set([
  '.gitlab-ci.yml',
  '.travis.yml',
  'azure-pipelines.yml',
  'bitbucket-pipelines.yml',
  '.drone.yml',
  'tox.ini',
  'pytest.ini',
]);

function isCiFile(path: string): boolean {
  const lower = path.toLowerCase();
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  return /(?:^|\/)\.github\/workflows\/|(?:^|\/)\.circleci\//.test(lower) || CI_FILES.has(base);
}

/** The key as the user finds it in the file: `SECRET_KEY`, or `services.web.environment.SECRET_KEY`. */
function describe(entry: ConfigEntry): string {
  const path = entry.path.filter((p): p is string => typeof p === 'string' && p !== '');
  if (entry.key === '') return path.join('.') || '(a list item)';
  if (path.length <= 1 || path[path.length - 1] !== entry.key) return entry.key;
  const full = path.join('.');
  return full.length <= 80 ? full : entry.key;
}

/** The format's prefix and nothing else: `ghp_****`, `AKIA****`, `-----BEGIN RSA PRIVATE KEY-----****`. */
function maskFormat(match: string): string {
  const header = /^-----BEGIN [A-Z0-9 ]+-----/.exec(match);
  if (header) return `${header[0]}****`;
  const prefix = /^(?:AKIA|ASIA|AIza|github_pat_|gh[pousr]_|glpat-|xox[abposr]-|[sr]k_live_|SG\.|npm_)/.exec(match);
  return `${prefix ? prefix[0] : ''}****`;
}

import type { Rule } from './rule.js';
import { fastPasswordHash } from './auth/fast-password-hash.js';
import { jwtAlgorithmNotPinned } from './auth/jwt-algorithm-not-pinned.js';
import { jwtExpiryOff } from './auth/jwt-expiry-off.js';
import { jwtLongExpiry } from './auth/jwt-long-expiry.js';
import { jwtNotVerified } from './auth/jwt-not-verified.js';
import { loginNotRateLimited } from './auth/login-not-rate-limited.js';
import { plaintextPasswordStored } from './auth/plaintext-password-stored.js';
import { spoofableClientAddress } from './auth/spoofable-client-address.js';
import { weakWorkFactor } from './auth/weak-work-factor.js';
import { brokenCipher } from './crypto/broken-cipher.js';
import { ecbMode } from './crypto/ecb-mode.js';
import { ephemeralKey } from './crypto/ephemeral-key.js';
import { passwordAsKey } from './crypto/password-as-key.js';
import { staticIv } from './crypto/static-iv.js';
import { weakHash } from './crypto/weak-hash.js';
import { weakKeySize } from './crypto/weak-key-size.js';
import { weakRandomness } from './crypto/weak-randomness.js';
import { authDecoratorMisplaced } from './design/auth-decorator-misplaced.js';
import { objectNotOwned } from './design/object-not-owned.js';
import { sqlBuiltFromStrings } from './design/sql-built-from-strings.js';
import { unprotectedStateChange } from './design/unprotected-state-change.js';
import { hardcodedFlaskSecret } from './secrets/hardcoded-flask-secret.js';
import { secretLiteralFallback } from './secrets/secret-literal-fallback.js';
import { cookieNotSecure } from './auth/cookie-not-secure.js';
import { cookieReadableByScripts } from './auth/cookie-readable-by-scripts.js';
import { cookieSentCrossSite } from './auth/cookie-sent-cross-site.js';
import { longSessions } from './auth/long-sessions.js';
import { debugMode } from './auth/debug-mode.js';
import { passwordInConnectionString } from './secrets/password-in-connection-string.js';
import { passwordLiteral } from './secrets/password-literal.js';
import { hardcodedKey } from './secrets/hardcoded-key.js';
import { secretInConfigFile } from './secrets/secret-in-config-file.js';
import { credentialLogged } from './secrets/credential-logged.js';
import { hardcodedCredentialCheck } from './secrets/hardcoded-credential-check.js';
import { driverTlsOff } from './transport/driver-tls-off.js';
import { hostnameNotVerified } from './transport/hostname-not-verified.js';
import { insecureClient } from './transport/insecure-client.js';
import { insecureCluster } from './transport/insecure-cluster.js';
import { insecureDefault } from './transport/insecure-default.js';
import { serverNotVerified } from './transport/server-not-verified.js';
import { sslmodeDisabled } from './transport/sslmode-disabled.js';
import { sslmodeDowngradable } from './transport/sslmode-downgradable.js';
import { sslmodeMissing } from './transport/sslmode-missing.js';
import { ldapPlaintextBind } from './transport/ldap-plaintext.js';
import { plainHttpLogin } from './transport/plain-http-login.js';
import { environmentEndpoint } from './secrets/environment-endpoint.js';
import { embeddedUserPasswords } from './secrets/embedded-user-passwords.js';
import { identityFromClientHeader } from './auth/identity-from-client-header.js';
import { passwordInQueryString } from './auth/password-in-query-string.js';

/** Every rule, in id order. Adding a rule: write its module, list it here, run `npm run docs:rules`. */
export const ALL_RULES: readonly Rule[] = [
  sslmodeDisabled,
  sslmodeDowngradable,
  sslmodeMissing,
  serverNotVerified,
  hostnameNotVerified,
  driverTlsOff,
  insecureCluster,
  insecureClient,
  insecureDefault,
  ldapPlaintextBind,
  plainHttpLogin,
  passwordInConnectionString,
  passwordLiteral,
  hardcodedFlaskSecret,
  secretLiteralFallback,
  hardcodedKey,
  secretInConfigFile,
  credentialLogged,
  hardcodedCredentialCheck,
  environmentEndpoint,
  embeddedUserPasswords,
  ecbMode,
  brokenCipher,
  staticIv,
  ephemeralKey,
  weakRandomness,
  weakKeySize,
  weakHash,
  passwordAsKey,
  fastPasswordHash,
  plaintextPasswordStored,
  weakWorkFactor,
  cookieNotSecure,
  cookieReadableByScripts,
  cookieSentCrossSite,
  longSessions,
  jwtNotVerified,
  jwtAlgorithmNotPinned,
  jwtExpiryOff,
  jwtLongExpiry,
  loginNotRateLimited,
  spoofableClientAddress,
  debugMode,
  identityFromClientHeader,
  passwordInQueryString,
  sqlBuiltFromStrings,
  objectNotOwned,
  unprotectedStateChange,
  authDecoratorMisplaced,
];

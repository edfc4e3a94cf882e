import type { Rule } from './rule.js';
import { passwordInConnectionString } from './secrets/password-in-connection-string.js';
import { passwordLiteral } from './secrets/password-literal.js';
import { driverTlsOff } from './transport/driver-tls-off.js';
import { hostnameNotVerified } from './transport/hostname-not-verified.js';
import { insecureClient } from './transport/insecure-client.js';
import { insecureCluster } from './transport/insecure-cluster.js';
import { insecureDefault } from './transport/insecure-default.js';
import { serverNotVerified } from './transport/server-not-verified.js';
import { sslmodeDisabled } from './transport/sslmode-disabled.js';
import { sslmodeDowngradable } from './transport/sslmode-downgradable.js';
import { sslmodeMissing } from './transport/sslmode-missing.js';

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
  passwordInConnectionString,
  passwordLiteral,
];

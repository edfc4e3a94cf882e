import { helmTlsSummarizer } from '../models/connections/config-helm-tls.js';
import { deployEnvSummarizer } from '../models/connections/deploy-env.js';
import { cryptoSummarizer } from '../models/crypto/password-key-summary.js';
import { flaskConfigSummarizer } from '../models/flask/config-summary.js';
import { cookieOptionsSummarizer } from '../models/flask/cookie-options-summary.js';
import { proxiesSummarizer } from '../models/flask/proxy-summary.js';
import { flaskFunctionsSummarizer, flaskSummarizer } from '../models/flask/summary.js';
import { jwtOptionsSummarizer } from '../models/jwt/options-summary.js';
import { passwordsSummarizer } from '../models/passwords/summary.js';
import { freshTokensSummarizer } from '../models/secrets/config-fresh-tokens.js';
import { sqlTextsSummarizer } from '../models/sql/foreign.js';
import { sqlSummarizer } from '../models/sql/summary.js';
import type { Summarizer } from './summarizer.js';

/**
 * Every domain's module summariser, in the order their sections are built. A domain that needs
 * facts from other modules in phase 2 adds its summariser here (one per domain, beside its model).
 */
export const SUMMARIZERS: readonly Summarizer[] = [
  flaskSummarizer,
  flaskFunctionsSummarizer,
  sqlSummarizer,
  sqlTextsSummarizer,
  passwordsSummarizer,
  proxiesSummarizer,
  jwtOptionsSummarizer,
  cookieOptionsSummarizer,
  flaskConfigSummarizer,
  helmTlsSummarizer,
  freshTokensSummarizer,
  deployEnvSummarizer,
  cryptoSummarizer,
];

/**
 * The `bad` example on each Flask configuration rule's docs page is flagged by that rule and the
 * `good` one is not: the docs are generated from the metadata, so they must show what the rule does.
 */
import { describe, expect, test } from '@jest/globals';
import { cookieNotSecure } from '../../src/rules/auth/cookie-not-secure.js';
import { cookieReadableByScripts } from '../../src/rules/auth/cookie-readable-by-scripts.js';
import { cookieSentCrossSite } from '../../src/rules/auth/cookie-sent-cross-site.js';
import { debugMode } from '../../src/rules/auth/debug-mode.js';
import { hardcodedFlaskSecret } from '../../src/rules/secrets/hardcoded-flask-secret.js';
import { secretLiteralFallback } from '../../src/rules/secrets/secret-literal-fallback.js';
import { longSessions } from '../../src/rules/auth/long-sessions.js';
import { runRule } from '../helpers/rule-tester.js';

const RULES = [
  hardcodedFlaskSecret,
  secretLiteralFallback,
  cookieNotSecure,
  cookieReadableByScripts,
  cookieSentCrossSite,
  longSessions,
  debugMode,
];

// The examples are snippets: give them the imports real code has.
const PRELUDE = 'import os\nfrom datetime import timedelta\nfrom flask import Flask\n\n';

describe('docs examples of the Flask configuration rules', () => {
  test.each(RULES.map((r) => [r.meta.id, r] as const))('%s: bad is flagged, good is not', async (_id, rule) => {
    const bad = await runRule(rule, 'app.py', PRELUDE + rule.meta.bad.code + '\n');
    const good = await runRule(rule, 'app.py', PRELUDE + rule.meta.good.code + '\n');
    expect(bad.length).toBeGreaterThan(0);
    expect(good.map((f) => f.message)).toEqual([]);
  });
});

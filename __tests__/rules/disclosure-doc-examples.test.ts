/**
 * The `bad` example on the docs page of each rule about identities, query strings, environment
 * endpoints and seeded passwords is flagged by that rule and the `good` one is not.
 */
import { describe, expect, test } from '@jest/globals';
import { identityFromClientHeader } from '../../src/rules/auth/identity-from-client-header.js';
import { passwordInQueryString } from '../../src/rules/auth/password-in-query-string.js';
import { embeddedUserPasswords } from '../../src/rules/secrets/embedded-user-passwords.js';
import { environmentEndpoint } from '../../src/rules/secrets/environment-endpoint.js';
import { runRule } from '../helpers/rule-tester.js';

const RULES = [environmentEndpoint, embeddedUserPasswords, identityFromClientHeader, passwordInQueryString];

// The examples are snippets: give them the app real code has.
const PRELUDE = 'from flask import Flask\n\napp = Flask(__name__)\n\n';

describe('docs examples of the disclosure and identity rules', () => {
  test.each(RULES.map((r) => [r.meta.id, r] as const))('%s: bad is flagged, good is not', async (_id, rule) => {
    const bad = await runRule(rule, 'app.py', PRELUDE + rule.meta.bad.code + '\n');
    const good = await runRule(rule, 'app.py', PRELUDE + rule.meta.good.code + '\n');
    expect(bad.length).toBeGreaterThan(0);
    expect(good.map((f) => f.message)).toEqual([]);
  });
});

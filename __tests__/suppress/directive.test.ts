import { describe, expect, test } from '@jest/globals';
import { BANDIT_TO_RULES, banditId, rulesForBandit } from '../../src/suppress/bandit.js';
import { parseDirectives, type RuleNames } from '../../src/suppress/directive.js';

const NAMES: RuleNames = {
  byName: new Map([
    ['sslmode-disabled', 'FCG101'],
    ['sslmode-missing', 'FCG103'],
    ['password-literal', 'FCG202'],
  ]),
};

const one = (comment: string) => {
  const all = parseDirectives(comment, NAMES);
  expect(all).toHaveLength(1);
  return all[0];
};

describe('# nosec (Bandit-compatible)', () => {
  test('bare: every rule, no reason', () => {
    expect(one('# nosec')).toEqual({
      kind: 'nosec',
      rules: undefined,
      namesOurs: false,
      unknown: [],
      reason: undefined,
      label: 'nosec',
    });
    expect(one('#nosec')).toMatchObject({ rules: undefined });
  });

  test('with our ids and rule names, comma or space separated, with or without a colon', () => {
    expect(one('# nosec FCG101')).toMatchObject({ rules: ['FCG101'], namesOurs: true, label: 'nosec FCG101' });
    expect(one('# nosec: fcg101, FCG103')).toMatchObject({ rules: ['FCG101', 'FCG103'], namesOurs: true });
    expect(one('# nosec sslmode-disabled password-literal')).toMatchObject({ rules: ['FCG101', 'FCG202'] });
  });

  test('an id of a rule not written yet is taken by its id', () => {
    expect(one('# nosec FCG599')).toMatchObject({ rules: ['FCG599'], namesOurs: true });
  });

  test.each([
    ['B105', ['FCG202', 'FCG203', 'FCG205']],
    ['B106', ['FCG202', 'FCG203', 'FCG205']],
    ['B107', ['FCG202', 'FCG203', 'FCG205']],
    ['B201', ['FCG414']],
    ['B303', ['FCG307', 'FCG401']],
    ['B324', ['FCG307', 'FCG401']],
    ['B304', ['FCG302']],
    ['B305', ['FCG301']],
    ['B311', ['FCG305']],
    ['B501', ['FCG106']],
    ['B505', ['FCG306']],
    ['B608', ['FCG501']],
  ])('Bandit %s maps to %j', (id, rules) => {
    expect(one(`# nosec ${id}`)).toMatchObject({ rules, namesOurs: false, label: `nosec ${id}` });
    expect(rulesForBandit(id)).toEqual(rules);
  });

  test('a Bandit check we have no rule for (B413, B602) suppresses none of ours', () => {
    expect(one('# nosec B413')).toMatchObject({ rules: [], namesOurs: false });
    expect(one('# nosec B602, B607')).toMatchObject({ rules: [], label: 'nosec B602, B607' });
  });

  test('Bandit test names work like their ids; ids are case-insensitive', () => {
    expect(one('# nosec hardcoded_password_string')).toMatchObject({ rules: ['FCG202', 'FCG203', 'FCG205'] });
    expect(one('# nosec b608')).toMatchObject({ rules: ['FCG501'] });
    expect(banditId('hashlib_new_insecure_functions')).toBe('B324');
    expect(banditId('B999')).toBe('B999');
    expect(rulesForBandit('B999')).toEqual([]);
  });

  test('mixed lists take the union', () => {
    expect(one('# nosec B608, FCG101')).toMatchObject({ rules: ['FCG101', 'FCG501'], namesOurs: true });
  });

  test('the words after the list are the reason', () => {
    expect(one('# nosec FCG101 - local test database')).toMatchObject({
      rules: ['FCG101'],
      reason: 'local test database',
    });
    expect(one('# nosec: fixture only')).toMatchObject({ rules: undefined, reason: 'fixture only' });
    expect(one('# nosec B105 — not a real password')).toMatchObject({ reason: 'not a real password' });
  });

  test('found after other comment parts, as Bandit finds it; not inside words; lower case only', () => {
    expect(parseDirectives('# noqa: E501 # nosec FCG101', NAMES)).toHaveLength(1);
    expect(parseDirectives('# type: ignore  # nosec', NAMES)).toHaveLength(1);
    expect(parseDirectives('# this is nosec', NAMES)).toEqual([]);
    expect(parseDirectives('# nosecurity here', NAMES)).toEqual([]);
    expect(parseDirectives('# NOSEC', NAMES)).toEqual([]);
  });

  test('the table maps only to our ids', () => {
    for (const check of Object.values(BANDIT_TO_RULES)) for (const r of check.rules) expect(r).toMatch(/^FCG\d{3}$/);
    expect(Object.keys(BANDIT_TO_RULES)).not.toContain('B413');
  });
});

describe('# flask-crdb-gate: ignore[RULE] reason', () => {
  test('ids and names in brackets, then the reason', () => {
    expect(one('# flask-crdb-gate: ignore[FCG101] TLS ends at the sidecar')).toEqual({
      kind: 'ignore',
      rules: ['FCG101'],
      namesOurs: true,
      unknown: [],
      reason: 'TLS ends at the sidecar',
      label: 'ignore[FCG101]',
    });
    expect(one('# flask-crdb-gate: ignore[sslmode-disabled, FCG103]: demo')).toMatchObject({
      rules: ['FCG101', 'FCG103'],
      reason: 'demo',
    });
    expect(one('#flask-crdb-gate:ignore[FCG101]')).toMatchObject({ rules: ['FCG101'], reason: undefined });
    expect(one('# Flask-CRDB-Gate: IGNORE[FCG101] x')).toMatchObject({ rules: ['FCG101'], reason: 'x' });
  });

  test('without a list: every rule', () => {
    expect(one('# flask-crdb-gate: ignore generated file')).toMatchObject({
      rules: undefined,
      reason: 'generated file',
    });
  });

  test('names that are no rule are kept as unknown', () => {
    expect(one('# flask-crdb-gate: ignore[sslmode-disabeld, FCG101]')).toMatchObject({
      rules: ['FCG101'],
      unknown: ['sslmode-disabeld'],
    });
  });

  test('a misspelt directive is addressed to us but suppresses nothing', () => {
    expect(one('# flask-crdb-gate: ignroe[FCG101]')).toMatchObject({ rules: [], unknown: ['ignroe[FCG101]'] });
  });

  test('INI comments start with ; as well', () => {
    expect(one('; flask-crdb-gate: ignore[FCG101] local')).toMatchObject({ rules: ['FCG101'], reason: 'local' });
    expect(one('; nosec')).toMatchObject({ kind: 'nosec' });
  });

  test('a comment with both holds both', () => {
    expect(parseDirectives('# nosec B105 # flask-crdb-gate: ignore[FCG101] why', NAMES).map((d) => d.kind)).toEqual([
      'nosec',
      'ignore',
    ]);
  });
});

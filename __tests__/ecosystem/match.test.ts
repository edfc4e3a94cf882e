import { describe, expect, it } from '@jest/globals';
import { findingsFromReport, matchFindings, statusOf } from '../../scripts/ecosystem/match.mjs';
import { isTestPath } from '../../scripts/ecosystem/test-code.mjs';
import { finding, rows } from './synthetic.js';

/** `path:line rule status` per entry, in entry order. */
function outcome(ledger: ReturnType<typeof rows>, findings: string[]) {
  return matchFindings(ledger, findings.map(finding)).map((e) => `${e.path}:${e.line} ${e.rule} ${statusOf(e)}`);
}

describe('matchFindings', () => {
  it.each([
    ['a tp still reported', ['a.py 3 FCG101 tp -'], ['a.py:3 FCG101'], ['a.py:3 FCG101 tp']],
    ['a tp no longer reported', ['a.py 3 FCG101 tp -'], [], ['a.py:3 FCG101 lost']],
    ['an fp still reported', ['a.py 3 FCG101 fp class:c'], ['a.py:3 FCG101'], ['a.py:3 FCG101 fp']],
    ['an fp fixed', ['a.py 3 FCG101 fp class:c'], [], ['a.py:3 FCG101 fixed']],
    ['an unsure reported', ['a.py 3 FCG101 unsure -'], ['a.py:3 FCG101'], ['a.py:3 FCG101 unsure']],
    ['an unsure gone', ['a.py 3 FCG101 unsure -'], [], ['a.py:3 FCG101 gone']],
    ['a miss still missed', ['a.py 3 FCG101 miss class:c'], [], ['a.py:3 FCG101 missed']],
    ['a miss found by its rule', ['a.py 3 FCG101 miss class:c'], ['a.py:3 FCG101'], ['a.py:3 FCG101 found']],
    ['a miss found by a rule of its family', ['a.py 3 auth miss class:c'], ['a.py:3 FCG404'], ['a.py:3 auth found']],
    [
      'a finding of another family beside a family miss',
      ['a.py 3 auth miss class:c'],
      ['a.py:3 FCG101'],
      ['a.py:3 auth missed', 'a.py:3 FCG101 unjudged'],
    ],
    ['a finding without a row', [], ['a.py:3 FCG101'], ['a.py:3 FCG101 unjudged']],
    [
      'a finding one line off (no shift is guessed)',
      ['a.py 3 FCG101 tp -'],
      ['a.py:4 FCG101'],
      ['a.py:3 FCG101 lost', 'a.py:4 FCG101 unjudged'],
    ],
    [
      'another rule on a judged line',
      ['a.py 3 FCG101 tp -'],
      ['a.py:3 FCG101', 'a.py:3 FCG103'],
      ['a.py:3 FCG101 tp', 'a.py:3 FCG103 unjudged'],
    ],
    [
      'the same line in another file',
      ['a.py 3 FCG101 tp -'],
      ['b/a.py:3 FCG101'],
      ['a.py:3 FCG101 lost', 'b/a.py:3 FCG101 unjudged'],
    ],
  ])('%s', (_name, ledger, findings, expected) => {
    expect(outcome(rows(...ledger), findings)).toEqual(expected);
  });

  it('gives findings of one rule on one line one row, judged or not', () => {
    const entries = matchFindings(
      rows('a.py 3 FCG101 tp -'),
      ['a.py:3 FCG101', 'a.py:3 FCG101', 'b.py:1 FCG201', 'b.py:1 FCG201'].map(finding),
    );
    expect(entries.map((e) => [e.path, e.findings.length])).toEqual([
      ['a.py', 2],
      ['b.py', 2],
    ]);
  });

  it('takes test code and cross-file from the row, and guesses test code from the path when unjudged', () => {
    const entries = matchFindings(
      rows('app/fixtures.py 1 FCG206 fp test,cross-file,class:c', 'tests/test_a.py 1 FCG206 tp -'),
      ['app/fixtures.py:1 FCG206', 'tests/test_a.py:1 FCG206', 'tests/conftest.py:2 FCG206', 'app/x.py:2 FCG206'].map(
        finding,
      ),
    );
    expect(entries.map((e) => [e.path, e.test, e.crossFile, e.cls])).toEqual([
      ['app/fixtures.py', true, true, 'c'],
      ['tests/test_a.py', false, false, null],
      ['tests/conftest.py', true, false, null],
      ['app/x.py', false, false, null],
    ]);
  });
});

describe('findingsFromReport', () => {
  it('keeps what the ledger is keyed on', () => {
    const report = {
      findings: [{ ruleId: 'FCG101', path: 'a.py', line: 3, family: 'transport', message: 'm', severity: 'high' }],
    };
    expect(findingsFromReport(report)).toEqual([
      { path: 'a.py', line: 3, rule: 'FCG101', family: 'transport', message: 'm' },
    ]);
  });
});

describe('isTestPath', () => {
  it.each([
    ['tests/test_app.py', true],
    ['app/tests/helpers.py', true],
    ['test/config.yml', true],
    ['testing/x.py', true],
    ['pkg/test_models.py', true],
    ['pkg/models_test.py', true],
    ['conftest.py', true],
    ['app/conftest.py', true],
    ['app/testdata.py', false],
    ['app/contest.py', false],
    ['latest/app.py', false],
    ['app/test_settings.yml', false],
    ['tests.py', false],
  ])('%s → %s', (path, expected) => {
    expect(isTestPath(path)).toBe(expected);
  });
});

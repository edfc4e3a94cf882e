import { describe, expect, it } from '@jest/globals';
import { matchFindings } from '../../scripts/ecosystem/match.mjs';
import {
  byClass,
  byRule,
  countEntries,
  emptyCounts,
  inTests,
  outsideTests,
  precision,
  recall,
  withoutCrossFile,
} from '../../scripts/ecosystem/metrics.mjs';
import { finding, rows } from './synthetic.js';

// One repository's ledger: three tp (one lost), two fp (one fixed, one cross-file), one unsure,
// two misses (one found, one cross-file), a test fp, and one unjudged finding reported twice.
const LEDGER = rows(
  'app.py 1 FCG101 tp -',
  'app.py 2 FCG201 tp -',
  'app.py 3 FCG206 tp -',
  'app.py 4 FCG402 fp cross-file,class:model-setter',
  'app.py 5 FCG402 fp class:model-setter',
  'app.py 6 FCG501 unsure -',
  'app.py 7 FCG404 miss class:no-limiter',
  'app.py 8 auth miss cross-file,class:no-limiter',
  'tests/test_app.py 1 FCG206 fp test,class:test-secret',
);
const FINDINGS = [
  'app.py:1 FCG101',
  'app.py:2 FCG201',
  'app.py:4 FCG402',
  'app.py:6 FCG501',
  'app.py:7 FCG404',
  'tests/test_app.py:1 FCG206',
  'app.py:9 FCG103',
  'app.py:9 FCG103',
].map(finding);
const ENTRIES = matchFindings(LEDGER, FINDINGS);

describe('countEntries', () => {
  it('counts locations by status', () => {
    expect(countEntries(outsideTests(ENTRIES))).toEqual({
      findings: 6,
      tp: 2,
      fp: 1,
      unsure: 1,
      unjudged: 1,
      lost: 1,
      fixed: 1,
      misses: 2,
      found: 1,
    });
  });

  it('leaves cross-file rows out on request, and test code apart', () => {
    expect(countEntries(withoutCrossFile(outsideTests(ENTRIES)))).toMatchObject({ fp: 0, fixed: 1, misses: 1 });
    expect(countEntries(inTests(ENTRIES))).toMatchObject({ findings: 1, fp: 1, tp: 0 });
  });
});

describe('precision and recall', () => {
  const counts = (values: Partial<ReturnType<typeof emptyCounts>>) => ({ ...emptyCounts(), ...values });

  it.each([
    ['nothing judged', counts({}), null, null],
    ['all right', counts({ tp: 4 }), 1, 1],
    ['fp lower precision only', counts({ tp: 3, fp: 1 }), 0.75, 1],
    ['misses lower recall only', counts({ tp: 3, misses: 1 }), 1, 0.75],
    ['a found miss counts as found and as right', counts({ tp: 2, fp: 1, misses: 2, found: 1 }), 0.75, 0.75],
    ['a lost tp lowers recall', counts({ tp: 1, lost: 1 }), 1, 0.5],
    ['unsure and unjudged count in neither', counts({ tp: 1, unsure: 5, unjudged: 5 }), 1, 1],
    ['only fp', counts({ fp: 2 }), 0, null],
  ])('%s', (_name, c, p, r) => {
    expect(precision(c)).toBe(p);
    expect(recall(c)).toBe(r);
  });

  it('on the synthetic repository outside test code', () => {
    const c = countEntries(outsideTests(ENTRIES));
    expect(precision(c)).toBe(3 / 4); // tp 2 + found 1 against fp 1
    expect(recall(c)).toBe(3 / 5); // tp 2 + found 1 of tp 2 + lost 1 + misses 2
  });
});

describe('byClass', () => {
  it('counts each class across repositories, most open rows first', () => {
    const other = matchFindings(rows('m.py 2 FCG402 fp class:model-setter'), [finding('m.py:2 FCG402')]);
    expect(
      byClass([
        { repo: 'o/a', entries: ENTRIES },
        { repo: 'o/b', entries: other },
      ]),
    ).toEqual([
      { cls: 'model-setter', fp: 2, fixed: 1, missed: 0, found: 0, tp: 0, crossFile: 1, test: 0, repos: 2 },
      { cls: 'no-limiter', fp: 0, fixed: 0, missed: 1, found: 1, tp: 0, crossFile: 1, test: 0, repos: 1 },
      { cls: 'test-secret', fp: 1, fixed: 0, missed: 0, found: 0, tp: 0, crossFile: 0, test: 1, repos: 1 },
    ]);
  });
});

describe('byRule', () => {
  it('groups by rule id, families after ids', () => {
    const rules = byRule(outsideTests(ENTRIES));
    expect(rules.map((r) => r.rule)).toEqual([
      'FCG101',
      'FCG103',
      'FCG201',
      'FCG206',
      'FCG402',
      'FCG404',
      'FCG501',
      'auth',
    ]);
    expect(rules.find((r) => r.rule === 'FCG402')?.counts).toMatchObject({ findings: 1, fp: 1, fixed: 1 });
    expect(rules.find((r) => r.rule === 'FCG103')?.counts).toMatchObject({ findings: 1, unjudged: 1 });
  });
});

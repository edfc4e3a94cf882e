import { describe, expect, it } from '@jest/globals';
import { ledgerFileName, parseLedger, parseRepos, parseTags } from '../../scripts/ecosystem/ledger.mjs';

const HEADER = 'path\tline\trule\tverdict\ttags\treason';
const ledger = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const row = (...fields: string[]) => fields.join('\t');

describe('parseLedger', () => {
  it('reads rows, comments and blank lines, and the tags', () => {
    const text = [
      '# judged by hand',
      HEADER,
      row('app.py', '3', 'FCG101', 'tp', '-', 'sslmode=disable to a remote host'),
      '',
      '# a comment between rows',
      row('app.py', '9', 'auth', 'miss', 'cross-file,class:no-login-limit', 'login without a limiter'),
      row('tests/test_app.py', '2', 'FCG206', 'fp', 'test,class:test-secret', 'a test fixture key'),
    ].join('\n');
    const { rows, errors } = parseLedger(text, 'l.tsv');
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.path, r.line, r.rule, r.verdict, r.source])).toEqual([
      ['app.py', 3, 'FCG101', 'tp', 'l.tsv:3'],
      ['app.py', 9, 'auth', 'miss', 'l.tsv:6'],
      ['tests/test_app.py', 2, 'FCG206', 'fp', 'l.tsv:7'],
    ]);
    expect(rows[1]?.tags).toEqual({ test: false, crossFile: true, cls: 'no-login-limit' });
    expect(rows[2]?.tags).toEqual({ test: true, crossFile: false, cls: 'test-secret' });
  });

  // Each malformed row is an error naming file:line (the row is line 2, after the header).
  it.each([
    ['too few columns', row('a.py', '1', 'FCG101', 'tp', '-'), '5 columns, expected 6'],
    ['a zero line', row('a.py', '0', 'FCG101', 'tp', '-', 'r'), 'line "0" is not a positive integer'],
    ['a line with a sign', row('a.py', '+3', 'FCG101', 'tp', '-', 'r'), 'line "+3"'],
    ['an unknown verdict', row('a.py', '1', 'FCG101', 'TP', '-', 'r'), 'verdict "TP" is not one of'],
    ['a short rule id', row('a.py', '1', 'FCG11', 'tp', '-', 'r'), 'rule "FCG11" is not a rule id'],
    ['a family on a tp row', row('a.py', '1', 'auth', 'tp', '-', 'r'), 'rule "auth" is not a rule id'],
    ['an unknown family on a miss', row('a.py', '1', 'web', 'miss', 'class:x', 'r'), 'neither FCGnnn nor a family'],
    ['an absolute path', row('/a.py', '1', 'FCG101', 'tp', '-', 'r'), 'not repository-relative'],
    ['a backslash path', row('src\\a.py', '1', 'FCG101', 'tp', '-', 'r'), 'not repository-relative'],
    ['a parent path', row('../a.py', '1', 'FCG101', 'tp', '-', 'r'), 'not repository-relative'],
    ['an empty reason', row('a.py', '1', 'FCG101', 'tp', '-', ' '), 'empty reason'],
    ['an unknown tag', row('a.py', '1', 'FCG101', 'tp', 'tests', 'r'), 'unknown tag "tests"'],
    ['an empty tags column', row('a.py', '1', 'FCG101', 'tp', '', 'r'), 'unknown tag ""'],
    ['a repeated tag', row('a.py', '1', 'FCG101', 'tp', 'test,test', 'r'), 'tag "test" repeated'],
    ['a class not in kebab-case', row('a.py', '1', 'FCG101', 'fp', 'class:Set_Cookie', 'r'), 'not kebab-case'],
    ['two classes', row('a.py', '1', 'FCG101', 'fp', 'class:a,class:b', 'r'), 'more than one class'],
    ['an fp without a class', row('a.py', '1', 'FCG101', 'fp', '-', 'r'), 'an fp row needs a class'],
    ['a miss without a class', row('a.py', '1', 'FCG101', 'miss', 'test', 'r'), 'a miss row needs a class'],
    ['a carriage return', `${row('a.py', '1', 'FCG101', 'tp', '-', 'r')}\r`, 'carriage return'],
  ])('refuses %s', (_name, line, message) => {
    const { rows, errors } = parseLedger(ledger(line), 'x.tsv');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^x\.tsv:2: /);
    expect(errors[0]).toContain(message);
    if (!message.includes('carriage')) expect(rows).toEqual([]);
  });

  it('reports every malformed row, not just the first', () => {
    const text = ledger(row('a.py', 'x', 'FCG101', 'tp', '-', 'r'), row('b.py', '1', 'FCG101', 'maybe', '-', 'r'));
    expect(parseLedger(text, 'x.tsv').errors.map((e) => e.split(': ')[0])).toEqual(['x.tsv:2', 'x.tsv:3']);
  });

  it.each([
    ['a missing header', row('a.py', '1', 'FCG101', 'tp', '-', 'r'), 'x.tsv:1: header must be exactly'],
    ['a reordered header', 'path\tline\tverdict\trule\ttags\treason', 'x.tsv:1: header must be exactly'],
    ['an empty file', '', 'x.tsv:1: missing header line'],
  ])('refuses %s', (_name, text, message) => {
    expect(parseLedger(text, 'x.tsv').errors[0]).toContain(message);
  });

  it.each([
    ['path', [row('b.py', '1', 'FCG101', 'tp', '-', 'r'), row('a.py', '1', 'FCG101', 'tp', '-', 'r')]],
    ['line, numerically', [row('a.py', '10', 'FCG101', 'tp', '-', 'r'), row('a.py', '9', 'FCG101', 'tp', '-', 'r')]],
    ['rule', [row('a.py', '1', 'FCG201', 'tp', '-', 'r'), row('a.py', '1', 'FCG101', 'tp', '-', 'r')]],
  ])('refuses rows out of order by %s', (_name, rows) => {
    expect(parseLedger(ledger(...rows), 'x.tsv').errors).toEqual([
      'x.tsv:3: out of order (rows are sorted by path, then line, then rule)',
    ]);
  });

  it('refuses two rows for one finding', () => {
    const same = row('a.py', '1', 'FCG101', 'tp', '-', 'r');
    expect(parseLedger(ledger(same, same), 'x.tsv').errors).toEqual([
      'x.tsv:3: same path, line and rule as x.tsv:2 (one row per finding)',
    ]);
  });

  it('keeps the order of lines 9 and 10 and of rule ids before families', () => {
    const text = ledger(
      row('a.py', '9', 'FCG101', 'tp', '-', 'r'),
      row('a.py', '10', 'FCG101', 'tp', '-', 'r'),
      row('a.py', '10', 'auth', 'miss', 'class:c', 'r'),
    );
    expect(parseLedger(text, 'x.tsv').errors).toEqual([]);
  });
});

describe('parseTags', () => {
  it.each([
    ['-', { test: false, crossFile: false, cls: null }],
    ['test', { test: true, crossFile: false, cls: null }],
    ['class:a-b,cross-file', { test: false, crossFile: true, cls: 'a-b' }],
  ])('reads %s', (field, tags) => {
    expect(parseTags(field)).toEqual({ tags, problems: [] });
  });
});

describe('parseRepos', () => {
  const SHA = 'a'.repeat(40);
  const repos = (...rows: string[]) => ['repo\tcommit\tkind', ...rows].join('\n');

  it('reads repositories in order', () => {
    const { repos: list, errors } = parseRepos(
      repos(`o/n\t${SHA}\tsmall app`, `p/q.r\t${'b'.repeat(40)}\tdriver`),
      'r.tsv',
    );
    expect(errors).toEqual([]);
    expect(list.map((r) => [r.repo, r.commit, r.kind])).toEqual([
      ['o/n', SHA, 'small app'],
      ['p/q.r', 'b'.repeat(40), 'driver'],
    ]);
  });

  it.each([
    ['a name without owner', `name\t${SHA}\tk`, 'repo "name" is not owner/name'],
    ['a short commit', 'o/n\tabc123\tk', 'not a full 40-hex-digit sha'],
    ['an upper-case commit', `o/n\t${SHA.toUpperCase()}\tk`, 'not a full 40-hex-digit sha'],
    ['no kind', `o/n\t${SHA}`, '2 columns, expected 3'],
  ])('refuses %s', (_name, line, message) => {
    const { errors } = parseRepos(repos(line), 'r.tsv');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^r\.tsv:2: /);
    expect(errors[0]).toContain(message);
  });

  it('refuses a repository listed twice', () => {
    expect(parseRepos(repos(`o/n\t${SHA}\tk`, `o/n\t${SHA}\tk`), 'r.tsv').errors).toEqual([
      'r.tsv:3: o/n already listed at r.tsv:2',
    ]);
  });
});

describe('ledgerFileName', () => {
  it('joins owner and name with +', () => {
    expect(ledgerFileName('cockroachdb/helm-charts')).toBe('cockroachdb+helm-charts.tsv');
  });
});

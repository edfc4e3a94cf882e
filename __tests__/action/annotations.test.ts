import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { annotate } from '../../src/action/annotations.js';
import type { Severity } from '../../src/core/severity.js';
import type { Finding } from '../../src/core/types.js';

const ROOT = '/ws/examples/app';
const WORKSPACE = '/ws';

function finding(severity: Severity, line: number, overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'FCG101',
    name: 'sslmode-disabled',
    family: 'transport',
    severity,
    confidence: 'high',
    cwe: [319],
    path: 'app.py',
    line,
    endLine: line,
    column: 5,
    endColumn: 20,
    message: `${severity} finding on line ${line}`,
    role: 'production',
    fingerprint: `fp-${severity}-${line}`,
    ...overrides,
  };
}

describe('annotate', () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  const commands = (): string[] =>
    out
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('::'));

  it('maps severities to levels, most severe first, with checkout-relative paths and a column', () => {
    const n = annotate([finding('low', 1), finding('medium', 2), finding('critical', 3), finding('high', 4)], {
      root: ROOT,
      workspace: WORKSPACE,
    });
    expect(n).toBe(4);
    expect(commands()).toEqual([
      '::error title=FCG101 sslmode-disabled,file=examples/app/app.py,line=3,endLine=3,col=5::critical finding on line 3',
      '::error title=FCG101 sslmode-disabled,file=examples/app/app.py,line=4,endLine=4,col=5::high finding on line 4',
      '::warning title=FCG101 sslmode-disabled,file=examples/app/app.py,line=2,endLine=2,col=5::medium finding on line 2',
      '::notice title=FCG101 sslmode-disabled,file=examples/app/app.py,line=1,endLine=1,col=5::low finding on line 1',
    ]);
  });

  it('leaves the column out of a multi-line annotation (GitHub rejects it there)', () => {
    annotate([finding('high', 3, { endLine: 5 })], { root: ROOT, workspace: WORKSPACE });
    expect(commands()).toEqual([
      '::error title=FCG101 sslmode-disabled,file=examples/app/app.py,line=3,endLine=5::high finding on line 3',
    ]);
  });

  it('keeps within 10 per level and says how many more, in a notice GitHub still shows', () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, i) => finding('critical', i + 1)),
      ...Array.from({ length: 3 }, (_, i) => finding('medium', 100 + i)),
      ...Array.from({ length: 11 }, (_, i) => finding('low', 200 + i)),
    ];
    const n = annotate(findings, { root: ROOT, workspace: WORKSPACE });
    const cmds = commands();
    const count = (level: string): number => cmds.filter((c) => c.startsWith(`::${level} `)).length;
    expect({ n, error: count('error'), warning: count('warning'), notice: count('notice') }).toEqual({
      n: 22,
      error: 10,
      warning: 3,
      notice: 10, // 9 findings + the overflow notice
    });
    expect(cmds.at(-1)).toMatch(/^::notice title=More findings than annotations::4 more findings not annotated here/);
    expect(cmds.at(-1)).toContain('the job summary and the SARIF file list all of them');
  });

  it('uses all 10 notice slots for findings when nothing overflows', () => {
    const n = annotate(
      Array.from({ length: 10 }, (_, i) => finding('low', i + 1)),
      { root: ROOT, workspace: WORKSPACE },
    );
    expect(n).toBe(10);
    expect(commands()).toHaveLength(10);
  });

  it('emits nothing for no findings', () => {
    expect(annotate([], { root: ROOT, workspace: WORKSPACE })).toBe(0);
    expect(commands()).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { logTextReport } from '../../src/action/log.js';
import { buildReport, finding } from '../helpers/report-builder.js';

describe('logTextReport', () => {
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

  test('prints the text report inside one ::group::, closed after it', () => {
    logTextReport(buildReport({ findings: [finding({ path: 'app/db.py', line: 7 })] }));
    const lines = out
      .join('')
      .split('\n')
      .filter((l) => l !== '');
    expect(lines[0]).toBe('::group::flask-crdb-gate report: grade D, 1 finding');
    expect(lines[lines.length - 1]).toBe('::endgroup::');
    expect(lines).toContain('app/db.py');
    expect(lines.some((l) => l.startsWith('Grade D  score 80/100'))).toBe(true);
  });

  test('text from the repository cannot close the group or start a command', () => {
    const hostile = finding({ path: 'x.py', message: 'a\n::endgroup::\n::error::owned' });
    logTextReport(buildReport({ findings: [hostile], skipped: [{ path: '::endgroup::', reason: '::warning::x' }] }));
    const commands = out
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('::'));
    expect(commands).toEqual(['::group::flask-crdb-gate report: grade D, 1 finding', '::endgroup::']);
  });
});

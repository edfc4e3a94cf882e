/**
 * Issue 11, item 6: a shell script of unclosed `"$(`. Each `$(` used to be matched by a scan to
 * the end of the segment; now every position is stepped on by one scan at most (ShellBrackets,
 * checked against the scan it replaces in dos-shell-brackets.test.ts).
 */
import { describe, expect, test } from '@jest/globals';
import { splitShellScript } from '../../src/parse/config/shell-split.js';
import { shape } from '../../scripts/hostile-shapes.mjs';
import { growth, LINEAR_BOUND } from './dos-helpers.js';

describe('unclosed "$( in a shell script', () => {
  test('the script is still reported as unterminated', () => {
    expect(splitShellScript(shape('shell-unclosed').build(50)['run.sh'] as string).unterminated).toBe(7);
  });

  test('time grows linearly with their number', async () => {
    const split = (n: number): unknown => splitShellScript(shape('shell-unclosed').build(n)['run.sh'] as string);
    expect(await growth(split, 2000)).toBeLessThan(LINEAR_BOUND);
  });

  test('nested and closed substitutions keep their commands', () => {
    const script = 'psql "$(cat "$(dirname "$0")/url")" -c "select $(date)"\n';
    expect(splitShellScript(script).commands.map((c) => c.argv)).toEqual([
      ['psql', '$(cat "$(dirname "$0")/url")', '-c', 'select $(date)'],
    ]);
  });
});

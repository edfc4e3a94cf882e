import { describe, expect, test } from '@jest/globals';
import type { Span } from '../../../src/core/types.js';
import { parseConfig } from '../../../src/parse/config/index.js';
import type { ConfigDoc } from '../../../src/parse/config/types.js';

const at = (s: Span): string => `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
const dotenv = (text: string): ConfigDoc => parseConfig('dotenv', '.env', text);

describe('dotenv', () => {
  const env = [
    '# DATABASE_URL=postgresql://commented:out@db/app', //             1
    'export DATABASE_URL="postgresql://app:pw@db.internal/app" # prod', // 2
    'PGSSLMODE=disable', //                                            3
    "SECRET_KEY='dev key # not a comment'", //                         4
    'FLASK_DEBUG = 1   # trailing', //                                 5
    'MULTI="line one', //                                              6
    'line two"', //                                                    7
    'EMPTY=', //                                                       8
    'PGSSLMODE=verify-full', //                                        9
    'not an assignment', //                                            10
    '',
  ].join('\n');

  test('quotes, comments, export, multi-line values, exact value spans', () => {
    const doc = dotenv(env);
    expect(doc.entries.map((e) => [e.key, e.value, at(e.span)])).toEqual([
      ['DATABASE_URL', 'postgresql://app:pw@db.internal/app', '2:21-2:58'],
      ['PGSSLMODE', 'disable', '3:11-3:18'],
      ['SECRET_KEY', 'dev key # not a comment', '4:12-4:37'],
      ['FLASK_DEBUG', '1', '5:15-5:16'],
      ['MULTI', 'line one\nline two', '6:7-7:10'],
      ['EMPTY', '', '8:1-8:6'],
      ['PGSSLMODE', 'verify-full', '9:11-9:22'],
    ]);
    expect(doc.entries.every((e) => e.path.length === 1 && e.path[0] === e.key && e.document === 0)).toBe(true);
    expect(doc.commands).toEqual([]);
  });

  test('CRLF files keep their positions', () => {
    const doc = dotenv('A=1\r\nB="two"\r\n');
    expect(doc.entries.map((e) => [e.key, e.value, at(e.span)])).toEqual([
      ['A', '1', '1:3-1:4'],
      ['B', 'two', '2:3-2:8'],
    ]);
  });
});

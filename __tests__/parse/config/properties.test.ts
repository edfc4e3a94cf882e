import { describe, expect, test } from '@jest/globals';
import type { Span } from '../../../src/core/types.js';
import { parseConfig } from '../../../src/parse/config/index.js';

const at = (s: Span): string => `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;

describe('Java .properties', () => {
  const text = [
    '# datasource', //                                                            1
    'spring.datasource.url=jdbc:postgresql://db.internal:26257/bank?sslmode=require', // 2
    '! another comment', //                                                       3
    'spring.datasource.username : app', //                                        4
    'db.password   s3cr\\u0065t', //                                              5
    'app.hosts = a,\\', //                                                        6
    '    b', //                                                                   7
    'empty.key=', //                                                              8
  ].join('\n');

  test("keys stay whole, values are decoded, positions are the values'", () => {
    const doc = parseConfig('properties', 'application.properties', text);
    expect(doc.format).toBe('properties');
    expect(doc.entries.map((e) => [e.key, e.value, at(e.span)])).toEqual([
      ['spring.datasource.url', 'jdbc:postgresql://db.internal:26257/bank?sslmode=require', '2:23-2:79'],
      ['spring.datasource.username', 'app', '4:30-4:33'],
      ['db.password', 's3cret', '5:15-5:26'],
      ['app.hosts', 'a,b', '6:13-7:6'],
      ['empty.key', '', '8:1-8:10'],
    ]);
    expect(doc.entries.every((e) => e.path.length === 1 && e.path[0] === e.key)).toBe(true);
  });
});

import { describe, expect, test } from '@jest/globals';
import type { Span } from '../../../src/core/types.js';
import { parseConfig } from '../../../src/parse/config/index.js';
import type { ConfigDoc } from '../../../src/parse/config/types.js';

const at = (s: Span): string => `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
const json = (text: string): ConfigDoc => parseConfig('json', 'f.json', text);

describe('JSON', () => {
  test('offsets give exact positions; comments and trailing commas are accepted', () => {
    const doc = json(
      [
        '{', //                                                         1
        '  // devcontainer', //                                          2
        '  "containerEnv": {', //                                        3
        '    "DATABASE_URL": "postgresql://root@crdb:26257/app",', //    4
        '    "PORT": 5000,', //                                          5
        '  },', //                                                       6
        '  "features": [true, null],', //                                7
        '}', //                                                          8
      ].join('\n'),
    );
    const url = doc.entries.find((e) => e.key === 'DATABASE_URL');
    expect(url?.path).toEqual(['containerEnv', 'DATABASE_URL']);
    expect(at(url!.span)).toBe('4:21-4:55');
    expect(doc.entries.map((e) => [e.path.join('.'), e.value])).toEqual([
      ['containerEnv.DATABASE_URL', 'postgresql://root@crdb:26257/app'],
      ['containerEnv.PORT', 5000],
      ['features.0', true],
      ['features.1', null],
    ]);
  });

  test('an ECS task definition reads like a Kubernetes container', () => {
    const doc = json(
      JSON.stringify(
        {
          containerDefinitions: [
            {
              image: 'cockroachdb/cockroach:v24.1.0',
              command: ['start-single-node', '--insecure'],
              environment: [{ name: 'DATABASE_URL', value: 'postgresql://u@h/db' }],
            },
          ],
        },
        null,
        2,
      ),
    );
    expect(doc.commands).toEqual([
      {
        argv: ['start-single-node', '--insecure'],
        image: 'cockroachdb/cockroach:v24.1.0',
        span: { line: 5, column: 18, endLine: 8, endColumn: 8 },
      },
    ]);
    expect(doc.entries.find((e) => e.key === 'DATABASE_URL')?.path).toEqual([
      'containerDefinitions',
      0,
      'environment',
      0,
      'value',
    ]);
  });

  test('escapes are decoded', () => {
    expect(json('{"a": "p\\u0040ss"}').entries[0]?.value).toBe('p@ss');
  });

  test('malformed JSON throws with its line', () => {
    expect(() => json('{\n  "a": 1,\n  "b": \n}\n')).toThrow('JSON syntax error at line 4: value expected');
    expect(() => json('{"a": 1} x')).toThrow(/^JSON syntax error at line 1: /);
  });
});

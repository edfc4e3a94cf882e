import { describe, expect, test } from '@jest/globals';
import type { Span } from '../../../src/core/types.js';
import { parseConfig } from '../../../src/parse/config/index.js';

const at = (s: Span): string => `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
const shell = (text: string) => parseConfig('shell', 'create.sh', text);

describe('JSON documents inside shell scripts', () => {
  test('a single-quoted word keeps each value at its own place; paths start with the offset', () => {
    const doc = shell(
      `TOKEN=x\ncurl -d '{\n  "config": {"connection.url": "jdbc:postgresql://db/bank"}\n}' http://c/\n`,
    );
    const url = doc.entries.find((e) => e.key === 'connection.url');
    expect(url?.value).toBe('jdbc:postgresql://db/bank');
    expect(at(url!.span)).toBe('3:32-3:59');
    expect(url?.path.slice(1)).toEqual(['config', 'connection.url']);
    expect(typeof url?.path[0]).toBe('number');
    expect(doc.entries.find((e) => e.key === 'TOKEN')?.path).toEqual(['TOKEN']);
  });

  test('here-documents (quoted, and <<- with tabs stripped) are read; a here-string opens no here-document', () => {
    const doc = shell(
      'curl -d @- http://c/ <<\'EOF\'\n{"a": "1"}\nEOF\ncat <<-END > x.json\n\t{"b": "2"}\n\tEND\nhttp POST c <<< \'{"c": "3"}\'\n',
    );
    expect(doc.entries.map((e) => [e.key, e.value, e.span.line])).toEqual([
      ['a', '1', 2],
      ['b', '2', 5],
    ]);
  });

  test('escaped double-quoted JSON takes the command place; brace expansions and broken JSON are not documents', () => {
    const doc = shell(
      'echo start\ncurl --data-raw "{\\"k\\": \\"v\\"}" http://c/\nmkdir -p {a,b}\necho \'{"broken": }\'\n',
    );
    expect(doc.entries.map((e) => [e.key, e.value, e.span.line])).toEqual([['k', 'v', 2]]);
  });

  test('many documents in one script cost linear time', () => {
    const line = `curl -d '{"connection.url": "jdbc:postgresql://db/bank", "n": "1"}' http://c/\n`;
    const started = Date.now();
    const doc = shell(line.repeat(5000));
    expect(doc.entries).toHaveLength(10000);
    expect(doc.entries[9999]?.span.line).toBe(5000);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

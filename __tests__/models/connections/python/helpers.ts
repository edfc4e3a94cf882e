import { extractPythonFacts } from '../../../../src/models/connections/python/index.js';
import type { ConnectionFact, FileFacts } from '../../../../src/models/connections/types.js';
import { parsePython } from '../../../../src/parse/python.js';
import { indexPython } from '../../../../src/lang/python/file-index.js';

/** Dedents a template literal so snippets can be indented inside tests. */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** Parses, extracts, frees the tree. */
export async function factsOf(source: string, path = 'app/db.py'): Promise<FileFacts> {
  const doc = await parsePython(source);
  try {
    return extractPythonFacts(indexPython(doc), path);
  } finally {
    doc.tree.delete();
  }
}

export async function connectionsOf(source: string): Promise<readonly ConnectionFact[]> {
  return (await factsOf(source)).connections;
}

/** The only connection fact; fails the test when there is not exactly one. */
export async function onlyConnection(source: string): Promise<ConnectionFact> {
  const list = await connectionsOf(source);
  if (list.length !== 1) {
    throw new Error(`expected one connection fact, got ${list.length}: ${JSON.stringify(list.map(summary))}`);
  }
  return list[0] as ConnectionFact;
}

/** A compact, comparable view of a fact (params as a plain object of values). */
export function summary(f: ConnectionFact): Record<string, unknown> {
  return {
    origin: f.origin,
    display: f.display,
    hosts: f.hosts,
    params: Object.fromEntries([...f.params].map(([k, p]) => [k, p.value])),
    password: f.password?.value,
    driver: f.driver,
    reachesDriver: f.reachesDriver,
    envFallbackOf: f.envFallbackOf,
    line: f.span.line,
  };
}

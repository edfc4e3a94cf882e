/**
 * Issue 11, item 1: no password reaches any output, however the connection string around it is
 * malformed. The cases the issue names, then generated ones: every URI and DSN shape below carries
 * a password holding a known token among the characters that confuse URI parsers, and the token
 * must appear in no reporter's output (text, JSON, SARIF, markdown, annotations).
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { annotate } from '../../src/action/annotations.js';
import { parseConnectionString } from '../../src/models/connections/parse.js';
import { redactCredentials } from '../../src/models/connections/redact.js';
import type { ScanReport } from '../../src/engine/result.js';
import { scan } from '../../src/engine/scan.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { workspace, type Workspace } from '../helpers/hostile-repo.js';

/** Deterministic, so a failure names a case that can be run again. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// What a password may hold unencoded that a URI or DSN reader may take for structure.
const SPECIALS = [
  '?',
  '#',
  '@',
  '/',
  ':',
  '&',
  '=',
  '%',
  "'",
  '"',
  '\\',
  ';',
  ',',
  '[',
  ']',
  '{',
  '}',
  '!',
  '$',
  '+',
  ' ',
  '://',
  '%40',
  '%3F',
];

interface Case {
  readonly token: string;
  readonly text: string;
}

/** One generated connection string whose password holds `token`, in one of many shapes. */
function generate(rand: () => number, token: string): Case {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const noise = (n: number): string => Array.from({ length: n }, () => pick(SPECIALS)).join('');
  const password = `${noise(Math.floor(rand() * 3))}${token}${noise(Math.floor(rand() * 3))}`;
  const scheme = pick(['postgresql', 'postgres', 'cockroachdb', 'postgresql+psycopg2', 'jdbc:postgresql', 'redis']);
  const hosts = pick(['db.example', 'db.example:26257', 'h1:26257,h2:26257', '[::1]:5432', '']);
  const query = pick(['', '?sslmode=disable', '?sslmode=require&application_name=x@y', '#frag']);
  const user = pick(['u', 'app', '', 'a@b']);
  const uri = `${scheme}://${user}:${password}@${hosts}/bank${query}`;
  switch (Math.floor(rand() * 6)) {
    case 0:
      return { token, text: uri };
    case 1: // nested in another URI's query
      return { token, text: `postgresql://outer:x@db.example/o?fallback=${uri}` };
    case 2: // percent-encoded, as a careful author writes it
      return { token, text: `postgresql://${user}:${encodeURIComponent(password)}@${hosts}/bank${query}` };
    case 3: // a libpq keyword DSN, quoted
      return {
        token,
        text: `host=db.example user=u password='${password.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}' sslmode=disable`,
      };
    case 4: // in the query string
      return { token, text: `postgresql://u@db.example/bank?sslmode=disable&password=${password}` };
    default: {
      // Cut short before the host (a .env comment sign took the rest). Such a password can hold
      // neither '@' (the text would then name a host) nor white space (which ends the URI).
      const cut = password.replace(/[@\s]|%40/g, '');
      return { token, text: `${scheme}://${user}:${cut}` };
    }
  }
}

function cases(n: number, seed: number): Case[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => generate(rand, `TOK${i}x${Math.floor(rand() * 1e6)}Q`));
}

describe('redacting a connection string', () => {
  test.each([
    ['an unencoded ? and #', 'postgresql://u:pa?ss#word@db.example:26257/x', ['pa?ss', 'ss#word']],
    ['an unencoded # and ?', 'postgresql://u:pa#ss?word@db.example:26257/x?sslmode=disable', ['pa#ss', 'ss?word']],
    ['a nested URI', 'postgresql://a:b@h/x?fallback=postgresql://v:nestedsecret@db/x', ['nestedsecret']],
    ["a password holding '://'", 'postgresql://u:ab://cd secret9@h/x', ['secret9', 'cd']],
    ['a URI cut short', 'postgresql://u:envpa?ss', ['envpa']],
    ['a quoted DSN password', "host=db user=u password='pa ss\\' quoted' sslmode=disable", ['quoted', 'pa ss']],
  ])('masks the password of %s', (_what, text, parts) => {
    for (const shown of [redactCredentials(text), parseConnectionString(text, 1)?.redacted ?? '']) {
      for (const part of parts) expect(shown).not.toContain(part);
    }
  });

  test('masks the generated passwords in 3,000 malformed connection strings', () => {
    const leaks = cases(3000, 11).filter((c) => {
      const parsed = parseConnectionString(c.text, 1);
      return redactCredentials(c.text).includes(c.token) || (parsed?.redacted.includes(c.token) ?? false);
    });
    expect(leaks.map((c) => c.text)).toEqual([]);
  });

  test('leaves a masked value and the punctuation after it alone', () => {
    expect(redactCredentials('Literal password passed to the driver: password=****.')).toBe(
      'Literal password passed to the driver: password=****.',
    );
    expect(redactCredentials('password=hunter2.')).toBe('password=****');
  });

  test('leaves a URI without credentials readable', () => {
    const text = 'postgresql://db.example:26257,h2:26257/bank?sslmode=verify-full';
    expect(redactCredentials(text)).toBe(text);
    expect(redactCredentials('postgresql://app@db.example/bank')).toBe('postgresql://app@db.example/bank');
  });
});

describe('every reporter of a scan of hostile connection strings', () => {
  const generated = cases(120, 42);
  const named = [
    { token: 'pa?ss#word', text: 'postgresql://u:pa?ss#word@db.example:26257/x' },
    { token: 'nestedsecret', text: 'postgresql://a:b@h/x?fallback=postgresql://v:nestedsecret@db/x' },
    { token: 'Qu0tedTok', text: "host=db user=u password='pa ss\\' Qu0tedTok' sslmode=disable" },
  ];
  const all = [...named, ...generated];
  let ws: Workspace;
  let report: ScanReport;
  beforeAll(async () => {
    // A Python literal holds any of them: escape backslashes and double quotes.
    const literal = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    ws = workspace('redaction', {
      'app/db.py': ['import psycopg2', ...all.map((c, i) => `c${i} = psycopg2.connect(${literal(c.text)})`), ''].join(
        '\n',
      ),
      'app/settings.py': [...all.map((c, i) => `SQLALCHEMY_DATABASE_URI_${i} = ${literal(c.text)}`), ''].join('\n'),
    });
    report = await scan({
      root: ws.repo,
      threshold: { failBelow: 'C', minScore: undefined, failOnSeverity: undefined },
    });
  });
  afterAll(() => ws.remove());

  test('the scan reports the connection strings (so the outputs below hold messages about them)', () => {
    expect(report.findings.filter((f) => f.ruleId === 'FCG201').length).toBeGreaterThan(all.length / 2);
  });

  test('shows no password in text, JSON, SARIF, markdown or annotations', () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      annotate(report.findings.slice(0, 500), { root: ws.repo, workspace: ws.repo });
    } finally {
      spy.mockRestore();
    }
    const outputs: Record<string, string> = {
      text: renderText(report, { color: false }),
      json: renderJson(report),
      sarif: renderSarif(report),
      markdown: renderMarkdown(report),
      annotations: written.join(''),
    };
    const leaks: string[] = [];
    for (const [name, out] of Object.entries(outputs)) {
      for (const c of all) if (out.includes(c.token)) leaks.push(`${name}: ${c.text}`);
    }
    expect(leaks).toEqual([]);
  });
});

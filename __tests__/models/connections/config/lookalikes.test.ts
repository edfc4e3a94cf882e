import { describe, expect, test } from '@jest/globals';
import type { FileKind } from '../../../../src/core/types.js';
import { extractConfigFacts } from '../../../../src/models/connections/config/index.js';
import type { FileFacts } from '../../../../src/models/connections/types.js';
import { parseConfig } from '../../../../src/parse/config/index.js';

const facts = (kind: FileKind, text: string): FileFacts => extractConfigFacts(parseConfig(kind, 'f', text));

describe('look-alikes produce nothing to report', () => {
  test('sslmode=verify-full with sslrootcert: both parameters are there', () => {
    const [c] = facts(
      'dotenv',
      'DATABASE_URL=postgresql://app@db.example.com:26257/app?sslmode=verify-full&sslrootcert=/certs/ca.crt\n',
    ).connections;
    expect(c?.params.get('sslmode')?.value).toBe('verify-full');
    expect(c?.params.has('sslrootcert')).toBe(true);
    expect(c?.password).toBeUndefined();
  });

  test('`${DATABASE_URL}` is a reference, not a connection string', () => {
    expect(
      facts(
        'yaml',
        'services:\n  web:\n    environment:\n      DATABASE_URL: ${DATABASE_URL}\n      OTHER: $DATABASE_URL\n',
      ).connections,
    ).toEqual([]);
    expect(facts('dotenv', 'DATABASE_URL=${DATABASE_URL}\n').connections).toEqual([]);
  });

  test('secretKeyRef / valueFrom carry no value', () => {
    const f = facts(
      'yaml',
      'spec:\n  containers:\n    - image: app\n      env:\n        - name: DATABASE_URL\n          valueFrom:\n            secretKeyRef: {name: db, key: url}\n',
    );
    expect(f.connections).toEqual([]);
  });

  test('placeholder passwords are not passwords', () => {
    const f = facts(
      'dotenv',
      'A_DATABASE_URL=postgresql://app:<password>@db.example.com/app\nB_DATABASE_URL=postgresql://app:${DB_PASSWORD}@db.example.com/app\nC_DATABASE_URL=postgresql://app:changeme@db.example.com/app\n',
    );
    expect(f.connections).toHaveLength(3);
    expect(f.connections.map((c) => c.password)).toEqual([undefined, undefined, undefined]);
    expect(f.connections[0]?.display).toBe('postgresql://app:****@db.example.com/app');
  });

  test('a URI in a comment is not a connection', () => {
    expect(facts('dotenv', '# DATABASE_URL=postgresql://u:p@db.example.com/app?sslmode=disable\n').connections).toEqual(
      [],
    );
    expect(facts('yaml', '# DATABASE_URL: postgresql://u:p@db.example.com/app\na: 1\n').connections).toEqual([]);
    expect(facts('ini', '[alembic]\n# sqlalchemy.url = postgresql://u:p@db.example.com/app\n').connections).toEqual([]);
    expect(facts('shell', '# psql postgresql://u:p@db.example.com/app\necho hi\n').connections).toEqual([]);
  });

  test('`cockroach sql --certs-dir=...` is not insecure', () => {
    const f = facts(
      'yaml',
      'jobs:\n  t:\n    steps:\n      - run: cockroach sql --certs-dir=/certs --host=crdb -e "select 1"\n',
    );
    expect(f.commands).toHaveLength(1);
    expect(f.commands[0]?.argv).not.toContain('--insecure');
  });

  test('a single key=value is not a keyword DSN; prose is not a URI', () => {
    expect(facts('dotenv', 'OPTIONS=sslmode=disable\nNOTE="see postgresql docs"\n').connections).toEqual([]);
  });
});

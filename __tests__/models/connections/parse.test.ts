import { describe, expect, test } from '@jest/globals';
import { DYNAMIC } from '../../../src/core/dynamic.js';
import { isLocalHost } from '../../../src/models/connections/hosts.js';
import { parseConnectionString, parseConnectionUri, parseKeywordDsn } from '../../../src/models/connections/parse.js';
import { scrubSecrets } from '../../../src/models/connections/redact.js';

describe('parseConnectionUri', () => {
  test('reads a +driver scheme, a percent-encoded password and the query', () => {
    const c = parseConnectionUri(
      'cockroachdb+psycopg2://app:p%40ss%2Fw@db.prod:26257/bank?sslmode=verify-full&sslrootcert=/certs/ca.crt',
    );
    expect(c).toMatchObject({
      form: 'uri',
      scheme: 'cockroachdb',
      driver: 'psycopg2',
      user: 'app',
      password: 'p@ss/w',
      database: 'bank',
    });
    expect(c?.hosts).toEqual(['db.prod']);
    expect(c?.params.get('sslmode')).toBe('verify-full');
    expect(c?.params.get('sslrootcert')).toBe('/certs/ca.crt');
    expect(c?.redacted).toBe(
      'cockroachdb+psycopg2://app:****@db.prod:26257/bank?sslmode=verify-full&sslrootcert=/certs/ca.crt',
    );
    expect(c?.redacted).not.toContain('p%40ss');
  });

  test('reads multi-host lists, which pg-connection-string rejects', () => {
    const c = parseConnectionUri('postgresql://app:secret@n1.db:26257,n2.db:26257,[::1]:26258/bank?sslmode=require');
    expect(c?.hosts).toEqual(['n1.db', 'n2.db', '::1']);
    expect(c?.password).toBe('secret');
    expect(c?.params.get('sslmode')).toBe('require');
  });

  test('keeps an unencoded @ inside the password', () => {
    const c = parseConnectionUri('postgres://app:a@b@db.example.com/x');
    expect(c?.password).toBe('a@b');
    expect(c?.hosts).toEqual(['db.example.com']);
    expect(c?.redacted).toBe('postgres://app:****@db.example.com/x');
  });

  test('host in the query (unix socket) and no userinfo', () => {
    const c = parseConnectionUri('postgresql:///bank?host=/var/run/postgresql');
    expect(c?.hosts).toEqual(['/var/run/postgresql']);
    expect(c?.password).toBeUndefined();
  });

  test('masks ?password= as well', () => {
    const c = parseConnectionUri('postgresql://db.example.com/x?user=a&password=hunter22&sslmode=verify-full');
    expect(c?.password).toBe('hunter22');
    expect(c?.redacted).not.toContain('hunter22');
  });

  test('partly known strings keep the unknown parts unknown', () => {
    const c = parseConnectionUri(`postgresql://${DYNAMIC}:${DYNAMIC}@db.prod:26257/bank?sslmode=${DYNAMIC}`);
    expect(c?.password).toBe(DYNAMIC);
    expect(c?.hosts).toEqual(['db.prod']);
    expect(c?.redacted).toBe('postgresql://{…}:****@db.prod:26257/bank?sslmode={…}');
  });

  test('never touches the files named by sslrootcert/sslcert/sslkey', () => {
    const started = Date.now();
    const c = parseConnectionUri('postgresql://a@h/db?sslrootcert=/dev/zero&sslcert=/etc/shadow&sslkey=/dev/zero');
    expect(c?.params.get('sslrootcert')).toBe('/dev/zero');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('is not fooled by other schemes', () => {
    expect(parseConnectionUri('https://example.com/?sslmode=disable')).toBeUndefined();
    expect(parseConnectionUri('mysql://u:p@h/db')).toBeUndefined();
  });
});

describe('parseKeywordDsn', () => {
  test('tokenises quoted values and escapes like libpq', () => {
    const c = parseKeywordDsn("host=db.prod port=26257 dbname=bank user=app password='it''s' sslmode = verify-full");
    // libpq quoting escapes with backslash; the doubled quote above ends the value at "it"
    expect(c).toBeUndefined();
    const d = parseKeywordDsn("host=db.prod dbname=bank user=app password='it\\'s a secret' sslmode = verify-full");
    expect(d?.password).toBe("it's a secret");
    expect(d?.params.get('sslmode')).toBe('verify-full');
    expect(d?.redacted).toBe('host=db.prod dbname=bank user=app password=**** sslmode=verify-full');
  });

  test('rejects prose and unknown keywords', () => {
    expect(parseKeywordDsn('hello world')).toBeUndefined();
    expect(parseKeywordDsn('colour=red size=2')).toBeUndefined();
  });

  test('needs two pairs unless told otherwise', () => {
    expect(parseConnectionString('sslmode=disable')).toBeUndefined();
    expect(parseConnectionString('sslmode=disable', 1)?.params.get('sslmode')).toBe('disable');
    expect(parseConnectionString('host=a sslmode=disable')?.hosts).toEqual(['a']);
  });
});

describe('hosts and redaction', () => {
  test('local hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '::1', '[::1]', '/var/run/postgresql', '', 'host.docker.internal']) {
      expect(isLocalHost(h)).toBe(true);
    }
    for (const h of ['db', 'db.prod.example.com', '10.0.0.5', 'localhost.example.com'])
      expect(isLocalHost(h)).toBe(false);
  });

  test('scrubSecrets removes raw and percent-encoded forms, longest first', () => {
    expect(scrubSecrets('a p@ss/w and p%40ss%2Fw', ['p@ss/w'])).toBe('a **** and ****');
    expect(scrubSecrets('keep ab', ['ab'])).toBe('keep ab'); // too short to scrub safely
  });

  test('scrubSecrets masks whole tokens only, so the mask cannot spell out the password', () => {
    // A password "postgres" must not turn the scheme or a host into ****ql / ****-1.
    expect(scrubSecrets('postgresql://app:****@postgresql-1.internal/app (pw postgres)', ['postgres'])).toBe(
      'postgresql://app:****@postgresql-1.internal/app (pw ****)',
    );
    expect(scrubSecrets('x=hunter2x;', ['hunter2x'])).toBe('x=****;');
    expect(scrubSecrets('hunter2xy', ['hunter2x'])).toBe('hunter2xy');
  });
});

import { describe, expect, test } from '@jest/globals';
import { credentialLogged } from '../../../../src/rules/secrets/credential-logged.js';
import { runRule } from '../../../helpers/rule-tester.js';
import { connectionsOf, factsOf, py } from './helpers.js';

// Passes skip a file whose text cannot hold what they look for (a sink's module, a PG variable, a
// URL-like setting name, a logger). These cases sit at the edge of each skip: the spelling the
// pass needs is there only in an alias, a keyword, a lower-case name or a constant.
describe('text pre-checks keep what the passes find', () => {
  test('a sink reached through an aliased import of its module', async () => {
    const list = await connectionsOf(py`
      import sqlalchemy as sa
      from psycopg2 import connect as open_db
      e = sa.create_engine("postgresql://u@a.example.com/x")
      c = open_db(host="b.example.com", sslmode="disable")
    `);
    expect(list.map((f) => f.hosts?.[0])).toEqual(['a.example.com', 'b.example.com']);
  });

  test('a lower-case URL setting and a PG variable set through putenv', async () => {
    const list = await connectionsOf(py`
      import os
      settings = dict(db_dsn="postgresql://u@c.example.com/x")
      os.putenv("PGSSLMODE", "allow")
    `);
    expect(list.map((f) => f.origin)).toEqual(['uri', 'setting']);
  });

  test('an sslmode fallback named in lower case', async () => {
    const list = await connectionsOf(py`
      import os
      mode = os.environ.get("db_ssl_mode", "disable")
    `);
    expect(list.map((f) => f.params.get('sslmode')?.value)).toEqual(['disable']);
  });

  test('printers under another name, and a logger made on the spot', async () => {
    const findings = await runRule(
      credentialLogged,
      'app.py',
      `
      import logging
      from click import secho as shout

      def show(password):
          shout(password)
          logging.getLogger(__name__).info("pw %s", password)
      `,
    );
    expect(findings.map((f) => f.line)).toEqual([5, 6]);
  });

  test('a file that spells none of them has no connection', async () => {
    const list = await connectionsOf(py`
      import json
      data = json.loads('{"a": 1}')
    `);
    expect(list).toEqual([]);
  });
});

describe('the URL-setting pre-check', () => {
  test('database and URL words apart in one name, URL first', async () => {
    const list = await connectionsOf(py`
      import os
      A = os.getenv("URL_OF_MAIN_DB", "postgresql://u@d.example.com/x")
    `);
    expect(list.map((f) => [f.hosts?.[0], f.reachesDriver])).toEqual([['d.example.com', true]]);
  });

  test('a string key with a hyphen between its database and URL words', async () => {
    const list = await connectionsOf(py`
      config = {"DB_my-app_URL": "postgresql://u@e.example.com/x"}
    `);
    expect(list.map((f) => [f.hosts?.[0], f.reachesDriver])).toEqual([['e.example.com', true]]);
  });
});

describe('the command pre-check', () => {
  test('os imported under its own name, subprocess under another', async () => {
    const { commands } = await factsOf(py`
      import os
      import subprocess as sp
      os.system("cockroach start --insecure")
      sp.run(["cockroach", "sql", "--insecure"])
    `);
    expect(commands.map((c) => c.argv.slice(0, 2))).toEqual([
      ['cockroach', 'start'],
      ['cockroach', 'sql'],
    ]);
  });
});

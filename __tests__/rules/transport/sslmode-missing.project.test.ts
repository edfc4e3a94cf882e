import { projectTester } from '../../helpers/rule-tester.js';
import { sslmodeMissing } from '../../../src/rules/transport/sslmode-missing.js';

const settings = (host: string): string => `
  import os
  DB_NAME = os.getenv("POSTGRES_DB", "")
  DB_USER = os.getenv("POSTGRES_USER", "")
  DB_HOST = ${host}
  DB_PORT = 5432
`;

const viaSelf = `
  import psycopg2
  from config import DB_NAME, DB_USER, DB_HOST, DB_PORT

  class Loader:
      def __init__(self, name, user, host, port):
          self.name = name
          self.host = host
          self.port = port

      def connect(self):
          self.conn = psycopg2.connect(dbname=self.name, user=self.user, host=self.host, port=self.port)

  Loader(DB_NAME, DB_USER, DB_HOST, DB_PORT).connect()
`;

projectTester(sslmodeMissing, {
  valid: [
    {
      name: 'the imported host is a local one',
      files: { 'task/config.py': settings('"localhost"'), 'task/runner.py': viaSelf },
    },
    {
      name: 'the imported host comes from the environment',
      files: { 'task/config.py': settings('os.getenv("DB_HOST")'), 'task/runner.py': viaSelf },
    },
    {
      name: 'sslmode is passed too',
      files: {
        'task/config.py': settings('"db-service"'),
        'task/runner.py': viaSelf.replace('port=self.port)', 'port=self.port, sslmode="verify-full")'),
      },
    },
    {
      name: 'the class is also built with a parameter the file cannot follow',
      files: {
        'task/config.py': settings('"db-service"'),
        'task/runner.py': `${viaSelf}\ndef other(h):\n    Loader("n", "u", h, 5432)\n`,
      },
    },
    {
      name: 'a host from a library (not in the project)',
      files: {
        'task/runner.py':
          'import psycopg2\nfrom vendor.settings import HOST\npsycopg2.connect(host=HOST, dbname="x")\n',
      },
    },
  ],
  invalid: [
    {
      name: 'host=self.host filled from an imported constant (remote service name)',
      files: { 'task/config.py': settings('"db-service"'), 'task/runner.py': viaSelf },
      findings: [{ path: 'task/runner.py', line: 11, message: /db-service \(the host is DB_HOST/ }],
    },
    {
      name: 'host= an imported constant directly',
      files: {
        'app/settings.py': 'PG_HOST = "pg.internal.example.com"\n',
        'app/db.py':
          'import psycopg2\nfrom .settings import PG_HOST\nconn = psycopg2.connect(host=PG_HOST, dbname="shop")\n',
      },
      findings: [{ path: 'app/db.py', line: 3, message: /pg\.internal\.example\.com/ }],
    },
    {
      name: 'host= an attribute of an imported settings module',
      files: {
        'app/settings.py': 'PG_HOST = "10.0.4.12"\n',
        'app/db.py':
          'import psycopg2\nfrom app import settings\nconn = psycopg2.connect(host=settings.PG_HOST, dbname="shop")\n',
      },
      findings: [{ path: 'app/db.py', line: 3, message: /10\.0\.4\.12/ }],
    },
  ],
});

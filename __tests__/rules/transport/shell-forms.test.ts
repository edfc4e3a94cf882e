import { insecureDefault } from '../../../src/rules/transport/insecure-default.js';
import { sslmodeDisabled } from '../../../src/rules/transport/sslmode-disabled.js';
import { sslmodeDowngradable } from '../../../src/rules/transport/sslmode-downgradable.js';
import { sslmodeMissing } from '../../../src/rules/transport/sslmode-missing.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Shell and CLI forms of libpq's TLS settings (issue 14, item 7), each with its look-alikes.

ruleTester(sslmodeDisabled, {
  valid: [
    {
      name: 'sslmode=disable in a comment and in echoed text',
      path: 'scripts/restore.sh',
      code: `
        #!/bin/sh
        # psql "postgresql://app@db.prod/bank?sslmode=disable" works for local testing
        echo "never run PGSSLMODE=disable psql against production"
        printf 'use host=db.prod dbname=bank sslmode=disable only on a laptop\\n'
      `,
    },
    {
      name: 'PGSSLMODE read from the caller with a secure default',
      path: 'scripts/dump.sh',
      code: `
        export PGSSLMODE=\${PGSSLMODE:-verify-full}
        PGSSLMODE=\${PGSSLMODE:-require} pg_dump -h db.prod bank > dump.sql
        PGSSLMODE=$MODE psql -h db.prod bank
      `,
    },
    {
      name: 'a prefix assignment of another setting, and an assignment line alone',
      path: 'Makefile',
      code: `
        dump:
        \tPGHOST=db.prod PGSSLMODE=verify-full pg_dump bank > x.sql
        \tLOG_LEVEL=disable ./run.sh
      `,
    },
    {
      name: 'ssl=true and requiressl=1 are not TLS off',
      path: 'scripts/check.sh',
      code: `
        psql "postgresql://app@db.prod/bank?requiressl=1&sslrootcert=/c/ca.crt" -c 'select 1'
        node check.js "postgresql://app@db.prod/bank?ssl=true"
      `,
    },
    {
      name: 'a known sslmode in any case, node-postgres no-verify, and a MySQL ssl-mode',
      path: 'docker-compose.yml',
      code: `
        services:
          web:
            environment:
              PGSSLMODE: verify-full
              DATABASE_URL: postgresql://app@db.prod/bank?sslmode=no-verify
              MYSQL_SSL_MODE: DISABLED
              DB_SSLMODE: "no"
      `,
    },
    {
      name: 'a keyword DSN as a YAML value is one connection, not a script of assignments',
      path: 'config/app.yml',
      code: `
        database:
          dsn: "host=db.prod dbname=bank sslmode=verify-full sslrootcert=/c/ca.crt"
      `,
    },
    {
      name: 'a workflow step that only echoes the setting',
      path: '.github/workflows/ci.yml',
      code: `
        on: push
        jobs:
          t:
            runs-on: ubuntu-latest
            steps:
              - run: echo "export PGSSLMODE=disable is not what we do"
      `,
    },
  ],
  invalid: [
    {
      name: 'a command prefix: script, Makefile recipe, Procfile process, env(1)',
      path: 'scripts/dump.sh',
      code: `
        PGSSLMODE=disable pg_dump -h db.prod bank > dump.sql
        env -i PGSSLMODE=disable psql -h db.prod bank
      `,
      findings: [
        { line: 1, severity: 'high', message: /set by PGSSLMODE/ },
        { line: 2, severity: 'high' },
      ],
    },
    {
      name: 'docker run -e PGSSLMODE=disable (and --env=, and a look-alike -e of another setting)',
      path: 'scripts/run.sh',
      code: `
        docker run --rm -e PGSSLMODE=disable -e LOG_LEVEL=debug app migrate
        docker run --env=PGSSLMODE=prefer app
        grep -e PGSSLMODE=disable README.md
      `,
      findings: [{ line: 1 }],
    },
    {
      name: 'a prefix PGSSLMODE on a command with a URI: one finding for the line',
      path: 'scripts/dump.sh',
      code: 'PGSSLMODE=disable psql "postgresql://app@db.prod/bank" -c "select 1"\n',
      findings: [{ line: 1 }],
    },
    {
      name: 'a Makefile recipe',
      path: 'Makefile',
      code: `
        dump:
        \tPGSSLMODE=disable pg_dump -h db.prod bank > x.sql
      `,
      findings: [{ line: 2 }],
    },
    {
      name: 'a Procfile process',
      path: 'Procfile',
      code: 'web: PGSSLMODE=disable gunicorn app:app\n',
      findings: [{ line: 1 }],
    },
    {
      name: 'export PGSSLMODE=disable inside a workflow run block and a GitLab script item',
      path: '.github/workflows/ci.yml',
      code: `
        on: push
        jobs:
          t:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  set -e
                  export PGSSLMODE=disable
                  pg_dump -h db.prod bank > x.sql
      `,
      findings: [{ line: 8 }],
    },
    {
      name: 'a GitLab script item',
      path: '.gitlab-ci.yml',
      code: `
        dump:
          script:
            - export PGSSLMODE=disable
            - pg_dump -h db.prod bank
      `,
      findings: [{ line: 3 }],
    },
    {
      name: 'ssl=false in a URI handed to a command (node-postgres reads it as TLS off)',
      path: 'scripts/seed.sh',
      code: 'node seed.js "postgresql://app@db.prod/bank?ssl=false"\n',
      findings: [{ line: 1, severity: 'high' }],
    },
    {
      name: 'keyword DSNs on psql and pg_dump -d',
      path: 'scripts/dump.sh',
      code: `
        psql "host=db.prod dbname=bank sslmode=disable" -c 'select 1'
        pg_dump -d "host=db.prod dbname=bank sslmode=disable" > x.sql
        psql "host=localhost dbname=bank sslmode=disable"
      `,
      findings: [
        { line: 1, severity: 'high' },
        { line: 2, severity: 'high' },
        { line: 3, severity: 'low', message: /local host/ },
      ],
    },
    {
      name: 'an sslmode libpq does not know: reported low, in URIs, DSNs, PGSSLMODE and Kubernetes env',
      path: 'k8s/job.yaml',
      code: `
        apiVersion: batch/v1
        kind: Job
        spec:
          template:
            spec:
              containers:
                - name: migrate
                  image: app
                  env:
                    - name: PGSSLMODE
                      value: "on"
                    - name: DATABASE_URL
                      value: postgresql://app@db.prod/bank?sslmode=fasle
      `,
      findings: [
        { line: 11, severity: 'low', message: /sslmode=on .*not an sslmode PostgreSQL clients know/ },
        { line: 13, severity: 'low', message: /sslmode=fasle/ },
      ],
    },
    {
      name: 'an unknown sslmode on a command line and in a compose list',
      path: 'docker-compose.yml',
      code: `
        services:
          web:
            environment:
              - PGSSLMODE=true
            command: psql "host=db.prod dbname=bank sslmode=fasle"
      `,
      findings: [
        { line: 4, severity: 'low' },
        { line: 5, severity: 'low' },
      ],
    },
    {
      name: 'a PGSSLMODE set inside an if block, and an unknown fallback value',
      path: 'scripts/a.sh',
      code: `
        if [ -z "$PGSSLMODE" ]; then
          PGSSLMODE=disable
        fi
        export PGSSLMODE=\${PGSSLMODE:-on}
      `,
      findings: [
        { line: 2, severity: 'high' },
        { line: 4, severity: 'low', message: /sslmode=on/ },
      ],
    },
    {
      name: 'PGSSLMODE=disable in compose environment (list and map) and Kubernetes env',
      path: 'deploy/stack.yml',
      code: `
        services:
          web:
            environment:
              - PGSSLMODE=disable
          worker:
            environment:
              PGSSLMODE: disable
      `,
      findings: [{ line: 4 }, { line: 7 }],
    },
    {
      name: 'a keyword DSN with sslmode=disable as a YAML value: one finding',
      path: 'config/app.yml',
      code: `
        database:
          dsn: "host=db.prod dbname=bank sslmode=disable"
      `,
      findings: [{ line: 2, message: /in host=db.prod/ }],
    },
  ],
});

ruleTester(sslmodeDowngradable, {
  valid: [
    {
      name: 'requiressl=1 is require, not a downgrade',
      path: 'scripts/a.sh',
      code: 'psql "host=db.prod dbname=bank requiressl=1"\n',
    },
    {
      name: 'a URI with verify-full wins over an older requiressl=0 spelling',
      path: 'scripts/a.sh',
      code: 'psql "postgresql://app@db.prod/bank?requiressl=0&sslmode=verify-full&sslrootcert=/c/ca.crt"\n',
    },
  ],
  invalid: [
    {
      name: 'psql with a prefer URI, in a script, a Dockerfile and a CI run step',
      path: 'Dockerfile',
      code: `
        FROM python:3.12
        RUN psql "postgresql://app@db.prod/bank?sslmode=prefer" -f m.sql
        RUN PGSSLMODE=allow psql -h db.prod bank -f m.sql
      `,
      findings: [
        { line: 2, severity: 'high' },
        { line: 3, severity: 'high' },
      ],
    },
    {
      name: 'docker run --env=PGSSLMODE=prefer',
      path: 'scripts/run.sh',
      code: 'docker run --env=PGSSLMODE=prefer app\n',
      findings: [{ line: 1, message: /set by PGSSLMODE/ }],
    },
    {
      name: 'requiressl=0 is libpq prefer',
      path: 'scripts/a.sh',
      code: `
        psql "postgresql://app@db.prod/bank?requiressl=0"
        psql "host=db.prod dbname=bank requiressl=0"
      `,
      findings: [
        { line: 1, message: /sslmode=prefer/ },
        { line: 2, message: /sslmode=prefer/ },
      ],
    },
  ],
});

ruleTester(insecureDefault, {
  valid: [
    {
      name: 'a secure default in a prefix assignment',
      path: 'scripts/a.sh',
      code: 'PGSSLMODE=${PGSSLMODE:-verify-full} psql -h db.prod bank\n',
    },
  ],
  invalid: [
    {
      name: 'an insecure default in a prefix assignment and an export',
      path: 'scripts/a.sh',
      code: `
        PGSSLMODE=\${PGSSLMODE:-disable} psql -h db.prod bank
        export PGSSLMODE=\${PGSSLMODE:-prefer}
      `,
      findings: [{ line: 1 }, { line: 2 }],
    },
  ],
});

// The sslmode a command gives itself counts for the connection string on that command line.
ruleTester(sslmodeMissing, {
  valid: [
    {
      name: 'a prefix PGSSLMODE=verify-full covers the URI of its own command',
      path: 'scripts/dump.sh',
      code: 'PGSSLMODE=verify-full PGSSLROOTCERT=/c/ca.crt pg_dump "postgresql://app@db.prod/bank" > x.sql\n',
    },
    {
      name: 'requiressl=1 is an sslmode (require)',
      path: 'scripts/dump.sh',
      code: 'pg_dump "postgresql://app@db.prod/bank?requiressl=1" > x.sql\n',
    },
  ],
  invalid: [
    {
      name: 'a prefix on another command does not cover this one',
      path: 'scripts/dump.sh',
      code: `
        PGSSLMODE=verify-full pg_dump -h db.prod bank > x.sql
        psql "postgresql://app@db.prod/bank" -f x.sql
      `,
      findings: [{ line: 2 }],
    },
  ],
});

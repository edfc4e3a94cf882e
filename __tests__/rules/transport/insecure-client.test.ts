import { insecureClient } from '../../../src/rules/transport/insecure-client.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(insecureClient, {
  valid: [
    {
      name: 'a client with certificates',
      path: 'init.sh',
      code: 'cockroach sql --certs-dir=/certs --host=roach -e "CREATE DATABASE bank"\n',
    },
    { name: 'the node itself is another rule', path: 'run.sh', code: 'cockroach start-single-node --insecure\n' },
    { name: 'COCKROACH_INSECURE=false', path: '.env', code: 'COCKROACH_INSECURE=false\n' },
  ],
  invalid: [
    {
      name: 'sql against a remote host',
      path: 'init.sh',
      code: 'cockroach sql --insecure --host=roach-0.roach:26257 -e "CREATE DATABASE bank"\n',
      findings: [{ line: 1, severity: 'high' }],
    },
    {
      name: 'init with no host is medium',
      path: 'init.sh',
      code: 'cockroach init --insecure\n',
      findings: [{ line: 1, severity: 'medium' }],
    },
    {
      name: 'compose init container',
      path: 'docker-compose.yml',
      code: 'services:\n  init:\n    image: cockroachdb/cockroach:v24.2.0\n    command: init --insecure --host=roach1\n',
      findings: [{ line: 4, severity: 'high' }],
    },
    {
      name: 'demo is low',
      path: 'Makefile',
      code: 'demo:\n\tcockroach demo --insecure\n',
      findings: [{ line: 2, severity: 'low' }],
    },
    {
      name: 'COCKROACH_INSECURE in the environment',
      path: '.env',
      code: 'COCKROACH_INSECURE=true\n',
      findings: [{ line: 1 }],
    },
  ],
});

ruleTester(insecureClient, {
  valid: [
    {
      name: 'flags before the subcommand, secure',
      path: 'setup-db.sh',
      code: 'cockroach -d bank sql --certs-dir=/certs -e "SELECT 1"\n',
    },
  ],
  invalid: [
    {
      name: 'flags before the subcommand',
      path: 'setup-db.sh',
      code: 'cockroach -d bank sql -e "CREATE TABLE t (id INT)" --insecure --host=roach1\n',
      findings: [{ line: 1, severity: 'high' }],
    },
  ],
});

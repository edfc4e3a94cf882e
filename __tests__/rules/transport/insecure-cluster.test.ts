import { insecureCluster } from '../../../src/rules/transport/insecure-cluster.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(insecureCluster, {
  valid: [
    {
      name: 'a secure node',
      path: 'docker-compose.yml',
      code: 'services:\n  roach:\n    image: cockroachdb/cockroach:v24.2.0\n    command: start-single-node --certs-dir=/certs\n',
    },
    {
      name: 'an insecure client is another rule',
      path: 'init.sh',
      code: '#!/bin/sh\ncockroach sql --insecure --host=roach -e "select 1"\n',
    },
    {
      name: 'start --insecure for an image that is not cockroach',
      path: 'docker-compose.yml',
      code: 'services:\n  web:\n    image: myapp\n    command: start --insecure\n',
    },
    { name: 'insecure=false', path: 'run.sh', code: 'cockroach start --insecure=false --certs-dir=/certs\n' },
    {
      name: 'a comment',
      path: 'run.sh',
      code: '# cockroach start --insecure  (do not do this)\ncockroach start --certs-dir=/certs\n',
    },
  ],
  invalid: [
    {
      name: 'compose command string without the word cockroach',
      path: 'docker-compose.yml',
      code: 'services:\n  roach:\n    image: cockroachdb/cockroach:v24.2.0\n    command: start-single-node --insecure --store=type=mem,size=1GiB\n',
      findings: [{ line: 4, severity: 'critical' }],
    },
    {
      name: 'compose command list',
      path: 'compose.yaml',
      code: 'services:\n  roach1:\n    image: cockroachdb/cockroach:latest\n    command:\n      - start\n      - --insecure\n      - --join=roach1,roach2\n',
      findings: [{ line: 5 }], // the command list itself
    },
    {
      name: 'Kubernetes StatefulSet args',
      path: 'k8s/cockroach.yaml',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  template:\n    spec:\n      containers:\n        - name: cockroachdb\n          image: cockroachdb/cockroach:v24.2.0\n          command: ["/cockroach/cockroach"]\n          args: ["start", "--insecure", "--join=cockroachdb-0.cockroachdb"]\n',
      findings: [{ line: 9 }],
    },
    {
      name: 'Dockerfile CMD exec form',
      path: 'Dockerfile',
      code: 'FROM cockroachdb/cockroach:v24.2.0\nCMD ["start-single-node", "--insecure"]\n',
      findings: [{ line: 2 }],
    },
    {
      name: 'shell script with a binary path',
      path: 'scripts/run.sh',
      code: '#!/bin/bash\nset -e\n./cockroach start-single-node --insecure --background\n',
      findings: [{ line: 3 }],
    },
    {
      name: 'Procfile',
      path: 'Procfile',
      code: 'db: cockroach start-single-node --insecure --listen-addr=0.0.0.0\n',
      findings: [{ line: 1 }],
    },
    {
      name: 'docker run in a workflow',
      path: '.github/workflows/test.yml',
      code: 'jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker run -d -p 26257:26257 cockroachdb/cockroach:v24.2.0 start-single-node --insecure\n',
      findings: [{ line: 5 }],
    },
    {
      name: 'listening on localhost only is high',
      path: 'run.sh',
      code: 'cockroach start-single-node --insecure --listen-addr=localhost:26257\n',
      findings: [{ line: 1, severity: 'high' }],
    },
    {
      name: 'Python subprocess',
      code: 'import subprocess\nsubprocess.Popen(["cockroach", "start-single-node", "--insecure"])',
      findings: [{ line: 2 }],
    },
  ],
});

// Forms measured in public repositories that an earlier version missed.
ruleTester(insecureCluster, {
  valid: [
    { name: 'a variable that is not the cockroach binary', path: 'run.sh', code: 'PY=python3\n$PY start --insecure\n' },
    { name: 'curl --insecure', path: 'run.sh', code: 'curl --insecure https://roach:8080/health\n' },
  ],
  invalid: [
    {
      name: 'compose file format v1 (services at the top) with a -dev image',
      path: 'docker-compose.yml',
      code: 'cockroach:\n  image: cockroachdb/cockroach-dev\n  command: start --insecure\n',
      findings: [{ line: 3 }],
    },
    {
      name: 'templated image in a workflow',
      path: '.github/workflows/ci.yml',
      code: 'jobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker run -d cockroachdb/${{ matrix.crdb }} start-single-node --insecure\n',
      findings: [{ line: 5 }],
    },
    {
      name: 'the binary in a variable',
      path: 'helper.sh',
      code: 'CROACHDB=/opt/cockroach/cockroach\n$CROACHDB start-single-node --background --insecure\n',
      findings: [{ line: 2 }],
    },
  ],
});

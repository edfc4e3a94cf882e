import { projectTester } from '../../helpers/rule-tester.js';
import { insecureCluster } from '../../../src/rules/transport/insecure-cluster.js';

const operatorChart = {
  'charts/crdb/Chart.yaml': 'apiVersion: v2\nname: cockroachdb-chart\nversion: 1.0.0\n',
  'charts/crdb/values.yaml': 'cockroachdb:\n  tls:\n    enabled: true\n    selfSigner:\n      enabled: true\n',
};
const classicChart = {
  'Chart.yaml': 'apiVersion: v1\nname: cockroachdb\nversion: 1.0.0\n',
  'values.yaml': 'statefulset:\n  replicas: 3\ntls:\n  enabled: true\n',
};
const insecureValues = '# example\ncockroachdb:\n  tls:\n    enabled: false\n    selfSigner:\n      enabled: false\n';

projectTester(insecureCluster, {
  valid: [
    {
      name: 'values turning TLS off with no CockroachDB chart in the project',
      files: { 'deploy/insecure-values.yaml': insecureValues },
    },
    {
      name: 'the chart of the project is not a CockroachDB chart',
      files: {
        'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\n',
        'charts/web/values.yaml': 'cockroachdb:\n  tls:\n    enabled: true\n',
        'deploy/insecure-values.yaml': insecureValues,
      },
    },
    {
      name: 'a switch the chart does not declare (the classic chart has tls.enabled at the top)',
      files: { ...classicChart, 'deploy/values-dev.yaml': insecureValues },
    },
    {
      name: 'TLS left on; only the self-signer is off',
      files: {
        ...operatorChart,
        'examples/cert-manager-values.yaml':
          'cockroachdb:\n  tls:\n    enabled: true\n    selfSigner:\n      enabled: false\n',
      },
    },
    {
      name: 'a TLS switch off in a file that is not a values file',
      files: { ...operatorChart, 'deploy/ingress.yaml': insecureValues },
    },
  ],
  invalid: [
    {
      name: 'example values for the operator chart turn TLS off',
      files: { ...operatorChart, 'examples/insecure-values.yaml': insecureValues },
      findings: [
        {
          path: 'examples/insecure-values.yaml',
          line: 4,
          severity: 'critical',
          message: /cockroachdb\.tls\.enabled: false.*charts\/crdb\/.*--insecure/,
        },
      ],
    },
    {
      name: 'the classic chart, its switch set off by a values file (written as a string)',
      files: { ...classicChart, 'values-insecure.yaml': 'tls:\n  enabled: "false"\n' },
      findings: [{ path: 'values-insecure.yaml', line: 2, severity: 'critical', message: /tls\.enabled: false/ }],
    },
  ],
});

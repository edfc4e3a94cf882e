import { TOOL_NAME } from '../version.js';

export const USAGE = `Usage: ${TOOL_NAME} scan [PATH] [options]
       ${TOOL_NAME} --help | --version

Scans a Flask + CockroachDB/PostgreSQL repository (PATH, default ".") for transport, secret,
crypto, auth and design weaknesses, grades it A-F and fails below a threshold.

Options:
  -f, --format FORMAT         text (default), json, sarif or markdown
  -o, --output FILE           write the report to FILE and print a one-line verdict
      --fail-below GRADE      fail when the grade is below GRADE: A, B, C (default), D, F
                              (F never fails on the grade)
      --min-score N           also fail when the score is below N (0-100)
      --fail-on-severity SEV  also fail on any finding at or above SEV: low, medium, high, critical
      --include GLOB          scan only files matching GLOB (repeatable)
      --exclude GLOB          skip files matching GLOB (repeatable)
      --exit-zero             exit 0 even when the threshold is not met (errors still exit 2)
      --no-color              no ANSI colour in text output (also: NO_COLOR=1)
  -h, --help                  show this help
  -V, --version               show the version

Exit codes: 0 passed, 1 below the threshold, 2 usage or runtime error.
`;

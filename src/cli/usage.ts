import { TOOL_NAME } from '../version.js';

export const USAGE = `Usage: ${TOOL_NAME} scan [PATH] [options]
       ${TOOL_NAME} baseline [PATH] [--output FILE] [--config FILE] [--include GLOB]... [--exclude GLOB]...
                       [--allow-empty]
       ${TOOL_NAME} --help | --version

Scans a Flask + CockroachDB/PostgreSQL repository (PATH, default ".") for transport, secret,
crypto, auth and design weaknesses, grades it A-F and fails below a threshold. "baseline" writes
the fingerprints of the current findings, so later scans report them as existing, not new.

Options:
  -f, --format FORMAT         text (default), json, sarif or markdown
  -o, --output FILE           write the report to FILE and print a one-line verdict
                              (baseline: where to write it; default the config's "baseline",
                              else PATH/.flask-crdb-gate-baseline.json)
      --fail-below GRADE      fail when the grade is below GRADE: A, B, C (default), D, F
                              (F never fails on the grade)
      --min-score N           also fail when the score is below N (0-100)
      --fail-on-severity SEV  also fail on any finding at or above SEV: low, medium, high, critical
      --include GLOB          scan only files matching GLOB (repeatable; replaces the config's)
      --exclude GLOB          skip files matching GLOB (repeatable; adds to the config's)
      --config FILE           configuration file (default: .flask-crdb-gate.yml or .yaml in PATH,
                              else [tool.flask-crdb-gate] in PATH/pyproject.toml)
      --baseline FILE         mark findings in this baseline as existing, the others as new
      --gate-on WHAT          what the threshold judges: all (default) or new (findings not in
                              the baseline)
      --exit-zero             exit 0 even when the threshold is not met (errors still exit 2)
      --sarif-category NAME   the SARIF run's category (automationDetails.id), so scans of two
                              folders do not replace each other in code scanning (default:
                              flask-crdb-gate/<scanned folder in the repository>)
      --allow-empty           let a scan that analysed no file pass (default: it is an error, exit 2)
      --no-color              no ANSI colour in text output (also: NO_COLOR=1)
      --timing                print where the time went, per phase and for the ten slowest rules,
                              on stderr (also: FLASK_CRDB_GATE_TIMING=1, =N rules, =all, =json)
  -h, --help                  show this help
  -V, --version               show the version

Flags override the configuration file. Exit codes: 0 passed (baseline: written), 1 below the
threshold, 2 usage, configuration or runtime error, or no file scanned (without --allow-empty).
`;

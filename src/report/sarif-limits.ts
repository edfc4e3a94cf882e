/**
 * What GitHub code scanning accepts in one SARIF upload ("SARIF results exceed limits" in its
 * documentation). Past a hard limit the whole file is rejected, not trimmed, so a report stays
 * within each of them and says what it left out.
 */
export const SARIF_LIMITS = {
  /** Results per run: a run with more is rejected (only the first 5,000 are shown, by severity). */
  resultsPerRun: 25_000,
  /** Rules per run. */
  rulesPerRun: 25_000,
  /** Runs per file (this tool writes one). */
  runsPerFile: 20,
  /** Locations per result (this tool writes one). */
  locationsPerResult: 1_000,
  /** Tags per rule: over 20 is rejected, only 10 are shown. */
  tagsPerRule: 20,
  /** The upload, gzip-compressed. */
  gzipBytes: 10 * 1024 * 1024,
} as const;

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * Said in the SARIF file (a tool execution notification) and by the front door (stderr, a
 * workflow warning) when the file holds fewer results than the scan found.
 */
export function sarifCapNote(kept: number, total: number): string {
  return (
    `The SARIF report holds the ${count(kept)} most severe of ${count(total)} findings: GitHub code scanning ` +
    `rejects a file with more than ${count(SARIF_LIMITS.resultsPerRun)} results in a run, or over ` +
    `${SARIF_LIMITS.gzipBytes / 1024 / 1024} MB compressed. The JSON report has them all.`
  );
}

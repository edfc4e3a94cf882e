// Parses ecosystem/repos.tsv and the ledgers (ecosystem/ledger/<owner>+<name>.tsv) as
// ecosystem/ledger-format.md specifies them. Strict on purpose: a ledger row that is misspelt
// never matches a finding, so it would quietly count as a fixed false positive or a lost miss.
// Every problem is reported as `file:line: what is wrong`, all of them at once.

export const LEDGER_HEADER = ['path', 'line', 'rule', 'verdict', 'tags', 'reason'];
export const REPOS_HEADER = ['repo', 'commit', 'kind'];
export const VERDICTS = ['tp', 'fp', 'unsure', 'miss'];
/** A miss that no existing rule covers names the family that should report it. */
export const FAMILIES = ['transport', 'secrets', 'crypto', 'auth', 'design'];

const RULE_ID = /^FCG\d{3}$/;
const CLASS_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const REPO_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9_.-]+$/;
const COMMIT = /^[0-9a-f]{40}$/;
const POSITIVE_INT = /^[1-9]\d*$/;

/**
 * @typedef {{ test: boolean, crossFile: boolean, cls: string | null }} Tags
 * @typedef {{ path: string, line: number, rule: string, verdict: string, tags: Tags, reason: string,
 *   source: string }} LedgerRow  `source` is `file:line`, for messages.
 * @typedef {{ repo: string, commit: string, kind: string, source: string }} RepoEntry
 */

/** The ledger file name of a repository: owner/name becomes owner+name.tsv. */
export function ledgerFileName(repo) {
  return `${repo.replace('/', '+')}.tsv`;
}

/**
 * Splits a TSV text into numbered data lines: `#` comments and blank lines are left out, CR is
 * refused (a CRLF file would carry `\r` into the last column, which is invisible in review).
 * @returns {{ lines: { number: number, fields: string[] }[], errors: string[] }}
 */
function dataLines(text, file) {
  const lines = [];
  const errors = [];
  text.split('\n').forEach((raw, index) => {
    const number = index + 1;
    if (raw.includes('\r')) errors.push(`${file}:${number}: carriage return (save the file with LF line ends)`);
    const line = raw.replace(/\r/g, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    lines.push({ number, fields: line.split('\t') });
  });
  return { lines, errors };
}

/** Checks the header line; returns the data lines after it. */
function afterHeader(lines, header, file, errors) {
  const [first, ...rest] = lines;
  if (!first) {
    errors.push(`${file}:1: missing header line "${header.join('\\t')}"`);
    return [];
  }
  if (first.fields.join('\t') !== header.join('\t')) {
    errors.push(`${file}:${first.number}: header must be exactly "${header.join('\\t')}"`);
  }
  return rest;
}

/**
 * Parses the tags column: `-` or comma-separated `test`, `cross-file`, `class:<slug>`.
 * @returns {{ tags: Tags, problems: string[] }}
 */
export function parseTags(field) {
  const tags = { test: false, crossFile: false, cls: null };
  if (field === '-') return { tags, problems: [] };
  const problems = [];
  const seen = new Set();
  for (const tag of field.split(',')) {
    if (seen.has(tag)) problems.push(`tag "${tag}" repeated`);
    seen.add(tag);
    if (tag === 'test') tags.test = true;
    else if (tag === 'cross-file') tags.crossFile = true;
    else if (tag.startsWith('class:')) {
      const slug = tag.slice('class:'.length);
      if (!CLASS_SLUG.test(slug)) problems.push(`class "${slug}" is not kebab-case`);
      else if (tags.cls !== null && tags.cls !== slug)
        problems.push('more than one class:<slug> (a row belongs to one class)');
      else tags.cls = slug;
    } else problems.push(`unknown tag "${tag}" (known: test, cross-file, class:<slug>; "-" for none)`);
  }
  return { tags, problems };
}

/** Problems with one ledger row's fields, as phrases. */
function rowProblems(fields) {
  if (fields.length !== LEDGER_HEADER.length) {
    return [`${fields.length} columns, expected ${LEDGER_HEADER.length} (${LEDGER_HEADER.join(', ')})`];
  }
  const [path, line, rule, verdict, , reason] = fields;
  const problems = [];
  if (
    path === '' ||
    path.startsWith('/') ||
    path.startsWith('./') ||
    path.includes('\\') ||
    /(^|\/)\.\.(\/|$)/.test(path)
  ) {
    problems.push(`path "${path}" is not repository-relative with forward slashes`);
  }
  if (!POSITIVE_INT.test(line)) problems.push(`line "${line}" is not a positive integer`);
  if (!VERDICTS.includes(verdict)) problems.push(`verdict "${verdict}" is not one of ${VERDICTS.join(', ')}`);
  const familyAllowed = verdict === 'miss';
  if (!RULE_ID.test(rule) && !(familyAllowed && FAMILIES.includes(rule))) {
    problems.push(
      familyAllowed
        ? `rule "${rule}" is neither FCGnnn nor a family (${FAMILIES.join(', ')})`
        : `rule "${rule}" is not a rule id FCGnnn`,
    );
  }
  if (reason.trim() === '') problems.push('empty reason');
  return problems;
}

/** Ledger order: path, then line, then rule (plain code-unit order for the strings). */
export function compareRows(a, b) {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return 0;
}

/**
 * Parses one ledger file's text.
 * @returns {{ rows: LedgerRow[], errors: string[] }}
 */
export function parseLedger(text, file) {
  const { lines, errors } = dataLines(text, file);
  const rows = [];
  for (const { number, fields } of afterHeader(lines, LEDGER_HEADER, file, errors)) {
    const source = `${file}:${number}`;
    const problems = rowProblems(fields);
    const { tags, problems: tagProblems } =
      fields.length === LEDGER_HEADER.length ? parseTags(fields[4]) : { problems: [] };
    problems.push(...tagProblems);
    const [path, line, rule, verdict, , reason] = fields;
    if (problems.length === 0 && (verdict === 'fp' || verdict === 'miss') && tags.cls === null) {
      problems.push(`${verdict === 'fp' ? 'an fp' : 'a miss'} row needs a class:<slug> tag`);
    }
    if (problems.length > 0) {
      errors.push(`${source}: ${problems.join('; ')}`);
      continue;
    }
    const row = { path, line: Number(line), rule, verdict, tags, reason, source };
    const previous = rows.at(-1);
    if (previous) {
      const order = compareRows(previous, row);
      if (order === 0) errors.push(`${source}: same path, line and rule as ${previous.source} (one row per finding)`);
      else if (order > 0) errors.push(`${source}: out of order (rows are sorted by path, then line, then rule)`);
    }
    rows.push(row);
  }
  return { rows, errors };
}

/**
 * Parses ecosystem/repos.tsv.
 * @returns {{ repos: RepoEntry[], errors: string[] }}
 */
export function parseRepos(text, file) {
  const { lines, errors } = dataLines(text, file);
  const repos = [];
  const seen = new Map();
  for (const { number, fields } of afterHeader(lines, REPOS_HEADER, file, errors)) {
    const source = `${file}:${number}`;
    const problems = [];
    if (fields.length !== REPOS_HEADER.length) {
      problems.push(`${fields.length} columns, expected ${REPOS_HEADER.length} (${REPOS_HEADER.join(', ')})`);
    } else {
      const [repo, commit, kind] = fields;
      if (!REPO_NAME.test(repo)) problems.push(`repo "${repo}" is not owner/name`);
      if (!COMMIT.test(commit)) problems.push(`commit "${commit}" is not a full 40-hex-digit sha`);
      if (kind.trim() === '') problems.push('empty kind');
      if (seen.has(repo)) problems.push(`${repo} already listed at ${seen.get(repo)}`);
    }
    if (problems.length > 0) {
      errors.push(`${source}: ${problems.join('; ')}`);
      continue;
    }
    const [repo, commit, kind] = fields;
    seen.set(repo, source);
    repos.push({ repo, commit, kind, source });
  }
  return { repos, errors };
}

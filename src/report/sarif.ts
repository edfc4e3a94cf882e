import { dirname } from 'node:path';
import { defaultConfidence, type Confidence, type Precision } from '../core/confidence.js';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Severity } from '../core/severity.js';
import type { Finding } from '../core/types.js';
import type { ScanReport } from '../engine/result.js';
import type { RuleMeta } from '../rules/rule.js';
import type { ToolInfo } from './docs-location.js';
import { ruleDocsUrl, sortedFindings } from './format.js';
import { SARIF_LIMITS, sarifCapNote } from './sarif-limits.js';

/** The subset of SARIF 2.1.0 this tool writes (what GitHub code scanning reads). */
export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifMessage {
  readonly text: string;
  readonly markdown?: string;
}

export interface SarifPhysicalLocation {
  readonly artifactLocation: { readonly uri: string; readonly uriBaseId: string };
  readonly region?: {
    readonly startLine: number;
    readonly startColumn: number;
    readonly endLine: number;
    readonly endColumn: number;
  };
}

export interface SarifLocation {
  readonly physicalLocation: SarifPhysicalLocation;
}

export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifMessage;
  readonly fullDescription: SarifMessage;
  readonly help: { readonly text: string; readonly markdown: string };
  readonly helpUri: string;
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: {
    readonly tags: readonly string[];
    readonly 'security-severity': string;
    readonly precision: Precision;
    /** The rule's default confidence (a finding may say otherwise: its `properties.confidence`). */
    readonly confidence: Confidence;
  };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex?: number;
  readonly level: SarifLevel;
  readonly message: SarifMessage;
  readonly locations: readonly SarifLocation[];
  readonly partialFingerprints: { readonly primaryLocationLineHash: string };
  /** Set when a baseline was applied: `unchanged` for a finding the baseline holds, else `new`. */
  readonly baselineState?: 'new' | 'unchanged';
  /** SARIF's 0-100 priority, from the finding's confidence (SARIF_RANK). */
  readonly rank: number;
  readonly properties: {
    readonly severity: Severity;
    readonly confidence: Confidence;
    readonly family: string;
    readonly role: string;
  };
}

export interface SarifNotification {
  readonly level: SarifLevel;
  readonly message: SarifMessage;
  readonly descriptor?: { readonly id: string };
  readonly locations?: readonly SarifLocation[];
}

/** `%SRCROOT%`: the repository's root; `SCANROOT`: the scanned directory, relative to it. */
export interface SarifBaseIds {
  readonly [SRCROOT]: { readonly uri: string; readonly description: SarifMessage };
  readonly SCANROOT?: { readonly uri: string; readonly uriBaseId: typeof SRCROOT; readonly description: SarifMessage };
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly [
    {
      readonly tool: {
        readonly driver: {
          readonly name: string;
          readonly version: string;
          readonly semanticVersion: string;
          readonly informationUri: string;
          readonly rules: readonly SarifRule[];
        };
      };
      readonly automationDetails: { readonly id: string };
      readonly originalUriBaseIds: SarifBaseIds;
      readonly invocations: readonly [
        { readonly executionSuccessful: boolean; readonly toolExecutionNotifications: readonly SarifNotification[] },
      ];
      readonly results: readonly SarifResult[];
    },
  ];
}

export interface SarifOptions {
  /**
   * The analysis category (`automationDetails.id` is it plus `/`): two uploads of one commit
   * replace each other's alerts only when their categories match. Default: derived from the
   * scanned directory, so scans of two folders of a monorepo stay apart.
   */
  readonly category?: string;
  /** At most this many results (the most severe); default GitHub's 25,000 per run. */
  readonly maxResults?: number;
}

export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const CAP_NOTIFICATION = 'results-capped';

/** GitHub code scanning reads this numeric string to place an alert in critical/high/medium/low. */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

/**
 * A repository-relative path as a relative URI reference: forward slashes, and the characters a
 * URI cannot hold (space, `%`, `#`, `?`, non-ASCII) percent-encoded segment by segment.
 */
export function artifactUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function fence(lang: string, code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${code.replace(/\n+$/, '')}\n${ticks}`;
}

function helpText(meta: RuleMeta, docs: string): string {
  return [
    meta.what,
    `Why: ${meta.why}`,
    `Fix: ${meta.fix}`,
    `Flagged:\n${meta.bad.code.replace(/\n+$/, '')}`,
    `Fixed:\n${meta.good.code.replace(/\n+$/, '')}`,
    `Documentation: ${docs}`,
  ].join('\n\n');
}

function helpMarkdown(meta: RuleMeta, docs: string): string {
  return [
    `**${meta.title}** (${meta.id}, ${meta.severity})`,
    meta.what,
    `### Why it matters\n\n${meta.why}`,
    `### How to fix\n\n${meta.fix}`,
    `### Example\n\nFlagged:\n\n${fence(meta.bad.lang, meta.bad.code)}\n\nFixed:\n\n${fence(meta.good.lang, meta.good.code)}`,
    `### What it cannot see\n\n${meta.limits}`,
    `[Full documentation](${docs})`,
  ].join('\n\n');
}

function toRule(meta: RuleMeta, tool: ToolInfo): SarifRule {
  const docs = ruleDocsUrl(tool, meta.name);
  const level = sarifLevel(meta.severity);
  return {
    id: meta.id,
    name: meta.name,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.what },
    help: { text: helpText(meta, docs), markdown: helpMarkdown(meta, docs) },
    helpUri: docs,
    defaultConfiguration: { level },
    properties: {
      tags: ['security', meta.family, ...meta.cwe.map((n) => `external/cwe/cwe-${n}`)],
      'security-severity': SECURITY_SEVERITY[meta.severity],
      precision: sarifPrecision(meta),
      confidence: defaultConfidence(meta),
    },
  };
}

/** A result's `rank` by its confidence: a finding the file cannot prove sorts below the confident ones. */
export const SARIF_RANK: Readonly<Record<Confidence, number>> = { high: 90, medium: 60, low: 30 };

/**
 * A rule's SARIF precision follows its default confidence: `medium` and `low` as they are, `high`
 * as the rule's measured precision says (`very-high` or `high`).
 */
export function sarifPrecision(meta: RuleMeta): Precision {
  const confidence = defaultConfidence(meta);
  if (confidence !== 'high') return confidence;
  return meta.precision === 'very-high' ? 'very-high' : 'high';
}

function toResult(f: Finding, ruleIndex: number | undefined, prefix: string): SarifResult {
  const startColumn = Math.max(1, f.column);
  const endLine = Math.max(f.line, f.endLine);
  const endColumn = endLine === f.line ? Math.max(startColumn, f.endColumn) : Math.max(1, f.endColumn);
  return {
    ruleId: f.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(prefix + f.path), uriBaseId: SRCROOT },
          region: { startLine: Math.max(1, f.line), startColumn, endLine: Math.max(1, endLine), endColumn },
        },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: f.fingerprint },
    ...(f.state ? { baselineState: f.state === 'existing' ? ('unchanged' as const) : ('new' as const) } : {}),
    rank: SARIF_RANK[f.confidence],
    properties: { severity: f.severity, confidence: f.confidence, family: f.family, role: f.role },
  };
}

/**
 * The category of a scan of `repoPrefix` (the scanned directory inside its repository):
 * `flask-crdb-gate` at the top, `flask-crdb-gate/services/api` for a folder.
 */
export function defaultSarifCategory(repoPrefix: string): string {
  const folder = repoPrefix.replace(/\/+$/, '');
  return folder === '' ? 'flask-crdb-gate' : `flask-crdb-gate/${folder}`;
}

/** GitHub reads the category as everything up to the id's last `/`: end it with one. */
function automationId(category: string): string {
  return category.endsWith('/') ? category : `${category}/`;
}

/** The repository's root directory: the scanned directory without its repository prefix. */
function repositoryRoot(report: ScanReport): string {
  const depth = report.repoPrefix.split('/').filter((s) => s !== '').length;
  let root = report.root;
  for (let i = 0; i < depth; i++) root = dirname(root);
  return root;
}

function baseIds(report: ScanReport): SarifBaseIds {
  const href = pathToFileURL(repositoryRoot(report)).href;
  const prefix = report.repoPrefix.replace(/\/*$/, '/');
  return {
    [SRCROOT]: {
      uri: href.endsWith('/') ? href : `${href}/`,
      description: { text: 'The root of the repository; every artifact URI is relative to it.' },
    },
    ...(report.repoPrefix === ''
      ? {}
      : {
          SCANROOT: {
            uri: artifactUri(prefix),
            uriBaseId: SRCROOT,
            description: { text: 'The directory that was scanned.' },
          },
        }),
  };
}

/**
 * Locations are repository-relative even when a folder is scanned, so the scanned folder's prefix
 * is put back; `originalUriBaseIds` says what they are relative to. At most `maxResults` results,
 * the most severe first, and a notification when some were left out.
 */
export function toSarif(report: ScanReport, options: SarifOptions = {}): SarifLog {
  const { tool } = report;
  const prefix = report.repoPrefix;
  const index = new Map(report.rules.map((meta, i) => [meta.id, i]));
  const max = Math.max(0, Math.min(options.maxResults ?? SARIF_LIMITS.resultsPerRun, SARIF_LIMITS.resultsPerRun));
  const findings = sortedFindings(report.findings);
  const kept = findings.slice(0, max);
  const capped: SarifNotification[] =
    kept.length < findings.length
      ? [
          {
            level: 'warning',
            descriptor: { id: CAP_NOTIFICATION },
            message: { text: sarifCapNote(kept.length, findings.length) },
          },
        ]
      : [];
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: report.rules.map((meta) => toRule(meta, tool)),
          },
        },
        automationDetails: { id: automationId(options.category ?? defaultSarifCategory(prefix)) },
        originalUriBaseIds: baseIds(report),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [
              ...capped,
              ...report.skipped.map((s) => ({
                level: 'warning' as const,
                message: { text: `Skipped ${s.path}: ${s.reason}` },
                locations: [
                  { physicalLocation: { artifactLocation: { uri: artifactUri(prefix + s.path), uriBaseId: SRCROOT } } },
                ],
              })),
            ],
          },
        ],
        results: kept.map((f) => toResult(f, index.get(f.ruleId), prefix)),
      },
    ],
  };
}

/** The SARIF text, and how many findings it holds of how many (a front door says when fewer). */
export interface RenderedSarif {
  readonly text: string;
  readonly kept: number;
  readonly total: number;
}

/**
 * The SARIF file as GitHub accepts it: within the results cap and, compressed, within the upload
 * limit (halving the results, least severe out first, in the rare case long messages exceed it).
 */
export function renderSarifReport(report: ScanReport, options: SarifOptions = {}): RenderedSarif {
  const total = report.findings.length;
  let max = Math.min(options.maxResults ?? SARIF_LIMITS.resultsPerRun, SARIF_LIMITS.resultsPerRun);
  for (;;) {
    const log = toSarif(report, { ...options, maxResults: max });
    const text = `${JSON.stringify(log, null, 2)}\n`;
    const kept = log.runs[0].results.length;
    // Compression only matters once the text itself is over the limit.
    const fits = Buffer.byteLength(text) <= SARIF_LIMITS.gzipBytes || gzipSync(text).length <= SARIF_LIMITS.gzipBytes;
    if (fits || kept === 0) return { text, kept, total };
    max = Math.floor(kept / 2);
  }
}

/** Pretty-printed, newline-terminated. */
export function renderSarif(report: ScanReport, options: SarifOptions = {}): string {
  return renderSarifReport(report, options).text;
}

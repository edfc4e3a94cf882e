/**
 * A stand-in for api.github.com on 127.0.0.1, for tests that run the action as the runner does
 * (GITHUB_API_URL points here). Every request is matched to an operation of GitHub's published
 * OpenAPI description (@octokit/openapi) and checked against it: path and query parameters, the
 * request body (compiled with ajv), and the limits the description states in prose (per_page at
 * most 100; annotation titles, messages and columns). Problems are collected in `violations`, and
 * the request is answered 422 as GitHub would. Answers follow the documented response schemas,
 * built from the description's own examples, and are themselves checked against those schemas.
 *
 * Tests can script failures (403 for a fork's read-only token, 500 then success, 429 with
 * Retry-After), serve a pull request's files over several pages with Link headers, and read back
 * every request and the check runs' accumulated annotations.
 */
import AjvModule from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: Json;
}
interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: Json; examples?: Json }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Json>;
    parameters: Record<string, Parameter>;
    examples: Record<string, { value: unknown }>;
    responses: Record<string, Json>;
  };
}

const require = createRequire(import.meta.url);
let spec: OpenApi | undefined;
/** GitHub's REST description for api.github.com (the non-dereferenced file: $refs into components). */
export function openApi(): OpenApi {
  spec ??= JSON.parse(
    readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8'),
  ) as OpenApi;
  return spec;
}

interface Route {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  literal: number;
  op: Operation;
}
let routes: Route[] | undefined;
function allRoutes(): Route[] {
  if (routes) return routes;
  routes = [];
  for (const [template, methods] of Object.entries(openApi().paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!op || typeof op !== 'object' || !('operationId' in op)) continue;
      const names: string[] = [];
      const multi = new Set(
        (op.parameters ?? [])
          .map(resolveParameter)
          .filter((p) => (p as unknown as Json)['x-multi-segment'])
          .map((p) => p.name),
      );
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name: string) => {
        names.push(name);
        return multi.has(name) ? '(.+)' : '([^/]+)';
      });
      routes.push({
        method: method.toUpperCase(),
        template,
        regex: new RegExp(`^${source}$`),
        names,
        literal: template.replace(/\{[^}]+\}/g, '').length,
        op,
      });
    }
  }
  // Most literal first, so /pulls/{n}/files wins over a looser template.
  routes.sort((a, b) => b.literal - a.literal);
  return routes;
}

function resolveParameter(p: Parameter | { $ref: string }): Parameter {
  if ('$ref' in p) {
    const name = p.$ref.split('/').pop() ?? '';
    const found = openApi().components.parameters[name];
    if (!found) throw new Error(`unresolved parameter ${p.$ref}`);
    return found;
  }
  return p;
}

function resolveExample(e: unknown): unknown {
  const ref = (e as { $ref?: string } | undefined)?.$ref;
  if (ref) return openApi().components.examples[ref.split('/').pop() ?? '']?.value;
  return (e as { value?: unknown } | undefined)?.value;
}

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema: the value may also be null. (ajv reads
 * `nullable` only beside `type`; the description also puts it beside `allOf` and `$ref`.)
 */
function nullableToJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableToJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    // Examples and descriptions are data, not schemas.
    out[k] = k === 'example' || k === 'examples' || k === 'enum' || k === 'default' ? v : nullableToJsonSchema(v);
  }
  if (out['nullable'] === true) {
    delete out['nullable'];
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

/** The schema with every component schema it reaches, so ajv can resolve `#/components/schemas/x`. */
function standalone(schema: Json): Json {
  const schemas = openApi().components.schemas;
  const needed = new Map<string, Json>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
          const name = v.slice('#/components/schemas/'.length);
          if (!needed.has(name)) {
            const target = schemas[name];
            if (!target) throw new Error(`unresolved schema ${v}`);
            needed.set(name, target);
            visit(target);
          }
        } else visit(v);
      }
    }
  };
  visit(schema);
  return nullableToJsonSchema({ ...schema, components: { schemas: Object.fromEntries(needed) } }) as Json;
}

const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
addFormats(ajv);
// Formats the description uses that ajv-formats does not define.
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
ajv.addFormat('uri-template', true);
ajv.addFormat('timestamp', true);
const compiled = new Map<string, ValidateFunction>();
function validator(key: string, schema: Json): ValidateFunction {
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile(standalone(schema));
    compiled.set(key, v);
  }
  return v;
}

function ajvProblems(v: ValidateFunction, where: string): string[] {
  return (v.errors ?? []).map((e) => `${where}${e.instancePath || ''} ${e.message ?? 'is invalid'}`);
}

/** A query or path value as its schema's type reads it. */
function coerce(value: string, schema: Json | undefined): unknown {
  const type = schema?.['type'];
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

export interface RecordedRequest {
  readonly method: string;
  /** Path without the query. */
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
  readonly operationId: string | undefined;
  readonly params: Record<string, string>;
  /** Status answered. */
  status: number;
  readonly at: number;
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** The fields of a diff entry a test gives; the rest are filled in as GitHub documents them. */
export interface FileEntry {
  readonly filename: string;
  readonly status?: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  readonly patch?: string;
  readonly additions?: number;
  readonly deletions?: number;
  readonly changes?: number;
  readonly previous_filename?: string;
}

export interface StoredCheckRun {
  readonly id: number;
  readonly owner: string;
  readonly repo: string;
  /** The create request's body. */
  readonly created: Json;
  /** Every update's body, in order. */
  readonly updates: Json[];
  /** Annotations from the create call and every update, in order (the API appends them). */
  readonly annotations: Json[];
}

/** GitHub answers at most 3000 files for a pull request. */
export const PULL_FILES_CAP = 3000;

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly checkRuns: StoredCheckRun[] = [];
  /** The pull request's files, served by pulls/list-files. */
  pullFiles: FileEntry[] = [];
  /** The comparison's files, served by repos/compare-commits-with-basehead. */
  compareFiles: FileEntry[] = [];
  compareMergeBase = '0'.repeat(40);
  private readonly scripts = new Map<string, ScriptedAnswer[]>();
  private readonly always = new Map<string, ScriptedAnswer>();
  private nextId = 1000;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeGitHub> {
    allRoutes();
    const holder: { fake?: FakeGitHub } = {};
    const server = createServer((req, res) => {
      void holder.fake?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.fake = new FakeGitHub(server, `http://127.0.0.1:${port}`);
    return holder.fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Answers the next requests of an operation with these, in order, then normally again. */
  script(operationId: string, ...answers: ScriptedAnswer[]): void {
    this.scripts.set(operationId, [...(this.scripts.get(operationId) ?? []), ...answers]);
  }

  /** Answers every request of an operation with this. */
  fail(operationId: string, answer: ScriptedAnswer): void {
    this.always.set(operationId, answer);
  }

  /** GitHub's answer to a read-only token (a fork's pull request, Dependabot). */
  static readonly FORBIDDEN: ScriptedAnswer = {
    status: 403,
    body: {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run',
      status: '403',
    },
  };

  requestsOf(operationId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.operationId === operationId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = (req.method ?? 'GET').toUpperCase();
    const problems: string[] = [];
    let body: unknown = undefined;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        problems.push('request body is not JSON');
      }
    }

    try {
      this.dispatch(req, res, url, method, raw, body, problems);
    } catch (err) {
      // A bug in the fake must fail the test, not hang the action until its timeout.
      this.violations.push(`the fake failed on ${method} ${url.pathname}: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'fake failure' }));
    }
  }

  private dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    method: string,
    raw: string,
    body: unknown,
    problems: string[],
  ): void {
    const route = allRoutes().find((r) => r.method === method && r.regex.test(url.pathname));
    const params: Record<string, string> = {};
    if (route) {
      const m = route.regex.exec(url.pathname) as RegExpExecArray;
      route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? '')));
    }
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      operationId: route?.op.operationId,
      params,
      status: 0,
      at: Date.now(),
    };
    this.requests.push(record);
    const answer = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(data === undefined ? '' : JSON.stringify(data));
    };

    if (!route) {
      this.violations.push(`${method} ${url.pathname}: no such operation in GitHub's REST description`);
      answer(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
      return;
    }
    const where = `${method} ${route.template} (${route.op.operationId})`;
    problems.push(...this.checkRequest(route, req, url, params, body, raw));
    if (problems.length > 0) {
      this.violations.push(...problems.map((p) => `${where}: ${p}`));
      answer(422, {
        message: 'Validation Failed',
        errors: problems.map((p) => ({ resource: route.op.operationId, code: 'invalid', message: p })),
        documentation_url: 'https://docs.github.com/rest',
        status: '422',
      });
      return;
    }

    const scripted = this.scripts.get(route.op.operationId)?.shift() ?? this.always.get(route.op.operationId);
    if (scripted) {
      answer(
        scripted.status,
        scripted.body ?? { message: `scripted ${scripted.status}`, documentation_url: 'https://docs.github.com/rest' },
        scripted.headers,
      );
      return;
    }

    const reply = this.respond(route, params, url, body as Json);
    if (!reply) {
      this.violations.push(`${where}: the fake does not implement this operation`);
      answer(501, { message: 'Not implemented by the fake' });
      return;
    }
    // The fake's own answers must be what GitHub documents.
    const schema = route.op.responses[String(reply.status)]?.content?.['application/json']?.schema;
    if (schema) {
      const v = validator(`response ${route.op.operationId} ${reply.status}`, schema);
      if (!v(reply.body)) this.violations.push(...ajvProblems(v, `fake response to ${where}: body`));
    } else {
      this.violations.push(`fake response to ${where}: status ${reply.status} is not documented`);
    }
    answer(reply.status, reply.body, reply.headers);
  }

  /** What GitHub would reject: undocumented parameters, schema violations, documented limits. */
  private checkRequest(
    route: Route,
    req: IncomingMessage,
    url: URL,
    params: Record<string, string>,
    body: unknown,
    raw: string,
  ): string[] {
    const problems: string[] = [];
    if (!req.headers['user-agent']) problems.push('no User-Agent header (GitHub rejects requests without one)');
    if (!/^(token|bearer) \S+$/i.test(String(req.headers['authorization'] ?? '')))
      problems.push('no token in the Authorization header');
    const accept = String(req.headers['accept'] ?? '');
    if (!/application\/(vnd\.github[^,]*\+json|json)/.test(accept))
      problems.push(`Accept "${accept}" asks for no JSON`);

    const declared = (route.op.parameters ?? []).map(resolveParameter);
    for (const p of declared) {
      const value = p.in === 'path' ? params[p.name] : p.in === 'query' ? url.searchParams.get(p.name) : null;
      if (p.in !== 'path' && p.in !== 'query') continue;
      if (value === null || value === undefined) {
        if (p.required) problems.push(`missing required ${p.in} parameter ${p.name}`);
        continue;
      }
      if (p.schema) {
        const v = validator(`param ${route.op.operationId} ${p.name}`, p.schema);
        if (!v(coerce(value, p.schema))) problems.push(...ajvProblems(v, `${p.in} parameter ${p.name}`));
      }
      // Limits the description states in words.
      if (p.name === 'per_page' && /max 100/.test(p.description ?? '') && Number(value) > 100)
        problems.push(`per_page ${value} is over the documented maximum of 100`);
    }
    for (const name of url.searchParams.keys()) {
      if (!declared.some((p) => p.in === 'query' && p.name === name))
        problems.push(`query parameter ${name} is not documented for this operation`);
    }

    const requestBody = route.op.requestBody;
    if (requestBody) {
      const content = requestBody.content['application/json'];
      if (raw === '') {
        if (requestBody.required) problems.push('missing the required JSON body');
      } else if (!/^application\/json/.test(String(req.headers['content-type'] ?? ''))) {
        problems.push(`body sent as ${String(req.headers['content-type'])}, not application/json`);
      } else if (content) {
        const v = validator(`body ${route.op.operationId}`, content.schema);
        if (!v(body)) problems.push(...ajvProblems(v, 'body'));
      }
    } else if (raw !== '' && route.method === 'GET') {
      problems.push('a GET with a body');
    }
    if (route.op.operationId === 'checks/create' || route.op.operationId === 'checks/update')
      problems.push(...checkOutputLimits(body as Json));
    return problems;
  }

  private respond(
    route: Route,
    params: Record<string, string>,
    url: URL,
    body: Json,
  ): { status: number; body: unknown; headers?: Record<string, string> } | undefined {
    const { owner = '', repo = '' } = params;
    switch (route.op.operationId) {
      case 'checks/create': {
        const id = this.nextId++;
        const run: StoredCheckRun = { id, owner, repo, created: body, updates: [], annotations: [] };
        run.annotations.push(...annotationsOf(body));
        this.checkRuns.push(run);
        return { status: 201, body: this.checkRunBody(run) };
      }
      case 'checks/update': {
        const run = this.checkRuns.find((r) => String(r.id) === params['check_run_id'] && r.owner === owner);
        if (!run)
          return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
        run.updates.push(body);
        run.annotations.push(...annotationsOf(body));
        return { status: 200, body: this.checkRunBody(run) };
      }
      case 'pulls/list-files': {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const listable = this.pullFiles.slice(0, PULL_FILES_CAP);
        const slice = listable.slice((page - 1) * perPage, page * perPage);
        const lastPage = Math.max(1, Math.ceil(listable.length / perPage));
        const link = (p: number): string => {
          const u = new URL(url.href);
          u.searchParams.set('page', String(p));
          return u.href;
        };
        const rels: string[] = [];
        if (page < lastPage) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(lastPage)}>; rel="last"`);
        if (page > 1) rels.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
        return {
          status: 200,
          body: slice.map((f) => diffEntry(f, owner, repo)),
          headers: rels.length > 0 ? { link: rels.join(', ') } : {},
        };
      }
      // `/compare/{basehead}` and the older `/compare/{base}...{head}` match the same URLs.
      case 'repos/compare-commits':
      case 'repos/compare-commits-with-basehead': {
        const example = structuredClone(exampleOf(route.op, '200')) as Json;
        (example['merge_base_commit'] as Json)['sha'] = this.compareMergeBase;
        example['files'] = this.compareFiles.slice(0, 300).map((f) => diffEntry(f, owner, repo));
        return { status: 200, body: example };
      }
      default:
        return undefined;
    }
  }

  private checkRunBody(run: StoredCheckRun): Json {
    const route = allRoutes().find((r) => r.op.operationId === 'checks/create') as Route;
    const example = structuredClone(exampleOf(route.op, '201')) as Json;
    const latest: Json = Object.assign({}, run.created, ...run.updates);
    const output = { ...((run.created['output'] as Json) ?? {}), ...((latest['output'] as Json) ?? {}) };
    const base = `${this.url}/repos/${run.owner}/${run.repo}/check-runs/${run.id}`;
    return {
      ...example,
      id: run.id,
      node_id: Buffer.from(`CheckRun${run.id}`).toString('base64'),
      name: latest['name'],
      head_sha: run.created['head_sha'],
      external_id: (latest['external_id'] as string | undefined) ?? '',
      url: base,
      html_url: `https://github.com/${run.owner}/${run.repo}/runs/${run.id}`,
      details_url: (latest['details_url'] as string | undefined) ?? 'https://example.com',
      status: (latest['status'] as string | undefined) ?? (latest['conclusion'] ? 'completed' : 'queued'),
      conclusion: (latest['conclusion'] as string | undefined) ?? null,
      started_at:
        (latest['started_at'] as string | undefined) ?? new Date(run.id).toISOString().replace(/\.\d+Z$/, 'Z'),
      completed_at: (latest['completed_at'] as string | undefined) ?? null,
      output: {
        title: (output['title'] as string | undefined) ?? null,
        summary: (output['summary'] as string | undefined) ?? null,
        text: (output['text'] as string | undefined) ?? null,
        annotations_count: run.annotations.length,
        annotations_url: `${base}/annotations`,
      },
    };
  }
}

/** The documented example answer of an operation (the first one). */
function exampleOf(op: Operation, status: string): unknown {
  const examples = op.responses[status]?.content?.['application/json']?.examples ?? {};
  const first = Object.values(examples)[0];
  return resolveExample(first);
}

function annotationsOf(body: Json): Json[] {
  const output = body['output'] as Json | undefined;
  return (output?.['annotations'] as Json[] | undefined) ?? [];
}

/** Limits GitHub documents for check run annotations in prose, not in the schema. */
function checkOutputLimits(body: Json | undefined): string[] {
  const problems: string[] = [];
  annotationsOf(body ?? {}).forEach((a, i) => {
    const at = `body/output/annotations/${i}`;
    if (typeof a['title'] === 'string' && a['title'].length > 255) problems.push(`${at}/title is over 255 characters`);
    for (const field of ['message', 'raw_details'])
      if (typeof a[field] === 'string' && Buffer.byteLength(a[field] as string) > 64 * 1024)
        problems.push(`${at}/${field} is over 64 KB`);
    const columns = a['start_column'] !== undefined || a['end_column'] !== undefined;
    if (columns && a['start_line'] !== a['end_line'])
      problems.push(
        `${at} has columns on a multi-line annotation (start_line ${String(a['start_line'])}, end_line ${String(a['end_line'])})`,
      );
    if (typeof a['start_line'] === 'number' && a['start_line'] < 1) problems.push(`${at}/start_line is below 1`);
    if (typeof a['end_line'] === 'number' && typeof a['start_line'] === 'number' && a['end_line'] < a['start_line'])
      problems.push(`${at}/end_line is before start_line`);
    if (
      typeof a['path'] === 'string' &&
      (a['path'].startsWith('/') || a['path'].startsWith('./') || a['path'].includes('\\'))
    )
      problems.push(`${at}/path "${a['path']}" is not repository-relative with forward slashes`);
  });
  return problems;
}

/** A full diff-entry as GitHub sends it, from the fields a test gives. */
export function diffEntry(f: FileEntry, owner: string, repo: string): Json {
  const additions = f.additions ?? (f.patch ?? '').split('\n').filter((l) => l.startsWith('+')).length;
  const deletions = f.deletions ?? (f.patch ?? '').split('\n').filter((l) => l.startsWith('-')).length;
  const ref = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
  const path = f.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: 'bbcd538c8e72b8c175046e27cc8f907076331401',
    filename: f.filename,
    status: f.status ?? 'modified',
    additions,
    deletions,
    changes: f.changes ?? additions + deletions,
    blob_url: `https://github.com/${owner}/${repo}/blob/${ref}/${path}`,
    raw_url: `https://github.com/${owner}/${repo}/raw/${ref}/${path}`,
    contents_url: `https://api.github.com/repos/${owner}/${repo}/contents/${path}?ref=${ref}`,
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
    ...(f.previous_filename !== undefined ? { previous_filename: f.previous_filename } : {}),
  };
}

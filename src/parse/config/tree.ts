import { spend } from '../../core/budget.js';
import type { Span } from '../../core/types.js';
import type { CommandFact } from '../../models/connections/types.js';
import { MAX_NESTING, NestingError } from './nesting.js';
import { unionSpan } from './positions.js';
import { scriptCommands, shellWords, wrappedScript } from './shell-split.js';
import type { ConfigEntry, Scalar } from './types.js';

/**
 * The structured formats (YAML, JSON, TOML) are converted to this small tree, with a span on
 * every node, and one walker turns it into entries and commands. So a Kubernetes manifest written
 * as JSON, or a `{name, value}` env list in an ECS task definition, is read like its YAML twin.
 */
export type TNode = TScalar | TMap | TSeq;

export interface TScalar {
  readonly kind: 'scalar';
  readonly value: Scalar;
  readonly span: Span;
  /**
   * For strings whose text sits verbatim in the file (plain one-line scalars, literal blocks,
   * strings without escapes): the span of `[start, end)` offsets within the value. Absent when the
   * value was transformed (escapes, folding): then only the whole span is known.
   */
  readonly place?: (start: number, end: number) => Span;
}

export interface TPair {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: TNode | undefined;
}

export interface TMap {
  readonly kind: 'map';
  readonly pairs: TPair[];
  readonly span: Span;
}

export interface TSeq {
  readonly kind: 'seq';
  readonly items: (TNode | undefined)[];
  readonly span: Span;
}

export interface WalkOutput {
  readonly entries: ConfigEntry[];
  readonly commands: CommandFact[];
}

/** Alias-heavy YAML can expand exponentially ("billion laughs"); a real config never gets close. */
const MAX_VISITS = 500_000;
const CONTAINER_KEYS = new Set(['containers', 'initContainers', 'ephemeralContainers', 'containerDefinitions']);
const SCRIPT_KEYS = new Set(['script', 'before_script', 'after_script']);
const ENV_ITEM = /^([A-Za-z_][A-Za-z0-9_.-]*)=([\s\S]*)$/;

type Path = readonly (string | number)[];

function get(map: TMap, key: string): TNode | undefined {
  for (let i = map.pairs.length - 1; i >= 0; i--)
    if ((map.pairs[i] as TPair).key === key) return (map.pairs[i] as TPair).value;
  return undefined;
}

function stringOf(node: TNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

function lastKey(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return '';
}

/** Walks one document's tree into `out`. Throws when aliases expand beyond reason. */
export function walkTree(root: TNode | undefined, document: number, out: WalkOutput, format: string): void {
  if (!root) return;
  const w = new Walker(document, out, format);
  w.visit(root, []);
}

class Walker {
  private visits = 0;
  private readonly onPath = new Set<TNode>();
  private readonly seenCommands = new Set<string>();

  constructor(
    private readonly document: number,
    private readonly out: WalkOutput,
    private readonly format: string,
  ) {}

  visit(node: TNode, path: Path): void {
    spend();
    if (path.length > MAX_NESTING) throw new NestingError();
    if (++this.visits > MAX_VISITS) {
      throw new Error(`${this.format}: the document expands to more than ${MAX_VISITS} nodes (aliases)`);
    }
    if (node.kind === 'scalar') {
      this.entry(path, lastKey(path), node);
      return;
    }
    if (this.onPath.has(node)) return; // an alias to one of its own ancestors
    this.onPath.add(node);
    if (node.kind === 'map') this.visitMap(node, path);
    else this.visitSeq(node, path);
    this.onPath.delete(node);
  }

  private entry(path: Path, key: string, node: TScalar): void {
    this.out.entries.push({ path, key, value: node.value, span: node.span, document: this.document });
  }

  private visitMap(map: TMap, path: Path): void {
    if (path.length === 0) {
      const services = get(map, 'services');
      if (services?.kind === 'map') {
        for (const p of services.pairs) if (p.value?.kind === 'map') this.composeService(p.value);
      } else if (!services) {
        // Compose file format v1: services at the top level, recognised by their `image`/`build`.
        for (const p of map.pairs) {
          if (p.value?.kind === 'map' && (get(p.value, 'image') || get(p.value, 'build'))) this.composeService(p.value);
        }
      }
    }
    for (const pair of map.pairs) {
      const value = pair.value;
      const childPath = [...path, pair.key];
      if (!value) continue;
      if (pair.key === 'environment' && value.kind === 'seq' && this.envList(value, childPath)) continue;
      if (value.kind === 'seq') {
        if (CONTAINER_KEYS.has(pair.key)) {
          for (const c of value.items) if (c?.kind === 'map') this.container(c);
        } else if (pair.key === 'steps') {
          for (const s of value.items) if (s?.kind === 'map') this.step(s);
        }
      } else if (value.kind === 'map' && pair.key === 'exec') {
        const command = get(value, 'command');
        if (command) this.command(argvOf(command), undefined, undefined);
      }
      if (SCRIPT_KEYS.has(pair.key)) {
        // GitLab CI `script:` / `before_script:` (a string or a list of lines), Tekton `script: |`
        const lines = value.kind === 'seq' ? value.items : [value];
        for (const l of lines) if (l?.kind === 'scalar' && typeof l.value === 'string') this.script(l, undefined);
      }
      this.visit(value, childPath);
    }
  }

  private visitSeq(seq: TSeq, path: Path): void {
    seq.items.forEach((item, i) => {
      if (!item) return;
      if (item.kind === 'map') {
        // `env: [{name: X, value: ...}]` (Kubernetes, ECS, Cloud Run): the entry's key is X.
        // `valueFrom` (secretKeyRef, configMapKeyRef, fieldRef) carries no value of its own.
        const name = stringOf(get(item, 'name'));
        const value = get(item, 'value');
        if (name !== undefined && (value !== undefined || get(item, 'valueFrom') !== undefined)) {
          if (++this.visits > MAX_VISITS)
            throw new Error(`${this.format}: the document expands to more than ${MAX_VISITS} nodes (aliases)`);
          if (value?.kind === 'scalar') this.entry([...path, i, 'value'], name, value);
          return;
        }
      }
      this.visit(item, [...path, i]);
    });
  }

  /** Compose `environment` as a list: `- KEY=value` entries (a bare `- KEY` passes the host's). */
  private envList(seq: TSeq, path: Path): boolean {
    if (!seq.items.every((n) => n?.kind === 'scalar' && typeof n.value === 'string')) return false;
    seq.items.forEach((n, i) => {
      const s = n as TScalar;
      const m = ENV_ITEM.exec(s.value as string);
      if (!m) return;
      const key = m[1] as string;
      const span = s.place ? s.place(key.length + 1, (s.value as string).length) : s.span;
      this.out.entries.push({ path: [...path, i], key, value: m[2] as string, span, document: this.document });
    });
    return true;
  }

  private composeService(service: TMap): void {
    const image = stringOf(get(service, 'image'));
    const entrypoint = get(service, 'entrypoint');
    const command = get(service, 'command');
    this.combined(entrypoint, command, image);
    const healthcheck = get(service, 'healthcheck');
    const test = healthcheck?.kind === 'map' ? get(healthcheck, 'test') : undefined;
    if (test?.kind === 'scalar' && typeof test.value === 'string') this.script(test, undefined);
    else if (test?.kind === 'seq') {
      const { argv, parts } = argvOf(test);
      if (argv[0] === 'CMD')
        this.command({ argv: argv.slice(1), parts: parts.slice(1), span: test.span }, undefined, undefined);
      else if (argv[0] === 'CMD-SHELL' && parts[1]) this.script(parts[1], undefined);
    }
  }

  /**
   * A CI step: GitHub Actions `run` (unless its `shell` is not a POSIX shell), Azure Pipelines
   * `bash`; a step with an `image` (Tekton, Argo) runs like a container.
   */
  private step(s: TMap): void {
    const shell = stringOf(get(s, 'shell'));
    if (shell === undefined || /^(ba|z|k|da)?sh\b/.test(shell)) {
      for (const key of ['run', 'bash']) {
        const run = get(s, key);
        if (run?.kind === 'scalar' && typeof run.value === 'string') this.script(run, undefined);
      }
    }
    if (get(s, 'image') && (get(s, 'command') || get(s, 'args'))) this.container(s);
  }

  /**
   * Kubernetes: `command` + `args` run as one argv; without `command` the image's entrypoint runs.
   * ECS (`containerDefinitions`): `entryPoint` + `command`.
   */
  private container(c: TMap): void {
    const image = stringOf(get(c, 'image'));
    const ecs = get(c, 'entryPoint');
    if (ecs) this.combined(ecs, get(c, 'command'), image);
    else this.combined(get(c, 'command'), get(c, 'args'), image);
  }

  private combined(first: TNode | undefined, second: TNode | undefined, image: string | undefined): void {
    if (!first && !second) return;
    const a = first ? argvOf(first) : undefined;
    const b = second ? argvOf(second) : undefined;
    const span = a && b ? unionSpan(a.span, b.span) : ((a ?? b) as Argv).span;
    this.command(
      { argv: [...(a?.argv ?? []), ...(b?.argv ?? [])], parts: [...(a?.parts ?? []), ...(b?.parts ?? [])], span },
      image,
      undefined,
    );
  }

  private command(argv: Argv, image: string | undefined, spanOverride: Span | undefined): void {
    if (argv.argv.length === 0) return;
    this.push({ argv: argv.argv, span: spanOverride ?? argv.span, image });
    // `sh -c "..."`: the script's own commands run too (without the image's entrypoint).
    const k = wrappedScript(argv.argv);
    if (k !== undefined) {
      const part = argv.parts[k];
      if (part) this.script(part, undefined);
      else this.scriptText(argv.argv[k] as string, () => argv.span);
    }
  }

  /** A string scalar holding a shell script: `run: |`, `CMD-SHELL`, a `sh -c` argument. */
  private script(node: TScalar, image: string | undefined): void {
    if (typeof node.value !== 'string') return;
    const place = node.place;
    this.scriptText(node.value, place ? (s, e) => place(s, e) : () => node.span, image);
  }

  private scriptText(text: string, spanOf: (start: number, end: number) => Span, image?: string): void {
    for (const c of scriptCommands(text, spanOf, image)) this.push(c);
  }

  private push(cmd: CommandFact): void {
    const key = `${cmd.span.line}:${cmd.span.column}:${cmd.argv.join('\0')}`;
    if (this.seenCommands.has(key)) return; // the same anchor merged into several services
    this.seenCommands.add(key);
    this.out.commands.push(cmd);
  }
}

interface Argv {
  readonly argv: string[];
  /** The scalar each word came from, when the command was written as a list. */
  readonly parts: (TScalar | undefined)[];
  readonly span: Span;
}

/** A command written as a list (each item one word) or as a string (split like shlex). */
function argvOf(node: TNode): Argv {
  if (node.kind === 'seq') {
    const argv: string[] = [];
    const parts: (TScalar | undefined)[] = [];
    for (const item of node.items) {
      if (item?.kind !== 'scalar' || item.value === null) continue;
      argv.push(String(item.value));
      parts.push(item);
    }
    return { argv, parts, span: node.span };
  }
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    const argv = shellWords(node.value);
    return { argv, parts: argv.map(() => undefined), span: node.span };
  }
  return { argv: [], parts: [], span: node.span };
}

// Types of hostile-shapes.mjs, for the tests that import it.

/** A repository as file contents by relative path. */
export type Files = Record<string, string>;

export interface Shape {
  readonly name: string;
  readonly what: string;
  /** The unit count of the 1x size. */
  readonly unit: number;
  /** The shape is a configuration file of the tool (a refused one exits 2). */
  readonly config?: boolean;
  build(n: number): Files;
}

export const SHAPES: readonly Shape[];
export function shape(name: string): Shape;
export function bytesOf(files: Files): number;
export function unitsFor(s: Shape, bytes: number): number;
export function writeShape(dir: string, files: Files): void;

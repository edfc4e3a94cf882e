import type { PythonIndex } from '../lang/python/file-index.js';
import { flaskSettings, type FlaskSetting } from './flask/config.js';
import { flaskRoutes, type FlaskModel } from './flask/routes.js';
import { jwtCalls, type JwtCall } from './jwt/calls.js';

/**
 * The per-file domain models rules use most, as `ctx.models`: each built on first use and kept in
 * the file index's memo store (the models' own MemoSlots), so every rule of the file shares one.
 */
export interface FileModels {
  readonly flask: {
    /** Apps, blueprints, routes, guards and limits of the file (`flaskRoutes`). */
    readonly routes: FlaskModel;
    /** Flask settings the file writes, with their context (`flaskSettings`). */
    readonly settings: readonly FlaskSetting[];
  };
  readonly jwt: {
    /** The file's JWT library calls (`jwtCalls`). */
    readonly calls: readonly JwtCall[];
  };
}

/** Lazy views of `py`'s models; cheap to make (nothing is built until a getter is read). */
export function fileModels(py: PythonIndex, path: string): FileModels {
  return {
    flask: {
      get routes() {
        return flaskRoutes(py);
      },
      get settings() {
        return flaskSettings(py, path);
      },
    },
    jwt: {
      get calls() {
        return jwtCalls(py);
      },
    },
  };
}

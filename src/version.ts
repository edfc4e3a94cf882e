/** Kept equal to package.json's version by a test (the bundle must not read package.json). */
export const TOOL_NAME = 'flask-crdb-gate';
export const TOOL_VERSION = '0.1.0';
export const TOOL_URI = 'https://github.com/flask-crdb-gate/flask-crdb-gate';

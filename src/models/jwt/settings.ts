import type { PyValue } from '../../lang/python/evaluate.js';

/** Flask-JWT-Extended's lifetimes; `False` means the tokens never expire. */
export const JWT_ACCESS_EXPIRES = 'JWT_ACCESS_TOKEN_EXPIRES';
export const JWT_REFRESH_EXPIRES = 'JWT_REFRESH_TOKEN_EXPIRES';
export const JWT_EXPIRY_SETTINGS: ReadonlySet<string> = new Set([JWT_ACCESS_EXPIRES, JWT_REFRESH_EXPIRES]);

/** Flask-JWT (the older extension): the lifetime of every token it issues. */
export const FLASK_JWT_EXPIRATION_DELTA = 'JWT_EXPIRATION_DELTA';

export const FLASK_JWT_TOKEN_FUNCTIONS: ReadonlySet<string> = new Set([
  'flask_jwt_extended.create_access_token',
  'flask_jwt_extended.create_refresh_token',
  'flask_jwt_extended.utils.create_access_token',
  'flask_jwt_extended.utils.create_refresh_token',
]);

/** 24 hours for access tokens (checks.md); refresh tokens exist to live longer, up to 30 days. */
export const ACCESS_TOKEN_LIMIT = 24 * 3600;
export const REFRESH_TOKEN_LIMIT = 30 * 24 * 3600;

export function isLiteralFalse(v: PyValue): boolean {
  return v.kind === 'const' && v.value === false;
}

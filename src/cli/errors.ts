/** A mistake in the command line: exit 2, message and a pointer to --help on stderr. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The message of anything thrown. Not `instanceof Error`: errors from Node's built-ins can come
 * from another realm (Jest's VM modules), and `String(err)` would prefix the class and code.
 */
export function errorMessage(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(err);
}

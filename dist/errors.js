/** A mistake in the command line: exit 2, message and a pointer to --help on stderr. */
class UsageError extends Error {
    name = 'UsageError';
}
/**
 * The message of anything thrown. Not `instanceof Error`: errors from Node's built-ins can come
 * from another realm (Jest's VM modules), and `String(err)` would prefix the class and code.
 */
function errorMessage(err) {
    const message = err?.message;
    return typeof message === 'string' ? message : String(err);
}

export { UsageError as U, errorMessage as e };

/** A scan that cannot run or cannot be trusted: the CLI exits 2, the action fails the step. */
export class ScanError extends Error {}

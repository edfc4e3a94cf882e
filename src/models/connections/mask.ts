/** What every redacted secret is shown as. */
export const MASK = '****';

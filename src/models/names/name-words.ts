/**
 * The words of a Python name or a short string key: `resetCode` → reset, code; `API_KEY` → api,
 * key; `"X-Session-Id"` → x, session, id. Rules that judge a value by what it is called (a token,
 * a cache key, a retry delay) compare words rather than substrings, so that `otp` is not found in
 * `footprint` nor `pin` in `spinner`.
 */
export function nameWords(name: string): string[] {
  const spaced = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
  return spaced.split(/[^a-z0-9]+|(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])/).filter((w) => w !== '');
}

/** The name joined without separators (`api_key` → `apikey`) for compound spellings. */
export function squashedName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

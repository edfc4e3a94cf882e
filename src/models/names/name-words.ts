/**
 * The words of a Python name or a short string key: `resetCode` → reset, code; `API_KEY` → api,
 * key; `"X-Session-Id"` → x, session, id. Rules that judge a value by what it is called (a token,
 * a cache key, a retry delay) compare words rather than substrings, so that `otp` is not found in
 * `footprint` nor `pin` in `spinner`. Letters and digits are split apart (`sha256` → sha, 256)
 * unless `digits` is 'keep', which secret names use (`password2` stays one word).
 */
export function nameWords(name: string, digits: 'split' | 'keep' = 'split'): string[] {
  const camel = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  // 'keep': `password2`, `sha256` stay one word (secret names: `DB_PASSWORD2` is not `password`).
  if (digits === 'keep') {
    return camel
      .split(/[^A-Za-z0-9]+/)
      .filter((w) => w !== '')
      .map((w) => w.toLowerCase());
  }
  return camel
    .toLowerCase()
    .split(/[^a-z0-9]+|(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])/)
    .filter((w) => w !== '');
}

/** The name joined without separators (`api_key` → `apikey`) for compound spellings. */
export function squashedName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

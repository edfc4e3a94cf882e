/**
 * Dotted module names a file may be imported as. The source root is not known (a repository may
 * hold `src/app/models.py` imported as `app.models`, or two apps side by side), so every suffix of
 * the path is a candidate name: `src/app/models.py` answers to `src.app.models`, `app.models` and
 * `models`. A package's `__init__.py` answers to the package's names.
 */
export function moduleNamesOf(path: string): string[] {
  if (!path.endsWith('.py')) return [];
  const parts = path.slice(0, -3).split('/');
  if (parts[parts.length - 1] === '__init__') parts.pop();
  if (parts.length === 0 || parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) {
    // A directory that is no identifier (`{{cookiecutter.slug}}`, `my-app`) cannot be in an
    // import, so names start below it.
    const last = parts.map((p, i) => [p, i] as const).filter(([p]) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p));
    const cut = last.length ? (last[last.length - 1] as readonly [string, number])[1] + 1 : 0;
    return suffixes(parts.slice(cut));
  }
  return suffixes(parts);
}

function suffixes(parts: readonly string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < parts.length; i++) names.push(parts.slice(i).join('.'));
  return names;
}

/**
 * The absolute module a relative import names: `.models` from `app/views/user.py` is
 * `app/views/models`'s module; `..models` is one package up. Returns the directory path prefix
 * (without extension) the module must have, or undefined when the dots climb out of the tree.
 */
export function relativeTarget(fromPath: string, dotted: string): string | undefined {
  let level = 0;
  while (dotted[level] === '.') level++;
  const rest = dotted.slice(level);
  const dir = fromPath.split('/').slice(0, -1);
  // One dot is the importing file's own package.
  for (let i = 1; i < level; i++) {
    if (dir.length === 0) return undefined;
    dir.pop();
  }
  const tail = rest ? rest.split('.') : [];
  return [...dir, ...tail].join('/');
}

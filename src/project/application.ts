/**
 * Whether two files belong to the same application of the tree. The application is approximated
 * by the top-level directory, so that two apps side by side (`api/`, `admin/`) keep their guards,
 * limits and settings apart, and a file at the repository root (`wsgi.py`, `config.py`) belongs
 * to every one. The one notion of an application every project-aware check uses.
 */
export function sameApplication(a: string, b: string): boolean {
  const ta = topDirectory(a);
  const tb = topDirectory(b);
  return ta === undefined || tb === undefined || ta === tb;
}

function topDirectory(path: string): string | undefined {
  const slash = path.indexOf('/');
  return slash < 0 ? undefined : path.slice(0, slash);
}

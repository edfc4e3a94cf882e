/**
 * Values are often only partly known: `f"postgresql://{user}:{pw}@db.prod/app"`. The evaluators
 * put this private-use character where a part is not known, so a parser can tell a literal
 * password or host from one that comes from elsewhere, and a display form can show `{…}`.
 */
export const DYNAMIC = '\uE000';

export function isDynamic(s: string): boolean {
  return s.includes(DYNAMIC);
}

export function showDynamic(s: string): string {
  return s.split(DYNAMIC).join('{…}');
}

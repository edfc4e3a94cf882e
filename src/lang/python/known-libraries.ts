/**
 * Top-level packages of the standard library and of common third-party libraries: a name
 * imported from one of them is never a function of the scanned project, so the project phase has
 * nothing to ask about calls into it.
 */
const LIBRARY_HEADS =
  /^(?:flask|flask_\w+|werkzeug|sqlalchemy|psycopg2?|psycopg|asyncpg|os|sys|json|re|datetime|time|logging|typing|functools|itertools|collections|uuid|hashlib|hmac|base64|random|secrets|math|decimal|jwt|requests|marshmallow|wtforms|jinja2|click|pytest|unittest|subprocess|pathlib|shutil|io|csv|copy|traceback|threading|urllib|http|socket|email|smtplib|string|enum|dataclasses|abc|contextlib|inspect|warnings|bcrypt|passlib|redis|celery|boto3|pydantic|pandas|numpy|dateutil|pytz|simplejson|six|yaml|gettext|babel|flask_babel)$/;

/** Whether every dotted name an import binds comes from a known library (never a relative import). */
export function importedFromLibrary(fulls: readonly string[]): boolean {
  return (
    fulls.length > 0 && fulls.every((full) => !full.startsWith('.') && LIBRARY_HEADS.test(full.split('.')[0] ?? ''))
  );
}

/**
 * Bandit checks that one of our rules also covers, so a `# nosec B105` written for Bandit also
 * suppresses our finding on that line. Ids and test names from Bandit's plugin list
 * (https://bandit.readthedocs.io/en/latest/plugins/index.html, and the blacklist pages for
 * B3xx/B4xx). A Bandit id listed here maps by id, whether or not the rule it names has been
 * written yet; an id that is not listed (B602 and most others) concerns Bandit alone.
 *
 * Extend only where our rule flags what Bandit's check flags.
 */
interface BanditCheck {
  /** Bandit's test names, accepted in a nosec list as Bandit accepts them. */
  readonly names: readonly string[];
  readonly rules: readonly string[];
}

const HARDCODED_SECRET = ['FCG202', 'FCG203', 'FCG205'] as const;
const WEAK_HASH = ['FCG307', 'FCG401'] as const;

export const BANDIT_TO_RULES: Readonly<Record<string, BanditCheck>> = {
  B105: { names: ['hardcoded_password_string'], rules: HARDCODED_SECRET },
  B106: { names: ['hardcoded_password_funcarg'], rules: HARDCODED_SECRET },
  B107: { names: ['hardcoded_password_default'], rules: HARDCODED_SECRET },
  B201: { names: ['flask_debug_true'], rules: ['FCG414'] },
  B303: { names: ['md5'], rules: WEAK_HASH },
  B324: { names: ['hashlib', 'hashlib_new_insecure_functions'], rules: WEAK_HASH },
  B304: { names: ['ciphers'], rules: ['FCG302'] },
  B305: { names: ['cipher_modes'], rules: ['FCG301'] },
  B311: { names: ['random'], rules: ['FCG305'] },
  // B413 (import_pycrypto) has no counterpart: we flag what a cipher is used for, not the import.
  B501: { names: ['request_with_no_cert_validation'], rules: ['FCG106'] },
  B505: { names: ['weak_cryptographic_key'], rules: ['FCG306'] },
  B608: { names: ['hardcoded_sql_expressions'], rules: ['FCG501'] },
};

const BY_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries(BANDIT_TO_RULES).flatMap(([id, check]) => check.names.map((name) => [name, id] as const)),
);

/** `B105` or `b105` → its id in upper case; a Bandit test name (`hardcoded_password_string`) → its id. */
export function banditId(token: string): string | undefined {
  if (/^b\d{3}$/i.test(token)) return token.toUpperCase();
  return BY_NAME.get(token.toLowerCase());
}

/** Our rule ids a Bandit id stands for; empty for a Bandit check we have no rule for. */
export function rulesForBandit(id: string): readonly string[] {
  return BANDIT_TO_RULES[id]?.rules ?? [];
}

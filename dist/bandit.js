const HARDCODED_SECRET = ['FCG202', 'FCG203', 'FCG205'];
const WEAK_HASH = ['FCG307', 'FCG401'];
const BANDIT_TO_RULES = {
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
const BY_NAME = new Map(Object.entries(BANDIT_TO_RULES).flatMap(([id, check]) => check.names.map((name) => [name, id])));
/** `B105` or `b105` → its id in upper case; a Bandit test name (`hardcoded_password_string`) → its id. */
function banditId(token) {
    if (/^b\d{3}$/i.test(token))
        return token.toUpperCase();
    return BY_NAME.get(token.toLowerCase());
}
/** Our rule ids a Bandit id stands for; empty for a Bandit check we have no rule for. */
function rulesForBandit(id) {
    return BANDIT_TO_RULES[id]?.rules ?? [];
}

export { BANDIT_TO_RULES as B, banditId as b, rulesForBandit as r };

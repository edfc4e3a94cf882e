import { staticIv } from '../../../src/rules/crypto/static-iv.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(staticIv, {
  valid: [
    {
      name: 'a fresh nonce per message with AESGCM (the clean example)',
      code: `
        import os
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        def encrypt_iban(iban, account_id):
            nonce = os.urandom(12)
            return nonce + _iban_cipher().encrypt(nonce, iban.encode(), str(account_id).encode())

        def decrypt_iban(blob, account_id):
            return _iban_cipher().decrypt(blob[:12], blob[12:], str(account_id).encode()).decode()
      `,
    },
    {
      name: 'the nonce read back from the ciphertext when decrypting',
      code: `
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        def decrypt(key, data):
            nonce = data[:12]
            tag = data[-16:]
            d = Cipher(algorithms.AES(key), modes.GCM(nonce, tag)).decryptor()
            return d.update(data[12:-16]) + d.finalize()
      `,
    },
    {
      name: 'secrets.token_bytes and a parameter',
      code: `
        import secrets
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        def encrypt(key, data, iv=None):
            iv = iv or secrets.token_bytes(16)
            return Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor().update(data)

        def encrypt_with(key, data, iv):
            return Cipher(algorithms.AES(key), modes.CTR(iv)).encryptor().update(data)
      `,
    },
    {
      name: 'PyCryptodome picks the IV/nonce itself when none is given; iv=None too',
      code: `
        from Crypto.Cipher import AES

        def encrypt(key, data):
            a = AES.new(key, AES.MODE_CBC)
            b = AES.new(key, AES.MODE_GCM, nonce=None)
            return a.iv + a.encrypt(data), b.encrypt_and_digest(data)
      `,
    },
    {
      name: 'a nonce built from a counter',
      code: `
        from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

        def seal(aead, counter, data):
            nonce = counter.to_bytes(12, "big")
            return aead.encrypt(nonce, data, None)
      `,
    },
    {
      name: 'RSA encrypt with two arguments is not an AEAD nonce',
      code: `
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        from cryptography.hazmat.primitives.asymmetric import padding

        wrapped = public_key.encrypt(b"session key material", padding.OAEP(mgf=None, algorithm=None, label=None))
      `,
    },
    {
      name: 'the KDF output split into key and IV with a per-message salt',
      code: `
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        def crypt(secret, salt, value):
            keyiv = pbkdf2_hmac("sha256", secret, salt=salt, rounds=1000, keylen=48)
            cipher = Cipher(algorithms.AES(keyiv[:32]), modes.CTR(keyiv[32:]))
            return cipher.encryptor().update(value)
      `,
    },
    {
      name: 'an IV constant only in a docstring',
      code: `
        def encrypt(key, data):
            """Do not write modes.CBC(b"0000000000000000")."""
            return data
      `,
    },
  ],
  invalid: [
    {
      name: 'a module constant of zero bytes given to AES.new (the vulnerable example)',
      code: `
        from Crypto.Cipher import AES
        from Crypto.Util.Padding import pad

        IBAN_KEY = b"ledger-iban-key!"
        STATEMENT_IV = b"\\x00" * 16

        def encrypt_statement(pdf):
            cipher = AES.new(IBAN_KEY, AES.MODE_CBC, iv=STATEMENT_IV)
            return cipher.encrypt(pad(pdf, AES.block_size))
      `,
      findings: [{ line: 8, severity: 'high', message: /The IV given to AES\.new.*STATEMENT_IV.*is a constant/ }],
    },
    {
      name: 'literal IVs in cryptography modes',
      code: `
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        a = Cipher(algorithms.AES(key), modes.CBC(b"1234567890abcdef"))
        b = Cipher(algorithms.AES(key), modes.CTR(bytes(16)))
        c = Cipher(algorithms.AES(key), modes.OFB(bytearray(16)))
        d = Cipher(algorithms.AES(key), modes.CFB(initialization_vector="0000000000000000".encode()))
        e = Cipher(algorithms.AES(key), modes.GCM(bytes.fromhex("00" * 12)))
      `,
      findings: [
        { line: 3, message: /The IV given to modes\.CBC/ },
        { line: 4, message: /The nonce given to modes\.CTR/ },
        { line: 5 },
        { line: 6 },
        { line: 7, message: /nonce.*GCM messages can be forged/ },
      ],
    },
    {
      name: 'a fixed nonce for AESGCM and ChaCha20Poly1305',
      code: `
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

        NONCE = b"\\x00" * 12

        def seal(key, data):
            return AESGCM(key).encrypt(NONCE, data, None)

        def seal2(key, data):
            box = ChaCha20Poly1305(key)
            return box.encrypt(b"fixed-nonce!", data, b"")
      `,
      findings: [
        { line: 6, message: /AESGCM\.encrypt/ },
        { line: 10, message: /ChaCha20Poly1305\.encrypt/ },
      ],
    },
    {
      name: 'an AEAD held on self, with the nonce as a module constant',
      code: `
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        NONCE = bytes(12)

        class Box:
            def seal(self, data):
                return self._aead.encrypt(NONCE, data, None)
      `,
      findings: [{ line: 7 }],
    },
    {
      name: 'an IV made once at import with os.urandom is reused for every message',
      code: `
        import os
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        IV = os.urandom(16)

        def encrypt(key, data):
            return Cipher(algorithms.AES(key), modes.CBC(IV)).encryptor().update(data)
      `,
      findings: [{ line: 7, message: /generated once, when the module is imported/ }],
    },
    {
      name: 'an IV taken from the key (sqlalchemy-utils style)',
      code: `
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        class AesEngine:
            def _initialize_engine(self, parent_class_key):
                self.secret_key = parent_class_key
                self.iv = self.secret_key[:16]
                self.cipher = Cipher(algorithms.AES(self.secret_key), modes.CBC(self.iv))
      `,
      findings: [{ line: 7, message: /derived from the key/ }],
    },
    {
      name: 'ChaCha20 stream cipher nonce, positional and keyword',
      code: `
        from cryptography.hazmat.primitives.ciphers import algorithms
        from Crypto.Cipher import ChaCha20, Salsa20

        a = algorithms.ChaCha20(key, b"\\x00" * 16)
        b = ChaCha20.new(key=key, nonce=b"12345678")
        c = Salsa20.new(key, b"abcdefgh")
      `,
      findings: [{ line: 4 }, { line: 5 }, { line: 6 }],
    },
    {
      name: 'positional IV and a nonce keyword with PyCryptodome',
      code: `
        from Cryptodome.Cipher import AES

        ZERO_IV = "\\0" * 16

        def enc(key, data):
            a = AES.new(key, AES.MODE_CBC, ZERO_IV)
            b = AES.new(key, AES.MODE_GCM, nonce=b"static nonce")
            c = AES.new(key, AES.MODE_CTR, nonce=b"")
            return a, b, c
      `,
      findings: [{ line: 6, message: /The IV given to AES\.new/ }, { line: 7, message: /nonce/ }, { line: 8 }],
    },
    {
      name: 'a local variable holding a literal IV',
      code: `
        from Crypto.Cipher import AES

        def enc(key, data):
            iv = b"0123456789abcdef"
            return AES.new(key, AES.MODE_CFB, iv=iv).encrypt(data)
      `,
      findings: [{ line: 5, message: /\(iv\)/ }],
    },
    {
      name: 'a CTR counter with no per-message part',
      code: `
        from Crypto.Cipher import AES
        from Crypto.Util import Counter

        def enc(key, data):
            ctr = Counter.new(128)
            return AES.new(key, AES.MODE_CTR, counter=ctr).encrypt(data)
      `,
      findings: [{ line: 5, message: /CTR counter/ }],
    },
  ],
});

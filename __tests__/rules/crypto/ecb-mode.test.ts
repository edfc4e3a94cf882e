import { ecbMode } from '../../../src/rules/crypto/ecb-mode.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(ecbMode, {
  valid: [
    {
      name: 'AES-GCM from cryptography',
      code: `
        import os
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        def encrypt(key, data):
            nonce = os.urandom(12)
            return nonce + AESGCM(key).encrypt(nonce, data, None)
      `,
    },
    {
      name: 'CBC mode through Cipher',
      code: `
        import os
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        def encrypt(key, data):
            iv = os.urandom(16)
            return iv + Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor().update(data)
      `,
    },
    {
      name: 'PyCryptodome GCM',
      code: `
        from Crypto.Cipher import AES

        def encrypt(key, data):
            cipher = AES.new(key, AES.MODE_GCM)
            return cipher.nonce, cipher.encrypt_and_digest(data)
      `,
    },
    {
      name: 'a guard that refuses ECB is a comparison, not a use',
      code: `
        from Crypto.Cipher import AES

        def check(mode):
            if mode == AES.MODE_ECB:
                raise ValueError("ECB is not allowed")
      `,
    },
    {
      name: 'ECB in a comment and a docstring',
      code: `
        def encrypt(key, data):
            """Never use modes.ECB() or AES.MODE_ECB here."""
            # AES.new(key, AES.MODE_ECB) was the old code
            return data
      `,
    },
    {
      name: 'a mode that is a parameter is not known',
      code: `
        from Crypto.Cipher import AES

        def make(key, mode):
            return AES.new(key, mode)
      `,
    },
    {
      name: 'an unrelated modes module',
      code: `
        from myapp import modes

        m = modes.ECB()
      `,
    },
    {
      name: 'Cryptodome AES.new(key) without a mode is an error there, not ECB',
      code: `
        from Cryptodome.Cipher import AES

        c = AES.new(key)
      `,
    },
  ],
  invalid: [
    {
      name: 'modes.ECB() passed to Cipher (the vulnerable example)',
      code: `
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        def encrypt_iban(iban):
            encryptor = Cipher(algorithms.AES(IBAN_KEY), modes.ECB()).encryptor()
            return encryptor.update(iban.encode().ljust(48, b" ")) + encryptor.finalize()
      `,
      findings: [{ line: 4, severity: 'high', message: /ECB mode \(modes\.ECB\(\)\) is passed to Cipher/ }],
    },
    {
      name: 'ECB imported by name and given by keyword',
      code: `
        from cryptography.hazmat.primitives.ciphers import Cipher
        from cryptography.hazmat.primitives.ciphers.algorithms import AES
        from cryptography.hazmat.primitives.ciphers.modes import ECB

        cipher = Cipher(algorithm=AES(KEY), mode=ECB())
      `,
      findings: [{ line: 5 }],
    },
    {
      name: 'AES.MODE_ECB with PyCryptodome',
      code: `
        from Crypto.Cipher import AES

        def encrypt(data):
            return AES.new(KEY, AES.MODE_ECB).encrypt(data)
      `,
      findings: [{ line: 4, message: /AES\.MODE_ECB\) is passed to AES\.new/ }],
    },
    {
      name: 'DES, DES3 and Blowfish ECB from Cryptodome',
      code: `
        from Cryptodome.Cipher import DES, DES3, Blowfish

        a = DES.new(k1, DES.MODE_ECB)
        b = DES3.new(k2, mode=DES3.MODE_ECB)
        c = Blowfish.new(k3, Blowfish.MODE_ECB)
      `,
      findings: [{ line: 3 }, { line: 4 }, { line: 5 }],
    },
    {
      name: 'through a module constant: reported at the use, once',
      code: `
        from Crypto.Cipher import AES

        CIPHER_MODE = AES.MODE_ECB

        def encrypt(data):
            return AES.new(KEY, CIPHER_MODE).encrypt(data)
      `,
      findings: [{ line: 6, message: /through CIPHER_MODE/ }],
    },
    {
      name: 'through a local variable holding modes.ECB()',
      code: `
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        def encrypt(key, data):
            mode = modes.ECB()
            return Cipher(algorithms.AES(key), mode).encryptor().update(data)
      `,
      findings: [{ line: 5, message: /through mode/ }],
    },
    {
      name: 'modes.ECB() created for a helper',
      code: `
        from cryptography.hazmat.primitives.ciphers import modes

        ENCRYPTOR = make_cipher(KEY, modes.ECB())
      `,
      findings: [{ line: 3, message: /is created here/ }],
    },
    {
      name: 'AES.MODE_ECB handed to a home-made helper',
      code: `
        import Crypto.Cipher.AES

        box = build(KEY, Crypto.Cipher.AES.MODE_ECB)
      `,
      findings: [{ line: 3 }],
    },
    {
      name: 'PyCrypto AES.new(key) without a mode defaults to ECB',
      code: `
        from Crypto.Cipher import AES

        def encrypt(data):
            return AES.new(SECRET).encrypt(data)
      `,
      findings: [{ line: 4, message: /default mode is ECB/ }],
    },
    {
      name: 'pyaes ECB',
      code: `
        import pyaes

        aes = pyaes.AESModeOfOperationECB(key)
      `,
      findings: [{ line: 3 }],
    },
    {
      name: 'in a TestingConfig class it is lowered to low',
      code: `
        from Crypto.Cipher import AES

        class TestingConfig:
            CIPHER = AES.new(b"k" * 16, AES.MODE_ECB)
      `,
      findings: [{ line: 4, severity: 'low', message: /lowered to low/ }],
    },
  ],
});

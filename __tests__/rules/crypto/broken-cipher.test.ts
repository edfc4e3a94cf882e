import { brokenCipher } from '../../../src/rules/crypto/broken-cipher.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(brokenCipher, {
  valid: [
    {
      name: 'AES through cryptography',
      code: `
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        c = Cipher(algorithms.AES(key), modes.CBC(iv))
      `,
    },
    {
      name: 'AES, ChaCha20-Poly1305 through PyCryptodome',
      code: `
        from Crypto.Cipher import AES, ChaCha20_Poly1305

        a = AES.new(key, AES.MODE_GCM)
        b = ChaCha20_Poly1305.new(key=key)
      `,
    },
    {
      name: 'SEED is in the decrepit package but has a 128-bit block and no practical attack',
      code: `
        from cryptography.hazmat.decrepit.ciphers.algorithms import SEED

        c = SEED(key)
      `,
    },
    {
      name: 'passlib bcrypt engine named Blowfish is not a cipher object',
      code: `
        from passlib.crypto._blowfish.unrolled import BlowfishEngine

        engine = BlowfishEngine()
      `,
    },
    {
      name: 'an isinstance check names the class without using it',
      code: `
        from cryptography.hazmat.primitives.ciphers import algorithms

        def is_legacy(algorithm):
            return isinstance(algorithm, algorithms.TripleDES)
      `,
    },
    {
      name: 'DES only in a comment and a docstring',
      code: `
        def pin_block(pin):
            """The processor used DES.new(key, DES.MODE_ECB) until 2019."""
            # algorithms.TripleDES(key) was replaced
            return pin
      `,
    },
    {
      name: 'a local class named DES',
      code: `
        class DES:
            @staticmethod
            def new(key):
                return key

        d = DES.new(b"k")
      `,
    },
  ],
  invalid: [
    {
      name: 'single DES from PyCryptodome (the vulnerable example)',
      code: `
        from Crypto.Cipher import AES, DES

        def legacy_pin_block(pin):
            """The card processor still speaks single DES."""
            return DES.new(b"pinblock", DES.MODE_ECB).encrypt(pin.encode().ljust(8, b"\\0"))
      `,
      findings: [{ line: 5, severity: 'high', message: /^DES cipher: a 56-bit key/ }],
    },
    {
      name: 'TripleDES and ARC4 from cryptography',
      code: `
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        legacy = Cipher(algorithms.TripleDES(KEY), modes.CBC(iv))
        stream = Cipher(algorithms.ARC4(KEY), mode=None)
      `,
      findings: [
        { line: 3, message: /TripleDES \(3DES\).*Sweet32/ },
        { line: 4, message: /RC4/ },
      ],
    },
    {
      name: 'the decrepit package (cryptography 43+)',
      code: `
        from cryptography.hazmat.decrepit.ciphers import algorithms

        a = algorithms.TripleDES(key)
        b = algorithms.Blowfish(key)
        c = algorithms.CAST5(key)
        d = algorithms.IDEA(key)
      `,
      findings: [
        { line: 3 },
        { line: 4, message: /Blowfish/ },
        { line: 5, message: /CAST5/ },
        { line: 6, message: /IDEA/ },
      ],
    },
    {
      name: 'DES3, ARC4, Blowfish, ARC2 from Cryptodome',
      code: `
        from Cryptodome.Cipher import ARC2, ARC4, DES3, Blowfish

        def legacy(key, data, iv):
            a = DES3.new(key, DES3.MODE_CBC, iv)
            b = ARC4.new(key)
            c = Blowfish.new(key, Blowfish.MODE_CBC, iv)
            d = ARC2.new(key, ARC2.MODE_CBC, iv)
            return a, b, c, d
      `,
      findings: [{ line: 4, message: /Triple DES/ }, { line: 5 }, { line: 6 }, { line: 7, message: /RC2/ }],
    },
    {
      name: 'an aliased module import',
      code: `
        import Crypto.Cipher.DES as des_cipher

        c = des_cipher.new(key, des_cipher.MODE_CBC, iv)
      `,
      findings: [{ line: 3 }],
    },
    {
      name: 'pyDes',
      code: `
        import pyDes

        k = pyDes.triple_des(key, pyDes.CBC, iv, pad=None)
      `,
      findings: [{ line: 3 }],
    },
    {
      name: 'lowered in a DevelopmentConfig class',
      code: `
        from Crypto.Cipher import DES

        class DevelopmentConfig:
            LEGACY = DES.new(b"12345678", DES.MODE_CBC, b"\\0" * 8)
      `,
      findings: [{ line: 4, severity: 'low' }],
    },
  ],
});

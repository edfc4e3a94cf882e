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
    {
      name: 'a variable named des that holds an AES cipher',
      code: `
        from Crypto.Cipher import AES

        des = AES.new(key, AES.MODE_GCM)
        blowfish = des.encrypt(b"data")
      `,
    },
    {
      name: 'a local module-like object named bf that is not Cryptodome',
      code: `
        import bloomfilter as bf
        from Crypto.Cipher import AES

        f = bf.new(1024)
        a = AES.new(key, AES.MODE_GCM)
      `,
    },
    {
      name: 'M2Crypto with AES, and an algorithm name only in a lookup table',
      code: `
        from M2Crypto import EVP

        LEGACY_NAMES = {"des_ede3_cbc": "3DES", "bf_cbc": "Blowfish"}
        c = EVP.Cipher(alg="aes_256_cbc", key=k, iv=iv, op=1)
      `,
    },
    {
      name: 'an algorithm name chosen at run time',
      code: `
        from M2Crypto import EVP

        def make(alg, k, iv):
            return EVP.Cipher(alg=alg, key=k, iv=iv, op=1)
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
    {
      name: 'a class imported under another name (from Crypto.Cipher import DES as des)',
      code: `
        from Crypto.Cipher import DES as des, ARC4 as rc4

        def legacy(key, data):
            return des.new(key, des.MODE_ECB).encrypt(data), rc4.new(key).encrypt(data)
      `,
      findings: [
        { line: 4, message: /^DES cipher/ },
        { line: 4, message: /^ARC4/ },
      ],
    },
    {
      name: 'a dotted Cryptodome module imported under an alias',
      code: `
        import Cryptodome.Cipher.Blowfish as bf
        import Crypto.Cipher.CAST as cast

        a = bf.new(key, bf.MODE_CBC, iv)
        b = cast.new(key, cast.MODE_ECB)
      `,
      findings: [
        { line: 4, message: /^Blowfish/ },
        { line: 5, message: /^CAST/ },
      ],
    },
    {
      name: 'the module function imported by itself, and a fully dotted call',
      code: `
        import Crypto.Cipher.DES3
        from Cryptodome.Cipher.DES import new as des_new

        a = des_new(key, 1)
        b = Crypto.Cipher.DES3.new(key, 2, iv)
      `,
      findings: [
        { line: 4, message: /^DES cipher/ },
        { line: 5, message: /^Triple DES/ },
      ],
    },
    {
      name: 'XOR, CAST, ARC2 from PyCrypto; RC2, CAST5 and IDEA from the decrepit package by name',
      code: `
        from Crypto.Cipher import XOR, CAST, ARC2
        from cryptography.hazmat.decrepit.ciphers.algorithms import RC2, CAST5, IDEA

        a = XOR.new(key)
        b = CAST.new(key, CAST.MODE_ECB)
        c = ARC2.new(key, ARC2.MODE_CBC, iv)
        d = RC2(key)
        e = CAST5(key)
        f = IDEA(key)
      `,
      findings: [
        { line: 4, message: /^XOR cipher: no cipher at all/ },
        { line: 5, message: /^CAST cipher/ },
        { line: 6, message: /RC2/ },
        { line: 7, message: /^RC2 cipher: a weak key schedule/ },
        { line: 8, message: /^CAST5/ },
        { line: 9, message: /^IDEA/ },
      ],
    },
    {
      name: 'the algorithms module imported under an alias',
      code: `
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms as alg, modes

        c = Cipher(alg.IDEA(key), modes.CBC(iv))
        d = Cipher(alg.CAST5(key), modes.CBC(iv))
      `,
      findings: [
        { line: 3, message: /^IDEA/ },
        { line: 4, message: /^CAST5/ },
      ],
    },
    {
      name: 'pyDes imported under an alias',
      code: `
        import pyDes as pd

        k = pd.des(key, pd.ECB)
      `,
      findings: [{ line: 3, message: /^DES \(pyDes\)/ }],
    },
    {
      name: 'M2Crypto EVP.Cipher with an OpenSSL name, written or through a constant',
      code: `
        from M2Crypto import EVP

        ALG = "bf_cbc"
        a = EVP.Cipher(alg="des_ede3_cbc", key=k, iv=iv, op=1)
        b = EVP.Cipher(ALG, k, iv, 1)
        c = EVP.Cipher("rc4", k, iv, 0)
        d = EVP.Cipher(alg="des_cbc", key=k, iv=iv, op=0)
      `,
      findings: [
        { line: 4, message: /^Triple DES \(M2Crypto "des_ede3_cbc"\)/ },
        { line: 5, message: /^Blowfish \(M2Crypto "bf_cbc"\)/ },
        { line: 6, message: /^RC4/ },
        { line: 7, message: /^DES \(M2Crypto "des_cbc"\) cipher: a 56-bit key/ },
      ],
    },
  ],
});

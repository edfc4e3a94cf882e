import { weakKeySize } from '../../../src/rules/crypto/weak-key-size.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(weakKeySize, {
  valid: [
    {
      name: "a table from weak curves' names to labels: names of keys made elsewhere",
      code: `
        from cryptography.hazmat.primitives.asymmetric import ec

        CURVE_LABELS = {
            ec.SECP192R1().name: "ECCPRIME192V1",
            ec.SECT163K1().name: "ECCSECT163K1",
        }

        def label(cert):
            return CURVE_LABELS.get(cert.public_key().curve.name)
      `,
    },
    {
      name: 'RSA 2048 and 3072, EC P-256, Ed25519',
      code: `
        from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

        a = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        b = rsa.generate_private_key(65537, 3072)
        c = ec.generate_private_key(ec.SECP256R1())
        d = ed25519.Ed25519PrivateKey.generate()
      `,
    },
    {
      name: 'a key size from configuration is not known',
      code: `
        from cryptography.hazmat.primitives.asymmetric import rsa

        def make(bits):
            return rsa.generate_private_key(public_exponent=65537, key_size=bits)
      `,
    },
    {
      name: 'AES-256 keys and a 12-byte nonce',
      code: `
        import os
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        key = AESGCM.generate_key(bit_length=256)
        box = AESGCM(os.urandom(32))
        nonce = os.urandom(12)
      `,
    },
    {
      name: 'PyCryptodome RSA 4096 and ECC P-256',
      code: `
        from Crypto.PublicKey import ECC, RSA

        k = RSA.generate(4096)
        e = ECC.generate(curve="P-256")
      `,
    },
    {
      name: 'a key size in a comment',
      code: `
        # rsa.generate_private_key(65537, 1024) was the old default
        KEY_BITS = 4096
      `,
    },
    {
      name: 'curve objects of python-ecdsa named in a table and a list of supported curves; P-256 used',
      code: `
        from ecdsa import SigningKey, NIST192p, NIST256p

        CURVES = {"NIST192p": NIST192p, "NIST256p": NIST256p}
        SUPPORTED = [NIST192p, NIST256p]

        def new_key():
            return SigningKey.generate(curve=NIST256p)
      `,
    },
    {
      name: 'fastecdsa and M2Crypto on curves of 224 bits and more',
      code: `
        from fastecdsa import keys, curve
        from M2Crypto import EC

        priv, pub = keys.gen_keypair(curve.P256)
        k = EC.gen_params(EC.NID_X9_62_prime256v1)
        k2 = EC.gen_params(EC.NID_secp224r1)
      `,
    },
    {
      name: 'a weak curve name compared, not used to make a key',
      code: `
        from Crypto.PublicKey import ECC

        def is_legacy(key):
            return key.curve in ("NIST P-192", "p192")
      `,
    },
    {
      name: 'paramiko RSA 4096 and M2Crypto RSA 2048; a variable named curve that is not a curve',
      code: `
        import paramiko
        from M2Crypto import RSA

        a = paramiko.RSAKey.generate(bits=4096)
        b = RSA.gen_key(2048, 65537)
        c = plot(curve="P192")
      `,
    },
  ],
  invalid: [
    {
      name: 'a table from labels to weak curve objects, used to make keys',
      code: `
        from cryptography.hazmat.primitives.asymmetric import ec

        CURVES = {"ECCPRIME192V1": ec.SECP192R1(), "P256": ec.SECP256R1()}
        key = ec.generate_private_key(CURVES["ECCPRIME192V1"])
      `,
      findings: [{ line: 3 }],
    },
    {
      name: 'RSA 1024 by keyword (the vulnerable example)',
      code: `
        from cryptography.hazmat.primitives.asymmetric import rsa

        # Signs outgoing webhooks to partner banks.
        WEBHOOK_KEY = rsa.generate_private_key(public_exponent=65537, key_size=1024)
      `,
      findings: [{ line: 4, severity: 'medium', message: /RSA key of 1024 bits \(under 2048\)/ }],
    },
    {
      name: 'positional size and a module constant',
      code: `
        from cryptography.hazmat.primitives.asymmetric import dsa, rsa

        KEY_SIZE = 512

        a = rsa.generate_private_key(65537, KEY_SIZE)
        b = dsa.generate_private_key(1024)
      `,
      findings: [
        { line: 5, message: /512 bits/ },
        { line: 6, message: /DSA key of 1024/ },
      ],
    },
    {
      name: 'PyCryptodome and python-rsa',
      code: `
        import rsa
        from Cryptodome.PublicKey import DSA, RSA

        a = RSA.generate(1024)
        b = DSA.generate(bits=1024)
        (pub, priv) = rsa.newkeys(512)
      `,
      findings: [{ line: 4 }, { line: 5 }, { line: 6 }],
    },
    {
      name: 'curves under 224 bits',
      code: `
        from cryptography.hazmat.primitives.asymmetric import ec
        from Crypto.PublicKey import ECC

        a = ec.generate_private_key(ec.SECP192R1())
        b = ec.generate_private_key(curve=ec.SECT163K1())
        c = ECC.generate(curve="P-192")
      `,
      findings: [
        { line: 4, message: /SECP192R1 has 192 bits/ },
        { line: 5, message: /SECT163K1/ },
        { line: 6, message: /p-192/ },
      ],
    },
    {
      name: 'a 64-bit AES key from os.urandom(8)',
      code: `
        import os
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        def enc(data):
            key = os.urandom(8)
            return Cipher(algorithms.AES(key), modes.GCM(os.urandom(12))).encryptor().update(data)
      `,
      findings: [{ line: 6, message: /AES key of 64 bits/ }],
    },
    {
      name: 'pyOpenSSL',
      code: `
        from OpenSSL import crypto

        key = crypto.PKey()
        key.generate_key(crypto.TYPE_RSA, 1024)
      `,
      findings: [{ line: 4, message: /RSA key of 1024 bits/ }],
    },
    {
      name: 'lowered in a TestingConfig class',
      code: `
        from cryptography.hazmat.primitives.asymmetric import rsa

        class TestingConfig:
            SIGNING_KEY = rsa.generate_private_key(65537, 1024)
      `,
      findings: [{ line: 4, severity: 'low' }],
    },
    {
      name: 'python-ecdsa curves under 224 bits, imported or through the module',
      code: `
        import ecdsa
        from ecdsa import SigningKey, NIST192p, SECP112r1

        CURVE = NIST192p
        a = SigningKey.generate(curve=CURVE)
        b = ecdsa.SigningKey.generate(curve=ecdsa.SECP128r1)
        c = SigningKey.from_string(raw, curve=SECP112r1)
        d = ecdsa.SigningKey.from_secret_exponent(x, ecdsa.curves.BRAINPOOLP160r1)
      `,
      findings: [
        { line: 5, message: /NIST192p has 192 bits/ },
        { line: 6, message: /SECP128r1 has 128 bits/ },
        { line: 7, message: /SECP112r1 has 112 bits/ },
        { line: 8, message: /BRAINPOOLP160r1 has 160 bits/ },
      ],
    },
    {
      name: 'fastecdsa and M2Crypto curves under 224 bits',
      code: `
        from fastecdsa import curve, ecdsa, keys
        from M2Crypto import EC

        priv, pub = keys.gen_keypair(curve.P192)
        r, s = ecdsa.sign(msg, priv, curve=curve.secp192k1)
        k = EC.gen_params(EC.NID_secp160r1)
        k2 = EC.gen_params(EC.NID_X9_62_prime192v1)
      `,
      findings: [
        { line: 4, message: /P192 has 192 bits/ },
        { line: 5, message: /secp192k1/ },
        { line: 6, message: /NID_secp160r1 has 160 bits/ },
        { line: 7, message: /prime192v1 has 192 bits/ },
      ],
    },
    {
      name: 'a cryptography curve class passed without instantiating it',
      code: `
        from cryptography.hazmat.primitives.asymmetric import ec

        a = ec.generate_private_key(ec.SECP192R1)
        b = ec.derive_private_key(7, curve=ec.SECT163K1)
      `,
      findings: [
        { line: 3, message: /SECP192R1 has 192 bits/ },
        { line: 4, message: /SECT163K1/ },
      ],
    },
    {
      name: 'PyCryptodome ECC.construct on P-192, a curve name through a constant',
      code: `
        from Cryptodome.PublicKey import ECC

        LEGACY_CURVE = "NIST P-192"
        a = ECC.construct(curve="P-192", d=d)
        b = ECC.generate(curve=LEGACY_CURVE)
      `,
      findings: [
        { line: 4, message: /p-192 has 192/ },
        { line: 5, message: /nist p-192/ },
      ],
    },
    {
      name: 'PyCryptodome RSA and DSA in both namespaces, aliased',
      code: `
        import Cryptodome.PublicKey.RSA as R
        from Crypto.PublicKey import DSA as dsa_keys
        from Crypto.PublicKey.RSA import generate

        a = R.generate(bits=1024)
        b = dsa_keys.generate(1024)
        c = generate(1024, e=65537)
      `,
      findings: [
        { line: 5, message: /RSA key of 1024 bits/ },
        { line: 6, message: /DSA key of 1024 bits/ },
        { line: 7, message: /RSA key of 1024 bits/ },
      ],
    },
    {
      name: 'M2Crypto RSA, DSA and DH; paramiko RSA and a DSS key at its 1024-bit default',
      code: `
        import paramiko
        from M2Crypto import DH, DSA, RSA

        a = RSA.gen_key(1024, 65537)
        b = DSA.gen_params(1024)
        c = DH.gen_params(512, 2)
        d = paramiko.RSAKey.generate(1024)
        e = paramiko.DSSKey.generate()
      `,
      findings: [
        { line: 4, message: /RSA key of 1024 bits/ },
        { line: 5, message: /DSA key of 1024/ },
        { line: 6, message: /Diffie-Hellman key of 512/ },
        { line: 7, message: /RSA key of 1024/ },
        { line: 8, message: /DSA key of 1024 bits \(the library's default/ },
      ],
    },
  ],
});

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
  ],
});

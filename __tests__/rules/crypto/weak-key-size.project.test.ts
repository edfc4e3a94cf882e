import { weakKeySize } from '../../../src/rules/crypto/weak-key-size.js';
import { projectTester } from '../../helpers/rule-tester.js';

const SIGNER = `
  from cryptography.hazmat.primitives.asymmetric import rsa
  from .settings import RSA_BITS
  from . import settings

  def new_key():
      return rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)

  def other_key():
      return rsa.generate_private_key(public_exponent=65537, key_size=settings.RSA_BITS)
`;

projectTester(weakKeySize, {
  valid: [
    {
      name: 'the settings module sets 3072 bits',
      files: { 'bank/keys.py': SIGNER, 'bank/settings.py': 'RSA_BITS = 3072\n' },
    },
    {
      name: 'the settings module reads the size from the environment',
      files: { 'bank/keys.py': SIGNER, 'bank/settings.py': 'import os\nRSA_BITS = int(os.environ["RSA_BITS"])\n' },
    },
    { name: 'the settings module is not in the tree', files: { 'bank/keys.py': SIGNER } },
    {
      name: 'a parameter that happens to share the name is not the import',
      files: {
        'bank/keys.py':
          'from cryptography.hazmat.primitives.asymmetric import rsa\n\ndef make(RSA_BITS):\n    return rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)\n',
        'bank/settings.py': 'RSA_BITS = 1024\n',
      },
    },
  ],
  invalid: [
    {
      name: 'the settings module sets 1024 bits, imported by name and through the module',
      files: { 'bank/keys.py': SIGNER, 'bank/settings.py': 'RSA_BITS = 1024\n' },
      findings: [
        { path: 'bank/keys.py', line: 6, message: /RSA key of 1024 bits \(RSA_BITS, under 2048\)/ },
        { path: 'bank/keys.py', line: 9, message: /RSA key of 1024 bits \(settings\.RSA_BITS, under 2048\)/ },
      ],
    },
    {
      name: 'a package __init__ re-exports the size from its settings module',
      files: {
        'bank/keys.py':
          'from cryptography.hazmat.primitives.asymmetric import rsa\nfrom bank import RSA_BITS\n\nKEY = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)\n',
        'bank/__init__.py': 'from .settings import RSA_BITS\n',
        'bank/settings.py': 'RSA_BITS = 512\n',
      },
      findings: [{ path: 'bank/keys.py', line: 4, message: /512 bits/ }],
    },
  ],
});

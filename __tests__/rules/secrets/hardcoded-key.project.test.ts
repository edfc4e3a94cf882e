import { hardcodedKey } from '../../../src/rules/secrets/hardcoded-key.js';
import { expect, test } from '@jest/globals';
import { projectTester, runProject } from '../../helpers/rule-tester.js';

const TOKENS = `
  import jwt
  from cryptography.fernet import Fernet
  from .settings import JWT_SECRET
  from . import settings

  def issue(payload):
      return jwt.encode(payload, JWT_SECRET, algorithm="HS256")

  def vault():
      return Fernet(settings.FERNET_KEY.encode())
`;

projectTester(hardcodedKey, {
  valid: [
    {
      name: 'the settings module reads the keys from the environment',
      files: {
        'app/tokens.py': TOKENS,
        'app/settings.py': 'import os\nJWT_SECRET = os.environ["JWT_SECRET"]\nFERNET_KEY = os.environ["FERNET_KEY"]\n',
      },
    },
    {
      name: 'placeholders in the settings module',
      files: { 'app/tokens.py': TOKENS, 'app/settings.py': 'JWT_SECRET = "changeme"\nFERNET_KEY = ""\n' },
    },
    { name: 'the settings module is not in the tree', files: { 'app/tokens.py': TOKENS } },
    {
      name: 'a public key imported for verification is no secret',
      files: {
        'app/verify.py':
          'import jwt\nfrom .settings import PUBLIC_KEY\n\ndef check(token):\n    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"])\n',
        'app/settings.py':
          'PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\\n-----END PUBLIC KEY-----"\n',
      },
    },
  ],
  invalid: [
    {
      name: 'keys written as literals in the settings module, imported by name and through the module',
      files: {
        'app/tokens.py': TOKENS,
        'app/settings.py':
          'JWT_SECRET = "s3cr3t-signing-key-2024"\nFERNET_KEY = "q2X1rJ0f8yLkq8Qm0Y3k0d2lW9v5GZ2i3u0x7n6m5b4="\n',
      },
      findings: [
        { path: 'app/tokens.py', line: 7, message: /Hardcoded signing key JWT_SECRET \(\*\*\*\*\)/ },
        { path: 'app/tokens.py', line: 10, message: /Hardcoded encryption key settings\.FERNET_KEY/ },
      ],
    },
  ],
});

test('the imported key never appears in the message', async () => {
  const findings = await runProject(hardcodedKey, {
    'app/tokens.py': TOKENS,
    'app/settings.py':
      'JWT_SECRET = "s3cr3t-signing-key-2024"\nFERNET_KEY = "q2X1rJ0f8yLkq8Qm0Y3k0d2lW9v5GZ2i3u0x7n6m5b4="\n',
  });
  expect(findings).toHaveLength(2);
  for (const f of findings) expect(f.message).not.toMatch(/s3cr3t|q2X1rJ0f/);
});

import { expect, test } from '@jest/globals';
import { configKindOf } from '../../../src/parse/config/kind.js';

test('file names map to kinds', () => {
  const cases: [string, string | undefined][] = [
    ['app/__init__.py', 'python'],
    ['.env', 'dotenv'],
    ['deploy/.env.production', 'dotenv'],
    ['prod.env', 'dotenv'],
    ['.flaskenv', 'dotenv'],
    ['alembic.ini', 'ini'],
    ['setup.cfg', 'ini'],
    ['pyproject.toml', 'toml'],
    ['config/settings.toml', 'toml'],
    ['docker-compose.yml', 'yaml'],
    ['.github/workflows/ci.YAML', 'yaml'],
    ['.devcontainer/devcontainer.json', 'json'],
    ['Dockerfile', 'dockerfile'],
    ['docker/Dockerfile.prod', 'dockerfile'],
    ['db.dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['scripts/start.sh', 'shell'],
    ['bin/run.bash', 'shell'],
    ['Procfile', 'procfile'],
    ['Makefile', 'makefile'],
    ['GNUmakefile', 'makefile'],
    ['build/rules.mk', 'makefile'],
    ['src/main/resources/application.properties', 'properties'],
    ['README.md', undefined],
    ['requirements.txt', undefined],
    ['environment', undefined],
  ];
  for (const [path, kind] of cases) expect([path, configKindOf(path)]).toEqual([path, kind]);
});

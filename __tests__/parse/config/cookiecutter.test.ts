import { describe, expect, test } from '@jest/globals';
import { parseConfig } from '../../../src/parse/config/index.js';

const text = [
  'services:', //                                           1
  '- type: web', //                                         2
  '  name: {{cookiecutter.project_slug}}', //               3
  '  envVars:', //                                          4
  '  - fromGroup: {{ cookiecutter.project_slug }}-settings', // 5
  '  - key: POSTGRES_URL', //                               6
  '    fromDatabase:', //                                   7
  '      name: {{cookiecutter.project_slug}}-db', //        8
  '      property: host', //                                9
].join('\n');

describe('YAML inside a cookiecutter template directory', () => {
  test('placeholders are read as text, with positions and values kept', () => {
    const doc = parseConfig('yaml', '{{cookiecutter.project_slug}}/render.yaml', text);
    const flat = doc.entries.map((e) => `${e.path.join('.')}=${String(e.value)}@${e.span.line}:${e.span.column}`);
    expect(flat).toEqual([
      'services.0.type=web@2:9',
      'services.0.name={{cookiecutter.project_slug}}@3:9',
      'services.0.envVars.0.fromGroup={{ cookiecutter.project_slug }}-settings@5:16',
      'services.0.envVars.1.key=POSTGRES_URL@6:10',
      'services.0.envVars.1.fromDatabase.name={{cookiecutter.project_slug}}-db@8:13',
      'services.0.envVars.1.fromDatabase.property=host@9:17',
    ]);
  });

  test('outside a template directory the file is not YAML', () => {
    expect(() => parseConfig('yaml', 'deploy/render.yaml', text)).toThrow(/YAML/);
  });

  test('Jinja blocks still fail', () => {
    expect(() =>
      parseConfig('yaml', '{{cookiecutter.slug}}/ci.yml', 'a:\n{% if cookiecutter.x %}\n  - {b: c\n{% endif %}\n'),
    ).toThrow(/YAML/);
  });
});

import { describe, expect, test } from '@jest/globals';
import type { Span } from '../../../src/core/types.js';
import { configKindOf, parseBicep } from '../../../src/parse/config/index.js';
import type { ConfigDoc } from '../../../src/parse/config/types.js';

const at = (s: Span): string => `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
const flat = (doc: ConfigDoc): string[] =>
  doc.entries.map((e) => `${e.path.join('.')}=${String(e.value)}@${at(e.span)}`);

describe('Bicep', () => {
  test('.bicep files are Bicep', () => {
    expect(configKindOf('infra/web.bicep')).toBe('bicep');
    expect(configKindOf('infra/MAIN.BICEP')).toBe('bicep');
    expect(configKindOf('infra/main.bicepparam')).toBeUndefined();
  });

  test('literal scalars under declarations, with paths from the declared name', async () => {
    const doc = await parseBicep(
      [
        "param location string = 'westus'", //                     1
        "var tier = 'Burstable'", //                                2
        "module web 'core/host/appservice.bicep' = {", //           3
        "  name: 'web'", //                                       4
        '  params: {', //                                           5
        '    appSettings: {', //                                    6
        "      POSTGRES_SSL: 'require'", //                         7
        '      POSTGRES_HOST: dbserverDomainName', //               8
        "      SECRET: '@Microsoft.KeyVault(VaultName=${kv})'", //  9
        "      'quoted-key': 'it\\'s'", //                           10
        '      PORT: 5432', //                                      11
        '      DEBUG: false', //                                    12
        '    }', //                                                 13
        '    ports: [', //                                          14
        '      80', //                                              15
        '      443', //                                             16
        '    ]', //                                                 17
        '  }', //                                                   18
        '}', //                                                     19
        '// a comment', //                                          20
      ].join('\n'),
    );
    expect(doc.format).toBe('bicep');
    expect(flat(doc)).toEqual([
      'location=westus@1:25-1:33',
      'tier=Burstable@2:12-2:23',
      'web.name=web@4:9-4:14',
      'web.params.appSettings.POSTGRES_SSL=require@7:21-7:30',
      "web.params.appSettings.quoted-key=it's@10:21-10:28",
      'web.params.appSettings.PORT=5432@11:13-11:17',
      'web.params.appSettings.DEBUG=false@12:14-12:19',
      'web.params.ports.0=80@15:7-15:9',
      'web.params.ports.1=443@16:7-16:10',
    ]);
    expect(doc.entries.find((e) => e.key === 'POSTGRES_SSL')?.key).toBe('POSTGRES_SSL');
  });

  test('a syntax error names its line', async () => {
    await expect(parseBicep("var a = {\n  b: 'c'\n  d: \n}\nresource = =\n")).rejects.toThrow(
      /Bicep syntax error at line \d+/,
    );
  });
});

import { projectTester } from '../../helpers/rule-tester.js';
import { serverNotVerified } from '../../../src/rules/transport/server-not-verified.js';
import { sslmodeMissing } from '../../../src/rules/transport/sslmode-missing.js';

// ------------------------------------------------------------ FCG104: the deployment sets require

const webBicep = (ssl: string): string => `
  param dbHost string
  module web 'core/host/appservice.bicep' = {
    name: 'appservice'
    params: {
      appSettings: {
        POSTGRES_HOST: dbHost
        POSTGRES_SSL: '${ssl}'
      }
    }
  }
`;

const productionPy = `
  import os

  dbhost = os.environ["POSTGRES_HOST"]
  dbname = os.environ["POSTGRES_DATABASE"]
  sslmode = os.environ.get("POSTGRES_SSL")
  DATABASE_URI = f"postgresql+psycopg2://app@{dbhost}:5432/{dbname}"
  if sslmode:
      DATABASE_URI = f"{DATABASE_URI}?sslmode={sslmode}"
`;

projectTester(serverNotVerified, {
  valid: [
    {
      name: 'the deployment sets verify-full',
      files: { 'infra/web.bicep': webBicep('verify-full'), 'app/production.py': productionPy },
    },
    {
      name: 'the Python side also sets sslrootcert',
      files: {
        'infra/web.bicep': webBicep('require'),
        'app/production.py': productionPy.replace('?sslmode={sslmode}', '?sslmode={sslmode}&sslrootcert=/certs/ca.pem'),
      },
    },
    {
      name: 'the variable is not used for a connection',
      files: {
        'infra/web.bicep': webBicep('require'),
        'app/production.py':
          'import os\n\nSSL_POLICY = os.environ.get("POSTGRES_SSL")\nprint(f"policy={SSL_POLICY}")\n',
      },
    },
    {
      name: 'another variable is the sslmode',
      files: {
        'infra/web.bicep': webBicep('require'),
        'app/production.py': productionPy.replace('"POSTGRES_SSL"', '"DB_SSLMODE"'),
      },
    },
    { name: 'no Python code reads it', files: { 'infra/web.bicep': webBicep('require') } },
  ],
  invalid: [
    {
      name: 'Bicep appSettings require, made the sslmode by another module',
      files: { 'infra/web.bicep': webBicep('require'), 'app/production.py': productionPy },
      findings: [
        { path: 'infra/web.bicep', line: 7, message: /POSTGRES_SSL=require is the sslmode .* app\/production\.py/ },
      ],
    },
    {
      name: 'Bicep siteConfig appSettings list, read through a wrapper of os.environ in another module',
      files: {
        'infra/site.bicep': `
          resource site 'Microsoft.Web/sites@2022-03-01' = {
            name: 'web'
            properties: {
              siteConfig: {
                appSettings: [
                  {
                    name: 'DB_SSL'
                    value: 'require'
                  }
                ]
              }
            }
          }
        `,
        'app/env.py': 'import os\n\n\ndef env(name):\n    return os.environ[name]\n',
        'app/db.py': `
          from app.env import env

          MODE = env("DB_SSL")
          HOST = env("DB_HOST")
          URI = "postgresql://app@{h}/shop?sslmode={m}".format(h=HOST, m=MODE)
        `,
      },
      findings: [{ path: 'infra/site.bicep', line: 8 }],
    },
    {
      name: 'Render envVars value require',
      files: {
        'render.yaml': 'services:\n  - type: web\n    envVars:\n      - key: POSTGRES_SSL\n        value: require\n',
        'app/production.py': productionPy,
      },
      findings: [{ path: 'render.yaml', line: 5 }],
    },
  ],
});

// ------------------------------------------------------------ FCG103: the deployment sets a remote host

const utilsPy = `
  import os


  def get_env_variable(name) -> str:
      try:
          return os.environ[name]
      except KeyError:
          raise Exception("Expected environment variable '{}' not set.".format(name))
`;

const configPy = `
  from utils import get_env_variable

  POSTGRES_URL = get_env_variable('POSTGRES_URL')
  POSTGRES_USER = get_env_variable('POSTGRES_USER')
  POSTGRES_DB = get_env_variable('POSTGRES_DB')


  class Config(object):
      uri_template = 'postgresql+psycopg2://{user}@{url}/{db}'
      SQLALCHEMY_DATABASE_URI = uri_template.format(user=POSTGRES_USER, url=POSTGRES_URL, db=POSTGRES_DB)
`;

const renderYaml = (property: string): string => `
  services:
  - type: web
    name: api
    envVars:
    - key: POSTGRES_URL
      fromDatabase:
        name: api-db
        property: ${property}
  databases:
  - name: api-db
`;

projectTester(sslmodeMissing, {
  valid: [
    {
      name: 'compose gives the variable a service name on the private network',
      files: {
        'src/utils.py': utilsPy,
        'src/config.py': configPy,
        'docker-compose.yml':
          'services:\n  api:\n    environment:\n      POSTGRES_URL: db\n  db:\n    image: postgres\n',
      },
    },
    {
      name: 'compose gives the variable localhost',
      files: {
        'src/utils.py': utilsPy,
        'src/config.py': configPy,
        'docker-compose.yml': 'services:\n  api:\n    environment:\n      - POSTGRES_URL=localhost:5432\n',
      },
    },
    {
      name: 'the template sets sslmode',
      files: {
        'src/utils.py': utilsPy,
        'src/config.py': configPy.replace('/{db}', '/{db}?sslmode=verify-full'),
        'render.yaml': renderYaml('host'),
      },
    },
    {
      name: 'the Render variable is the database user, not the host',
      files: { 'src/utils.py': utilsPy, 'src/config.py': configPy, 'render.yaml': renderYaml('user') },
    },
    {
      name: 'the imported function is not a wrapper of os.environ',
      files: {
        'src/utils.py': 'def get_env_variable(name):\n    return SETTINGS[name]\n',
        'src/config.py': configPy,
        'render.yaml': renderYaml('host'),
      },
    },
    {
      name: 'a Kubernetes env gives the variable a cluster service name',
      files: {
        'src/utils.py': utilsPy,
        'src/config.py': configPy,
        'k8s/deploy.yaml':
          'spec:\n  containers:\n    - env:\n        - name: POSTGRES_URL\n          value: pg.db.svc.cluster.local\n',
      },
    },
    { name: 'no deployment file sets the variable', files: { 'src/utils.py': utilsPy, 'src/config.py': configPy } },
    {
      name: 'the variable is formatted into something that is not a database URI',
      files: {
        'src/utils.py': utilsPy,
        'src/config.py': configPy.replace('postgresql+psycopg2://', 'https://'),
        'render.yaml': renderYaml('host'),
      },
    },
  ],
  invalid: [
    {
      name: 'Render fills the host from its managed database; the wrapper lives in utils.py',
      files: { 'src/utils.py': utilsPy, 'src/config.py': configPy, 'render.yaml': renderYaml('host') },
      findings: [{ path: 'src/config.py', line: 9, message: /POSTGRES_URL, set by render\.yaml:8/ }],
    },
    {
      name: 'inside a cookiecutter template directory, where render.yaml holds placeholders',
      files: {
        '{{cookiecutter.slug}}/src/utils.py': utilsPy,
        '{{cookiecutter.slug}}/src/config.py': configPy,
        '{{cookiecutter.slug}}/render.yaml': renderYaml('host').replace(
          'name: api-db',
          'name: {{cookiecutter.slug}}-db',
        ),
      },
      findings: [{ path: '{{cookiecutter.slug}}/src/config.py', line: 9 }],
    },
    {
      name: 'a template already judged from its own fallback host is reported once, whatever the deployment',
      files: {
        'app/db.py':
          'import os\n\nhost = os.environ.get("DB_HOST", "db.example.com")\nSQLALCHEMY_DATABASE_URI = f"postgresql://app@{host}/shop"\n',
        'k8s/deploy.yaml':
          'spec:\n  containers:\n    - env:\n        - name: DB_HOST\n          value: pg.svc.cluster.local\n',
      },
      findings: [{ path: 'app/db.py', line: 4, message: /remote database in/ }],
    },
    {
      name: 'an f-string over os.environ, and a Bicep App Service host written out',
      files: {
        'app/db.py': 'import os\n\nhost = os.environ["DB_HOST"]\nURI = f"postgresql://app@{host}/shop"\n',
        'infra/web.bicep':
          "module web 'x.bicep' = {\n  params: {\n    appSettings: {\n      DB_HOST: 'shop.postgres.database.azure.com'\n    }\n  }\n}\n",
      },
      findings: [{ path: 'app/db.py', line: 4 }],
    },
  ],
});

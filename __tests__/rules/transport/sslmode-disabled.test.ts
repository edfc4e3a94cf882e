import { sslmodeDisabled } from '../../../src/rules/transport/sslmode-disabled.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(sslmodeDisabled, {
  valid: [
    {
      name: 'verify-full with sslrootcert',
      code: 'e = create_engine("cockroachdb://app@db.prod:26257/bank?sslmode=verify-full&sslrootcert=/c/ca.crt")',
    },
    {
      name: 'sslmode in a comment',
      code: '# never use sslmode=disable\nconn = psycopg2.connect(os.environ["DATABASE_URL"])',
    },
    {
      name: 'a docstring that mentions it',
      code: 'def f():\n    """Connect with postgresql://u@h/db?sslmode=disable in tests only."""\n    return 1',
    },
    {
      name: 'the fallback case is insecure-default, not this rule',
      code: 'm = os.environ.get("DB_SSLMODE", "disable")',
    },
    { name: 'a non-database URL', code: 'requests.get("https://api.example.com/?sslmode=disable")' },
    {
      name: 'a .env.example template',
      path: '.env.example',
      code: 'DATABASE_URL=postgresql://app@db.prod/bank?sslmode=disable',
    },
    { name: 'env file with verify-full', path: '.env', code: 'PGSSLMODE=verify-full' },
    {
      name: 'a .properties datasource read from the environment, and a commented-out one',
      path: 'src/main/resources/application.properties',
      code: `
        # spring.datasource.url=jdbc:postgresql://db.prod:26257/bank?sslmode=disable
        spring.datasource.url=\${DATABASE_URL}
      `,
    },
    {
      name: 'SQL Server and MySQL connection strings in appsettings.json are not Npgsql strings',
      path: 'appsettings.json',
      code: `
        {
          "ConnectionStrings": {
            "Orders": "Server=sql.prod,1433;Initial Catalog=orders;Encrypt=False;User Id=app",
            "Legacy": "Server=mysql.prod;Port=3306;Database=legacy;Uid=app;SslMode=None"
          }
        }
      `,
    },
    {
      name: 'sample output quoted in a YAML description is prose, not a setting',
      path: 'bundle/manifests/db.clusterserviceversion.yaml',
      code: `
        spec:
          description: |
            Check a node started with cockroach start --insecure:
                cockroach sql --insecure --url postgresql://root@db-0.db:26257?sslmode=disable
          install:
            spec:
              env:
                - name: DATABASE_URL
                  value: postgresql://app@db-0.db:26257/bank?sslmode=verify-full
      `,
    },
  ],
  invalid: [
    {
      name: 'a DevelopmentConfig class is lowered to low, the production class is not',
      code: 'class Config:\n    SQLALCHEMY_DATABASE_URI = "postgresql://app@db.prod/bank?sslmode=disable"\n\nclass DevelopmentConfig(Config):\n    SQLALCHEMY_DATABASE_URI = "postgresql://app@db/bank?sslmode=disable"\n\nclass LocalDebug(DevelopmentConfig):\n    SQLALCHEMY_DATABASE_URI = "postgresql://app@db2/bank?sslmode=disable"\n',
      findings: [
        { line: 2, severity: 'high' },
        { line: 5, severity: 'low', message: /development\/testing config class/ },
        { line: 8, severity: 'low' },
      ],
    },
    {
      name: 'URI to create_engine',
      code: 'engine = create_engine("cockroachdb://app@db.prod:26257/bank?sslmode=disable")',
      findings: [{ line: 1, severity: 'high', message: /sslmode=disable/ }],
    },
    {
      name: 'keyword argument to psycopg2.connect',
      code: 'import psycopg2\nconn = psycopg2.connect(host="db.prod", dbname="bank", sslmode="disable")',
      findings: [{ line: 2 }],
    },
    {
      name: 'connect_args of SQLAlchemy',
      code: 'from sqlalchemy import create_engine\nengine = create_engine(\n    URL,\n    connect_args={"sslmode": "disable"},\n)',
      findings: [{ line: 4 }],
    },
    {
      name: 'a module constant with implicit concatenation',
      code: 'DB_URI = (\n    "postgresql://app@db.prod:26257/bank"\n    "?sslmode=disable"\n)\nengine = create_engine(DB_URI)',
      findings: [{ line: 2 }],
    },
    {
      name: 'keyword DSN',
      code: 'conn = psycopg.connect("host=db.prod port=26257 dbname=bank sslmode=disable")',
      findings: [{ line: 1 }],
    },
    {
      name: 'local host is lowered to low',
      code: 'engine = create_engine("postgresql://app@localhost:26257/bank?sslmode=disable")',
      findings: [{ line: 1, severity: 'low', message: /local host/ }],
    },
    {
      name: 'PGSSLMODE in a .env file',
      path: '.env',
      code: '# database\nPGSSLMODE=disable\n',
      findings: [{ line: 2 }],
    },
    {
      name: 'DATABASE_URL in compose environment (list form)',
      path: 'docker-compose.yml',
      code: 'services:\n  web:\n    image: app\n    environment:\n      - DATABASE_URL=postgresql://app@roach:26257/bank?sslmode=disable\n',
      findings: [{ line: 5 }],
    },
    {
      name: 'alembic.ini sqlalchemy.url',
      path: 'alembic.ini',
      code: '[alembic]\nscript_location = migrations\nsqlalchemy.url = cockroachdb://app@db.prod:26257/bank?sslmode=disable\n',
      findings: [{ line: 3 }],
    },
    {
      name: 'a JDBC URL in a Java .properties file',
      path: 'src/main/resources/application.properties',
      code: `
        spring.datasource.driver-class-name=org.postgresql.Driver
        spring.datasource.url=jdbc:postgresql://db.prod:26257/bank?sslmode=disable
        spring.datasource.username=app
      `,
      findings: [{ line: 2, severity: 'high', message: /jdbc:postgresql:\/\/db\.prod:26257\/bank\?sslmode=disable/ }],
    },
    {
      name: 'an Npgsql connection string in appsettings.json (spaced, case-insensitive keys)',
      path: 'appsettings.json',
      code: `
        {
          "ConnectionStrings": {
            "Bank": "Host=db.prod;Port=26257;Database=bank;Username=app;ssl mode=Disable"
          }
        }
      `,
      findings: [{ line: 3, severity: 'high', message: /Host=db\.prod;Port=26257/ }],
    },
    {
      name: 'an Npgsql SslMode on localhost is lowered',
      path: 'appsettings.Production.json',
      code: `{ "ConnectionStrings": { "Db": "Server=localhost;Port=5432;SslMode=Disable;Username=app" } }`,
      findings: [{ line: 1, severity: 'low' }],
    },
    {
      name: 'a connector config posted by curl in a shell script (JSON inside a quoted word)',
      path: 'scripts/create-sink.sh',
      code: `
        curl -X POST -H "Content-Type: application/json" --data '
        {
          "name": "bank-sink",
          "config": {
            "connection.url": "jdbc:postgresql://crdb1.internal:26257/bank?sslmode=disable",
            "connection.user": "sink"
          }
        }' http://connect:8083/connectors
      `,
      findings: [{ line: 5, severity: 'high' }],
    },
    {
      name: 'a JSON body in a here-document, and one with escaped quotes at the command line',
      path: 'scripts/register.sh',
      code: `
        curl -s -d @- http://connect:8083/connectors <<'EOF'
        {"config": {"connection.url": "jdbc:postgresql://crdb1.internal:26257/bank?sslmode=disable"}}
        EOF
        curl --data-raw "{\\"url\\": \\"postgresql://app@db.prod/bank?sslmode=disable\\"}" http://x/
      `,
      findings: [{ line: 2 }, { line: 4 }],
    },
  ],
});

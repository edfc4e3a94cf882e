import { sqlBuiltFromStrings } from '../../../src/rules/design/sql-built-from-strings.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Alembic's migration machinery: DDL built from what migration scripts and settings pass in.
ruleTester(sqlBuiltFromStrings, {
  valid: [
    {
      name: 'an operation implementation registered with Alembic formats the schema name',
      path: 'audit/alembic/ops.py',
      code: `
        from alembic.operations import MigrateOperation, Operations
        from sqlalchemy import text

        @Operations.register_operation("create_schema")
        class CreateSchemaOp(MigrateOperation):
            def __init__(self, name):
                self.name = name

        @Operations.implementation_for(CreateSchemaOp)
        def create_schema(operations, operation):
            operations.execute(text(f'CREATE SCHEMA "{operation.name}"'))
      `,
    },
    {
      name: 'an alembic_utils entity renders its DDL from its own attributes',
      path: 'audit/entities.py',
      code: `
        import sqlalchemy as sa
        from alembic_utils.replaceable_entity import ReplaceableEntity

        class AuditAggregate(ReplaceableEntity):
            def to_sql_statement_drop(self):
                return sa.text(f"DROP AGGREGATE {self.literal_schema}.{self.signature}")
      `,
    },
  ],
  invalid: [
    {
      name: 'the same DDL in an ordinary function is still a review item',
      path: 'audit/schema.py',
      code: `
        from sqlalchemy import text

        def create_schema(conn, name):
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
      `,
      findings: [{ line: 4, severity: 'low' }],
    },
    {
      name: 'a class with a base of the same name from another library is no migration entity',
      path: 'audit/entities.py',
      code: `
        import sqlalchemy as sa
        from myorm.entities import ReplaceableEntity

        class Aggregate(ReplaceableEntity):
            def drop(self, conn):
                conn.execute(sa.text(f"DROP AGGREGATE {self.literal_schema}.{self.signature}"))
      `,
      findings: [{ line: 6, severity: 'low' }],
    },
    {
      name: 'request data reaching a registered implementation is reported',
      path: 'audit/alembic/ops.py',
      code: `
        from alembic.operations import Operations
        from flask import request
        from sqlalchemy import text

        @Operations.implementation_for(object)
        def create_schema(operations, operation):
            operations.execute(text(f'CREATE SCHEMA "{request.args["name"]}"'))
      `,
      findings: [{ line: 7, severity: 'high' }],
    },
  ],
});

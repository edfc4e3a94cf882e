"""Database handles: Flask-SQLAlchemy for the app, psycopg2 for reports, asyncpg for exports.

Every connection verifies the server against the cluster CA (verify-full) and authenticates with
a client certificate: no database password exists to leak.
"""
import os
import ssl

import asyncpg
import psycopg2
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()

CA_CERT = "/certs/ca.crt"


def ledger_connection():
    """A raw connection for the transfer procedure, which retries on serialization errors."""
    return psycopg2.connect(
        host=os.environ["LEDGER_DB_HOST"],
        port=26257,
        dbname="ledger",
        user="ledger",
        sslmode="verify-full",
        sslrootcert=CA_CERT,
        sslcert="/certs/client.ledger.crt",
        sslkey="/certs/client.ledger.key",
    )


def reporting_connection():
    """Nightly reports run long analytical queries against the reporting replica."""
    return psycopg2.connect(
        host=os.environ["REPORTING_DB_HOST"],
        port=26257,
        dbname="ledger",
        user="reporting",
        sslmode="verify-full",
        sslrootcert=CA_CERT,
        sslcert="/certs/client.reporting.crt",
        sslkey="/certs/client.reporting.key",
    )


def _client_tls(user):
    ctx = ssl.create_default_context(cafile=CA_CERT)
    ctx.load_cert_chain(f"/certs/client.{user}.crt", f"/certs/client.{user}.key")
    return ctx


async def export_pool():
    """Pool for the CSV export worker."""
    return await asyncpg.create_pool(os.environ["EXPORT_DATABASE_URL"], ssl=_client_tls("exporter"), min_size=1, max_size=4)


async def audit_pool():
    return await asyncpg.create_pool(os.environ["AUDIT_DATABASE_URL"], ssl=_client_tls("auditor"))

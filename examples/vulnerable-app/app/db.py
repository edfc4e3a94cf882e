"""Database handles: Flask-SQLAlchemy for the app, psycopg2 for reports, asyncpg for exports."""
import os
import ssl

import asyncpg
import psycopg2
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()

DB_SSLMODE = os.environ.get("DB_SSLMODE", "disable")


def ledger_connection():
    """A raw connection for the transfer procedure, which retries on serialization errors."""
    return psycopg2.connect(
        host="crdb.ledger.internal",
        port=26257,
        dbname="ledger",
        user="ledger",
        password=os.environ["LEDGER_DB_PASSWORD"],
        sslmode=DB_SSLMODE,
    )


def reporting_connection():
    """Nightly reports run long analytical queries against the reporting replica."""
    return psycopg2.connect(
        host="crdb-reporting.ledger.internal",
        port=26257,
        dbname="ledger",
        user="reporting",
        password="Rep0rting-2024",
        sslmode="prefer",
    )


def analytics_connection():
    return psycopg2.connect("host=crdb-analytics.ledger.internal port=26257 dbname=ledger user=analyst sslmode=verify-ca sslrootcert=/certs/ca.crt")


async def export_pool():
    """Pool for the CSV export worker."""
    return await asyncpg.create_pool(
        "postgresql://exporter@crdb.ledger.internal:26257/ledger",
        ssl=False,
        min_size=1,
        max_size=4,
    )


async def audit_pool():
    ctx = ssl.create_default_context(cafile="/certs/ca.crt")
    # The load balancer's certificate names the balancer, not the nodes.
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return await asyncpg.create_pool(os.environ["AUDIT_DATABASE_URL"], ssl=ctx)

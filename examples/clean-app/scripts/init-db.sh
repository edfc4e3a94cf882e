#!/usr/bin/env bash
# Creates the ledger database and its users once the node answers. The users authenticate with
# client certificates (cockroach cert create-client ledger), so none of them has a password.
set -euo pipefail

until cockroach sql --certs-dir=/certs --host=roach -e "SELECT 1" >/dev/null 2>&1; do
  sleep 1
done

cockroach sql --certs-dir=/certs --host=roach -e "CREATE DATABASE IF NOT EXISTS ledger"
cockroach sql --certs-dir=/certs --host=roach -e "CREATE USER IF NOT EXISTS ledger"
cockroach sql --certs-dir=/certs --host=roach -e "GRANT SELECT, INSERT, UPDATE, DELETE ON DATABASE ledger TO ledger"

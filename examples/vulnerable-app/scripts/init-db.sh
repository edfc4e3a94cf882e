#!/usr/bin/env bash
# Creates the ledger database and its user once the node answers.
set -euo pipefail

until cockroach sql --insecure --host=roach -e "SELECT 1" >/dev/null 2>&1; do
  sleep 1
done

cockroach sql --insecure --host=roach -e "CREATE DATABASE IF NOT EXISTS ledger"
cockroach sql --insecure --host=roach -e "CREATE USER IF NOT EXISTS ledger"
cockroach sql --insecure --host=roach -e "GRANT ALL ON DATABASE ledger TO ledger"

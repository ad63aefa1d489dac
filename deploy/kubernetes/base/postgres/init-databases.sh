#!/usr/bin/env bash
# Runs once, when PostgreSQL initialises an empty data directory (docker-entrypoint-initdb.d):
# one login and one database per service that owns data. Flyway in each service creates the tables.
set -euo pipefail

: "${AGREEMENT_SERVICE_DB_PASSWORD:?set from the surety-db Secret}"
: "${CREDIT_SERVICE_DB_PASSWORD:?set from the surety-db Secret}"

# psql substitutes :'name' with the variable's value quoted as an SQL literal.
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  --set agreement_password="$AGREEMENT_SERVICE_DB_PASSWORD" \
  --set credit_password="$CREDIT_SERVICE_DB_PASSWORD" <<'SQL'
CREATE ROLE agreement_service LOGIN PASSWORD :'agreement_password';
CREATE DATABASE agreements OWNER agreement_service;
CREATE ROLE credit_service LOGIN PASSWORD :'credit_password';
CREATE DATABASE credits OWNER credit_service;
SQL

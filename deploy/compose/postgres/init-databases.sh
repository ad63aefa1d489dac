#!/usr/bin/env bash
# Runs once, when PostgreSQL initialises an empty data volume (/docker-entrypoint-initdb.d): one login
# and one database per service that owns data, as in deploy/kubernetes. Flyway in each service creates
# the tables. The passwords are the secrets init-secrets.sh wrote (mounted under /run/secrets).
set -euo pipefail

agreement_password=$(cat /run/secrets/agreement-service-db-password)
credit_password=$(cat /run/secrets/credit-service-db-password)

# psql substitutes :'name' with the variable's value quoted as an SQL literal.
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  --set agreement_password="$agreement_password" \
  --set credit_password="$credit_password" <<'SQL'
CREATE ROLE agreement_service LOGIN PASSWORD :'agreement_password';
CREATE DATABASE agreements OWNER agreement_service;
CREATE ROLE credit_service LOGIN PASSWORD :'credit_password';
CREATE DATABASE credits OWNER credit_service;
SQL

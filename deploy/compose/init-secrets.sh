#!/usr/bin/env bash
# Creates the secrets compose.yaml mounts (deploy/compose/secrets/, git-ignored), once:
#   postgres-password              PostgreSQL superuser password (only the postgres container uses it)
#   agreement-service-db-password  login agreement_service (postgres/init-databases.sh creates it)
#   agreement-service-db.properties  the same password as SURETY_DB_PASSWORD, read by agreement-service
#   credit-service-db-password     login credit_service
#   credit-service-db.properties   the same password as SURETY_DB_PASSWORD, read by credit-service
#   grafana-admin-password         Grafana's admin password (GF_SECURITY_ADMIN_PASSWORD__FILE)
#   portal-oidc.properties         the portal's OIDC client secret (empty until you set one)
#   jwt-public-key.pem             the key services verify bearer tokens with
#   jwt-private-key.pem            only with the local stack's keys: signs tokens (dev login, ./surety tokens)
# Existing files are kept, so running it again never changes a password.
#
# The token key: by default the local stack's key pair ($SURETY_HOME/keys, created by `./surety tokens`),
# so `./surety tokens` prints tokens these services accept. In production give your identity provider's
# public key instead: SURETY_JWT_PUBLIC_KEY=/path/to/key.pem ./init-secrets.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir="$here/secrets"
keys="${SURETY_HOME:-$root/.surety}/keys"
mkdir -p "$dir"
chmod 700 "$dir"

# The containers run as other users (postgres, 185, grafana): the files must be readable for them;
# the directory (700) keeps other users of this machine out.
write() {
  local file="$dir/$1"
  if [[ ! -s "$file" ]]; then
    cat >"$file"
    chmod 644 "$file"
    echo "created secrets/$1"
  else
    cat >/dev/null
  fi
}

random() {
  od -An -N24 -tx1 /dev/urandom | tr -d ' \n'
}

random | write postgres-password
for service in agreement-service credit-service; do
  random | write "$service-db-password"
  printf 'SURETY_DB_PASSWORD=%s\n' "$(cat "$dir/$service-db-password")" | write "$service-db.properties"
done
random | write grafana-admin-password
printf '# quarkus.oidc.credentials.secret=<the portal client secret at your OIDC provider>\n' | write portal-oidc.properties

if [[ -n "${SURETY_JWT_PUBLIC_KEY:-}" ]]; then
  write jwt-public-key.pem <"$SURETY_JWT_PUBLIC_KEY"
elif [[ -s "$keys/public-key.pem" ]]; then
  write jwt-public-key.pem <"$keys/public-key.pem"
  write jwt-private-key.pem <"$keys/private-key.pem"
elif [[ ! -s "$dir/jwt-public-key.pem" ]]; then
  echo "no token key: run ./surety tokens once (creates $keys), or set SURETY_JWT_PUBLIC_KEY" >&2
  exit 1
fi

#!/usr/bin/env bash
# Creates the Secret ninsearch-secrets that every overlay needs, with fresh random values, without printing them:
#   db-password     the bundled PostgreSQL's password
#   db-connection   the connection string silos, workers and the dashboard use
#   api-token       the dashboard's bearer token for mutations (read it back: see README.md)
#   cluster-secret  what workers and the dashboard present to the silos
# An external PostgreSQL: DB_CONNECTION='Host=...;Database=...;Username=...;Password=...' bash create-secrets.sh
# Existing values are kept unless ROTATE=1 (a new cluster secret or password needs every pod restarted).
set -euo pipefail
namespace="${NAMESPACE:-ninsearch}"
if kubectl -n "$namespace" get secret ninsearch-secrets >/dev/null 2>&1 && [ "${ROTATE:-0}" != 1 ]; then
  echo "create-secrets: ninsearch-secrets exists in $namespace (ROTATE=1 replaces it)" >&2
  exit 0
fi
random() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
password=$(random)
connection="${DB_CONNECTION:-Host=postgres;Port=5432;Database=ninsearch;Username=ninsearch;Password=$password}"
kubectl get namespace "$namespace" >/dev/null 2>&1 || kubectl create namespace "$namespace" >/dev/null
# Values go through stdin (an env file), never through arguments that ps would show.
printf 'db-password=%s\ndb-connection=%s\napi-token=%s\ncluster-secret=%s\n' "$password" "$connection" "$(random)" "$(random)" |
  kubectl -n "$namespace" create secret generic ninsearch-secrets --from-env-file=/dev/stdin --dry-run=client -o yaml |
  kubectl apply -f - >/dev/null
echo "create-secrets: ninsearch-secrets created in $namespace" >&2

#!/bin/sh
# Entry point of the workflow-platform image: the first argument picks the process.
#   api (default)        the HTTP API                      dist/apps/api/src/main.js
#   worker               the queue worker                  dist/apps/worker/src/main.js
#   cli <command...>     a one-shot command, e.g. `cli migrate`, `cli backup run`, `cli config check`
# Anything else that is a command on PATH runs as is (`sh`, `psql`, `pg_dump`) for debugging.
# `exec` makes node the direct child of tini, so SIGTERM reaches the app's graceful shutdown.
set -eu

APP_ROOT="${APP_ROOT:-/app}"

# An image built without --build-arg APP_VERSION has it empty: let the app use package.json's.
if [ -z "${APP_VERSION:-}" ]; then unset APP_VERSION; fi

usage() {
  echo "usage: [api | worker | cli <command> [args...]]" >&2
  echo "  e.g. worker; cli migrate; cli backup run; cli config check" >&2
}

role="${1:-api}"
[ "$#" -gt 0 ] && shift

case "$role" in
  api) exec node "$APP_ROOT/dist/apps/api/src/main.js" "$@" ;;
  worker) exec node "$APP_ROOT/dist/apps/worker/src/main.js" "$@" ;;
  cli) exec node "$APP_ROOT/dist/apps/cli/src/main.js" "$@" ;;
  -h | --help | help) usage; exit 0 ;;
esac

if command -v "$role" >/dev/null 2>&1; then exec "$role" "$@"; fi
echo "entrypoint: unknown process \"$role\"" >&2
usage
exit 64

#!/usr/bin/env bash
# Runs the Prisma CLI offline. Prisma 7 wants to download its schema-engine binary, which is
# unreachable here; `generate` does not need it, so point the CLI at a stand-in that fails
# loudly if anything ever does. Migrations are applied by lib/db/migrate.ts, not by the CLI.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$here/no-schema-engine.sh}"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
exec "$here/../node_modules/.bin/prisma" "$@"

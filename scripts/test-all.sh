#!/usr/bin/env bash
# npm test — the whole suite: types, lint, unit + integration tests (PostgreSQL and PGlite),
# then Playwright in Chromium against a production build on PostgreSQL, and the newcomer's
# first start on the embedded PGlite default (playwright.embedded.config.ts).
# Needs PostgreSQL at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
# and Chromium at /usr/bin/chromium (.ci/run installs both).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n== %s ==\n' "$1"; }
step "prisma client";  npm run -s db:generate
step "typecheck";      npx tsc --noEmit -p .
step "lint";           npm run -s lint
step "vitest";         npx vitest run
step "next build";     npx next build
step "playwright";     npx playwright test
step "playwright (embedded default)"; npx playwright test -c playwright.embedded.config.ts

#!/usr/bin/env bash
echo "DocState: the Prisma schema engine is not installed (offline). Use 'npm run db:migrate' to apply migrations." >&2
exit 1

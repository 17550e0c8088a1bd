#!/usr/bin/env bash
# Type-check cost of a file that uses the decorator: instantiations, types and check time from
# `tsc --extendedDiagnostics` (counts are stable; wall time on 2 cores is noise). consumer.ts binds the
# default protocols (tsconfig.json); consumer-lrt.ts adds the five LRT modules (tsconfig.lrt.json).
set -euo pipefail
cd "$(dirname "$0")"
for project in tsconfig.json tsconfig.lrt.json; do
  echo "== $project"
  ../../node_modules/.bin/tsc -p "$project" --extendedDiagnostics | grep -E "^(Files|Types|Instantiations|Check time|Memory used)"
done

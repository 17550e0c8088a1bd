#!/usr/bin/env bash
# Type-check cost of examples/typecheck/consumer.ts (a file that uses the decorator): instantiations,
# types and check time from `tsc --extendedDiagnostics` (counts are stable; wall time on 2 cores is noise).
set -euo pipefail
cd "$(dirname "$0")"
../../node_modules/.bin/tsc -p tsconfig.json --extendedDiagnostics | grep -E "^(Files|Types|Instantiations|Check time|Memory used)"

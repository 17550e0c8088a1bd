#!/usr/bin/env bash
# Packages proven installable: packs every workspace package (`pnpm pack`), installs the tarballs into
# a scratch consumer project outside the workspace (from the npm registry, as a user would), and checks
# ESM import, CJS require, tsc under `bundler` and `nodenext` with `exactOptionalPropertyTypes`, and a
# Vite production build of a page that imports one action (its bundle size printed). Needs `pnpm build`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d /tmp/restakekit-consumer.XXXXXX)"
trap 'rm -rf "$work"' EXIT
version() { node -p "require('$root/node_modules/$1/package.json').version"; }

echo "-- pack"
mkdir -p "$work/tarballs" "$work/app"
for p in core lrt avs risk devnet cli; do
  (cd "$root/packages/$p" && pnpm pack --pack-destination "$work/tarballs" >/dev/null)
done
ls "$work/tarballs"

echo "-- install into a scratch project ($work/app)"
cp -r "$here/app/." "$work/app/"
cd "$work/app"
tar() { ls "$work/tarballs"/restakekit-$1-*.tgz; }
node -e '
const fs = require("fs"); const [core, lrt, avs, risk, devnet, cli, viem, ts, vite] = process.argv.slice(1)
const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"))
pkg.dependencies = { "@restakekit/core": `file:${core}`, "@restakekit/lrt": `file:${lrt}`, "@restakekit/avs": `file:${avs}`,
  "@restakekit/risk": `file:${risk}`, "@restakekit/devnet": `file:${devnet}`, "@restakekit/cli": `file:${cli}`, viem }
pkg.devDependencies = { typescript: ts, vite }
// the packed packages depend on each other by version; point those at the tarballs too
pkg.overrides = { "@restakekit/core": `file:${core}`, "@restakekit/risk": `file:${risk}` }
fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2))
' "$(tar core)" "$(tar lrt)" "$(tar avs)" "$(tar risk)" "$(tar devnet)" "$(tar cli)" "$(version viem)" "$(version typescript)" "$(node -p "require('$root/node_modules/vitest/package.json').dependencies.vite.replace(/^[^0-9]*/, '')")"
npm install --no-audit --no-fund --loglevel=error >/dev/null
echo "installed: $(ls node_modules/@restakekit | tr '\n' ' ')"

echo "-- ESM import"
node esm.mjs
echo "-- CJS require"
node cjs.cjs
echo "-- the restakekit bin runs"
npx --no-install restakekit help >/dev/null
npx --no-install restakekit risk help >/dev/null
echo "-- tsc, moduleResolution bundler, exactOptionalPropertyTypes"
npx tsc -p tsconfig.bundler.json
echo "-- tsc, moduleResolution nodenext, exactOptionalPropertyTypes"
npx tsc -p tsconfig.nodenext.json
echo "-- Vite production build of a page importing one action"
npx vite build --logLevel warn
node size.mjs
echo "consumer project: all checks passed"

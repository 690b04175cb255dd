#!/usr/bin/env sh
# Writes SST's platform types (.sst/platform/config.d.ts) so `tsc -p packages/infra` can check
# sst.config.ts offline. .sst/ is gitignored, so CI runs this before type-checking. Idempotent: does
# nothing when the platform is already installed. Uses the bun binary from npm and skips SST's
# Pulumi/bun downloads, so no network beyond the npm install is needed.
set -eu

root="$(CDPATH= cd -- "$(dirname -- "$0")/../../.." && pwd)"
cd "$root"

if [ -f .sst/platform/config.d.ts ]; then
  exit 0
fi

SST_BUN_PATH="$root/node_modules/bun/bin/bun.exe" \
SST_SKIP_DEPENDENCY_CHECK=true \
SST_TELEMETRY_DISABLED=1 \
  "$root/node_modules/.bin/sst" install --stage "${SST_STAGE:-dev}"

test -f .sst/platform/config.d.ts || {
  echo "sst install did not write .sst/platform/config.d.ts" >&2
  exit 1
}

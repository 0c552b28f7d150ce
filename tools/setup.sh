#!/bin/sh
# Shared by tools/example and tools/test: installs the Debian packages dunn
# needs (if any are missing; needs root), then configures and builds.
# Usage: . tools/setup.sh [extra cmake options]
set -eu

packages="cmake g++ make pkg-config libcli11-dev libsqlitecpp-dev
  libsqlite3-dev libfmt-dev libtoml11-dev catch2 libhowardhinnant-date-dev
  libcsv-dev sqlite3 python3"

missing=""
for p in $packages; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "dunn needs these Debian packages:$missing" >&2
        echo "Run this as root, or: sudo apt-get install$missing" >&2
        exit 1
    fi
    echo "Installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

root=$(cd "$(dirname "$0")/.." && pwd)
build="${DUNN_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"

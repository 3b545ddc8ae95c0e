#!/usr/bin/env bash
# Prepares a local VS Code (code-server 4.99.4, which carries VS Code 1.99.3)
# once, in a cache outside the repository, for `npm start` and
# `npm run test:e2e`. Nothing is downloaded except npm packages from the npm
# registry and Debian packages through apt-get.
#
#   bash scripts/prepare-vscode.sh          # prepare (fast no-op when ready)
#   ILTIZAM_VSCODE_CACHE=/some/dir bash scripts/prepare-vscode.sh
#   bash scripts/prepare-vscode.sh --check  # only says what is missing: missing=<Debian packages>, cache=ready|missing
#
# On success the last line on stdout is the path of the code-server
# entry point (…/node_modules/code-server/out/node/entry.js).
#
# Why not a plain `npm install code-server`: its post-install script downloads
# ripgrep from GitHub (no network here but the registries) and refuses to run
# as root without --unsafe-perm. So it is installed with --ignore-scripts and
# the post-install steps are redone here: VS Code's own dependencies are
# installed, the native modules are built with node-gyp against the local
# Node headers, Debian's ripgrep stands in for the downloaded one, and
# node_modules.asar is linked to node_modules.
set -euo pipefail

CS_VERSION=4.99.4
CACHE="${ILTIZAM_VSCODE_CACHE:-$HOME/.cache/iltizam/code-server-$CS_VERSION}"
MARKER="$CACHE/.iltizam-ready"
ENTRY="$CACHE/node_modules/code-server/out/node/entry.js"

log() { echo "[prepare-vscode] $*" >&2; }
die() {
  echo "[prepare-vscode] ERROR: $*" >&2
  exit 1
}

# ---------------------------------------------------------------- Node -------
command -v node >/dev/null || die "node is not on PATH (Node 20 is required by code-server $CS_VERSION)."
command -v npm >/dev/null || die "npm is not on PATH."
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[ "$NODE_MAJOR" = 20 ] || die "code-server $CS_VERSION needs Node 20, found Node $(node -v). Use Node 20 (later code-server releases need Node 22+ and a newer VS Code)."

# ------------------------------------------------------ Debian packages -------
# command or file that proves the package is there -> Debian package name
declare -A NEED=(
  [/usr/bin/chromium]=chromium
  [/usr/bin/rg]=ripgrep
  [/usr/bin/krb5-config]=libkrb5-dev
  [/usr/bin/make]=make
  [/usr/bin/g++]=g++
  [/usr/bin/python3]=python3
)
missing=()
for f in "${!NEED[@]}"; do
  [ -e "$f" ] || missing+=("${NEED[$f]}")
done
# Node headers for node-gyp (nodedir=/usr); Debian's nodejs ships them, the
# NodeSource build too.
NODE_HEADERS=""
for d in /usr/include/node "$(dirname "$(dirname "$(command -v node)")")/include/node"; do
  if [ -f "$d/node_api.h" ]; then NODE_HEADERS="$(dirname "$(dirname "$d")")"; break; fi
done

# --check: what a first run would have to do (test/e2e/firstRun.cjs decides).
if [ "${1:-}" = --check ]; then
  echo "missing=${missing[*]}"
  if [ -f "$MARKER" ] && [ -f "$ENTRY" ]; then echo "cache=ready"; else echo "cache=missing"; fi
  exit 0
fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing missing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y --no-install-recommends "${missing[@]}" >&2; then
      apt-get update >&2 || die "apt-get update failed; cannot install: ${missing[*]}"
      apt-get install -y --no-install-recommends "${missing[@]}" >&2 ||
        die "apt-get install failed for: ${missing[*]}"
    fi
  else
    die "missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}"
  fi
  for f in "${!NEED[@]}"; do
    [ -e "$f" ] || die "Debian package ${NEED[$f]} is installed but $f is still missing."
  done
fi
[ -n "$NODE_HEADERS" ] || die "Node's C headers (include/node/node_api.h) were not found next to $(command -v node) nor in /usr/include/node; node-gyp needs them to build code-server's native modules (install Node 20 from Debian/NodeSource packages, which ship them)."

# ----------------------------------------------------------- fast path -------
if [ -f "$MARKER" ] && [ -f "$ENTRY" ]; then
  log "code-server $CS_VERSION ready in $CACHE"
  echo "$ENTRY"
  exit 0
fi

# ----------------------------------------------------------- the build -------
mkdir -p "$(dirname "$CACHE")"
exec 9>"$CACHE.lock"
if command -v flock >/dev/null; then
  flock 9 # another prepare may be running: wait for it
  if [ -f "$MARKER" ] && [ -f "$ENTRY" ]; then
    log "code-server $CS_VERSION ready in $CACHE (prepared by another run)"
    echo "$ENTRY"
    exit 0
  fi
fi

STAGE="$CACHE.partial"
rm -rf "$STAGE"
mkdir -p "$STAGE"
START=$SECONDS
NODE_GYP="$(dirname "$(dirname "$(command -v npm)")")/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$NODE_GYP" ] || NODE_GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$NODE_GYP" ] || die "node-gyp (bundled with npm) was not found; it is needed to build code-server's native modules."
JOBS="$(nproc 2>/dev/null || echo 2)"
gyp() { # gyp DIR [extra args]: build the native module in DIR
  local dir="$1"
  shift
  log "  node-gyp rebuild in ${dir#"$STAGE"/}"
  (cd "$dir" && node "$NODE_GYP" rebuild --nodedir="$NODE_HEADERS" --jobs="$JOBS" "$@" >"$STAGE/gyp-$(basename "$dir").log" 2>&1) ||
    die "building the native module in $dir failed; see $STAGE/gyp-$(basename "$dir").log (needs g++, make, python3 and, for kerberos, libkrb5-dev)."
}

log "installing code-server $CS_VERSION from the npm registry into $STAGE (scripts off)"
echo '{"name":"iltizam-code-server","private":true}' >"$STAGE/package.json"
(cd "$STAGE" && npm install --ignore-scripts --no-audit --no-fund --no-save "code-server@$CS_VERSION" >&2) ||
  die "npm install code-server@$CS_VERSION failed (is the npm registry reachable?)."

CS="$STAGE/node_modules/code-server"
VS="$CS/lib/vscode"

log "installing VS Code's own dependencies (lib/vscode, scripts off)"
(cd "$VS" && npm install --ignore-scripts --omit=dev --no-audit --no-fund >&2) ||
  die "npm install in code-server's lib/vscode failed."

log "installing the built-in extensions' shared dependencies (lib/vscode/extensions)"
(cd "$VS/extensions" && npm install --ignore-scripts --omit=dev --no-audit --no-fund >&2 && node ./postinstall.mjs >/dev/null) ||
  die "npm install in code-server's lib/vscode/extensions failed."

log "building native modules with node-gyp against $NODE_HEADERS"
for m in node-pty @vscode/spdlog @vscode/deviceid native-watchdog kerberos; do
  [ -d "$VS/node_modules/$m" ] || die "expected module $m missing from code-server's lib/vscode/node_modules"
  gyp "$VS/node_modules/$m"
done
# @parcel/watcher loads its prebuilt binary from @parcel/watcher-linux-*
# (npm packages); build from source only when none fits this machine.
if ! (cd "$VS" && node -e "require('@parcel/watcher')" 2>/dev/null); then
  gyp "$VS/node_modules/@parcel/watcher"
fi
# argon2 (code-server's password hashing) is built by node-pre-gyp normally:
# give node-gyp its variables and put the binary where its loader looks.
ARGON2="$STAGE/node_modules/argon2"
gyp "$ARGON2" --module_name=argon2 --module_path="$ARGON2/lib/binding/napi-v3" --napi_build_version=3
[ -f "$ARGON2/lib/binding/napi-v3/argon2.node" ] ||
  cp "$ARGON2/build/Release/argon2.node" "$ARGON2/lib/binding/napi-v3/argon2.node"

log "using Debian's ripgrep for @vscode/ripgrep"
mkdir -p "$VS/node_modules/@vscode/ripgrep/bin"
ln -sf /usr/bin/rg "$VS/node_modules/@vscode/ripgrep/bin/rg"

log "linking node_modules.asar and the helper scripts (code-server's post-install)"
ln -sfn node_modules "$VS/node_modules.asar"
ln -sfn code-linux.sh "$VS/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$VS/bin/helpers/browser.sh"

log "checking the native modules load"
(cd "$VS" && node --input-type=module -e "
import { createRequire } from 'module';
const require = createRequire(process.cwd() + '/');
for (const m of ['node-pty', '@vscode/spdlog', '@vscode/deviceid', 'native-watchdog', 'kerberos', '@parcel/watcher']) require(m);
") >&2 || die "a native module of code-server does not load (see above)."
(cd "$CS" && node -e "require('argon2')") >&2 || die "argon2 does not load in code-server."
"$VS/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null || die "ripgrep does not run."
CODE_SERVER_CONFIG="$STAGE/version-check.yaml" node "$CS/out/node/entry.js" --version >&2 || die "code-server does not start (node $CS/out/node/entry.js --version)."

rm -f "$STAGE"/gyp-*.log "$STAGE/version-check.yaml"
date -u +%FT%TZ >"$STAGE/.iltizam-ready"
rm -rf "$CACHE"
mv "$STAGE" "$CACHE"
log "code-server $CS_VERSION prepared in $CACHE in $((SECONDS - START))s"
echo "$ENTRY"

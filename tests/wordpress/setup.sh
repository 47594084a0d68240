#!/usr/bin/env bash
# Installs the Debian packages the WordPress integration tests need.
#
# Idempotent and cheap the second time: dpkg is asked first and apt only runs
# for what is missing. Nothing is started here and nothing is enabled: the
# tests run their own MariaDB and PHP server (tests/wordpress/harness.py).
# apache2 arrives as a dependency of the wordpress package; it is never used.
set -euo pipefail

packages=(wordpress php-cli php-mysql php-gd php-mbstring php-xml php-curl
          mariadb-server mariadb-client curl)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "tests/wordpress/setup.sh: missing packages (${missing[*]}); run it as root" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Package installation must not start services: no systemd here, and a
# running system MariaDB or Apache would only get in the way of the private
# ones. policy-rc.d exit code 101 means "action forbidden".
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  created_policy=1
fi
cleanup() { if [ "$created_policy" = 1 ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

apt_opts=(-y --no-install-recommends -o DPkg::Lock::Timeout=300)
if ! apt-get install "${apt_opts[@]}" "${missing[@]}"; then
  # A fresh machine may have no package lists yet.
  apt-get update -o DPkg::Lock::Timeout=300
  apt-get install "${apt_opts[@]}" "${missing[@]}"
fi

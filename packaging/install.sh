#!/usr/bin/env bash
# Installs newsdesk from this source tree into .venv, with the Debian
# packages Qt and QtWebEngine need where they are missing.
#
#   bash packaging/install.sh            the application
#   bash packaging/install.sh --tests    the application and what its tests need
#
# Then start it with `.venv/bin/newsdesk` (its data goes to the user's data
# folder; `--data-dir DIR` or NEWSDESK_HOME puts it elsewhere).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

with_tests=0
[ "${1:-}" = "--tests" ] && with_tests=1

# What Qt's widgets and QtWebEngine load at run time, and fonts (the wheels
# ship none: without them every glyph is a box).
debs=(
  libgl1 libegl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3 fonts-dejavu-core
  libnss3 libasound2 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 libgbm1
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
  # French grammar checking (Grammalecte, pure Python; newsdesk finds it in Debian's
  # dist-packages from its own venv).
  python3-grammalecte
)
if ((with_tests)); then
  # A virtual screen for screenshots and for the test that starts the window as a
  # real process (typed into with xdotool), and a real SecretService for the keyring tests.
  debs+=(xvfb xauth xdotool imagemagick gnome-keyring dbus)
fi

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for pkg in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    echo "newsdesk: installing Debian packages: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
      --no-install-recommends -o DPkg::Lock::Timeout=300 "${missing[@]}"
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "${PYTHON:-python3}" -m venv .venv
fi
extra=""
((with_tests)) && extra="[test]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"

# The spelling dictionaries (French classique and réforme 1990, English US and UK),
# with their licences, into resources/spelling/dictionaries/: fetched here, never at run time.
.venv/bin/python packaging/fetch_dictionaries.py

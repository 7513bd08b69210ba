#!/usr/bin/env bash
# Set up a development environment and run fkstod or its tests.
#
#   bash build/dev.sh run [ARGS...]    set up, then start the app
#   bash build/dev.sh test [ARGS...]   set up, then run the tests (offscreen)
#   bash build/dev.sh setup            only set up
#
# Set-up: on Debian/Ubuntu the system libraries Qt needs (installed when run as
# root, otherwise the exact command to run is printed), a virtual environment in
# .venv and fkstod installed into it in editable mode with the test extras, and
# fkstod's byte-code compiled (as an installed user has it).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${FKSTOD_VENV:-.venv}
# The Debian packages Qt's xcb platform plugin and fonts need, plus venv support.
DEB_PACKAGES=(python3-venv libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxcb-xinerama0
  fonts-dejavu-core)

find_python() {
  for candidate in "${PYTHON:-}" python3 python3.11 python3.12 python3.13; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "fkstod behöver Python 3.11 eller senare; installera det först." >&2
  return 1
}

system_packages() {
  [ "$(uname -s)" = Linux ] && command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installerar systempaket: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Qt behöver några systempaket. Kör det här och försök igen:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

setup() {
  system_packages
  local py; py=$(find_python)
  if [ ! -x "$VENV/bin/python" ]; then
    "$py" -m venv "$VENV"
  fi
  local stamp="$VENV/.fkstod-installed"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[test,build]"
    touch "$stamp"
  fi
  # Byte-code as an installed user has it (pip compiles what it installs; an editable
  # install does not, and PYTHONDONTWRITEBYTECODE may be set): start-up measured
  # from source must not measure compiling. Cheap when nothing changed.
  "$VENV/bin/python" -m compileall -q fkstod
  echo "Byte-kod för fkstod kompilerad (python -m compileall fkstod)." >&2
  # The flows parsed once, as a bundle ships them: a first start reads them. A flow
  # that cannot be used yet (being written) is said, and set-up goes on: run, test
  # and lint are what show what is wrong with it.
  "$VENV/bin/python" build/prepare_flows.py --if-possible
}

cmd=${1:-run}; shift || true
case "$cmd" in
  setup) setup ;;
  run) setup; exec "$VENV/bin/fkstod" "$@" ;;
  test) setup; export QT_QPA_PLATFORM=offscreen; exec "$VENV/bin/python" -m pytest "$@" ;;
  *) echo "användning: bash build/dev.sh run|test|setup [ARGS...]" >&2; exit 2 ;;
esac

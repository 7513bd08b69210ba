#!/usr/bin/env bash
# Build the onedir bundle into build/dist/fkstod (see build/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${FKSTOD_VENV:-.venv}
PYI="$VENV/bin/pyinstaller"
[ -x "$PYI" ] || PYI="$VENV/Scripts/pyinstaller.exe"
# The flows parsed by this code, shipped beside them (resources/flows.cache).
PY="$VENV/bin/python"
[ -x "$PY" ] || PY="$VENV/Scripts/python.exe"
"$PY" build/prepare_flows.py
"$PYI" --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/work installer.spec
du -sh build/dist/fkstod

#!/usr/bin/env bash
# Build the onedir bundle into build/dist/fkstod (see build/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${FKSTOD_VENV:-.venv}
PYI="$VENV/bin/pyinstaller"
[ -x "$PYI" ] || PYI="$VENV/Scripts/pyinstaller.exe"
"$PYI" --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/work installer.spec
du -sh build/dist/fkstod

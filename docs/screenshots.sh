#!/usr/bin/env bash
# Renders each main screen of RT Desktop to PNG in docs/screenshots/ (for the README and the user
# guide), with clearly fake demo data, under a real X server (Xvfb) at the 1366×768 of the
# laptops at the RT posts.
#
#   ./docs/screenshots.sh            # Bahasa Indonesia (docs/screenshots/*.png)
#   ./docs/screenshots.sh --lang en  # English (docs/screenshots/*.en.png)
#
# Needs xvfb-run (Debian: xvfb) and Qt's xcb libraries (scripts/lib.sh lists them) and the
# project's .venv (./scripts/test.sh makes it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="$ROOT/.venv/bin/python"
if ! command -v xvfb-run >/dev/null; then
    echo "xvfb-run is missing: sudo apt-get install xvfb" >&2
    exit 1
fi
"$PY" "$ROOT/scripts/build_translations.py" --qm-only
mkdir -p "$ROOT/docs/screenshots"
# xcb, not offscreen: the screenshots show real window-system fonts and rendering.
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" \
    "$PY" "$ROOT/docs/screenshots.py" --out "$ROOT/docs/screenshots" "$@"

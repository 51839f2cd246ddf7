#!/bin/sh
# Adds RT Desktop from this unpacked folder to the applications menu of the current user
# (no administrator needed):
#     ./install-menu-entry.sh             # add the menu entry and the icon
#     ./install-menu-entry.sh --remove    # take them away again (the data folder stays)
# The entry points at this folder: after moving it, run the script again.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APPS="$DATA/applications"
ICONS="$DATA/icons/hicolor"

if [ "${1:-}" = "--remove" ]; then
    rm -f "$APPS/rt-desktop.desktop"
    for size in 48 128 256; do rm -f "$ICONS/${size}x${size}/apps/rt-desktop.png"; done
    rm -f "$ICONS/scalable/apps/rt-desktop.svg"
    echo "RT Desktop removed from the menu. Data folder kept: $DATA/rt-desktop"
    exit 0
fi

[ -x "$HERE/rt-desktop/rt-desktop" ] || { echo "rt-desktop/rt-desktop not found next to this script" >&2; exit 1; }
mkdir -p "$APPS"
for size in 48 128 256; do
    mkdir -p "$ICONS/${size}x${size}/apps"
    cp "$HERE/icons/rt-desktop-$size.png" "$ICONS/${size}x${size}/apps/rt-desktop.png"
done
mkdir -p "$ICONS/scalable/apps"
cp "$HERE/icons/rt-desktop.svg" "$ICONS/scalable/apps/rt-desktop.svg"
# Exec with the absolute path of this folder (quoted for the Desktop Entry spec).
sed "s|^Exec=rt-desktop\$|Exec=\"$HERE/rt-desktop/rt-desktop\"|" "$HERE/rt-desktop.desktop" \
    >"$APPS/rt-desktop.desktop"
chmod 644 "$APPS/rt-desktop.desktop"
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$APPS" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$ICONS" || true
fi
echo "RT Desktop added to the menu (Office / Perkantoran): $APPS/rt-desktop.desktop"

"""The frozen app's entry point (PyInstaller runs this script; it is the ``rt-desktop`` command)."""

import sys

from rt_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

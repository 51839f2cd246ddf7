"""The frozen app's entry point (PyInstaller runs this script; it is the ``rt-desktop`` command)."""

import multiprocessing
import sys

from rt_desktop.cli import main

if __name__ == "__main__":
    # A long pull fetches its pages in a child process (sync/client/pull_pages.py); in the
    # frozen app that child is this program started again, and this makes it the child.
    multiprocessing.freeze_support()
    sys.exit(main())

"""Catch, before Qt starts, the Linux setups where Qt would abort.

Qt's xcb platform plugin needs a handful of X11 libraries that a fresh
Debian or Ubuntu machine lacks. Without them Qt aborts with "Could not load
the Qt platform plugin xcb", a message few people can act on, and the
process dies where Python cannot catch it. So dlviz checks first and prints
the one command that fixes it.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

#: shared library name (for ctypes.util.find_library) -> Debian package
XCB_LIBRARIES = {
    "xcb-icccm": "libxcb-icccm4",
    "xcb-cursor": "libxcb-cursor0",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xinerama": "libxcb-xinerama0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}


def missing_xcb_packages(find_library=ctypes.util.find_library) -> list[str]:
    """Debian packages of the xcb libraries that cannot be found."""
    return [pkg for lib, pkg in XCB_LIBRARIES.items() if not find_library(lib)]


def uses_xcb(environ=os.environ, platform: str = sys.platform) -> bool:
    """True when Qt will pick its xcb (X11) plugin on this machine."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    # Qt prefers Wayland when a Wayland session is running.
    return not environ.get("WAYLAND_DISPLAY")


def startup_problem(environ=os.environ, platform: str = sys.platform,
                    find_library=ctypes.util.find_library) -> str | None:
    """A message explaining why Qt cannot start here, or None if it can."""
    if not uses_xcb(environ, platform):
        return None
    if not environ.get("DISPLAY"):
        return (
            "dlviz needs a display, and none is set (DISPLAY is empty).\n"
            "Run it from a desktop session, or use a virtual one: "
            "QT_QPA_PLATFORM=offscreen for tests, or Xvfb."
        )
    missing = missing_xcb_packages(find_library)
    if not missing:
        return None
    return (
        "Qt cannot open a window: these X11 libraries are missing: "
        + ", ".join(missing)
        + ".\nInstall them with:\n    sudo apt-get install " + " ".join(missing)
    )

"""Qt's xcb plugin needs X11 libraries; dlviz names the fix before Qt aborts."""

from dlviz.app.platform_check import XCB_LIBRARIES, missing_xcb_packages, startup_problem

ALL_PRESENT = lambda name: f"lib{name}.so"  # noqa: E731


def test_no_problem_when_every_library_is_found():
    env = {"DISPLAY": ":0"}
    assert startup_problem(env, "linux", ALL_PRESENT) is None


def test_missing_libraries_give_the_one_install_command():
    missing = {"xcb-cursor", "xkbcommon-x11"}
    find = lambda name: None if name in missing else f"lib{name}.so"  # noqa: E731
    message = startup_problem({"DISPLAY": ":0"}, "linux", find)
    assert "sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0" in message
    assert missing_xcb_packages(find) == ["libxcb-cursor0", "libxkbcommon-x11-0"]


def test_no_display_is_explained():
    message = startup_problem({}, "linux", ALL_PRESENT)
    assert "DISPLAY" in message and "offscreen" in message


def test_other_platforms_and_plugins_are_not_checked():
    none_found = lambda name: None  # noqa: E731
    assert startup_problem({}, "win32", none_found) is None
    assert startup_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", none_found) is None
    assert startup_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", none_found) is None
    assert startup_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, "linux", none_found)


def test_every_library_maps_to_a_debian_package():
    assert len(XCB_LIBRARIES) == 10
    assert all(pkg.startswith("lib") for pkg in XCB_LIBRARIES.values())

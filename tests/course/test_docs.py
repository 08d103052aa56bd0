"""The README shows real screenshots of the course (taken by the browser tests)."""

import re
import struct

from conftest import ROOT


def test_readme_screenshots_are_real_pictures():
    """Is every picture the README shows a full-size PNG committed under docs/screenshots/?"""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[([^\]]+)\]\((docs/screenshots/[^)]+)\)", readme)
    assert len(pictures) >= 3, "the README should show a few screenshots of the course"
    for alt, rel in pictures:
        data = (ROOT / rel).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{rel} is not a PNG"
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (1280, 900), f"{rel} is {width}x{height}, not a browser view"
        assert len(alt) > 30, f"{rel} needs a description of what it shows"

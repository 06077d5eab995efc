"""Drive the system's headless Chromium over the DevTools protocol, through a pipe.

Used by the browser test (`tests/test_report_browser.py`) and by
`scripts/screenshots.py`. Chromium is started with `--remote-debugging-pipe`:
commands go to its file descriptor 3 and answers come from its descriptor 4,
each a JSON message ended by a NUL byte, so no port is opened and nothing but
Chromium itself is needed.

The page under test has a Content-Security-Policy without scripts; the
questions asked here (`evaluate`) run in DevTools' own context, which the
page's policy does not govern, as in the browser's developer console.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--mute-audio",
    # No name resolves: a request that got past the page's policy could still
    # reach nothing.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-pipe",
)
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def find_chromium() -> str | None:
    """The Chromium binary: $CHROMIUM, else the Debian package's, else on PATH."""
    named = os.environ.get("CHROMIUM")
    if named:
        return named if os.access(named, os.X_OK) else None
    for candidate in CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


class BrowserError(RuntimeError):
    pass


@dataclass
class Page:
    """What one loaded page did: requests, console errors and page errors."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


class Chromium:
    """One headless Chromium with one tab, closed by `close()` (or `with`)."""

    def __init__(self, binary: str, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="certcli-chromium-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        # Chromium reads commands on fd 3 and writes answers on fd 4: the
        # child moves the pipes there before its other descriptors are closed.
        self._process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=_pipes_to_3_and_4(to_browser_read, from_browser_write),
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.send(
            "Target.attachToTarget", targetId=target, flatten=True
        )["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable")

    # --- the protocol -----------------------------------------------------------

    def send(
        self, method: str, session: str | None = None, **params: Any
    ) -> dict[str, Any]:
        """Send one command and wait for its answer; events are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method}
        if params:
            message["params"] = params
        if session is not None:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self._events.append(reply)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """A command to the tab."""
        return self.send(method, self._session, **params)

    def _read(self) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._from_browser], [], [], max(left, 0))
            if not ready:
                raise BrowserError(f"no answer from Chromium in {self.timeout} s")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise BrowserError("Chromium closed the connection")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        decoded: dict[str, Any] = json.loads(message)
        return decoded

    def _wait_for(self, method: str) -> None:
        while not any(event["method"] == method for event in self._events):
            event = self._read()
            if "method" in event:
                self._events.append(event)

    # --- what the tests ask -----------------------------------------------------

    def open(self, url: str, width: int, height: int, *, mobile: bool = False) -> Page:
        """Load `url` at a viewport of `width` by `height` CSS pixels."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        self._events.clear()
        self.call("Page.navigate", url=url)
        self._wait_for("Page.loadEventFired")
        # One more round trip, so that messages logged while loading are in.
        self.evaluate("document.readyState")
        page = Page()
        for event in self._events:
            params = event.get("params", {})
            if event["method"] == "Network.requestWillBeSent":
                page.requests.append(params["request"]["url"])
            elif event["method"] == "Runtime.exceptionThrown":
                page.console_errors.append(json.dumps(params["exceptionDetails"]))
            elif (
                event["method"] == "Runtime.consoleAPICalled"
                and params.get("type") == "error"
            ):
                page.console_errors.append(json.dumps(params.get("args")))
            elif (
                event["method"] == "Log.entryAdded"
                and params["entry"]["level"] == "error"
            ):
                page.console_errors.append(params["entry"]["text"])
        return page

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the tab (DevTools' context)."""
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def emulate_media(self, media: str) -> None:
        """Lay the page out for `print` or `screen`."""
        self.call("Emulation.setEmulatedMedia", media=media)

    def screenshot(self, *, full_page: bool = False, scale: float = 1) -> bytes:
        """The viewport (or the whole page) as PNG, at `scale`."""
        width, height, inner_width, inner_height = self.evaluate(
            "[document.documentElement.scrollWidth,"
            " document.documentElement.scrollHeight,"
            " window.innerWidth, window.innerHeight]"
        )
        clip = {
            "x": 0,
            "y": 0,
            "width": width if full_page else inner_width,
            "height": height if full_page else inner_height,
            "scale": scale,
        }
        return self._capture(clip, beyond_viewport=full_page)

    def screenshot_of(self, selector: str, margin: int = 8) -> bytes:
        """The first element that `selector` finds, with a margin around it."""
        box = self.evaluate(
            f"(() => {{ const b = document.querySelector({json.dumps(selector)})"
            ".getBoundingClientRect();"
            " return [b.left + scrollX, b.top + scrollY, b.width, b.height]; })()"
        )
        clip = {
            "x": max(box[0] - margin, 0),
            "y": max(box[1] - margin, 0),
            "width": box[2] + 2 * margin,
            "height": box[3] + 2 * margin,
            "scale": 1,
        }
        return self._capture(clip, beyond_viewport=True)

    def _capture(self, clip: dict[str, Any], *, beyond_viewport: bool) -> bytes:
        data = self.call(
            "Page.captureScreenshot",
            format="png",
            clip=clip,
            captureBeyondViewport=beyond_viewport,
        )["data"]
        return base64.b64decode(data)

    def close(self) -> None:
        with contextlib.suppress(BrowserError, OSError):
            self.send("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _pipes_to_3_and_4(read_fd: int, write_fd: int) -> Any:
    """In the child: the command pipe on fd 3, the answer pipe on fd 4."""

    def arrange() -> None:
        # Move both out of the way first, in case either already is 3 or 4.
        high_read = os.dup(read_fd)
        high_write = os.dup(write_fd)
        os.dup2(high_read, 3)
        os.dup2(high_write, 4)
        os.close(high_read)
        os.close(high_write)

    return arrange


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


def png_pixels(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """Width, height, bytes per pixel and the rows of an 8-bit, non-interlaced
    RGB or RGBA PNG (what Chromium writes), unfiltered."""
    import struct
    import zlib

    width, height = png_size(data)
    position, chunks = 8, []
    bit_depth = colour_type = interlace = 0
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            bit_depth, colour_type, interlace = body[8], body[9], body[12]
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    if bit_depth != 8 or colour_type not in (2, 6) or interlace:
        raise ValueError("only 8-bit non-interlaced RGB(A) PNGs are read here")
    size = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * size
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up = previous[i]
            corner = previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                nearest = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + nearest) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, size, rows


def ink(data: bytes) -> tuple[int, float]:
    """Distinct colours in a PNG, and the share of pixels unlike its most
    common colour (the background): a blank page has one colour and no ink."""
    from collections import Counter

    width, height, size, rows = png_pixels(data)
    counts: Counter[bytes] = Counter()
    for row in rows:
        for x in range(0, width * size, size):
            counts[row[x : x + 3]] += 1
    _, background = counts.most_common(1)[0]
    return len(counts), 1 - background / (width * height)

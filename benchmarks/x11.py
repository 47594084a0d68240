"""The X server as a person's eyes and hands, through ctypes: no dependency added.

``Screen`` reads pixels of a rectangle of the root window (``XGetImage``, or
``XShmGetImage`` through shared memory when the server offers MIT-SHM, which
saves copying a few megabytes through the socket on every poll) and sends key
presses, pointer moves and clicks through the XTEST extension (``libXtst``),
which the server treats as coming from the real keyboard and mouse: the same
events ``xdotool`` sends.

Only what ``benchmarks.outside_bench`` needs; Linux with libX11, libXext and
libXtst (libxtst6 is among the packages ``packaging/install.sh`` installs).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from dataclasses import dataclass

ALL_PLANES = ctypes.c_ulong(0xFFFFFFFFFFFFFFFF)
Z_PIXMAP = 2
IPC_PRIVATE = 0
IPC_CREAT = 0o1000
IPC_RMID = 0


class XImage(ctypes.Structure):
    # The leading fields of Xlib's XImage (X11/Xlib.h); the rest is never read here.
    _fields_ = [
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("xoffset", ctypes.c_int),
        ("format", ctypes.c_int),
        ("data", ctypes.c_void_p),
        ("byte_order", ctypes.c_int),
        ("bitmap_unit", ctypes.c_int),
        ("bitmap_bit_order", ctypes.c_int),
        ("bitmap_pad", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("bytes_per_line", ctypes.c_int),
        ("bits_per_pixel", ctypes.c_int),
    ]


class XShmSegmentInfo(ctypes.Structure):
    _fields_ = [
        ("shmseg", ctypes.c_ulong),
        ("shmid", ctypes.c_int),
        ("shmaddr", ctypes.c_void_p),
        ("readOnly", ctypes.c_int),
    ]


def _load(name: str, fallback: str) -> ctypes.CDLL:
    return ctypes.CDLL(ctypes.util.find_library(name) or fallback)


_x11 = _load("X11", "libX11.so.6")
_xext = _load("Xext", "libXext.so.6")
_xtst = _load("Xtst", "libXtst.so.6")
_libc = ctypes.CDLL(None, use_errno=True)

_x11.XOpenDisplay.restype = ctypes.c_void_p
_x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
_x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
_x11.XDefaultRootWindow.restype = ctypes.c_ulong
_x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
_x11.XDefaultScreen.argtypes = [ctypes.c_void_p]
_x11.XDefaultVisual.restype = ctypes.c_void_p
_x11.XDefaultVisual.argtypes = [ctypes.c_void_p, ctypes.c_int]
_x11.XDefaultDepth.argtypes = [ctypes.c_void_p, ctypes.c_int]
_x11.XGetImage.restype = ctypes.POINTER(XImage)
_x11.XGetImage.argtypes = [
    ctypes.c_void_p,
    ctypes.c_ulong,
    ctypes.c_int,
    ctypes.c_int,
    ctypes.c_uint,
    ctypes.c_uint,
    ctypes.c_ulong,
    ctypes.c_int,
]
_x11.XDestroyImage.argtypes = [ctypes.POINTER(XImage)]
_x11.XFlush.argtypes = [ctypes.c_void_p]
_x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
_x11.XStringToKeysym.restype = ctypes.c_ulong
_x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
_x11.XKeysymToKeycode.restype = ctypes.c_ubyte
_x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]

_xext.XShmQueryExtension.argtypes = [ctypes.c_void_p]
_xext.XShmCreateImage.restype = ctypes.POINTER(XImage)
_xext.XShmCreateImage.argtypes = [
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_uint,
    ctypes.c_int,
    ctypes.c_char_p,
    ctypes.POINTER(XShmSegmentInfo),
    ctypes.c_uint,
    ctypes.c_uint,
]
_xext.XShmAttach.argtypes = [ctypes.c_void_p, ctypes.POINTER(XShmSegmentInfo)]
_xext.XShmDetach.argtypes = [ctypes.c_void_p, ctypes.POINTER(XShmSegmentInfo)]
_xext.XShmGetImage.argtypes = [
    ctypes.c_void_p,
    ctypes.c_ulong,
    ctypes.POINTER(XImage),
    ctypes.c_int,
    ctypes.c_int,
    ctypes.c_ulong,
]

_xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
_xtst.XTestFakeButtonEvent.argtypes = [
    ctypes.c_void_p,
    ctypes.c_uint,
    ctypes.c_int,
    ctypes.c_ulong,
]
_xtst.XTestFakeMotionEvent.argtypes = [
    ctypes.c_void_p,
    ctypes.c_int,
    ctypes.c_int,
    ctypes.c_int,
    ctypes.c_ulong,
]

_libc.shmget.restype = ctypes.c_int
_libc.shmget.argtypes = [ctypes.c_int, ctypes.c_size_t, ctypes.c_int]
_libc.shmat.restype = ctypes.c_void_p
_libc.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
_libc.shmdt.argtypes = [ctypes.c_void_p]
_libc.shmctl.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_void_p]


class X11Error(RuntimeError):
    """The X server could not be reached, or refused a request."""


@dataclass(frozen=True, slots=True)
class Rect:
    x: int
    y: int
    width: int
    height: int

    def inset(self, margin: int) -> Rect:
        return Rect(
            self.x + margin,
            self.y + margin,
            max(1, self.width - 2 * margin),
            max(1, self.height - 2 * margin),
        )

    @property
    def center(self) -> tuple[int, int]:
        return self.x + self.width // 2, self.y + self.height // 2


class _ShmGrabber:
    """One shared-memory image of a fixed rectangle, refilled by each ``grab``."""

    def __init__(self, display: int, root: int, rect: Rect) -> None:
        self.display, self.root, self.rect = display, root, rect
        screen = _x11.XDefaultScreen(display)
        self.info = XShmSegmentInfo()
        self.image = _xext.XShmCreateImage(
            display,
            _x11.XDefaultVisual(display, screen),
            _x11.XDefaultDepth(display, screen),
            Z_PIXMAP,
            None,
            ctypes.byref(self.info),
            rect.width,
            rect.height,
        )
        if not self.image:
            raise X11Error("XShmCreateImage failed")
        self.size = self.image.contents.bytes_per_line * rect.height
        self.info.shmid = _libc.shmget(IPC_PRIVATE, self.size, IPC_CREAT | 0o600)
        if self.info.shmid < 0:
            raise X11Error(f"shmget failed (errno {ctypes.get_errno()})")
        address = _libc.shmat(self.info.shmid, None, 0)
        # Removed now: the segment lives until both sides detach, and never leaks.
        _libc.shmctl(self.info.shmid, IPC_RMID, None)
        if address in (None, ctypes.c_void_p(-1).value):
            raise X11Error("shmat failed")
        self.info.shmaddr = address
        self.info.readOnly = 0
        self.image.contents.data = address
        if not _xext.XShmAttach(display, ctypes.byref(self.info)):
            raise X11Error("XShmAttach failed")
        _x11.XSync(display, 0)

    def grab(self) -> bytes:
        if not _xext.XShmGetImage(
            self.display, self.root, self.image, self.rect.x, self.rect.y, ALL_PLANES
        ):
            raise X11Error("XShmGetImage failed")
        return ctypes.string_at(self.info.shmaddr, self.size)

    def close(self) -> None:
        _xext.XShmDetach(self.display, ctypes.byref(self.info))
        _x11.XSync(self.display, 0)
        _libc.shmdt(self.info.shmaddr)
        self.image.contents.data = None
        _x11.XDestroyImage(self.image)


class Screen:
    """A connection to the X server ``display`` (``":99"``)."""

    def __init__(self, display: str) -> None:
        handle = _x11.XOpenDisplay(display.encode())
        if not handle:
            raise X11Error(f"cannot open display {display}")
        self.display: int = handle
        self.root: int = _x11.XDefaultRootWindow(handle)
        self.shm = bool(_xext.XShmQueryExtension(handle))
        self._grabbers: dict[Rect, _ShmGrabber] = {}

    def grab(self, rect: Rect) -> bytes:
        """The pixels of ``rect`` on screen, as raw bytes (only ever compared)."""
        if self.shm:
            grabber = self._grabbers.get(rect)
            if grabber is None:
                grabber = self._grabbers[rect] = _ShmGrabber(self.display, self.root, rect)
            return grabber.grab()
        image = _x11.XGetImage(
            self.display, self.root, rect.x, rect.y, rect.width, rect.height, ALL_PLANES, Z_PIXMAP
        )
        if not image:
            raise X11Error(f"XGetImage failed for {rect}")
        try:
            contents = image.contents
            return ctypes.string_at(contents.data, contents.bytes_per_line * contents.height)
        finally:
            _x11.XDestroyImage(image)

    # -- the keyboard and the mouse, through XTEST -----------------------------------

    def keycode(self, keysym_name: str) -> int:
        keysym = _x11.XStringToKeysym(keysym_name.encode())
        code = int(_x11.XKeysymToKeycode(self.display, keysym)) if keysym else 0
        if not code:
            raise X11Error(f"no key for {keysym_name!r} on this keyboard map")
        return code

    def key(self, *names: str) -> None:
        """Press ``names`` in order (``"Control_L", "End"``), release them in reverse; flushed."""
        codes = [self.keycode(name) for name in names]
        for code in codes:
            _xtst.XTestFakeKeyEvent(self.display, code, 1, 0)
        for code in reversed(codes):
            _xtst.XTestFakeKeyEvent(self.display, code, 0, 0)
        _x11.XFlush(self.display)

    def move(self, x: int, y: int) -> None:
        _xtst.XTestFakeMotionEvent(self.display, -1, x, y, 0)
        _x11.XFlush(self.display)

    def click(self, x: int, y: int, button: int = 1) -> None:
        self.move(x, y)
        _xtst.XTestFakeButtonEvent(self.display, button, 1, 0)
        _xtst.XTestFakeButtonEvent(self.display, button, 0, 0)
        _x11.XFlush(self.display)

    def close(self) -> None:
        for grabber in self._grabbers.values():
            grabber.close()
        self._grabbers.clear()
        _x11.XCloseDisplay(self.display)

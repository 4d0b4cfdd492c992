"""Animations drawn in a process of their own, at a lower priority than the server.

Drawing an animation is seconds of Python (Matplotlib) work. In the server's own process it would
hold the interpreter's lock (the GIL) while a class steps the map, and every step would wait for
it; in a process of its own, niced, the operating system runs the server's steps first. The
process is started on the first request and kept; it draws one animation at a time, and tells
its progress frame by frame.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable

from geo.render.animate import AnimationError

DRAWING_TIMEOUT_S = 300  # a drawing that tells nothing for this long is stopped
NICENESS = 10


def _serve(connection) -> None:
    """The drawing process: draw each request ``(start, end, lang, perspective, fmt)`` it is sent."""
    from geo.model.dates import DateError
    from geo.render.animate import render_animation

    os.nice(NICENESS)
    while True:
        try:
            key = connection.recv()
        except EOFError:  # the server has gone
            return
        try:
            content = render_animation(*key, progress=lambda done, total: connection.send(("progress", done, total)))
        except (DateError, AnimationError) as error:
            connection.send(("refused", str(error)))
        except Exception as error:  # noqa: BLE001 - the server shows it; the process goes on
            connection.send(("failed", repr(error)))
        else:
            connection.send(("done", content))


class DrawingProcess:
    """The process that draws animations; ``draw`` is called by one thread at a time."""

    def __init__(self):
        self._process = None
        self._connection = None
        self._starting = threading.Lock()

    def _started(self):
        with self._starting:
            if self._process is None or not self._process.is_alive():
                context = multiprocessing.get_context("spawn")  # not fork: the server has threads
                self._connection, child = context.Pipe()
                self._process = context.Process(target=_serve, args=(child,), name="atlas-animations", daemon=True)
                self._process.start()
                child.close()
            return self._connection

    def draw(self, key: tuple, progress: Callable[[int, int], None]) -> bytes:
        """The animation of ``key``; AnimationError for a period that cannot be animated,
        RuntimeError where the drawing failed or took too long (the process is then replaced)."""
        connection = self._started()
        connection.send(key)
        while True:
            if not connection.poll(DRAWING_TIMEOUT_S):
                self.stop()
                raise RuntimeError(f"the animation was not drawn within {DRAWING_TIMEOUT_S} s")
            try:
                kind, *values = connection.recv()
            except EOFError:
                self.stop()
                raise RuntimeError("the drawing process ended") from None
            if kind == "progress":
                progress(*values)
            elif kind == "done":
                return values[0]
            elif kind == "refused":
                raise AnimationError(values[0])
            else:
                raise RuntimeError(f"the animation could not be drawn: {values[0]}")

    def stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join(5)
        self._process = None

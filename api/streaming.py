"""Turn a function that writes to a binary file into a stream of chunks (for exports).

The writer runs in its own thread and hands chunks over a small bounded queue, so a large
export is never held in memory; when the client goes away the writer is stopped.
"""

from __future__ import annotations

import io
import queue
import threading
from collections.abc import Callable, Iterator
from typing import BinaryIO

from kg.errors import KGError

_END = object()
_QUEUE_CHUNKS = 16


class _Cancelled(Exception):
    """Raised inside the writer when nobody reads the stream any more."""


class _QueueWriter(io.RawIOBase):
    def __init__(self, chunks: queue.Queue[object], stop: threading.Event) -> None:
        self._chunks = chunks
        self._stop = stop

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        _put(self._chunks, bytes(data), self._stop)
        return len(data)


def stream_writes(write: Callable[[BinaryIO], None]) -> Iterator[bytes]:
    """Chunks of what `write(file)` writes, produced while it runs."""
    chunks: queue.Queue[object] = queue.Queue(maxsize=_QUEUE_CHUNKS)
    stop = threading.Event()

    def work() -> None:
        try:
            write(_QueueWriter(chunks, stop))  # type: ignore[arg-type]
        except _Cancelled:
            return
        except (KGError, OSError, ValueError) as error:
            _put(chunks, error, stop)
        try:
            _put(chunks, _END, stop)
        except _Cancelled:
            return

    thread = threading.Thread(target=work, name="aikg-export", daemon=True)
    thread.start()
    try:
        while True:
            item = chunks.get()
            if item is _END:
                return
            if isinstance(item, Exception):
                raise item
            assert isinstance(item, bytes)
            yield item
    finally:
        stop.set()


def _put(chunks: queue.Queue[object], item: object, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            chunks.put(item, timeout=0.1)
            return
        except queue.Full:
            continue
    raise _Cancelled

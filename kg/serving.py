"""Where a running `kg serve` can be reached, so other commands can read through it.

The embedded store is opened by one process: while `kg serve` holds it, `kg query`, `kg
meetings` and the other reading commands cannot open it themselves. Opening it read-only
beside the server is not an option: pyoxigraph documents `Store.read_only` while another
process writes as undefined behaviour, and the server accepts writes. So `kg serve` leaves a
small note beside the store ("<store>.serving.json": its URL and process id) for as long as it
runs, and a reading command that finds the store locked asks the server instead, over the
SPARQL 1.1 Protocol and the Graph Store Protocol it already speaks.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ServerNote", "find_server", "serving"]

SUFFIX = ".serving.json"
#: Addresses that listen everywhere are reached on the loopback interface.
_ANY_HOST = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}


@dataclass(frozen=True)
class ServerNote:
    """A running server of one embedded store: its base URL and process id."""

    url: str
    pid: int


def note_path(store: str | Path) -> Path:
    """The note's path beside the store directory: data/store -> data/store.serving.json."""
    path = Path(os.path.expanduser(str(store))).resolve()
    return path.with_name(path.name + SUFFIX)


def base_url(host: str, port: int) -> str:
    """The URL a client on this machine uses for a server bound to host:port."""
    host = _ANY_HOST.get(host, host)
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


@contextmanager
def serving(store: str | Path, url: str) -> Iterator[Path]:
    """Leave the note while the block runs (the server's lifetime), and remove it after."""
    path = note_path(store)
    path.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def find_server(store: str | Path) -> ServerNote | None:
    """The server noted for this store, if its process is still alive (a note left by a
    killed server is stale and ignored)."""
    path = note_path(store)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        note = ServerNote(url=str(data["url"]), pid=int(data["pid"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return note if _alive(note.pid) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    return True

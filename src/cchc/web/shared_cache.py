"""Values shared by the worker processes: files in CCHC_DATA_DIR/cache/web/ and a memory LRU.

`cchc serve --workers N` runs N processes; each used to compute its own late-list rankings and
figure fragments, so the first requests on every worker paid the 0.3–0.6 s ranking at a million
dossiers (the load's slowest requests). Here the first worker to compute a value writes it to a
file and the others read it. Each entry belongs to a *version* (the data version: latest finished
import, store build, calendar) that is part of its key, so an import makes new entries; when a
worker writes the first entry of a new version, the folders of older versions of the same kind
are removed. Writes are atomic (temporary file + rename): a reader sees a whole file or none.
A file that cannot be read or written is simply a cache miss: the value is computed again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
from django.conf import settings

from cchc.web.lru import LRU

T = TypeVar("T")
MEMORY = LRU(256)


def stable(value: Any) -> Any:
    """A form of a key whose repr is the same in every process (sets sorted)."""
    if isinstance(value, frozenset | set):
        return ("set", tuple(sorted(stable(v) for v in value)))
    if isinstance(value, tuple | list):
        return tuple(stable(v) for v in value)
    if isinstance(value, dt.date | dt.datetime | str | int | float | bool) or value is None:
        return value
    raise TypeError(f"unsupported cache key part {type(value).__name__}")


def digest(value: Any) -> str:
    return hashlib.sha256(repr(stable(value)).encode()).hexdigest()[:32]


def root() -> Path:
    """CCHC_DATA_DIR/cache/web (tests point WEB_CACHE_DIR at a folder of their own)."""
    custom = getattr(settings, "WEB_CACHE_DIR", None)
    return Path(custom) if custom else Path(settings.DATA_DIR) / "cache" / "web"


def _folder(kind: str, version: Any) -> Path:
    return root() / f"{kind}-{digest(version)}"


def _write(path: Path, data: bytes) -> None:
    fresh = not path.parent.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if fresh:  # a new version: the older ones of this kind are no longer read
        kind = path.parent.name.rsplit("-", 1)[0]
        for old in root().glob(f"{kind}-*"):
            if old != path.parent:
                shutil.rmtree(old, ignore_errors=True)


def _shared(
    kind: str,
    version: Any,
    key: Any,
    compute: Callable[[], T],
    dump: Callable[[T], bytes],
    load: Callable[[bytes], T],
) -> T:
    memory_key = (kind, stable(version), stable(key))
    found: T | None = MEMORY.get(memory_key)
    if found is not None:
        return found
    path = _folder(kind, version) / digest(key)
    try:
        value = load(path.read_bytes())
    except (OSError, ValueError, EOFError):
        value = compute()
        # A read-only or full disk: this worker keeps its value in memory only.
        with contextlib.suppress(OSError):
            _write(path, dump(value))
    MEMORY.put(memory_key, value)
    return value


def _dump_ids(ids: npt.NDArray[np.int64]) -> bytes:
    out = io.BytesIO()
    np.save(out, ids, allow_pickle=False)
    return out.getvalue()


def _load_ids(data: bytes) -> npt.NDArray[np.int64]:
    ids: npt.NDArray[np.int64] = np.load(io.BytesIO(data), allow_pickle=False)
    return ids


def shared_ids(
    kind: str, version: Any, key: Any, compute: Callable[[], npt.NDArray[np.int64]]
) -> npt.NDArray[np.int64]:
    """An array of ids computed once for all workers (e.g. a late-list ranking)."""
    return _shared(kind, version, key, compute, _dump_ids, _load_ids)


def shared_text(kind: str, version: Any, key: Any, compute: Callable[[], str]) -> str:
    """A text computed once for all workers (e.g. a rendered fragment of a page)."""
    return _shared(kind, version, key, compute, str.encode, bytes.decode)


def clear() -> None:
    """Forget everything (tests; the files are removed too)."""
    MEMORY.clear()
    shutil.rmtree(root(), ignore_errors=True)

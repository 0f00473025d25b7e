"""Writing outputs safely: never a half-written file, never a silent overwrite."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator

from .errors import OutputError

__all__ = ["atomic_path", "atomic_write_text", "check_output_place", "check_writable"]


def check_output_place(path: str | os.PathLike[str]) -> Path:
    """Fail early if ``path`` is a folder or lies under a file, whatever --overwrite says."""
    p = Path(path)
    if p.is_dir():
        raise OutputError(f"{p} is a directory; give a file name.")
    for parent in p.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"{parent} is a file, not a folder; choose another -o.")
            break
    return p


def check_writable(path: str | os.PathLike[str], overwrite: bool = False) -> Path:
    """Fail early, before any work, if ``path`` exists and ``overwrite`` is not set."""
    p = check_output_place(path)
    if p.exists() and not overwrite:
        raise OutputError(f"{p} exists and won't be overwritten; pass --overwrite to replace it.")
    return p


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it into place.

    On any exception the temporary file is removed and ``path`` is left as it was, so a
    reader never sees half an output (the rename is atomic on POSIX).

    Example::

        with atomic_path("maps/seed.html") as tmp:
            tmp.write_text(html, encoding="utf-8")
    """
    p = check_writable(path, overwrite)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder {p.parent}: {exc.strerror}.") from exc
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    except OSError as exc:
        raise OutputError(f"cannot write in the folder {p.parent}: {exc.strerror}; "
                          "choose another -o.") from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, p)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str, overwrite: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; returns the path."""
    with atomic_path(path, overwrite) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)

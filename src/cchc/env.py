"""Typed readers for CCHC_* environment variables that fail loudly on bad values."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse


class ConfigError(ValueError):
    """A setting has a value cchc cannot use."""


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r}: cần true/false (expected true or false)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r}: cần số nguyên (expected an integer)") from exc


def env_clock(name: str, default: str) -> dt.time:
    """A local time of day, HH:MM (24-hour)."""
    raw = os.environ.get(name) or default
    try:
        hours, minutes = raw.strip().split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r}: cần giờ dạng HH:MM (expected a time HH:MM)") from exc


def database_from_url(url: str, data_dir: Path) -> dict[str, Any]:
    """Django DATABASES entry for `sqlite:///path` or `postgresql://user:pw@host:port/name`."""
    if url == "":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(data_dir / "cchc.sqlite3")}
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        # sqlite:///relative.db -> "/relative.db"; sqlite:////abs.db -> "//abs.db"
        name = path[1:] if path.startswith("//") else path.lstrip("/")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name or str(data_dir / "cchc.sqlite3"),
        }
    if parsed.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "postgres",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
        }
    raise ConfigError(
        f"CCHC_DATABASE_URL={url!r}: chỉ hỗ trợ sqlite:/// hoặc postgresql:// "
        "(only sqlite:/// and postgresql:// are supported)"
    )


def secret_key_file(path: Path) -> str:
    """The secret key kept in `path`, generated there (mode 0600) when the file is missing.

    Written to a private temporary file and linked into place, so processes starting together
    on a fresh data dir all read the one complete key that won.
    """
    if not path.exists():
        import secrets
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".secret_key-")  # mode 0600
        try:
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(secrets.token_urlsafe(50) + "\n")
                out.flush()
                os.fsync(out.fileno())
            with contextlib.suppress(FileExistsError):  # another process was first: its key
                os.link(tmp, path)
        finally:
            os.unlink(tmp)
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise ConfigError(
            f"{path}: khóa bí mật trống hoặc quá ngắn, cần ≥ 32 ký tự; xóa tệp để tạo lại "
            "(secret key file empty or too short: delete it to generate a new one)"
        )
    return key

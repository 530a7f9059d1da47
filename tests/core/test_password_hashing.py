"""Production hashes passwords with Argon2 and still reads older PBKDF2 hashes (the test suite
uses a fast hasher, tests/conftest.py, so this reads the settings module itself)."""

from __future__ import annotations

from cchc import settings


def test_argon2_first_then_pbkdf2() -> None:
    assert settings.PASSWORD_HASHERS == [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]

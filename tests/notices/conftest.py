"""A real SMTP server (aiosmtpd) on a free local port, a clock the test moves, and the people.

The server keeps what it accepted; `refuse` makes it answer 550 to RCPT TO or to DATA, as a mail
server does for an unknown mailbox or a message it will not take.
"""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from cchc.core import clock

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
LOCAL = dt.timezone(dt.timedelta(hours=7))  # Asia/Ho_Chi_Minh


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Mailbox:
    """The aiosmtpd handler: accepts, or refuses at `refuse` ("rcpt" | "data")."""

    received: list[Any] = field(default_factory=list)
    refuse: str | None = None

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if self.refuse == "rcpt":
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse == "data":
            return "550 5.7.1 message refused"
        self.received.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        """What the server accepted, parsed (subject and body decoded)."""
        parse = BytesParser(policy=policy.default).parsebytes
        return [parse(e.original_content or e.content) for e in self.received]


@dataclass
class SmtpServer:
    port: int
    mailbox: Mailbox


@pytest.fixture
def smtp(settings: Any) -> Iterator[SmtpServer]:
    """cchc configured to send through a real SMTP server listening on 127.0.0.1."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    _configure(settings, port)
    try:
        yield SmtpServer(port, mailbox)
    finally:
        controller.stop()


@pytest.fixture
def closed_port(settings: Any) -> int:
    """cchc configured to send to a local port nobody listens on."""
    port = free_port()
    _configure(settings, port)
    return port


def _configure(settings: Any, port: int) -> None:
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.SMTP_HOST = settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.EMAIL_MAX_ATTEMPTS = 10


@dataclass
class Clock:
    """The moment cchc.core.clock.now() answers; the test moves it."""

    moment: dt.datetime

    def at(self, local: dt.datetime) -> dt.datetime:
        """Set the clock to a local (UTC+7) wall-clock moment; returns it."""
        self.moment = local.replace(tzinfo=LOCAL)
        return self.moment

    def advance(self, delta: dt.timedelta) -> dt.datetime:
        self.moment += delta
        return self.moment


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fixed = Clock(dt.datetime(2024, 2, 7, 7, 30, tzinfo=LOCAL))
    monkeypatch.setattr(clock, "now", lambda: fixed.moment)
    monkeypatch.setattr(clock, "today", lambda: fixed.moment.astimezone(LOCAL).date())
    return fixed

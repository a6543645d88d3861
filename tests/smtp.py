"""A real SMTP server on loopback for tests (aiosmtpd), collecting what it receives."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
import time

from aiosmtpd.controller import Controller


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Collect:
    def __init__(self, server: SmtpServer):
        self.server = server

    async def handle_DATA(self, _smtp, _session, envelope):  # noqa: N802 (aiosmtpd's name)
        if self.server.refuse:
            return "550 mailbox unavailable"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.server.arrived:
            self.server.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
            self.server.arrived.notify_all()
        return "250 OK"


class SmtpServer:
    """Started on a free loopback port; `.url` for JOBBOARD_SMTP_URL, `.messages` as received.

    Each message is (envelope sender, recipients, email.message.EmailMessage). Set `.refuse`
    to make the server answer 550 to every message (delivery failures).
    """

    def __init__(self):
        self.messages: list = []
        self.refuse = False
        self.arrived = threading.Condition()
        self.port = _free_port()
        self._controller = Controller(_Collect(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        self.url = f"smtp://127.0.0.1:{self.port}"

    def wait_for(self, count: int, timeout: float = 10.0) -> list:
        """The messages once at least count have arrived; AssertionError after timeout."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                assert left > 0, f"{len(self.messages)} message(s) arrived, {count} expected"
                self.arrived.wait(left)
            return list(self.messages)

    def clear(self) -> None:
        with self.arrived:
            self.messages.clear()
        self.refuse = False

    def stop(self) -> None:
        self._controller.stop()

"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it is sent, for the tests and
the benchmark: each message parsed, its envelope, and the connection it came over."""

import asyncio
import email
import logging
import socket
import threading
from email import policy

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Sink:
    """aiosmtpd handler. `delay` holds each message before accepting it; addresses in
    `refuse` are refused for good (550), `busy` messages for now (451) after
    `busy_after` are accepted; `keep=False`
    only counts (for the benchmark)."""

    def __init__(self, keep=True):
        self.keep = keep
        self.messages = []
        self.recipients = []
        self.sessions = set()
        self.count = 0
        self.delay = 0.0
        self.refuse = set()
        self.busy = 0  # this many messages are refused for now (451) ...
        self.busy_after = 0  # ... once this many have been accepted
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.busy and self.count >= self.busy_after:
            self.busy -= 1
            return "451 4.3.0 Busy: try again later"
        if self.delay:
            await asyncio.sleep(self.delay)
        with self._lock:
            self.count += 1
            self.sessions.add(id(session))
            self.recipients.extend(envelope.rcpt_tos)
            if self.keep:
                self.messages.append(
                    email.message_from_bytes(envelope.content, policy=policy.default)
                )
        return "250 2.0.0 Accepted"

    def to(self, address):
        return [m for m in self.messages if address in m["To"]]


class SinkServer:
    def __init__(self, keep=True):
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        self.sink = Sink(keep=keep)
        self.port = free_port()
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

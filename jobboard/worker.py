"""The gunicorn worker of `jobboard serve`: threads that only ever see whole requests.

gunicorn's sync worker gives one process to each connection until its request has arrived, so
two clients sending their headers a byte at a time stopped a two-worker board; its threaded
worker (gthread) hands a connection to a thread as soon as its first bytes arrive, so such
clients hold every thread the same way. Here the worker's event loop reads each request first,
without blocking: the head, then a body of known length up to BUFFER_BODY bytes. A request
that has not fully arrived within REQUEST_SECONDS is dropped; only complete requests reach a
thread. This is what a buffering proxy (nginx, HAProxy with `http-buffer-request`) does.

gunicorn's own error answers (a request line over its limit: 414, a malformed request: 400)
get the board's security headers and a plain-text body instead of gunicorn's HTML page.

Private gunicorn internals used here (TConn, the poller, pending_conns, enqueue_req, the
parser's unreader) are checked by tests/hostile/test_slow_clients.py against the pinned
version, so an upgrade that changes them fails loudly.
"""

from __future__ import annotations

import errno
import re
import selectors
import time
from functools import partial

from gunicorn.workers.gthread import TConn, ThreadWorker

from jobboard.security import HEADERS

REQUEST_SECONDS = 10.0  # a whole request (head and body) must arrive within this
HEAD_LIMIT = 64 * 1024  # larger heads go to gunicorn's parser, which refuses them
BUFFER_BODY = 8 * 1024 * 1024  # larger bodies are refused by the app (413) without reading
_LENGTH = re.compile(rb"^content-length:[ \t]*(\d{1,12})[ \t]*\r?$", re.I | re.M)
_CHUNKED = re.compile(rb"^transfer-encoding:.*chunked", re.I | re.M)


def request_complete(data: bytes | bytearray) -> bool:
    """True when data holds a whole request head and its body (or is too big to wait for).

        request_complete(b"GET / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n")       -> True
        request_complete(b"GET / HTTP/1.1\\r\\nHost: a")                -> False
        request_complete(b"POST / HTTP/1.1\\r\\nContent-Length: 3\\r\\n\\r\\nab") -> False
    """
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return len(data) > HEAD_LIMIT
    head = bytes(data[:end])
    if _CHUNKED.search(head):
        return True  # a chunked body streams to the thread (the app bounds what it reads)
    length = _LENGTH.search(head)
    size = int(length.group(1)) if length else 0
    return size > BUFFER_BODY or len(data) >= end + 4 + size


class BufferingWorker(ThreadWorker):
    """gthread, with requests read whole by the event loop before a thread takes them.

    A worker accepts connections only while it has a thread free for their request. gthread
    accepts whatever comes and queues requests behind its busy threads, so with 8 clients one
    worker could hold 6 requests and the other 2, each of the first 6 waiting three times as
    long; a busy worker now leaves new connections in the kernel's queue, shared by the
    workers, for the first one with a free thread. Slow clients do not count: only whole
    requests take a thread.
    """

    running = 0  # requests handed to threads and not finished

    def enqueue_req(self, conn) -> None:
        self.running += 1
        super().enqueue_req(conn)
        self.set_accept_enabled(self._accepting)

    def finish_request(self, conn, fs) -> None:
        self.running -= 1
        super().finish_request(conn, fs)  # may hand the connection's next request on
        self.set_accept_enabled(self.nr_conns < self.worker_connections)

    def set_accept_enabled(self, enabled: bool) -> None:
        super().set_accept_enabled(enabled and self.running < self.cfg.threads)

    def accept(self, listener) -> None:
        try:
            sock, client = listener.accept()
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        self._read_request(TConn(self.cfg, sock, client, listener.getsockname()))

    def on_client_socket_readable(self, conn, client) -> None:
        """A kept-alive connection sends its next request: read it whole first, too."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._read_request(conn)

    def _read_request(self, conn) -> None:
        conn.sock.setblocking(False)
        conn.received = bytearray()
        conn.timeout = time.monotonic() + REQUEST_SECONDS  # murder_pending() enforces it
        self.pending_conns.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_bytes, conn))

    def _on_bytes(self, conn, sock) -> None:
        try:
            data = sock.recv(256 * 1024)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client went away
            self._forget(conn)
            self.nr_conns -= 1
            conn.close()
            return
        conn.received += data
        if not request_complete(conn.received):
            return
        self._forget(conn)
        conn.sock.setblocking(True)
        conn.init()
        conn.parser.unreader.unread(bytes(conn.received))
        conn.received = None
        conn.data_ready = True
        self.enqueue_req(conn)

    def _forget(self, conn) -> None:
        self.poller.unregister(conn.sock)
        self.pending_conns.remove(conn)

    def handle_error(self, req, client, addr, exc) -> None:
        super().handle_error(req, _SecureErrors(client), addr, exc)


class _SecureErrors:
    """The client socket, as gunicorn's error writer sees it: its HTML answer is replaced by a
    plain-text one carrying the security headers every Flask response has."""

    def __init__(self, sock):
        self._sock = sock

    def sendall(self, data: bytes) -> None:
        status = data.split(b"\r\n", 1)[0]  # b"HTTP/1.1 414 Request-URI Too Long"
        body = status.split(b" ", 1)[1] + b"\n"
        lines = [status, b"Connection: close", b"Content-Type: text/plain; charset=utf-8",
                 b"Content-Length: %d" % len(body), b"Cache-Control: no-store",
                 *(f"{name}: {value}".encode("latin-1") for name, value in HEADERS.items())]
        self._sock.sendall(b"\r\n".join(lines) + b"\r\n\r\n" + body)

    def __getattr__(self, name: str):
        return getattr(self._sock, name)

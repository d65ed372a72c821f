"""A web server on 127.0.0.1 for download tests: no internet, real sockets.

It serves one body, the way a slow or odd server would: with or without a
``Content-Length``, all at once or trickled in small pieces, optionally
stalling after the first piece until the test releases it. It records what
happened, so that tests can check the order of events (did the client give
up before the server had sent everything?) instead of timing anything.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LocalServer:
    """Serve ``body`` at ``self.url`` (any path) until ``close()``.

    Args:
        body: the bytes every request gets.
        content_length: send a ``Content-Length`` header (else the body ends
            when the connection closes, as HTTP/1.0 allows).
        piece: bytes per write; ``interval`` seconds between writes.
        stall: after the first piece, send nothing more until ``release()``.
    """

    #: The longest a stalled server waits for ``release()``; only a safety net
    #: so that a broken client cannot hang the test run.
    STALL_LIMIT_S = 30.0

    def __init__(self, body: bytes, *, content_length: bool = True, piece: int = 0,
                 interval: float = 0.0, stall: bool = False):
        self.body, self.content_length = body, content_length
        self.piece, self.interval, self.stall = piece or len(body) or 1, interval, stall
        self.sent = 0
        self.requests = 0
        self.finished = threading.Event()     # the whole body went out
        self.client_left = threading.Event()  # the client closed the connection early
        self.first_piece_sent = threading.Event()
        self._release = threading.Event()
        self._closing = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        name="local-http", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/file.bin"

    def release(self) -> None:
        """Let a stalled server send the rest."""
        self._release.set()

    def close(self) -> None:
        self._closing.set()
        self._release.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def __enter__(self) -> "LocalServer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # the connection's end ends the body

            def log_message(self, *args):  # keep the test output clean
                pass

            def do_GET(self):  # noqa: N802 (http.server API)
                server.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                if server.content_length:
                    self.send_header("Content-Length", str(len(server.body)))
                self.end_headers()
                try:
                    server._send_body(self.wfile)
                except (BrokenPipeError, ConnectionResetError):
                    server.client_left.set()

        return Handler

    def _send_body(self, out) -> None:
        for start in range(0, len(self.body), self.piece):
            if self._closing.is_set():
                return
            out.write(self.body[start:start + self.piece])
            out.flush()
            self.sent = start + len(self.body[start:start + self.piece])
            if start == 0:
                self.first_piece_sent.set()
            if self.sent == len(self.body):
                break
            if start == 0:
                if self.stall:
                    self._release.wait(self.STALL_LIMIT_S)
            elif self.interval:
                self._closing.wait(self.interval)
        self.finished.set()

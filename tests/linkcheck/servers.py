"""Real HTTP servers on loopback addresses for the link checker's tests and benchmark.

Each `LocalServer` listens on one address (127.0.0.1, 127.0.0.2 ... are all this machine),
answers from a table of routes, and counts what it saw: every request (method, path,
User-Agent) and the most requests it had in flight at once, which is how the per-host
cap is measured at the server rather than trusted from the client.
"""

import http.server
import socket
import struct
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Route:
    status: int = 200
    headers: dict = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0  # seconds before answering
    head_status: int | None = None  # a different answer to HEAD (405: "use GET")
    reset: bool = False  # drop the connection without answering
    chunked_forever: bool = False  # a GET body with no length that never ends


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _answer(self, method):
        server = self.server.owner
        with server.lock:
            server.active += 1
            server.max_active = max(server.max_active, server.active)
            server.requests.append((method, self.path, self.headers.get("User-Agent", "")))
        try:
            route = server.routes.get(self.path.split("?")[0], Route(status=404))
            if route.delay:
                time.sleep(route.delay)
            if route.reset:
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.close_connection = True
                self.connection.close()
                return
            status = route.status
            if method == "HEAD" and route.head_status:
                status = route.head_status
            self.send_response(status)
            for name, value in route.headers.items():
                self.send_header(name, value.format(base=server.base_url))
            if method == "GET" and route.chunked_forever and status == 200:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"x" * 65536
                try:
                    for _ in range(1000):
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                except OSError:
                    pass
                self.close_connection = True
                return
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            if method == "GET":
                self.wfile.write(route.body)
        finally:
            with server.lock:
                server.active -= 1

    def do_HEAD(self):
        self._answer("HEAD")

    def do_GET(self):
        self._answer("GET")


class _ThreadingServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


class LocalServer:
    def __init__(self, address="127.0.0.1", routes=None):
        self.routes = dict(routes or {})
        self.lock = threading.Lock()
        self.active = 0
        self.max_active = 0
        self.requests = []
        self._server = _ThreadingServer((address, 0), _Handler)
        self._server.owner = self
        self.address = address
        self.port = self._server.server_address[1]
        self.base_url = f"http://{address}:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path):
        return f"{self.base_url}{path}"

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def hits(self, path):
        return [method for method, seen, _ in self.requests if seen.split("?")[0] == path]

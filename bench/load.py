"""Concurrent HTTP clients over loopback, with the standard library only.

Each client is a thread with its own keep-alive connection and its own signed-in
session (as a browser would have). A scenario runs for a fixed time or a fixed
number of requests, whichever comes first, and then stops by itself.
"""

import http.client
import re
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HOST = "127.0.0.1"


class Client:
    def __init__(self, port: int, timeout: float = 900.0) -> None:
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection(HOST, port, timeout=timeout)

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Host": f"{HOST}:{self.port}", "Accept-Language": "ru"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.update(extra or {})
        return headers

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=self._headers(headers))
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                # The server closed an idle keep-alive connection: open a new one, once.
                self.connection.close()
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                cookie = SimpleCookie()
                cookie.load(value)
                for key, morsel in cookie.items():
                    self.cookies[key] = morsel.value
        return response.status, data

    def get(self, path: str) -> tuple[int, bytes]:
        return self.request("GET", path)

    def csrf_from(self, path: str) -> str:
        status, page = self.get(path)
        match = _CSRF_INPUT.search(page.decode("utf-8", "replace"))
        if status != 200 or match is None:
            raise RuntimeError(f"no form with a CSRF token at {path} (HTTP {status})")
        return match.group(1)

    def login(self, username: str, password: str) -> None:
        token = self.csrf_from("/accounts/login/")
        body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password}).encode()
        status, _page = self.request(
            "POST", "/accounts/login/", body, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"sign-in as {username} failed (HTTP {status})")

    def post_file(self, path: str, field_name: str, filename: str, content: bytes) -> tuple[int, bytes]:
        token = self.csrf_from(path)
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'.encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field_name}"; filename="{filename}"\r\n'
            "Content-Type: text/csv\r\n\r\n".encode(),
            content,
            f"\r\n--{boundary}--\r\n".encode(),
        ]
        content_type = f"multipart/form-data; boundary={boundary}"
        return self.request("POST", path, b"".join(parts), {"Content-Type": content_type})

    def close(self) -> None:
        self.connection.close()


@dataclass
class Run:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    wall_seconds: float = 0.0
    bytes: int = 0


def drive(
    clients: list[Client],
    call: Callable[[Client, int], tuple[int, bytes]],
    *,
    seconds: float,
    max_requests: int,
    ok: Callable[[int], bool] = lambda status: status == 200,
    warmup: int = 1,
) -> Run:
    """Run `call` from every client at once until `seconds` pass or `max_requests` were made."""
    for client in clients:
        for n in range(warmup):
            call(client, n)
    run = Run()
    lock = threading.Lock()
    counter = iter(range(max_requests))
    deadline = time.perf_counter() + seconds

    def worker(client: Client) -> None:
        while time.perf_counter() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            started = time.perf_counter()
            try:
                status, body = call(client, n)
            except Exception:  # a failed request counts as an error, the run goes on
                status, body = 0, b""
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                run.latencies_ms.append(elapsed)
                run.statuses[status] = run.statuses.get(status, 0) + 1
                run.bytes += len(body)
                if not ok(status):
                    run.errors += 1

    threads = [threading.Thread(target=worker, args=(c,), daemon=True) for c in clients]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.wall_seconds = time.perf_counter() - started
    return run


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(round(p / 100 * len(ordered) + 0.5) - 1, 0)
    return ordered[min(rank, len(ordered) - 1)]

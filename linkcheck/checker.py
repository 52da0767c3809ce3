"""The checker: many URLs at once over asyncio and httpx, politely and safely.

Manners: at most PER_HOST requests in flight to one host and HOST_DELAY seconds between the
starts of two requests to it, at most CONCURRENCY in flight overall; HEAD first, GET only
when HEAD is refused; redirects followed by hand, up to MAX_REDIRECTS, each hop through the
same host gate and SSRF guard; Retry-After honoured; an honest User-Agent. Every URL gets a
`CheckResult`; nothing here touches the database.
"""

import asyncio
import concurrent.futures
import email.utils
import logging
import ssl
import time
from collections import defaultdict, deque
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import httpcore
import httpx

from . import conf
from .addresses import (
    AddressRefused,
    AllowedPorts,
    GuardedNetworkBackend,
    NameNotResolved,
    PortRefused,
    parse_networks,
    parse_ports,
)
from .outcomes import ErrorKind, Outcome

# HEAD answers that mean "not like that" rather than "not here": ask again with GET.
HEAD_REFUSED = frozenset({400, 403, 405, 406, 501})
PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
BROKEN_STATUSES = frozenset({404, 410})
HONOURS_RETRY_AFTER = frozenset({429, 503})

# httpx logs every request at INFO; a sweep of thousands would drown the worker's log.
logging.getLogger("httpx").setLevel(logging.WARNING)


@dataclass(frozen=True)
class CheckerConfig:
    """The checker's manners and limits, as from_settings reads them: the defaults are
    linkcheck/conf.py's."""

    concurrency: int
    per_host: int
    host_delay: float
    timeout: float
    max_redirects: int
    max_body_bytes: int
    retries: int
    retry_delay: float
    max_host_pause: float
    allowed_networks: tuple
    allowed_ports: AllowedPorts
    user_agent: str

    @classmethod
    def from_settings(cls, **overrides):
        """The LINKCHECK_* settings (or their defaults), with `overrides` by field name."""
        values = {
            "concurrency": conf.setting("CONCURRENCY"),
            "per_host": conf.setting("PER_HOST"),
            "host_delay": conf.setting("HOST_DELAY"),
            "timeout": conf.setting("TIMEOUT"),
            "max_redirects": conf.setting("MAX_REDIRECTS"),
            "max_body_bytes": conf.setting("MAX_BODY_BYTES"),
            "retries": conf.setting("RETRIES"),
            "retry_delay": conf.setting("RETRY_DELAY"),
            "max_host_pause": conf.setting("MAX_HOST_PAUSE"),
            "allowed_networks": parse_networks(conf.setting("ALLOWED_NETWORKS")),
            "allowed_ports": parse_ports(conf.setting("ALLOWED_PORTS")),
            "user_agent": conf.user_agent(),
        }
        values.update(overrides)
        return cls(**values)


@dataclass
class CheckResult:
    url: str
    outcome: str
    status_code: int | None = None
    final_url: str = ""
    redirect_chain: list = field(default_factory=list)  # [{"status": 301, "url": "..."}]
    error_kind: str = ""
    error_detail: str = ""
    response_time_ms: int | None = None
    retry_after: float | None = None  # seconds the far end asked us to wait
    suggested_url: str = ""  # where a permanent redirect leads, if it works
    deferred: bool = False  # not checked this run: the host asked us to wait

    @property
    def failed(self):
        return self.outcome == Outcome.BROKEN

    @property
    def was_redirected(self):
        return bool(self.redirect_chain)


@dataclass
class _Answer:
    status: int
    headers: httpx.Headers
    elapsed: float
    too_large: bool = False


class _Failure(Exception):
    def __init__(self, kind, detail):
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


def host_key(url: str) -> str:
    try:
        return (httpx.URL(url).host or "").lower()
    except (httpx.InvalidURL, TypeError):
        return ""


def origin_key(url: str) -> str:
    """host:port, the unit the politeness rules apply to."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return ""
    if not parsed.host:
        return ""
    return f"{parsed.host.lower()}:{parsed.port or (443 if parsed.scheme == 'https' else 80)}"


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait, from a Retry-After of delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment is None:
        return None
    return max(0.0, moment.timestamp() - (now if now is not None else time.time()))


def _describe(exc: BaseException) -> tuple[str, str]:
    """The error kind and a short description of a failed request."""
    chain, seen = exc, set()
    while chain is not None and id(chain) not in seen:
        seen.add(id(chain))
        if isinstance(chain, AddressRefused | PortRefused):
            return ErrorKind.BLOCKED, str(chain)
        if isinstance(chain, NameNotResolved):
            return ErrorKind.DNS, str(chain)
        if isinstance(chain, ssl.SSLError | ssl.CertificateError):
            return ErrorKind.TLS, str(chain) or "TLS handshake failed"
        chain = chain.__cause__ or chain.__context__
    if isinstance(exc, httpx.TimeoutException | TimeoutError | asyncio.TimeoutError):
        return ErrorKind.TIMEOUT, "no answer in time"
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return ErrorKind.INVALID, str(exc)
    if isinstance(exc, httpx.TransportError):
        return ErrorKind.CONNECT, str(exc) or type(exc).__name__
    raise exc


class _HostGate:
    """At most `per_host` requests in flight to one host, starts `delay` seconds apart."""

    def __init__(self, per_host, delay):
        self._slots = asyncio.Semaphore(per_host)
        self._turn = asyncio.Lock()
        self._delay = delay
        self._next_start = 0.0
        self.deferred_until = 0.0  # wall-clock time; set when the host asks for a long wait
        self.busy = 0  # slots held or waited for

    def pause(self, seconds):
        loop_time = asyncio.get_running_loop().time()
        self._next_start = max(self._next_start, loop_time + seconds)

    @asynccontextmanager
    async def slot(self):
        self.busy += 1
        try:
            async with self._slots:
                async with self._turn:
                    loop = asyncio.get_running_loop()
                    wait = self._next_start - loop.time()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    self._next_start = loop.time() + self._delay
                yield
        finally:
            self.busy -= 1


class _PerOriginTransport(httpx.AsyncBaseTransport):
    """A small connection pool for each origin (host and port), all behind the SSRF guard.

    One shared pool over thousands of hosts would scan every idle connection on every
    request (httpcore's pool is a list); a pool per origin holds at most PER_HOST
    connections, reused for that host's next request and closed when its work is done.
    """

    def __init__(self, config: CheckerConfig):
        self._config = config
        self._ssl_context = httpx.create_ssl_context()
        self._backend = GuardedNetworkBackend(
            config.allowed_networks, config.timeout, config.allowed_ports
        )
        self._transports: dict[str, httpx.AsyncHTTPTransport] = {}

    def _transport(self, key):
        transport = self._transports.get(key)
        if transport is None:
            transport = httpx.AsyncHTTPTransport(verify=self._ssl_context, trust_env=False)
            # httpx takes no network backend, so its pool is rebuilt around the guarded one
            # (httpx and httpcore are pinned; tests/linkcheck/test_ssrf.py fails if this
            # breaks).
            transport._pool = httpcore.AsyncConnectionPool(
                ssl_context=self._ssl_context,
                max_connections=self._config.per_host,
                max_keepalive_connections=self._config.per_host,
                keepalive_expiry=5.0,
                network_backend=self._backend,
            )
            self._transports[key] = transport
        return transport

    async def handle_async_request(self, request):
        key = f"{request.url.scheme}://{origin_key(str(request.url))}"
        return await self._transport(key).handle_async_request(request)

    async def release(self, origin):
        """Close the pools of an origin no request is using."""
        for scheme in ("http", "https"):
            transport = self._transports.pop(f"{scheme}://{origin}", None)
            if transport is not None:
                await transport.aclose()

    async def aclose(self):
        transports, self._transports = list(self._transports.values()), {}
        for transport in transports:
            await transport.aclose()


class Checker:
    """One run over a set of URLs; use `async with Checker(config) as checker`."""

    def __init__(self, config: CheckerConfig):
        self.config = config
        self._global = asyncio.Semaphore(config.concurrency)
        self._gates: dict[str, _HostGate] = defaultdict(
            lambda: _HostGate(config.per_host, config.host_delay)
        )

    async def __aenter__(self):
        config = self.config
        self._transport = _PerOriginTransport(config)
        self._client = httpx.AsyncClient(
            transport=self._transport,
            headers={"User-Agent": config.user_agent, "Accept": "*/*"},
            timeout=httpx.Timeout(config.timeout),
            follow_redirects=False,
            trust_env=False,
        )
        await self._client.__aenter__()
        return self

    async def __aexit__(self, *exc_info):
        await self._client.__aexit__(*exc_info)

    async def check_all(self, urls) -> dict[str, CheckResult]:
        """Check every URL, one worker per host slot, so no host waits behind another."""
        by_host: dict[str, deque] = defaultdict(deque)
        results = {}
        for url in dict.fromkeys(urls):
            key = origin_key(url)
            if key:
                by_host[key].append(url)
            else:
                results[url] = CheckResult(
                    url, Outcome.BROKEN, error_kind=ErrorKind.INVALID, error_detail="No host"
                )

        async def work(key, queue, last_worker):
            gate = self._gates[key]
            await self._drain_queue(gate, queue, results)
            last_worker[key] -= 1
            if last_worker[key] == 0 and gate.busy == 0:
                await self._transport.release(key)

        workers = []
        last_worker = {}
        for key, queue in by_host.items():
            count = min(self.config.per_host, len(queue))
            last_worker[key] = count
            workers += [work(key, queue, last_worker) for _ in range(count)]
        await asyncio.gather(*workers)
        return results

    async def _drain_queue(self, gate, queue, results):
        while queue:
            url = queue.popleft()
            if gate.deferred_until > time.time():
                results[url] = CheckResult(
                    url, Outcome.UNVERIFIED, deferred=True,
                    retry_after=gate.deferred_until - time.time(),
                )  # fmt: skip
                continue
            results[url] = await self.check(url)

    async def check(self, url: str) -> CheckResult:
        config = self.config
        current, method = url, "HEAD"
        chain, seen = [], {url}
        started = time.monotonic()
        while True:
            try:
                answer, method = await self._ask(current, method)
            except _Failure as failure:
                kind = failure.kind
                outcome = Outcome.UNVERIFIED if kind == ErrorKind.BLOCKED else Outcome.BROKEN
                if kind == ErrorKind.TOO_LARGE:
                    outcome = Outcome.UNVERIFIED
                return CheckResult(
                    url, outcome, final_url=current, redirect_chain=chain,
                    error_kind=kind, error_detail=failure.detail[:500],
                    response_time_ms=_ms(started),
                )  # fmt: skip
            status = answer.status
            location = answer.headers.get("location")
            if status in REDIRECTS and location:
                try:
                    target = str(httpx.URL(current).join(location.strip()))
                except httpx.InvalidURL:
                    target = ""
                if not target.startswith(("http://", "https://")):
                    return self._result(url, current, chain, started, answer,
                                        Outcome.BROKEN, ErrorKind.INVALID,
                                        f"Redirect to an address the checker cannot fetch: "
                                        f"{location[:200]}")  # fmt: skip
                chain.append({"status": status, "url": target})
                if target in seen or len(chain) > config.max_redirects:
                    detail = "Redirect loop" if target in seen else "Too many redirects"
                    kind = ErrorKind.TOO_MANY_REDIRECTS
                    return self._result(url, current, chain, started, answer,
                                        Outcome.BROKEN, kind, detail)  # fmt: skip
                seen.add(target)
                current = target
                continue
            return self._classify(url, current, chain, started, answer)

    async def _ask(self, url, method):
        """One hop: (answer, method to use from here on); GET when HEAD is refused; retries
        after a 5xx or a dropped connection."""
        attempts = 1 + self.config.retries
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                answer = await self._request(method, url)
            except _Failure as failure:
                if failure.kind != ErrorKind.CONNECT or last:
                    raise
                method = "GET"  # some servers drop HEAD requests
                await asyncio.sleep(self.config.retry_delay)
                continue
            if method == "HEAD" and answer.status in HEAD_REFUSED:
                method = "GET"
                answer = await self._request(method, url)
            retry_soon = answer.status >= 500 and answer.status not in HONOURS_RETRY_AFTER
            if retry_soon and not last:
                await asyncio.sleep(self.config.retry_delay)
                continue
            return answer, method
        raise AssertionError("unreachable")

    async def _request(self, method, url) -> _Answer:
        config = self.config
        gate = self._gates[origin_key(url)]
        async with gate.slot(), self._global:
            started = time.monotonic()
            try:
                async with asyncio.timeout(config.timeout * 2):
                    async with self._client.stream(method, url) as response:
                        too_large = False
                        if method == "GET":
                            too_large = await self._drain(response)
                        else:
                            # Reading the (empty) body ends the exchange, so the connection
                            # goes back to the pool for the host's next request.
                            await response.aread()
                        answer = _Answer(
                            response.status_code,
                            response.headers,
                            time.monotonic() - started,
                            too_large,
                        )
            except (
                httpx.HTTPError,
                OSError,
                TimeoutError,
                AddressRefused,
                PortRefused,
                NameNotResolved,
            ) as exc:
                raise _Failure(*_describe(exc)) from exc
        if answer.too_large:
            raise _Failure(
                ErrorKind.TOO_LARGE, f"More than {config.max_body_bytes} bytes, with no length"
            )
        if answer.status in HONOURS_RETRY_AFTER:
            wait = parse_retry_after(answer.headers.get("retry-after"))
            if wait:
                if wait <= config.max_host_pause:
                    gate.pause(wait)
                else:
                    gate.deferred_until = max(gate.deferred_until, time.time() + wait)
        return answer

    async def _drain(self, response) -> bool:
        """Read a GET body up to the cap; True if it went past it with no declared length."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.config.max_body_bytes:
            return False  # the server said how big it is; no need to read it
        received = 0
        async for chunk in response.aiter_raw():
            received += len(chunk)
            if received > self.config.max_body_bytes:
                return True
        return False

    def _result(self, url, current, chain, started, answer, outcome, kind="", detail=""):
        return CheckResult(
            url,
            outcome,
            status_code=answer.status,
            final_url=current,
            redirect_chain=chain,
            error_kind=kind,
            error_detail=detail,
            response_time_ms=_ms(started),
        )

    def _classify(self, url, current, chain, started, answer):
        status = answer.status
        if 200 <= status < 300:
            result = self._result(url, current, chain, started, answer, Outcome.WORKING)
            result.suggested_url = _permanent_destination(chain)
            return result
        if status in BROKEN_STATUSES or status >= 500:
            outcome = Outcome.BROKEN
        else:
            # 401, 403, 429, 451 ... : the far end refuses a robot, which says nothing of
            # whether people can read the page.
            outcome = Outcome.UNVERIFIED
        result = self._result(
            url, current, chain, started, answer, outcome, ErrorKind.HTTP_STATUS, f"HTTP {status}"
        )
        if status in HONOURS_RETRY_AFTER:
            result.retry_after = parse_retry_after(answer.headers.get("retry-after"))
        return result


def _ms(started):
    return round((time.monotonic() - started) * 1000)


def _permanent_destination(chain):
    """Where the leading run of permanent redirects ends: the address to use instead."""
    destination = ""
    for hop in chain:
        if hop["status"] not in PERMANENT_REDIRECTS:
            break
        destination = hop["url"]
    return destination


async def check_urls(urls, config: CheckerConfig | None = None) -> dict[str, CheckResult]:
    config = config or CheckerConfig.from_settings()
    async with Checker(config) as checker:
        return await checker.check_all(urls)


def run_coroutine(coroutine):
    """Run `coroutine` to completion from synchronous code, even where this thread already
    has an event loop running (an async caller, or Playwright's sync API in the test run):
    then it gets a loop of its own in a short-lived thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def run_checks(urls, config: CheckerConfig | None = None) -> dict[str, CheckResult]:
    """Synchronous entry point for tasks and commands."""
    return run_coroutine(check_urls(list(urls), config))

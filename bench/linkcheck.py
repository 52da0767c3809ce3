"""Benchmark of the link checker against local HTTP servers on many loopback hosts.

A separate process serves every host, each on its own loopback address (127.0.0.2,
127.0.0.3 ... are all this machine), with a mix of answers: 200s, 301/302 chains (some
across hosts), 404s, 410s, HEAD refused, slow answers (200 ms) and answers slower than the
checker's timeout, and dropped connections. The checker runs over every URL with the
settings it has in production (only the SSRF guard is told to allow 127.0.0.0/8), and the
benchmark prints URLs per second, peak memory, whether every URL was classified as its
server says it should be, and the most requests each host ever had in flight at once,
counted by the servers themselves.

    .venv/bin/python bench/linkcheck.py                 # 5,000 URLs over 500 hosts
    .venv/bin/python bench/linkcheck.py --urls 500 --hosts 20 --timeout 1
"""

import asyncio
import collections
import multiprocessing
import random
import resource
import socket
import struct
import sys
import time

from common import argument_parser, setup_django

# Each kind of URL: its share of the mix and what the checker must conclude.
MIX = {
    "ok": 50,
    "perm": 8,  # 301 to a 200: working, with the new address suggested
    "chain": 8,  # 302 then 301 to a 200: working, nothing suggested (the chain starts temporary)
    "xhost": 5,  # 301 to a page on another host
    "nohead": 3,  # HEAD answered 405, GET 200
    "slow": 8,  # 200 after 200 ms
    "missing": 7,  # 404
    "gone": 4,  # 410
    "hang": 2,  # no answer within the timeout
    "reset": 3,  # connection dropped without an answer
    "deny": 2,  # 403 to robots: could not verify
}
EXPECTED = {
    "ok": ("working", ""),
    "perm": ("working", ""),
    "chain": ("working", ""),
    "xhost": ("working", ""),
    "nohead": ("working", ""),
    "slow": ("working", ""),
    "missing": ("broken", "http_status"),
    "gone": ("broken", "http_status"),
    "hang": ("broken", "timeout"),
    "reset": ("broken", "connect"),
    "deny": ("unverified", "http_status"),
}


# The servers (a child process)


class _Stats:
    def __init__(self, hosts):
        self.active = dict.fromkeys(hosts, 0)
        self.peak = dict.fromkeys(hosts, 0)
        self.requests = dict.fromkeys(hosts, 0)


def _answer(status, headers=(), body=b""):
    lines = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}", *headers, "", ""]
    return "\r\n".join(lines).encode() + body


async def _serve_connection(reader, writer, host, ports, stats, hang_for):
    try:
        while True:
            request_line = await reader.readline()
            if not request_line:
                return
            method, target, _ = request_line.decode("latin-1").split(" ", 2)
            while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                pass
            stats.requests[host] += 1
            stats.active[host] += 1
            stats.peak[host] = max(stats.peak[host], stats.active[host])
            try:
                kind, _, rest = target.strip("/").partition("/")
                if kind == "reset":
                    sock = writer.get_extra_info("socket")
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    writer.transport.abort()
                    return
                if kind == "hang" and await _client_left(reader, hang_for):
                    return  # the checker gave up and closed: no longer in flight
                if kind == "slow":
                    await asyncio.sleep(0.2)
                response = _respond(kind, rest, method, host, ports)
                writer.write(response)
                await writer.drain()
            finally:
                stats.active[host] -= 1
    except (ConnectionError, OSError, ValueError):
        return
    finally:
        writer.close()


async def _client_left(reader, seconds):
    """Wait `seconds`, or less if the client closes the connection first (True then)."""
    try:
        return await asyncio.wait_for(reader.read(1), seconds) == b""
    except TimeoutError:
        return False


def _respond(kind, rest, method, host, ports):
    body = b"<!doctype html><title>ok</title>" * 8 if method == "GET" else b""
    if kind in ("ok", "slow", "hang"):
        return _answer(200, body=body)
    if kind == "perm":
        return _answer(301, [f"Location: /ok/{rest}"])
    if kind == "chain":
        return _answer(302, [f"Location: /perm/{rest}"])
    if kind == "xhost":
        hosts = sorted(ports)
        other = hosts[(hosts.index(host) + 1) % len(hosts)]
        return _answer(301, [f"Location: http://{other}:{ports[other]}/ok/{rest}"])
    if kind == "nohead":
        return _answer(405 if method == "HEAD" else 200, body=body)
    if kind == "missing":
        return _answer(404, body=body)
    if kind == "gone":
        return _answer(410, body=body)
    if kind == "deny":
        return _answer(403, body=body)
    return _answer(400)


def _serve(hosts, hang_for, pipe):
    async def main():
        stats = _Stats(hosts)
        ports, servers = {}, []
        for host in hosts:
            server = await asyncio.start_server(
                lambda r, w, h=host: _serve_connection(r, w, h, ports, stats, hang_for),
                host,
                0,
                backlog=256,
            )
            ports[host] = server.sockets[0].getsockname()[1]
            servers.append(server)
        pipe.send(ports)
        loop = asyncio.get_running_loop()
        while True:
            command = await loop.run_in_executor(None, pipe.recv)
            if command == "stats":
                pipe.send({"peak": stats.peak, "requests": stats.requests})
            else:
                break
        for server in servers:
            server.close()

    asyncio.run(main())


# The run


def build_urls(count, ports, seed=2004):
    rng = random.Random(seed)
    kinds = [kind for kind, weight in MIX.items() for _ in range(weight)]
    hosts = sorted(ports)
    urls = {}
    for n in range(count):
        kind = rng.choice(kinds)
        host = hosts[n % len(hosts)]
        urls[f"http://{host}:{ports[host]}/{kind}/{n}"] = kind
    return urls


def classify_errors(urls, results, ports):
    wrong = []
    for url, kind in urls.items():
        result = results[url]
        outcome, error_kind = EXPECTED[kind]
        got = (str(result.outcome), str(result.error_kind))
        if got != (outcome, error_kind):
            wrong.append((url, kind, got))
            continue
        if kind == "perm" and not result.suggested_url.endswith(url.split("/perm/")[1]):
            wrong.append((url, kind, ("no suggestion", result.suggested_url)))
        if kind == "chain" and (len(result.redirect_chain) != 2 or result.suggested_url):
            wrong.append((url, kind, ("chain", result.redirect_chain, result.suggested_url)))
    return wrong


def run(url_count=5000, host_count=500, **overrides):
    """Run the benchmark; returns a dict of the figures (also used by the test suite)."""
    setup_django(debug_off=False)
    from linkcheck.addresses import parse_networks, parse_ports
    from linkcheck.checker import CheckerConfig, run_checks

    overrides.setdefault("allowed_networks", parse_networks(["127.0.0.0/8"]))
    overrides.setdefault("allowed_ports", parse_ports(["1024-65535"]))  # the servers' own
    config = CheckerConfig.from_settings(**overrides)
    hosts = [f"127.0.{(n + 2) // 256}.{(n + 2) % 256}" for n in range(host_count)]
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.get_context("fork").Process(
        target=_serve, args=(hosts, config.timeout + 3, child), daemon=True
    )
    server.start()
    try:
        ports = parent.recv()
        urls = build_urls(url_count, ports)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        results = run_checks(list(urls), config)
        elapsed = time.perf_counter() - started
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        parent.send("stats")
        stats = parent.recv()
    finally:
        parent.send("stop")
        server.join(timeout=10)
    wrong = classify_errors(urls, results, ports)
    return {
        "urls": len(urls),
        "hosts": host_count,
        "seconds": elapsed,
        "urls_per_second": len(urls) / elapsed,
        "requests": sum(stats["requests"].values()),
        "peak_rss_mib": rss_after / 1024,
        "rss_before_mib": rss_before / 1024,
        "wrong": wrong,
        "max_in_flight_per_host": max(stats["peak"].values()),
        "busiest_host_requests": max(stats["requests"].values()),
        "per_host_cap": config.per_host,
        "config": config,
        "mix": collections.Counter(urls.values()),
    }


def main():
    parser = argument_parser(__doc__)
    parser.add_argument("--urls", type=int, default=5000)
    parser.add_argument("--hosts", type=int, default=500)
    parser.add_argument("--timeout", type=float, help="Override the checker's timeout (s).")
    args = parser.parse_args()
    overrides = {"timeout": args.timeout} if args.timeout else {}
    figures = run(args.urls, args.hosts, **overrides)
    config = figures["config"]
    print(
        f"checker: concurrency {config.concurrency}, {config.per_host} per host, "
        f"{config.host_delay} s between starts per host, timeout {config.timeout} s, "
        f"{config.retries} retry"
    )
    print(f"mix: {dict(sorted(figures['mix'].items()))}")
    # Politeness alone sets a floor: the busiest host takes one request per HOST_DELAY.
    busiest = figures["busiest_host_requests"]
    print(
        f"the busiest host served {busiest} requests: at least {busiest * config.host_delay:.1f} s "
        f"at {config.host_delay} s apart, plus {config.timeout:.0f} s for each answer that "
        "never comes"
    )
    print(
        f"{figures['urls']} URLs over {figures['hosts']} hosts in {figures['seconds']:.1f} s: "
        f"{figures['urls_per_second']:.0f} URLs/s ({figures['requests']} requests)"
    )
    print(
        f"peak memory (max RSS of the checking process): {figures['peak_rss_mib']:.0f} MiB "
        f"({figures['rss_before_mib']:.0f} MiB before the run)"
    )
    wrong = figures["wrong"]
    print(f"classified as the servers say: {figures['urls'] - len(wrong)} of {figures['urls']}")
    for url, kind, got in wrong[:20]:
        print(f"  WRONG {kind}: {url} -> {got}")
    print(
        f"most requests in flight to one host, seen at the servers: "
        f"{figures['max_in_flight_per_host']} (cap {figures['per_host_cap']})"
    )
    ok = not wrong and figures["max_in_flight_per_host"] <= figures["per_host_cap"]
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

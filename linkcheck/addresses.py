"""Which addresses the checker may connect to: the SSRF guard.

A URL on the site is written by an editor or a visitor; fetching it from the server must
never reach the server's own network (loopback, private ranges, link-local cloud metadata
at 169.254.169.254, multicast, reserved space), in IPv4 or IPv6, nor the IPv4 addresses
that IPv6 forms carry (::ffff:10.0.0.1, 6to4's 2002:0a00:0001::). The name is resolved once,
every address it resolves to is checked, and the connection is made to a checked address,
so a second DNS answer (DNS rebinding) cannot slip past. Networks listed in
LINKCHECK_ALLOWED_NETWORKS are let through (tests point the checker at 127.0.0.1).

Only the web's ports are used, 80 and 443, or those LINKCHECK_ALLOWED_PORTS lists: a link
to host:25 or host:6379 would otherwise make the server talk to mail or database servers.
"""

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass

import httpcore

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class AddressRefused(Exception):
    """The name resolves to an address the checker must not reach."""

    def __init__(self, host, address):
        super().__init__(f"{host} resolves to {address}, a private or reserved address")
        self.host = host
        self.address = address


class PortRefused(Exception):
    """The URL names a port the checker must not connect to."""

    def __init__(self, host, port):
        super().__init__(f"{host}: port {port} is not a port the link checker may use")
        self.host = host
        self.port = port


class NameNotResolved(Exception):
    """DNS has no address for the name (or did not answer in time)."""

    def __init__(self, host, reason):
        super().__init__(f"{host}: {reason}")
        self.host = host


def parse_networks(values: Iterable[str]) -> tuple[IPNetwork, ...]:
    """CIDRs from the setting; a bare address means just that address."""
    return tuple(
        ipaddress.ip_network(value.strip(), strict=False) for value in values if value.strip()
    )


@dataclass(frozen=True)
class AllowedPorts:
    """Ports and ranges of ports, as LINKCHECK_ALLOWED_PORTS lists them ("443", "8000-8099")."""

    ranges: tuple[tuple[int, int], ...]

    def __contains__(self, port) -> bool:
        return any(low <= port <= high for low, high in self.ranges)


def parse_ports(values: Iterable[str | int]) -> AllowedPorts:
    ranges = []
    for value in values:
        text = str(value).strip()
        if not text:
            continue
        low, _, high = text.partition("-")
        low, high = int(low), int(high or low)
        if not 1 <= low <= high <= 65535:
            raise ValueError(f"LINKCHECK_ALLOWED_PORTS: {text!r} is not a port or range of ports")
        ranges.append((low, high))
    return AllowedPorts(tuple(ranges))


WEB_PORTS = AllowedPorts(((80, 80), (443, 443)))


def is_refused(address: str | IPAddress, allowed: Iterable[IPNetwork] = ()) -> bool:
    allowed = tuple(allowed)
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        # ::ffff:127.0.0.1 is 127.0.0.1 on a dual-stack socket.
        ip = ip.ipv4_mapped
    if any(ip.version == net.version and ip in net for net in allowed):
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.sixtofour is not None:
        # A host with a 6to4 route sends 2002:AABB:CCDD:: to the IPv4 address AA.BB.CC.DD,
        # and Python before 3.13 counts all of 2002::/16 as global.
        return is_refused(ip.sixtofour, allowed)
    return (
        not ip.is_global
        or ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local)
    )


class GuardedNetworkBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend with the guard in front of every new connection.

    Resolves each name once per run (answers and failures are kept), refuses the whole name
    if any of its addresses is refused, and connects to the checked addresses themselves.
    TLS still verifies the certificate against the name, since httpcore sends the URL's
    host as the server name.
    """

    def __init__(
        self,
        allowed: Iterable[IPNetwork] = (),
        dns_timeout: float = 10.0,
        ports: AllowedPorts = WEB_PORTS,
    ):
        self.allowed = tuple(allowed)
        self.dns_timeout = dns_timeout
        self.ports = ports
        self._inner = httpcore.AnyIOBackend()
        self._answers: dict[tuple[str, int], list[str] | Exception] = {}

    async def resolve(self, host: str, port: int) -> list[str]:
        if port not in self.ports:
            raise PortRefused(host, port)
        key = (host.lower(), port)
        if key not in self._answers:
            self._answers[key] = await self._lookup(host, port)
        answer = self._answers[key]
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def _lookup(self, host, port):
        host = host.strip("[]")
        try:
            infos = await asyncio.wait_for(
                asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM),
                self.dns_timeout,
            )
        except TimeoutError:
            return NameNotResolved(host, "no answer from DNS in time")
        except (socket.gaierror, UnicodeError) as exc:
            return NameNotResolved(host, str(exc))
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        if not addresses:
            return NameNotResolved(host, "no addresses")
        for address in addresses:
            if is_refused(address, self.allowed):
                return AddressRefused(host, address)
        return addresses

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = await self.resolve(host, port)
        failure = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("The link checker never uses Unix sockets.")

    async def sleep(self, seconds):
        await self._inner.sleep(seconds)

"""The address guard: only http(s) URLs with a host, and (unless allowed) public addresses only."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from bot.errors import UserError
from bot.sources.redact import shown_url
from bot.text import first_line

ALLOWED_SCHEMES = ("http", "https")


def check_url(url: str, *, allow_private: bool) -> None:
    """UserError unless `url` is http(s) and (unless allowed) its host is public only."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        raise UserError(
            f"cannot fetch {shown_url(url)!r}: only http:// and https:// URLs with a host "
            "are supported"
        )
    if allow_private:
        return
    # Checked at resolve time only: a DNS-rebinding host could answer differently when httpx
    # connects. Pinning the address would close that gap; for a news reader this is the trade-off.
    host = parts.hostname
    if any(_is_private(address) for address in resolve_host(host, url=url)):
        raise UserError(
            f"refused to fetch {shown_url(url)}: {host[:100]} is a private/loopback address "
            "(set QUOTEBOT_ALLOW_PRIVATE_URLS=true to allow it)"
        )


def resolve_host(host: str, *, url: str) -> list[str]:
    """Every address `host` resolves to (IP literals resolve to themselves)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise UserError(
            f"could not fetch {shown_url(url)}: DNS lookup failed for {host[:100]} "
            f"({first_line(exc)[:100]}); check the address"
        ) from None
    # An IPv6 link-local address may carry a scope (fe80::1%eth0); ipaddress wants it without.
    return [str(info[4][0]).split("%")[0] for info in infos]


def _is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )

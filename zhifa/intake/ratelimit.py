"""Rate limits of the public complaint pages, per client address, kept in Django's cache.

A window opens at an address's first counted attempt and lasts `window` seconds; within it at most `limit`
attempts count. `take` reserves a slot atomically (cache `incr`), so two requests racing each other cannot
both get the last slot; `give_back` returns it (the public form returns the slot of a submission that was
refused for bad input, so typing mistakes do not use up the hour).

The cache is Redis when REDIS_URL is set, else each process's local memory: with several app servers (or
several worker processes) only Redis gives one shared limit (docs/portal-complaints.md).
"""

from __future__ import annotations

import contextlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest

from zhifa.audit.middleware import client_address_for

HOUR = 3600


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0  # seconds until the window closes (when not allowed)

    @property
    def retry_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def limit_key(address: str) -> str:
    """The address an attempt is counted against: an IPv4 address itself, an IPv6 address by its /64 (one
    household or phone holds a whole /64 and could otherwise change address at every attempt)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped else ip)


@dataclass(frozen=True)
class RateLimit:
    scope: str  # "form", "track": one counter per scope and address
    limit: int
    window: int = HOUR

    def _keys(self, address: str) -> tuple[str, str]:
        base = f"zhifa:portal:{self.scope}:{limit_key(address)}"
        return base + ":n", base + ":start"

    def _retry_after(self, start_key: str) -> int:
        started = cache.get(start_key)
        if started is None:
            return self.window
        return max(1, int(float(started) + self.window - time.time()))

    def take(self, request: HttpRequest) -> Verdict:
        """Count this request; refused when it would be over the limit (then nothing is counted)."""
        count_key, start_key = self._keys(client_address_for(request))
        cache.add(start_key, time.time(), timeout=self.window)
        cache.add(count_key, 0, timeout=self.window)
        try:
            count = cache.incr(count_key)
        except ValueError:  # the window closed between add and incr
            cache.add(start_key, time.time(), timeout=self.window)
            cache.add(count_key, 0, timeout=self.window)
            count = cache.incr(count_key)
        if count > self.limit:
            self._decrement(count_key)
            return Verdict(False, self._retry_after(start_key))
        return Verdict(True)

    def give_back(self, request: HttpRequest) -> None:
        count_key, _ = self._keys(client_address_for(request))
        self._decrement(count_key)

    @staticmethod
    def _decrement(count_key: str) -> None:
        with contextlib.suppress(ValueError):  # expired meanwhile: nothing to give back
            cache.decr(count_key)

"""Shared test settings: hypothesis profiles for the fuzz tests (tests/test_fuzz.py).

- `ci` (the default): a short run that keeps the whole suite within CI's time.
- `long`: a long local run, e.g.
      .venv/bin/pytest tests/test_fuzz.py --hypothesis-profile=long --hypothesis-show-statistics
- `HYPOTHESIS_PROFILE=long` in the environment does the same as the option;
  `NEWSLINT_FUZZ_EXAMPLES=5000` sets the long profile's examples per test (default 20,000).
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Any

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=_QUIET,
                          print_blob=True)
settings.register_profile("long", max_examples=int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES", "20000")),
                          deadline=None, suppress_health_check=_QUIET, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def guard_loopback(monkeypatch: Any, record: list[str | None]) -> None:
    """Fail loudly if anything in a test tries to connect outside 127.0.0.0/8 (IPv4-mapped IPv6
    addresses are judged by the IPv4 address inside); every connection's host is appended to
    `record` (None for addresses that are not host/port pairs)."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    record.clear()

    def check(address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else None
        record.append(host)
        if host is None:
            return
        ip = ipaddress.ip_address(host.split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if ip not in ipaddress.ip_network("127.0.0.0/8"):
            raise AssertionError(f"a test tried to connect to {address}")

    def connect(self: socket.socket, address: Any) -> None:
        check(address)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        check(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)

"""JOBBOARD_TRUSTED_PROXIES: behind HAProxy, per-address throttling sees the client's address."""

from __future__ import annotations

import pytest

from jobboard import create_app
from jobboard.hr.auth import ADDRESS_FAILURES

from .conftest import sign_in


def _fail_from(client, address: str, n: int, start: int = 0) -> list[int]:
    """n wrong sign-ins, each for a different account, from one forwarded client address."""
    return [sign_in(client, f"nobody{start + i}@example.ca", "wrong password!",
                    headers={"X-Forwarded-For": address}).status_code for i in range(n)]


@pytest.fixture
def proxied(app, settings):
    return create_app({"TESTING": True, **settings, "TRUSTED_PROXIES": 1}).test_client()


# Guesses at many accounts from one address: stopped after ADDRESS_FAILURES (see hr/auth.py).
N = ADDRESS_FAILURES


def test_behind_one_trusted_proxy_the_forwarded_address_is_throttled(proxied):
    assert _fail_from(proxied, "203.0.113.5", N) == [401] * N
    assert _fail_from(proxied, "203.0.113.5", 1, start=N) == [429]
    assert _fail_from(proxied, "198.51.100.7", 1, start=N + 1) == [401]  # another client


def test_without_trusted_proxies_the_header_is_not_believed(client):
    # A client could otherwise pick a fresh address for every guess.
    assert _fail_from(client, "203.0.113.5", N) == [401] * N
    assert _fail_from(client, "198.51.100.7", 1, start=N) == [429]


def test_only_the_last_hop_is_believed(proxied):
    # A client's own X-Forwarded-For entries come first; HAProxy appends the real address.
    codes = [sign_in(proxied, f"x{i}@example.ca", "wrong password!",
                     headers={"X-Forwarded-For": f"10.0.0.{i}, 203.0.113.9"}).status_code
             for i in range(N + 1)]
    assert codes == [401] * N + [429]

"""Request rate limits: moving windows (the `limits` library) counted in this process
(`memory://`) or, with INTAKE_REDIS_URL, in Redis so that every worker shares the counts.

Limits are keyed by the client address uvicorn reports. Behind a reverse proxy that is the
proxy's address unless uvicorn trusts the proxy's X-Forwarded-For: `--proxy-headers` (on by
default) with `--forwarded-allow-ips=<proxy ip>` (or FORWARDED_ALLOW_IPS; default 127.0.0.1
only). Otherwise every owner behind that proxy shares one budget."""

import logging
import math
import time
from collections.abc import Mapping
from functools import lru_cache
from typing import Annotated, Literal

from fastapi import Depends, Request
from limits import RateLimitItem, parse_many
from limits.errors import StorageError
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from application.settings import Settings

log = logging.getLogger(__name__)

MEMORY = "memory://"
# Seconds a Redis call may take: a hung Redis must cost a request this much, not a worker thread.
REDIS_TIMEOUT = 0.5


@lru_cache(maxsize=32)
def _items(rule: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(rule))


# What is counted, each with its rule from the settings.
Scope = Literal["sessions", "messages", "resume", "login"]


class RateLimiter:
    """Counts requests per scope and key. `namespace` keeps apart services (or test runs)
    that share one Redis."""

    def __init__(self, rules: Mapping[Scope, str], storage_uri: str = MEMORY, *, namespace: str = "intake") -> None:
        for rule in rules.values():
            _items(rule)  # a mistyped rule stops the start, not the first request
        self.rules = dict(rules)
        self.storage_uri = storage_uri
        timeouts = ({"socket_timeout": REDIS_TIMEOUT, "socket_connect_timeout": REDIS_TIMEOUT}
                    if storage_uri.startswith(("redis://", "rediss://")) else {})
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage_uri, wrap_exceptions=True, **timeouts))
        # While the shared storage (Redis) fails, requests are counted here instead: per process,
        # so with N workers a client gets up to N times its budget, but never an unlimited one.
        self._fallback = MovingWindowRateLimiter(storage_from_string(MEMORY))
        self._storage_down = False
        self._namespace = namespace

    @classmethod
    def from_settings(cls, settings: Settings, *, namespace: str = "intake") -> "RateLimiter":
        rules: dict[Scope, str] = {
            "sessions": settings.rate_limit_sessions,
            "messages": settings.rate_limit_messages,
            "resume": settings.rate_limit_resume,
            "login": settings.rate_limit_login,
        }
        return cls(rules, settings.redis_url or MEMORY, namespace=namespace)

    def hit(self, scope: Scope, key: str) -> int | None:
        """Counts one request of `key` (a client address, a session id) against every limit
        of the scope's rule (e.g. "30/minute;600/day"). None while the request is within
        them; otherwise the whole seconds until the window that refused it has room again."""
        return self._check(scope, key, count=True)

    def retry_after(self, scope: Scope, key: str) -> int | None:
        """Like `hit` but counts nothing: for limits on failures only (logins), which are
        checked first and counted once the attempt has failed."""
        return self._check(scope, key, count=False)

    def _check(self, scope: Scope, key: str, *, count: bool) -> int | None:
        try:
            retry_after = self._check_with(self._limiter, scope, key, count=count)
        except StorageError:
            # A Redis outage must neither stop every owner's chat nor open the door to password
            # and resume-code guessing: the request is counted in this process meanwhile.
            if not self._storage_down:
                log.warning("rate-limit storage %s failed; counting in this process until it is back",
                            self.storage_uri, exc_info=True)
            self._storage_down = True
            return self._check_with(self._fallback, scope, key, count=count)
        if self._storage_down:
            log.warning("rate-limit storage %s is back", self.storage_uri)
            self._storage_down = False
        return retry_after

    def _check_with(self, limiter: MovingWindowRateLimiter, scope: Scope, key: str, *, count: bool) -> int | None:
        now = time.time()
        for item in _items(self.rules[scope]):
            if (limiter.hit if count else limiter.test)(item, self._namespace, scope, key):
                continue
            stats = limiter.get_window_stats(item, self._namespace, scope, key)
            return max(1, math.ceil(stats.reset_time - now))
        return None


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def get_rate_limiter(request: Request) -> RateLimiter:
    limiter: RateLimiter = request.app.state.rate_limiter
    return limiter


RateLimiterDep = Annotated[RateLimiter, Depends(get_rate_limiter)]

"""The review app's defences: access token, local-only serving, CSRF, safe redirects.

- **Bind**: serving on anything but a loopback address needs an access token
  (:func:`check_bind`); without a token the app also refuses requests from non-loopback
  clients and with a non-local ``Host`` header (which stops DNS-rebinding pages).
- **Token**: with a token every request must carry it, as ``?token=`` (once: it is then
  kept in an HttpOnly cookie), the cookie, or ``Authorization: Bearer``.
- **CSRF**: every POST must carry the per-browser random token from the ``sandingan_csrf``
  cookie in its ``csrf`` form field, and its ``Origin`` (else ``Referer``), when sent, must
  name this host.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

from starlette.requests import Request

CSRF_COOKIE = "sandingan_csrf"
AUTH_COOKIE = "sandingan_auth"
REVIEWER_COOKIE = "sandingan_reviewer"
TOKEN_ENV = "SANDINGAN_REVIEW_TOKEN"
LOCAL_NAMES = ("localhost",)


class BindRefused(ValueError):
    """Serving on a non-local address without an access token."""


def is_local_host(host: str | None) -> bool:
    """Whether ``host`` (a name or IP, with or without [brackets]) is a loopback address."""
    if not host:
        return False
    host = host.strip("[]").lower()
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


MIN_TOKEN = 16  # characters an access token needs (``new_token`` gives 43)


def weak_token(token: str | None) -> str | None:
    """Why an access token is not good enough (shorter than MIN_TOKEN characters, or
    containing spaces), or None when it is, or when there is none."""
    if token is None:
        return None
    if len(token.strip()) < MIN_TOKEN:
        return f"the access token needs at least {MIN_TOKEN} characters"
    if any(c.isspace() for c in token):
        return "the access token must not contain spaces"
    return None


def check_bind(host: str, token: str | None) -> None:
    """Refuse (:class:`BindRefused`) a weak token, and serving on a non-loopback ``host``
    without a token."""
    if weak_token(token):
        raise BindRefused(
            f"{weak_token(token)} (for example: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
        )
    if not is_local_host(host) and not token:
        raise BindRefused(
            f"refusing to serve on {host!r} without an access token: pass --token or set "
            f"{TOKEN_ENV} (or bind to 127.0.0.1)"
        )


def new_token() -> str:
    """A fresh random token (CSRF or access)."""
    return secrets.token_urlsafe(32)


def tokens_match(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison; an empty token never matches."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def host_name(host_header: str | None) -> str:
    """The host part of a ``Host`` header value (port and brackets removed)."""
    if not host_header:
        return ""
    return urlsplit(f"//{host_header}").hostname or ""


def client_is_local(request: Request) -> bool:
    """Whether the client connects from a loopback address (non-IP clients count as local:
    Unix sockets and in-process test clients)."""
    if request.client is None:
        return True
    try:
        return ipaddress.ip_address(request.client.host).is_loopback
    except ValueError:
        return True


def request_token(request: Request) -> str | None:
    """The access token a request carries: query, cookie or bearer header."""
    header = request.headers.get("authorization", "")
    bearer = header[7:] if header.lower().startswith("bearer ") else None
    return request.query_params.get("token") or request.cookies.get(AUTH_COOKIE) or bearer


def same_origin(request: Request) -> bool:
    """Whether the request's ``Origin`` (else ``Referer``), when sent, is this host."""
    origin = request.headers.get("origin")
    if origin == "null":  # an opaque origin (sandboxed frame, data: page) is never this site
        return False
    source = origin or request.headers.get("referer")
    if not source:
        return True
    return urlsplit(source).netloc.lower() == request.headers.get("host", "").lower()


def csrf_ok(request: Request, form_token: str | None) -> bool:
    """Whether a POST carries this browser's CSRF token and comes from this site."""
    return tokens_match(form_token, request.cookies.get(CSRF_COOKIE)) and same_origin(request)


def safe_next(target: str | None, default: str = "/") -> str:
    """A redirect target confined to this site: a path, never another host."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target

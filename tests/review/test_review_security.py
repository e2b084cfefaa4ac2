"""Access control: local-only without a token, token required otherwise, safe redirects."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from review_helpers import LOCAL

from pipeline.review.app import create_app
from pipeline.review.security import BindRefused, check_bind, is_local_host, safe_next


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("example.org", False),
        ("", False),
    ],
)
def test_is_local_host(host, local):
    assert is_local_host(host) is local


def test_a_non_local_bind_needs_a_token():
    with pytest.raises(BindRefused, match="--token"):
        check_bind("0.0.0.0", None)
    check_bind("0.0.0.0", "s3cret-s3cret-s3cret")
    check_bind("127.0.0.1", None)


def test_without_token_a_non_local_host_header_is_refused(store):
    with TestClient(create_app(store), base_url="http://attacker.example") as c:
        assert c.get("/").status_code == 403
    with TestClient(create_app(store), base_url="http://localhost:8765") as c:
        assert c.get("/").status_code == 200


def test_with_token_every_request_needs_it(store):
    with TestClient(create_app(store, token="s3cret"), base_url="http://192.0.2.5") as c:
        assert c.get("/").status_code == 401
        assert c.get("/?token=wrong").status_code == 401
        login = c.get("/?token=s3cret&country=MY", follow_redirects=False)
        assert login.status_code == 303 and login.headers["location"] == "/?country=MY"
        assert c.get("/").status_code == 200  # the cookie now carries it
    with TestClient(create_app(store, token="s3cret"), base_url="http://192.0.2.5") as c:
        assert c.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/evidence?table=x", "/evidence?table=x"),
        ("//evil.example/", "/"),
        ("http://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_safe_next(target, expected):
    assert safe_next(target) == expected


def test_local_client_fixture_is_served(client):
    assert client.base_url == LOCAL or str(client.base_url).startswith(LOCAL)
    assert client.get("/").status_code == 200

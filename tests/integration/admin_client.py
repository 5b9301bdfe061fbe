"""Signing in to the admin pages through a TestClient, as a browser would."""

import re
from typing import Any

from fastapi.testclient import TestClient

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on the page."""
    match = CSRF.search(html)
    assert match is not None, html[:500]
    return match.group(1)


def sign_in(client: TestClient, password: str, username: str = "admin") -> None:
    """Post the sign-in form; the client keeps the session cookie."""
    token = csrf_token(client.get("/admin/login").text)
    response = client.post(
        "/admin/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def post_form(
    client: TestClient, page_url: str, action: str, data: dict[str, Any]
) -> str:
    """Load a page for its CSRF token, post a form, follow to the result page."""
    token = csrf_token(client.get(page_url).text)
    response = client.post(action, data={**data, "csrf_token": token})
    assert response.status_code == 200, response.text
    return response.text

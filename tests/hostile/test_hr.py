"""Hostile HR requests (SQLite, then PostgreSQL): header injection in `next=`, numbers beyond
the database's integers. Each answered 500 before."""

from __future__ import annotations

import pytest
from hr.conftest import DASHBOARD, csrf_token, sign_in

HUGE = "99999999999999999999"  # beyond 64 bits


@pytest.mark.parametrize("method", ["get", "post"])
def test_next_with_cr_lf_is_refused_not_a_500(hr_client, method):
    target = "/%0D%0ASet-Cookie:%20x=1"
    if method == "post":
        token = csrf_token(hr_client)
        response = hr_client.post(f"/en/hr/login?next={target}", data={
            "email": "ana@example.ca", "password": "correct horse battery",
            "csrf_token": token})
    else:
        sign_in(hr_client)
        response = hr_client.get(f"/en/hr/login?next={target}")
    assert response.status_code in (302, 303)
    assert response.headers["Location"].endswith(DASHBOARD["en"])
    assert "x=1" not in response.headers.get("Set-Cookie", "")
    assert hr_client.get(DASHBOARD["en"]).status_code == 200  # really signed in


@pytest.mark.parametrize("path", [f"/en/hr/history?page={HUGE}", f"/en/hr/runs/{HUGE}",
                                  "/en/hr/runs/2147483648", f"/fr/rh/executions/{HUGE}",
                                  f"/en/hr/runs/{HUGE}/status.json"])
def test_numbers_beyond_the_database_are_404(hr_client, path):
    sign_in(hr_client)
    assert hr_client.get(path).status_code == 404

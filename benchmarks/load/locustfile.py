"""The load test's visitors: a coordinator's board, a front desk, a person search, a
planning grid and API calls, in the proportions of a working day (benchmarks/load/run.py).

Each visitor reuses a logged-in session from var/load/sessions.json (prepare.py): the
load test measures the pages, not the password hashing of a login storm. The login
page is the baseline: a page that reads no data, in the same run.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from locust import HttpUser, between, task

PREPARED = json.loads(
    (Path(__file__).resolve().parents[2] / "var" / "load" / "sessions.json").read_text()
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SESSION_COOKIE = "sessionid"


class Visitor(HttpUser):
    wait_time = between(1, 3)  # a person reads the page before the next click

    def on_start(self) -> None:
        sessions = PREPARED["sessions"]
        self.cookies = {name: {SESSION_COOKIE: key} for name, key in sessions.items()}

    def get_as(self, visitor: str, url: str, name: str) -> None:
        self.client.get(url, cookies=self.cookies[visitor], name=name)

    @task(3)
    def board(self) -> None:
        self.get_as("bench_coordinator", "/housing/", "board (national site, 60 units)")

    @task(3)
    def front_desk(self) -> None:
        self.get_as("front_desk", "/front-desk/", "front desk")

    @task(2)
    def person_search(self) -> None:
        cookies = self.cookies["bench_coordinator"]
        page = self.client.get("/people/", cookies=cookies, name="person search: page")
        token = CSRF.search(page.text)
        if token is None:
            page.failure("no CSRF token on the people page")
            return
        self.client.post(
            "/people/",
            data={"q": f"Nom{random.randint(1, 300_000)}", "csrfmiddlewaretoken": token.group(1)},
            cookies=cookies | {"csrftoken": page.cookies.get("csrftoken", "")},
            headers={"Referer": f"{self.host}/people/"},
            name="person search: results (300,000 persons)",
        )

    @task(2)
    def planning_grid(self) -> None:
        planning = PREPARED["planning_id"]
        self.get_as("demo_coordinator", f"/planning/{planning}/", "planning grid (a month)")

    @task(2)
    def api(self) -> None:
        headers = {"Authorization": f"Bearer {PREPARED['api_token']}"}
        if random.random() < 0.5:
            self.client.get("/api/housing/stays", headers=headers, name="API: current stays")
        else:
            self.client.get(
                f"/api/people?q=Nom{random.randint(1, 300_000)}",
                headers=headers,
                name="API: person search",
            )

    @task(1)
    def baseline(self) -> None:
        self.client.get("/accounts/login/", name="baseline: login page (no data)")

"""Browsers ask every page for an icon: it is served, to anyone, and linked from the pages."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_favicon_ico_is_served_without_login():
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")


@pytest.mark.django_db
def test_every_page_links_an_icon_that_is_served():
    client = Client()
    page = client.get(reverse("login")).content.decode()
    links = re.findall(r'<link rel="icon" href="([^"]+)"', page)
    assert len(links) == 2
    for href in links:
        assert client.get(href).status_code == 200, href

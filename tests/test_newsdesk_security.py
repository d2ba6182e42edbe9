import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse

from newsdesk import demo
from newsdesk.proxies import client_ip
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a-long-desk-password-1"


def test_deploy_check_reports_nothing_with_the_production_variables():
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))
    }
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60), DJANGO_ALLOWED_HOSTS="news.example"
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("path", ["/dramas/", "/admin/login/", "/no-such-page/"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path, secure=True)

    policy = response["Content-Security-Policy"]
    assert "object-src 'none'" in policy
    assert "base-uri 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_public_pages_have_no_inline_script(client):
    demo.load_show_data()
    article = make_article(status="published", publish_at="2024-12-16T02:00Z")
    pages = [
        "/",
        "/dramas/",
        "/dramas/when-the-stars-gossip/",
        "/people/lee-min-ho/",
        article.get_absolute_url(),
        reverse("articles:list"),
    ]

    for path in pages:
        html = client.get(path, follow=True).text
        for attrs, code in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            assert "src=" in attrs or "application/ld+json" in attrs, (path, code[:80])
        assert not re.search(r"\son[a-z]+=", html), path


def test_the_editors_import_map_runs_only_with_the_requests_nonce(client, editor):
    article = make_article(by=editor)
    client.force_login(editor)

    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
    assert f'<script type="importmap" nonce="{nonce}">' in response.text


def failed_login(client, username, address="203.0.113.7", **extra):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": "wrong-password"},
        REMOTE_ADDR=address,
        **extra,
    )


def test_repeated_failures_lock_out_that_username_from_that_address(client):
    make_user("Editor", username="min", password=PASSWORD)
    for _ in range(5):
        failed_login(client, "min")

    locked = client.post(
        reverse("admin:login"),
        {"username": "min", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )

    assert locked.status_code == 429
    assert "Too many failed logins" in locked.text


def test_a_lockout_spares_colleagues_behind_the_same_address(client):
    make_user("Editor", username="min", password=PASSWORD)
    make_user("Journalist", username="jun", password=PASSWORD)
    for _ in range(5):
        failed_login(client, "min")

    colleague = client.post(
        reverse("admin:login"),
        {"username": "jun", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.7",
    )

    assert colleague.status_code == 302
    assert colleague["Location"] == "/admin/"


def test_forwarded_address_counts_only_behind_a_trusted_proxy(settings):
    settings.NEWSDESK_TRUSTED_PROXIES = ["10.0.0.0/8"]
    forged = {"HTTP_X_FORWARDED_FOR": "198.51.100.1, 192.0.2.9"}
    factory = RequestFactory()

    through_proxy = factory.get("/", REMOTE_ADDR="10.1.2.3", **forged)
    direct = factory.get("/", REMOTE_ADDR="192.0.2.50", **forged)

    assert client_ip(through_proxy) == "192.0.2.9"
    assert client_ip(direct) == "192.0.2.50"

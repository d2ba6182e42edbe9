"""Two app servers, one database, one Redis: nothing lives in an app process.

Starts two gunicorn instances on the test database and a Redis database of their own,
and drives them over HTTP as a browser and a reader would. Needs Redis
(NEWSDESK_TEST_REDIS_URL, default redis://127.0.0.1:6379/14): without it the test is
skipped with a message, except where NEWSDESK_REQUIRE_REDIS=1 (CI), where it fails.
"""

import datetime
import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from images.models import Image
from newsdesk import demo
from tests.factories import make_article, picture_bytes

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("NEWSDESK_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
PASSWORD = "scale-out-password-1"


def redis_or_skip():
    import redis

    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        client.flushdb()
    except redis.RedisError as error:
        message = f"Scale-out test: Redis not reachable at {REDIS_URL} ({error})"
        if os.environ.get("NEWSDESK_REQUIRE_REDIS") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{db['NAME']}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(autouse=True)
def fresh_cache():
    redis_or_skip()


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    redis_or_skip()
    tmp_path = tmp_path_factory.mktemp("scale-out")
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CACHE_URL": REDIS_URL,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "scale-out-" + uuid.uuid4().hex * 2,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SERVE_MEDIA": "true",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    ports = [free_port(), free_port()]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "newsdesk.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            wait_until(lambda url=url: fetch(url + "/robots.txt")[0] == 200, 20)
        yield urls
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)


def fetch(url, opener=None, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=5) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


def wait_until(condition, seconds, step=0.05):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return time.monotonic()
        time.sleep(step)
    raise AssertionError(f"not true within {seconds} s")


def logged_in(base, username):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    fetch(f"{base}/admin/login/", opener)
    token = next(c.value for c in jar if c.name == "csrftoken")
    form = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    status, _ = fetch(f"{base}/admin/login/?next=/admin/", opener, form)
    assert status == 200
    # Logging in rotates the CSRF token: read it from the jar when posting.
    opener.jar = jar
    return opener


def post(opener, url, fields, files=None):
    boundary = uuid.uuid4().hex
    parts = []
    token = next(c.value for c in opener.jar if c.name == "csrftoken")
    for name, value in {**fields, "csrfmiddlewaretoken": token}.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
            f"\r\n\r\n{value}\r\n".encode()
        )
    for name, (filename, content) in (files or {}).items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    headers = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Referer": url,
    }
    return fetch(url, opener, body, headers)


def shows(base, headline):
    status, body = fetch(f"{base}/stories/")
    return status == 200 and headline.encode() in body


def test_a_publish_on_one_server_shows_on_the_other_within_a_second(servers):
    one, other = servers
    demo.ensure_accounts(PASSWORD)
    article = make_article(status="in_review", headline="Scale-out scoop")
    assert not shows(other, "Scale-out scoop")  # now cached on the other server

    editor = logged_in(one, "editor")
    status, _ = post(
        editor,
        f"{one}/admin/articles/article/{article.pk}/transition/",
        {"action": "publish"},
    )
    published = time.monotonic()

    assert status == 200
    seen = wait_until(lambda: shows(other, "Scale-out scoop"), 1.0)
    assert seen - published < 1.0


def test_a_scheduled_story_comes_due_on_both_servers_at_once(servers):
    one, _ = servers
    demo.ensure_accounts(PASSWORD)
    article = make_article(status="in_review", headline="Due together")
    due = (timezone.now() + datetime.timedelta(seconds=4)).replace(microsecond=0)
    editor = logged_in(one, "editor")
    when = timezone.localtime(due).strftime("%Y-%m-%dT%H:%M:%S")
    url = f"{one}/admin/articles/article/{article.pk}/transition/"
    assert post(editor, url, {"action": "schedule", "publish_at": when})[0] == 200
    assert not any(shows(url, "Due together") for url in servers)  # cached, absent

    time.sleep(max(0.0, (due - timezone.now()).total_seconds() - 0.4))
    early = [shows(url, "Due together") for url in servers]
    seen = [
        wait_until(lambda url=url: shows(url, "Due together"), 2.0) for url in servers
    ]

    assert early == [False, False]
    assert abs(seen[0] - seen[1]) < 1.0
    assert Article.objects.live().filter(pk=article.pk).exists()


def test_an_image_uploaded_through_one_server_is_served_by_the_other(servers):
    one, other = servers
    demo.ensure_accounts(PASSWORD)
    editor = logged_in(one, "editor")

    status, _ = post(
        editor,
        f"{one}/admin/images/image/add/",
        {
            "kind": "still",
            "alt_text": "A still",
            "credit": "tvN",
            "focal_x": "0.5",
            "focal_y": "0.5",
            "_save": "Save",
        },
        files={"file": ("still.jpg", picture_bytes(size=(800, 600)))},
    )

    assert status == 200
    image = Image.objects.get(alt_text="A still")
    rendition = image.renditions.first()
    for url in [image.file.url, rendition.file.url]:
        status, body = fetch(other + url)
        assert status == 200, url
        assert body[:3] in {b"\xff\xd8\xff", b"RIF"} or body[4:8] == b"ftyp"

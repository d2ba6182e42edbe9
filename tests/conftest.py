import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    # Hashed static names need collectstatic; tests render {% static %} without it.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": plain}


@pytest.fixture(autouse=True)
def empty_cache():
    # Cached pages and the page generation would outlive each test's database.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def disk_full_at(monkeypatch):
    """disk_full_at(n): the nth rendition encode from here on raises OSError("disk
    full"), as a full disk would. Returns the formats encoded, the failed one last."""
    from newsdesk import imaging

    def arrange(n):
        encode, calls = imaging.encode, []

        def encode_then_fail(frame, fmt):
            calls.append(fmt)
            if len(calls) == n:
                raise OSError("disk full")
            return encode(frame, fmt)

        monkeypatch.setattr(imaging, "encode", encode_then_fail)
        return calls

    return arrange


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", password="pw-chief-1")
    client.force_login(user)
    return client


@pytest.fixture
def journalist(db):
    from tests.factories import make_user

    return make_user("Journalist", username="jo")


@pytest.fixture
def editor(db):
    from tests.factories import make_user

    return make_user("Editor", username="ed")

"""newsdesk.addresses: the same address reverse() gives, without a reverse() each."""

import pytest
from django.urls import reverse, set_script_prefix

from newsdesk.addresses import address


@pytest.mark.parametrize(
    ("viewname", "key"),
    [
        ("articles:detail", "when-the-stars-gossip-poster"),
        ("people:detail", "lee-min-ho"),
        ("dramas:detail", "when-the-stars-gossip-2"),
        ("admin:articles_article_change", "a b\tc"),
        ("admin:auth_user_change", "é/?#%"),
        ("admin:auth_user_change", "__key__"),
    ],
)
def test_an_address_is_what_reverse_gives(viewname, key):
    assert address(viewname, key) == reverse(viewname, args=[key])


def test_an_address_follows_the_script_prefix():
    try:
        set_script_prefix("/news/")
        assert address("articles:detail", "x") == "/news/stories/x/"
    finally:
        set_script_prefix("/")
    assert address("articles:detail", "x") == "/stories/x/"


def test_an_address_follows_the_url_configuration(settings):
    assert address("articles:detail", "x") == "/stories/x/"

    settings.ROOT_URLCONF = "tests.other_urls"

    assert address("articles:detail", "x") == "/elsewhere/x/"

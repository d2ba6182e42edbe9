import pytest
from django.core.paginator import EmptyPage

from articles.models import Article
from newsdesk.paging import CappedPaginator
from tests.factories import make_article

pytestmark = pytest.mark.django_db


class TwoPages(CappedPaginator):
    max_pages = 2


def test_capped_paginator_counts_up_to_its_last_page(django_assert_num_queries):
    for _ in range(5):
        make_article()

    paginator = TwoPages(Article.objects.order_by("pk"), 2)

    with django_assert_num_queries(1):
        assert paginator.count == 4
    assert paginator.num_pages == 2


def test_capped_paginator_finds_no_page_past_the_cap():
    for _ in range(5):
        make_article()

    paginator = TwoPages(Article.objects.order_by("pk"), 2)

    assert len(paginator.page(2).object_list) == 2
    with pytest.raises(EmptyPage):
        paginator.page(3)


def test_capped_paginator_counts_a_short_list_exactly():
    paginator = TwoPages(["a", "b", "c"], 2)

    assert paginator.count == 3
    assert list(paginator.page(2).object_list) == ["c"]

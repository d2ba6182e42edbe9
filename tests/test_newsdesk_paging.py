import pytest
from django.core.paginator import EmptyPage

from articles.models import Article
from newsdesk.paging import CappedPaginator, OpenEndedPaginator
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


def newest_first():
    return Article.objects.order_by("-pk")


def test_open_ended_paginator_reads_keys_then_rows_on_any_page(
    django_assert_num_queries,
):
    made = [make_article() for _ in range(7)]

    with django_assert_num_queries(2):
        page = OpenEndedPaginator(newest_first(), 3).get_page("2")

    assert [a.pk for a in page] == [a.pk for a in reversed(made)][3:6]
    assert page.has_previous() and page.has_next()
    assert (page.previous_page_number(), page.next_page_number()) == (1, 3)


def test_open_ended_paginator_knows_the_last_page_without_counting():
    for _ in range(6):
        make_article()

    last = OpenEndedPaginator(newest_first(), 3).get_page(2)

    assert len(last) == 3 and not last.has_next() and not last.is_past_the_end


def test_open_ended_paginator_page_past_the_end_is_empty_and_says_so():
    make_article()

    page = OpenEndedPaginator(newest_first(), 3).get_page(9)

    assert list(page) == [] and page.is_past_the_end and not page.has_next()


def test_open_ended_paginator_page_past_its_reach_is_empty_and_says_how_far_it_goes(
    django_assert_num_queries,
):
    make_article()

    with django_assert_num_queries(0):
        page = OpenEndedPaginator(newest_first(), 3, max_pages=10).get_page("11")

    assert list(page) == [] and page.beyond_reach == 10 and not page.is_past_the_end
    assert not page.has_next() and page.has_previous()


@pytest.mark.parametrize("asked", [None, "", "abc", "-3", "0", "1.5"])
def test_open_ended_paginator_reads_nonsense_as_page_one(asked):
    make_article()

    page = OpenEndedPaginator(newest_first(), 3).get_page(asked)

    assert page.number == 1 and len(page) == 1 and not page.has_other_pages()

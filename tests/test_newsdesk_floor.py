def test_floor_is_not_found_by_default(client, db):
    response = client.get("/_bench/floor/")

    assert response.status_code == 404


def test_floor_answers_without_a_query_when_the_benchmark_turns_it_on(
    client, db, settings, django_assert_num_queries
):
    settings.NEWSDESK_BENCH_FLOOR = True
    settings.PUBLIC_PAGE_MAX_AGE = 0  # the page cache's own lookups aside

    with django_assert_num_queries(0):
        response = client.get("/_bench/floor/")

    assert response.status_code == 200
    assert response.content == b"floor"

import pytest
from django.template.loader import render_to_string
from django.views.defaults import server_error


# No django_db mark: a query while rendering would fail these tests.
def test_500_page_renders_without_context_or_database():
    html = render_to_string("500.html")

    assert "Something went wrong" in html
    assert "/static/css/site.css" in html


def test_500_handler_serves_the_designed_page(rf):
    response = server_error(rf.get("/dramas/"))

    assert response.status_code == 500
    assert '<link rel="stylesheet"' in response.content.decode()


@pytest.mark.django_db
def test_404_page_is_in_site_design_and_not_indexed(client):
    response = client.get("/no/such/page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert '<nav class="site-nav"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html

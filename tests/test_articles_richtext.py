import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;'
    ':alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<p onclick=alert(1)>click</p>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    "<base href=javascript:alert(1)//>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "<h2 onmouseover=alert(1)>Title</h2>",
    "<blockquote cite=javascript:alert(1) onmouseover=alert(1)>q</blockquote>",
    '<a href="https://ok.example" onmouseover=alert(1)>ok</a>',
    '<img src="x" srcset="javascript:alert(1)">',
    "<!--<script>alert(1)</script>-->",
    "<div><scr<script>ipt>alert(1)</scr</script>ipt></div>",
]
DANGEROUS = [
    "<script",
    "javascript:",
    "vbscript:",
    "data:text",
    "onerror",
    "onload",
    "onclick",
    "onmouseover",
    "onfocus",
    "ontoggle",
    "onstart",
    "<iframe",
    "<svg",
    "<style",
    "<object",
    "<embed",
    "<img",
    "<form",
    "<meta",
    "<base",
    "style=",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_body_is_stripped_of_script_on_save(payload):
    article = make_article(body=f"<p>Before</p>{payload}<p>After</p>")

    article.refresh_from_db()
    lowered = article.body.lower()
    assert not [bad for bad in DANGEROUS if bad in lowered], article.body
    # Prose before the payload survives; an unclosed raw-text element (<style>) may
    # swallow what follows it, as a browser would.
    assert article.body.startswith("<p>Before</p>")


def test_allowed_markup_survives_the_sanitizer():
    body = (
        "<h2>Cast</h2><p><strong>Lee Min Ho</strong> and <em>Gong Hyo Jin</em>.</p>"
        "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>quote</p></blockquote>"
        '<p><a href="https://tvn.example/show">tvN</a> '
        '<a href="mailto:desk@news.example">mail</a></p><h3>h3</h3><h4>h4</h4>'
    )

    article = make_article(body=body)

    for tag in [
        "<h2>",
        "<strong>",
        "<em>",
        "<ul>",
        "<ol>",
        "<blockquote>",
        "<h3>",
        "<h4>",
    ]:
        assert tag in article.body
    assert 'href="https://tvn.example/show"' in article.body
    assert 'href="mailto:desk@news.example"' in article.body


def test_sanitized_body_is_what_readers_get(client, editor):
    article = make_article(
        body="<p>Hi</p><script>alert(1)</script><img src=x onerror=alert(1)>",
        status=Article.Status.PUBLISHED,
        publish_at="2024-12-16T01:00Z",
    )

    page = client.get(article.get_absolute_url())

    assert "alert(1)" not in page.text
    assert "<p>Hi</p>" in page.text


def test_body_posted_through_the_admin_is_sanitized(client, editor):
    client.force_login(editor)

    client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "Poster out",
            "kind": "news",
            "body": '<p onclick="x()">Text</p><script>alert(1)</script>',
            "byline_set-TOTAL_FORMS": "0",
            "byline_set-INITIAL_FORMS": "0",
        },
    )

    assert Article.objects.get().body == "<p>Text</p>"

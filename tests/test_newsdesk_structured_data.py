import datetime
import json

from newsdesk.structured_data import ld_json


def test_ld_json_wraps_data_in_a_script_element():
    html = ld_json({"@type": "Thing", "startDate": datetime.date(2025, 1, 4)})

    assert html.startswith('<script type="application/ld+json">')
    assert json.loads(
        html.removeprefix('<script type="application/ld+json">')[:-9]
    ) == {
        "@type": "Thing",
        "startDate": "2025-01-04",
    }


def test_ld_json_escapes_characters_that_could_end_the_script():
    html = ld_json({"name": "</script><!-- & -->"})

    body = html.removeprefix('<script type="application/ld+json">')[:-9]
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == {"name": "</script><!-- & -->"}


def test_ld_json_keeps_hangul_readable():
    assert "별들에게 물어봐" in ld_json({"name": "별들에게 물어봐"})

"""The JSON twins are written by orjson (search_web/json_provider.py): the same JSON the standard
encoder wrote, for real answers and for the types only Flask's default knows."""

from __future__ import annotations

import dataclasses
import datetime
import json

from markupsafe import Markup

PATHS = [
    "/search.json?q=统计",
    "/search.json?q=科右前旗+OR+突泉县&kind=clause",
    "/search.json?q=兴署发〔2022〕6号",
    "/search.json?year=2022&kind=document",
    "/chronicle.json",
    "/groups.json",
]


def _standard(obj, app) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=app.json.default) + "\n").encode()


def test_answers_are_what_the_standard_encoder_writes(app, client):
    for path in PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.mimetype == "application/json"
        data = json.loads(response.data)
        assert response.data == _standard(data, app), path
        assert "\\u" not in response.get_data(as_text=True)[:2000]  # Chinese as it is, not escaped


def test_types_only_flask_knows_mean_what_they_meant(app):
    @dataclasses.dataclass
    class Pair:
        name: str
        when: datetime.date

    obj = {
        "date": datetime.date(2022, 3, 1),
        "moment": datetime.datetime(2022, 3, 1, 8, 30, tzinfo=datetime.timezone.utc),
        "pair": Pair("兴署发", datetime.date(2023, 1, 2)),
        "markup": Markup("<b>统计</b>"),
        7: "int key",
    }
    with app.app_context():
        written = app.json.response(obj).get_data()
        assert written == _standard(obj, app)
        assert json.loads(written)["date"] == "Tue, 01 Mar 2022 00:00:00 GMT"
        huge = {
            "n": 2**70,
            "f": type("Sub", (float,), {})(1.5),
        }  # orjson refuses these: the standard encoder writes them
        assert app.json.response(huge).get_data() == _standard(huge, app)
        assert app.json.dumps(obj) == json.dumps(
            obj, ensure_ascii=False, default=app.json.default, separators=(",", ":")
        )

"""store.write_json: what it writes reads back as the data, Chinese unescaped, whichever encoder wrote it."""

from __future__ import annotations

import json

from indexer import store


def test_json_reads_back_as_the_data(tmp_path):
    data = {"标题": "兴安盟行政公署关于印发《统计工作规范》的通知", "n": [1, 2.5, None, True], "嵌套": {"a": []}}
    store.write_json(tmp_path / "sub" / "a.json", data)
    raw = (tmp_path / "sub" / "a.json").read_bytes()
    assert json.loads(raw) == data
    assert "兴安盟".encode() in raw  # not \\u escapes


def test_a_value_orjson_refuses_is_written_by_the_standard_encoder(tmp_path):
    data = {"big": 2**70, 3: "int key"}
    store.write_json(tmp_path / "b.json", data)
    assert json.loads((tmp_path / "b.json").read_text(encoding="utf-8")) == {"big": 2**70, "3": "int key"}

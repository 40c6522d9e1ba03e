import re
import shutil

import pytest

from analyzers import segment
from analyzers.segment import analysis_fingerprint, cut_words


def words(text):
    return [w for w, _, _ in cut_words(text)]


@pytest.mark.parametrize(
    "sentence, word",
    [
        ("科右前旗人民政府", "科右前旗"),
        ("各科右前旗要", "科右前旗"),
        ("突泉县人民政府", "突泉县"),
        ("乌兰浩特市人民政府", "乌兰浩特市"),
        ("内蒙古兴安军分区关于印发", "兴安军分区"),
        ("科右中旗、扎赉特旗", "科右中旗"),
        ("各旗县市人民政府，盟直有关部门", "旗县市"),
        ("各旗县市人民政府，盟直有关部门", "盟直"),
        ("秸秆禁烧管控工作", "秸秆禁烧"),
        ("兴安盟军人随军家属就业安置办法", "随军家属"),
        ("分送盟统计局。", "盟统计局"),
        ("由盟商务口岸局牵头", "盟商务口岸局"),
    ],
)
def test_userdict_keeps_local_names_whole(sentence, word):
    assert word in words(sentence)


def test_cut_words_offsets_and_whitespace():
    text = "启动 应急响应\n预案"
    got = cut_words(text)
    assert all(text[s:e] == w for w, s, e in got)
    assert all(not w.isspace() for w, _, _ in got)
    assert [w for w, _, _ in got] == ["启动", "应急", "响应", "预案"]


def test_tokenizer_is_created_once():
    assert segment.get_tokenizer() is segment.get_tokenizer()


def test_userdict_file_format():
    for line in segment.USERDICT_PATH.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        assert len(parts) == 3, line
        assert parts[1].isdigit(), line


def test_fingerprint_stable_and_hex():
    fp = analysis_fingerprint()
    assert fp == analysis_fingerprint()
    assert re.fullmatch(r"[0-9a-f]{64}", fp), fp  # a SHA-256 in hex


def test_fingerprint_changes_with_userdict(tmp_path, monkeypatch):
    before = analysis_fingerprint()
    copy = tmp_path / "userdict.txt"
    shutil.copy(segment.USERDICT_PATH, copy)
    monkeypatch.setattr(segment, "USERDICT_PATH", copy)
    assert analysis_fingerprint() == before  # same bytes, same fingerprint
    with copy.open("a", encoding="utf-8") as f:
        f.write("好腰苏木 3000 ns\n")
    assert analysis_fingerprint() != before


def test_fingerprint_changes_with_analyzer_version(monkeypatch):
    before = analysis_fingerprint()
    monkeypatch.setattr(segment, "ANALYZER_VERSION", segment.ANALYZER_VERSION + "-x")
    assert analysis_fingerprint() != before


def test_lazy_init_is_thread_safe(monkeypatch):
    import threading

    monkeypatch.setattr(segment, "_tokenizer", None)
    created = []
    real = segment.jieba.Tokenizer

    def counting_tokenizer(*a, **kw):
        tk = real(*a, **kw)
        created.append(tk)
        return tk

    monkeypatch.setattr(segment.jieba, "Tokenizer", counting_tokenizer)
    barrier = threading.Barrier(8)
    got = []

    def worker():
        barrier.wait()
        got.append(segment.get_tokenizer())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(created) == 1
    assert all(tk is created[0] for tk in got)
    assert "科右前旗" in [w for w, _, _ in cut_words("科右前旗")]

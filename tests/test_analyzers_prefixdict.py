"""The prefix file (analyzers.prefixdict): a tokenizer that reads jieba's dictionary one first
character at a time segments exactly as the tokenizer with the whole dictionary does."""

from __future__ import annotations

import jieba
import pytest

from analyzers import prefixdict, segment
from corpus import BUNDLED_CORPUS

SMALL_DICT = "兴安盟 50 ns\n行政公署 40 n\n行政 30 n\n公署 20 n\n统计 30 v\n统计局 25 n\n工作 60 n\n"


@pytest.fixture(scope="module")
def small_tokenizer(tmp_path_factory):
    path = tmp_path_factory.mktemp("dict") / "small.txt"
    path.write_text(SMALL_DICT, encoding="utf-8")
    tk = jieba.Tokenizer(str(path))
    tk.tmp_dir = str(path.parent)  # jieba's cache of this made-up dictionary stays with it
    tk.initialize()
    return tk


@pytest.fixture(scope="module")
def full_prefix_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("prefix") / "prefixdict.bin"
    return path, segment.save_prefix_dictionary(path)


def test_made_up_dictionary_segments_alike(small_tokenizer, tmp_path):
    path = tmp_path / "small.bin"
    sha = prefixdict.write(small_tokenizer.FREQ, small_tokenizer.total, path)
    bucketed = prefixdict.BucketedTokenizer(path, sha)
    assert bucketed.FREQ == {} and bucketed.total == small_tokenizer.total  # nothing read yet
    for sentence in ["兴安盟行政公署统计局工作", "统计工作", "行政", "无词之句", "ABC 统计 123", ""]:
        assert list(bucketed.cut(sentence)) == list(small_tokenizer.cut(sentence)), sentence
    # only the buckets of the characters seen were read
    assert set(bucketed.FREQ) <= {k for k in small_tokenizer.FREQ if k[0] in "兴行统工公"}
    assert "兴安盟" in bucketed.FREQ and "公署" in bucketed.FREQ


def test_the_bundled_corpus_segments_alike_with_the_real_dictionary(full_prefix_file):
    path, sha = full_prefix_file
    full = segment.get_tokenizer()
    bucketed = prefixdict.BucketedTokenizer(path, sha)
    lines = sorted(
        {line for p in sorted(BUNDLED_CORPUS.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()}
    )
    assert len(lines) > 800
    differing = [line for line in lines if list(bucketed.cut(line)) != list(full.cut(line))]
    assert differing == []
    assert 0 < len(bucketed.FREQ) < len(full.FREQ)  # the corpus's characters, not the whole dictionary
    bucketed.load_all()
    assert bucketed.FREQ == full.FREQ and bucketed.total == full.total


def test_user_dictionary_words_are_in_the_file(full_prefix_file):
    path, sha = full_prefix_file
    bucketed = prefixdict.BucketedTokenizer(path, sha)
    assert "科右前旗" in list(bucketed.cut("科右前旗人民政府"))


def test_a_damaged_or_foreign_file_is_refused(full_prefix_file, tmp_path):
    path, sha = full_prefix_file
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    flipped = tmp_path / "flipped.bin"
    flipped.write_bytes(bytes(data))
    with pytest.raises(prefixdict.PrefixFileError, match="与建索引时写入的内容不符"):
        prefixdict.BucketedTokenizer(flipped, sha)
    foreign = tmp_path / "foreign.bin"
    foreign.write_bytes(b"not a prefix file at all")
    with pytest.raises(prefixdict.PrefixFileError, match="不是分词词典文件"):
        prefixdict.BucketedTokenizer(foreign)
    with pytest.raises(FileNotFoundError):
        prefixdict.BucketedTokenizer(tmp_path / "missing.bin")

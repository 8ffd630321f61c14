"""Segmentation on the real seed reports: exact offsets, user words, pkuseg when installed."""

from __future__ import annotations

import random
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import segment
from kg.segment import (
    FETCH_PKUSEG_COMMAND,
    PKUSEG_MODEL_ENV,
    Segmenter,
    SegmenterUnavailable,
    add_words,
    align,
    clear_cache,
    get_segmenter,
    pkuseg_available,
    pkuseg_model_dir,
    read_user_dict,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
KZHQ = ROOT / "seeds" / "000_102fbaa1620b6f72.txt"  # 科左后旗 report
ZHAOYUAN = ROOT / "seeds" / "002_ebcb9aa3a8a5b78d.txt"  # mentions 两不愁三保障

needs_pkuseg = pytest.mark.skipif(
    not pkuseg_available(),
    reason=f"pkuseg model not installed at {pkuseg_model_dir()}; run: {FETCH_PKUSEG_COMMAND}",
)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def assert_exact_cover(text: str, tokens: list[tuple[str, int, int]]) -> None:
    """Tokens tile the text: contiguous, monotone, non-empty, each equal to its slice."""
    pos = 0
    for word, start, end in tokens:
        assert start == pos, f"gap or overlap before {word!r} at {start} (expected {pos})"
        assert end > start
        assert text[start:end] == word
        pos = end
    assert pos == len(text)


def whole_token_count(tokens: list[tuple[str, int, int]], word: str) -> int:
    return sum(1 for w, _, _ in tokens if w == word)


@pytest.fixture
def fresh() -> Iterator[None]:
    """Isolate tests that add words: no cached segmenters or run-time words leak in or out."""
    clear_cache()
    yield
    clear_cache()


@pytest.fixture(scope="module")
def pkuseg_seg() -> Iterator[Segmenter]:
    clear_cache()
    yield get_segmenter("pkuseg")
    clear_cache()


def test_seeds_present() -> None:
    assert len(SEEDS) == 5


@pytest.mark.parametrize("name", ["jieba", "jieba-pos"])
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_jieba_offsets_cover_seed(name: str, path: Path) -> None:
    text = read(path)
    assert_exact_cover(text, get_segmenter(name).cut(text))


def test_cut_tagged_matches_cut_and_has_tags() -> None:
    seg = get_segmenter("jieba-pos")
    text = read(KZHQ)
    tagged = seg.cut_tagged(text)  # type: ignore[attr-defined]
    assert [(w, s, e) for w, s, e, _ in tagged] == seg.cut(text)
    tags = {w: t for w, _, _, t in tagged}
    assert tags["内蒙古"] == "ns"
    assert all(t for _, _, _, t in tagged)


def test_segmenters_are_cached_per_name() -> None:
    assert get_segmenter("jieba") is get_segmenter("jieba")
    assert get_segmenter("jieba") is not get_segmenter("jieba-pos")


def test_unknown_name_is_rejected() -> None:
    with pytest.raises(ValueError, match="jieba"):
        get_segmenter("thulac")


@pytest.mark.parametrize("name", ["jieba", "jieba-pos"])
def test_add_words_keeps_user_words_whole(fresh: None, name: str) -> None:
    text = read(KZHQ)
    n = text.count("科左后旗")
    assert n > 0
    seg = get_segmenter(name)
    assert whole_token_count(seg.cut(text), "科左后旗") < n  # jieba splits it unaided
    add_words([("科左后旗", "ns"), ("两不愁三保障", "nz")])
    tokens = seg.cut(text)
    assert whole_token_count(tokens, "科左后旗") == n
    assert_exact_cover(text, tokens)
    zy = read(ZHAOYUAN)
    assert whole_token_count(seg.cut(zy), "两不愁三保障") == zy.count("两不愁三保障") > 0


def test_added_words_reach_segmenters_built_later(fresh: None) -> None:
    add_words([("科左后旗", "ns")])
    text = read(KZHQ)
    tagged = get_segmenter("jieba-pos").cut_tagged(text)  # type: ignore[attr-defined]
    hits = [t for w, _, _, t in tagged if w == "科左后旗"]
    assert len(hits) == text.count("科左后旗")
    assert set(hits) == {"ns"}


def test_user_dict_file(fresh: None, tmp_path: Path) -> None:
    path = tmp_path / "user_dict.txt"
    path.write_text("# project words\n科左后旗 50 ns\n两不愁三保障 nz\n乌旦塔拉\n", encoding="utf-8")
    assert read_user_dict(path) == [("科左后旗", "ns"), ("两不愁三保障", "nz"), ("乌旦塔拉", "")]
    text = read(KZHQ)
    tokens = get_segmenter("jieba", user_dict=path).cut(text)
    assert whole_token_count(tokens, "科左后旗") == text.count("科左后旗")
    assert get_segmenter("jieba", user_dict=path) is not get_segmenter("jieba")


def test_missing_user_dict_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        get_segmenter("jieba", user_dict=tmp_path / "nope.txt")


def test_align_restores_whitespace_and_rejects_drift() -> None:
    text = " \u3000两不愁  三保障\n"
    tokens = list(align(text, ["两不愁", "三保障"]))
    assert tokens == [(" \u3000", 0, 2), ("两不愁", 2, 5), ("  ", 5, 7), ("三保障", 7, 10), ("\n", 10, 11)]
    with pytest.raises(ValueError):
        list(align("两不愁三保障", ["两不愁", "三保"]))
    with pytest.raises(ValueError):
        list(align("两不愁三保障", ["两不", "三保障"]))
    assert list(align("", [])) == []


def _fuzz_texts(n: int) -> list[str]:
    """Random splices of seed text with awkward characters (spaces, NBSP, CRLF, latin, digits)."""
    rng = random.Random(20240601)
    pool = "".join(read(p) for p in SEEDS)
    extras = [" ", "\u00a0", "\u3000", "\r\n", "\t", "GDP", "6.5%", "A+", "#", "..", "——", "~"]
    out = ["", " ", "\n\n", "\u00a0科左后旗\u00a0"]
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.4:
                parts.append(rng.choice(extras))
            else:
                i = rng.randrange(len(pool) - 40)
                parts.append(pool[i : i + rng.randint(1, 40)])
        out.append("".join(parts))
    return out


@pytest.mark.parametrize("name", ["jieba", "jieba-pos"])
def test_fuzz_offsets(name: str) -> None:
    seg = get_segmenter(name)
    for text in _fuzz_texts(300):
        assert_exact_cover(text, seg.cut(text))


def test_pkuseg_missing_model_message(fresh: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PKUSEG_MODEL_ENV, str(tmp_path / "no-model"))
    with pytest.raises(SegmenterUnavailable) as info:
        get_segmenter("pkuseg")
    message = str(info.value)
    assert "\n" not in message
    assert FETCH_PKUSEG_COMMAND in message and str(tmp_path / "no-model") in message


def test_fetch_rejects_archive_with_wrong_model(tmp_path: Path) -> None:
    from kg.models import FetchError, extract_model, files_verified

    fake = tmp_path / "pkuseg-0.0.25-py3-none-any.whl"
    with zipfile.ZipFile(fake, "w") as zf:
        zf.writestr("pkuseg/models/default/features.pkl", b"not a model")
        zf.writestr("pkuseg/models/default/weights.npz", b"not weights")
    dest = tmp_path / "model"
    with pytest.raises(FetchError, match="sha256"):
        extract_model(fake, dest)
    assert not files_verified(dest)
    assert list(dest.iterdir()) == []  # nothing half-written is left behind


@needs_pkuseg
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_pkuseg_offsets_cover_seed(pkuseg_seg: Segmenter, path: Path) -> None:
    text = read(path)
    assert_exact_cover(text, pkuseg_seg.cut(text))


@needs_pkuseg
def test_pkuseg_fuzz_offsets(pkuseg_seg: Segmenter) -> None:
    for text in _fuzz_texts(100):
        assert_exact_cover(text, pkuseg_seg.cut(text))


@needs_pkuseg
def test_pkuseg_user_words(pkuseg_seg: Segmenter) -> None:
    text = read(ZHAOYUAN) + read(KZHQ)
    pkuseg_seg.add_words([("两不愁三保障", "nz"), ("科左后旗", "ns")])  # type: ignore[attr-defined]
    tokens = pkuseg_seg.cut(text)
    assert_exact_cover(text, tokens)
    assert whole_token_count(tokens, "两不愁三保障") == text.count("两不愁三保障")
    assert whole_token_count(tokens, "科左后旗") == text.count("科左后旗")


def test_default_model_dir_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(PKUSEG_MODEL_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert segment.pkuseg_model_dir() == tmp_path / "kg-gwr" / "pkuseg" / "default"
    monkeypatch.setenv(PKUSEG_MODEL_ENV, str(tmp_path / "m"))
    assert segment.pkuseg_model_dir() == (tmp_path / "m").resolve()

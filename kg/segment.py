"""Word segmentation behind one small interface.

Why: extraction needs token boundaries with character offsets into the original report text,
and we want to swap the segmenter (jieba, jieba with POS tags, pkuseg) by a setting without
touching the callers. Every backend returns ``(word, start, end)`` triples that cover the text
exactly (``text[start:end] == word``, offsets monotone, nothing dropped), so downstream code can
map tokens back to spans without re-searching.

jieba (MIT, dictionary shipped in the wheel) is the default. pkuseg is optional: its model is not
in the spacy-pkuseg wheel and its licence is unclear ("for research use"), so it must be
installed separately with ``python -m kg.models fetch-pkuseg``.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import marshal
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

Token = tuple[str, int, int]
TaggedToken = tuple[str, int, int, str]

PROJECT_USER_DICT = Path(__file__).resolve().parent / "lexicons" / "user_dict.txt"
PKUSEG_MODEL_ENV = "KG_PKUSEG_MODEL"
PKUSEG_MODEL_FILES = ("features.pkl", "weights.npz")
FETCH_PKUSEG_COMMAND = "python -m kg.models fetch-pkuseg"
NAMES = ("jieba", "jieba-pos", "pkuseg")


class Segmenter(Protocol):
    """What callers rely on: a name and exact-cover offsets."""

    name: str

    def cut(self, text: str) -> list[Token]: ...


class SegmenterUnavailable(RuntimeError):
    """A segmenter cannot be built here (e.g. its model is not installed)."""


def cache_root() -> Path:
    """Per-user cache folder for this project (XDG_CACHE_HOME honoured)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kg-gwr"


def default_pkuseg_dir() -> Path:
    """Where ``fetch-pkuseg`` installs the model when no --dest is given."""
    return cache_root() / "pkuseg" / "default"


def pkuseg_model_dir() -> Path:
    """Model folder to load: $KG_PKUSEG_MODEL if set, else the default install location."""
    env = os.environ.get(PKUSEG_MODEL_ENV)
    return Path(env).expanduser().resolve() if env else default_pkuseg_dir()


def pkuseg_available(model_dir: Path | None = None) -> bool:
    """True if the pkuseg model files are present (does not load them)."""
    folder = model_dir or pkuseg_model_dir()
    return all((folder / f).is_file() for f in PKUSEG_MODEL_FILES)


def read_user_dict(path: Path) -> list[tuple[str, str]]:
    """Parse a jieba-format dictionary (``word [freq] [tag]``) into (word, tag) pairs.

    Parsed here rather than by jieba so the same entries feed pkuseg, and so tags that jieba's
    own regex would reject (upper case) do not get glued onto the word.
    """
    entries: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        rest = parts[1:]
        if rest and rest[0].isdigit():
            rest = rest[1:]
        entries.append((parts[0], rest[0] if rest else ""))
    return entries


def align(text: str, words: Iterable[str]) -> Iterator[Token]:
    """Give offsets to a backend's word sequence; emit dropped whitespace as its own tokens.

    Raises ValueError if the backend changed any non-space character, so a silent offset drift
    can never reach the graph.
    """
    pos = 0
    for word in words:
        if not word:
            continue
        if not text.startswith(word, pos):
            gap_end = pos
            while gap_end < len(text) and text[gap_end].isspace():
                gap_end += 1
            if gap_end == pos or not text.startswith(word, gap_end):
                raise ValueError(f"segmenter output {word!r} does not match text at offset {pos}")
            yield text[pos:gap_end], pos, gap_end
            pos = gap_end
        yield word, pos, pos + len(word)
        pos += len(word)
    if pos < len(text):
        if text[pos:].strip():
            raise ValueError(f"segmenter dropped text at offset {pos}")
        yield text[pos:], pos, len(text)


def _new_jieba_tokenizer() -> Any:
    """A private jieba.Tokenizer (not the global one) with its cache in our cache folder."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    cache = cache_root() / "jieba"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tok.tmp_dir = str(cache)
    except OSError:
        pass  # jieba falls back to the system temp dir
    tok.initialize()
    global _BASE_FREQ, _BASE_TOTAL
    if _BASE_FREQ is None:  # copied before any user word is added: the dictionary as shipped
        _BASE_FREQ, _BASE_TOTAL = dict(tok.FREQ), tok.total
    return tok


_BASE_FREQ: dict[str, int] | None = None
_BASE_TOTAL = 0


@functools.lru_cache(maxsize=1)
def dictionary_tokenizer() -> Any:
    """A jieba.Tokenizer over the dictionary as shipped (no user words), like jieba's global one
    but sharing the segmenter's load of the dictionary instead of loading it again."""
    import jieba

    freq = dictionary_freq()
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = freq, _BASE_TOTAL, True
    return tok


def dictionary_freq() -> dict[str, int]:
    """jieba's word frequencies as shipped, shared with the segmenter's own load of the dictionary
    (a second load took half a second of every build that extracts a report)."""
    if _BASE_FREQ is None:
        _new_jieba_tokenizer()
    assert _BASE_FREQ is not None
    return _BASE_FREQ


@functools.lru_cache(maxsize=1)
def dictionary_tags() -> dict[str, str]:
    """jieba's dictionary tag per word, kept as a marshal file beside jieba's own cache: jieba
    parses its 5 MB dict.txt for these on every start."""
    import jieba

    src = Path(jieba.__file__).parent / "dict.txt"
    stamp = f"{jieba.__version__}-{src.stat().st_size}-{src.stat().st_mtime_ns}"
    cached = cache_root() / "jieba" / f"word_tag-{stamp}.marshal"
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        table = marshal.loads(cached.read_bytes())
        if isinstance(table, dict):
            return table
    import jieba.posseg

    table = dict(jieba.posseg.POSTokenizer(_new_jieba_tokenizer()).word_tag_tab)
    with contextlib.suppress(OSError):
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(table))
        os.replace(tmp, cached)
    return table


class JiebaSegmenter:
    """jieba precise mode with HMM for unknown words; fast (~400k chars/s)."""

    name = "jieba"

    def __init__(self, user_words: Iterable[tuple[str, str]] = ()) -> None:
        from kg.segment_fast import FastCut

        self._tok = _new_jieba_tokenizer()
        self._fast = FastCut(self._tok)
        self.add_words(user_words)

    def add_words(self, words: Iterable[tuple[str, str]]) -> None:
        """Add (word, tag) pairs; jieba picks a frequency that keeps each word whole."""
        for word, tag in words:
            self._tok.add_word(word, tag=tag or None)

    def cut(self, text: str) -> list[Token]:
        """jieba's own words (kg.segment_fast gives them twice as fast, with their offsets)."""
        return self._fast.cut(text)

    def slow_cut(self, text: str) -> list[Token]:
        """The same through jieba's own ``cut``: what tests compare ``cut`` with."""
        return list(align(text, self._tok.cut(text, cut_all=False, HMM=True)))


class JiebaPosSegmenter:
    """jieba.posseg: same boundaries family as jieba, plus part-of-speech tags."""

    name = "jieba-pos"

    def __init__(self, user_words: Iterable[tuple[str, str]] = ()) -> None:
        from jieba import posseg

        self._pos = posseg.POSTokenizer(tokenizer=_new_jieba_tokenizer())
        self.add_words(user_words)

    def add_words(self, words: Iterable[tuple[str, str]]) -> None:
        """Add (word, tag) pairs; the tag is what ``cut_tagged`` reports for the word."""
        for word, tag in words:
            self._pos.tokenizer.add_word(word, tag=tag or None)

    def cut_tagged(self, text: str) -> list[TaggedToken]:
        """(word, start, end, tag); whitespace gaps get tag 'x' like jieba's own."""
        pairs = [(p.word, p.flag) for p in self._pos.cut(text, HMM=True) if p.word]
        out: list[TaggedToken] = []
        index = 0  # align() yields the backend's words in order, plus any gap tokens
        for word, start, end in align(text, (w for w, _ in pairs)):
            if index < len(pairs) and pairs[index][0] == word:
                out.append((word, start, end, pairs[index][1]))
                index += 1
            else:
                out.append((word, start, end, "x"))
        return out

    def cut(self, text: str) -> list[Token]:
        return [(w, s, e) for w, s, e, _ in self.cut_tagged(text)]


class PkusegSegmenter:
    """spacy_pkuseg with the pkuseg 0.0.25 'default' model; ~10x slower than jieba, 4 s to load."""

    name = "pkuseg"

    def __init__(self, user_words: Iterable[tuple[str, str]] = (), model_dir: Path | None = None) -> None:
        folder = model_dir or pkuseg_model_dir()
        if not pkuseg_available(folder):
            raise SegmenterUnavailable(
                f"pkuseg model not found in {folder} (need {' and '.join(PKUSEG_MODEL_FILES)}); "
                f"install it with: {FETCH_PKUSEG_COMMAND}  (or set {PKUSEG_MODEL_ENV})"
            )
        import spacy_pkuseg

        # An absolute folder path is never one of spacy_pkuseg's downloadable model names,
        # so this never touches the network.
        entries = [(w, t) if t else w for w, t in user_words]
        # It prints "features.msgpack does not exist, try loading features.pkl" on every load.
        with contextlib.redirect_stderr(io.StringIO()):
            self._seg = spacy_pkuseg.pkuseg(model_name=str(folder.resolve()), user_dict=entries)

    def add_words(self, words: Iterable[tuple[str, str]]) -> None:
        """User words are forced as whole tokens by pkuseg's pre-segmentation trie."""
        for word, tag in words:
            self._seg.preprocesser.insert(word.strip(), tag.strip())

    def cut(self, text: str) -> list[Token]:
        return list(align(text, self._seg.cut(text)))


_lock = threading.Lock()
_cache: dict[tuple[str, Path | None], Any] = {}
_runtime_words: list[tuple[str, str]] = []


def _resolve_user_dict(user_dict: Path | None) -> Path | None:
    if user_dict is None:
        return PROJECT_USER_DICT if PROJECT_USER_DICT.is_file() else None
    path = Path(user_dict)
    if not path.is_file():
        raise FileNotFoundError(f"user dictionary not found: {path}")
    return path.resolve()


def get_segmenter(name: str = "jieba", user_dict: Path | None = None) -> Segmenter:
    """Build (once per name and dictionary) and return a segmenter.

    ``user_dict`` defaults to the project's kg/lexicons/user_dict.txt when it exists; words added
    with :func:`add_words` are applied to every segmenter, including ones built later.
    """
    if name not in NAMES:
        raise ValueError(f"unknown segmenter {name!r}; choose one of {', '.join(NAMES)}")
    dict_path = _resolve_user_dict(user_dict)
    key = (name, dict_path)
    with _lock:
        seg = _cache.get(key)
        if seg is None:
            words = (read_user_dict(dict_path) if dict_path else []) + _runtime_words
            if name == "jieba":
                seg = JiebaSegmenter(words)
            elif name == "jieba-pos":
                seg = JiebaPosSegmenter(words)
            else:
                seg = PkusegSegmenter(words)
            _cache[key] = seg
    return seg


def add_words(words: Iterable[tuple[str, str]]) -> None:
    """Add (word, tag) pairs at run time to all segmenters, now and later (e.g. gazetteer hits).

    jieba can keep a word whole only if every character is CJK, an ASCII letter or digit, or one
    of ``+#&._%-``; a word with other punctuation (·, （) is still split at that character.
    """
    new = [(w, t) for w, t in words if w and not w.isspace()]
    with _lock:
        _runtime_words.extend(new)
        for seg in _cache.values():
            seg.add_words(new)


def clear_cache() -> None:
    """Forget built segmenters and run-time words (tests, or after editing the user dict)."""
    with _lock:
        _cache.clear()
        _runtime_words.clear()

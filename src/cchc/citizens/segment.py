"""Vietnamese text into the features the feedback classifier counts.

Vietnamese writes one syllable per space-separated token, and a word is often two or three of them
("hồ sơ", "địa chính", "bồi dưỡng"): pyvi's ViTokenizer joins them ("hồ_sơ") so that the model
counts words rather than syllables. Some citizens type without marks ("can bo doi tien"): pyvi
cannot segment that, so every text also gives its unmarked syllables and syllable pairs, which is
what an unmarked text shares with the marked examples the model was trained on.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import pairwise
from typing import Protocol

from cchc.core.vn_format import strip_marks

_TOKEN = re.compile(r"\w+", re.UNICODE)


class _Tokenizer(Protocol):
    def tokenize(self, text: str) -> str: ...


@cache
def _tokenizer() -> _Tokenizer:
    # pyvi loads its CRF model at import (about 1 s): only when a text is first segmented.
    from pyvi import ViTokenizer

    tokenizer: _Tokenizer = ViTokenizer
    return tokenizer


def normalise(text: str) -> str:
    """NFC (one code point per marked letter, as typed on most keyboards) and lower case."""
    return unicodedata.normalize("NFC", text).lower()


def words(text: str) -> list[str]:
    """The text's words as pyvi segments them, syllables of one word joined by "_"."""
    segmented = _tokenizer().tokenize(normalise(text))
    return [token for token in segmented.split() if _TOKEN.fullmatch(token)]


def syllables(text: str) -> list[str]:
    """The text's syllables without marks (digits kept)."""
    return _TOKEN.findall(strip_marks(normalise(text)))


def features(text: str) -> list[str]:
    """What the model counts, each once: words, word pairs, unmarked syllables and pairs."""
    found = words(text)
    plain = syllables(text)
    names = [f"w:{w}" for w in found]
    names += [f"ww:{a} {b}" for a, b in pairwise(found)]
    names += [f"s:{s}" for s in plain]
    names += [f"ss:{a} {b}" for a, b in pairwise(plain)]
    return sorted(set(names))

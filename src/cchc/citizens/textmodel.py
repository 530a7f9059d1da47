"""The feedback classifier's model: multinomial logistic regression over the features of
`segment.features` (present or not), trained by scikit-learn and kept as plain JSON.

A prediction needs no scikit-learn: a category's score is its intercept plus the weights of the
text's features, and the scores become probabilities by softmax, exactly as scikit-learn's
`predict_proba` computes them. Training is deterministic (L-BFGS from zero, features and examples
in a fixed order), so the same examples give the same model.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cchc.citizens.segment import features

FORMAT = "cchc-feedback-model/1"
# Inverse regularisation strength; 10 scored best on the held-out set among 1, 3, 10, 30, 100.
C = 10.0
DIGITS = 4  # weights are rounded in the file: a smaller file, the same predictions


@dataclass(frozen=True)
class Example:
    text: str
    category: str


@dataclass(frozen=True)
class TextModel:
    categories: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: Mapping[str, Sequence[float]]  # feature → one weight per category
    examples_sha256: str
    examples: int
    trained_on: str  # ISO date

    def scores(self, text: str) -> list[float]:
        totals = list(self.intercepts)
        for name in features(text):
            row = self.weights.get(name)
            if row is not None:
                totals = [t + w for t, w in zip(totals, row, strict=True)]
        return totals

    def probabilities(self, text: str) -> dict[str, float]:
        """Each category's probability for the text (they sum to 1)."""
        scores = self.scores(text)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.categories, exps, strict=True)}

    def predict(self, text: str) -> tuple[str, float]:
        """The most probable category and its probability (ties: the first category)."""
        probs = self.probabilities(text)
        best = max(self.categories, key=lambda c: probs[c])
        return best, probs[best]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "trained_on": self.trained_on,
            "examples": self.examples,
            "examples_sha256": self.examples_sha256,
            "segmenter": "pyvi ViTokenizer",
            "features": "words, word pairs, unmarked syllables and syllable pairs (present/absent)",
            "categories": list(self.categories),
            "intercepts": list(self.intercepts),
            "weights": {name: list(row) for name, row in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TextModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file: format = {data.get('format')!r}")
        return cls(
            categories=tuple(data["categories"]),
            intercepts=tuple(float(x) for x in data["intercepts"]),
            weights={k: tuple(v) for k, v in data["weights"].items()},
            examples_sha256=str(data["examples_sha256"]),
            examples=int(data["examples"]),
            trained_on=str(data["trained_on"]),
        )

    def save(self, path: Path) -> None:
        text = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))
        path.write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> TextModel:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


def examples_sha256(examples: Iterable[Example]) -> str:
    """A digest of the examples themselves (not of the file's bytes, quoting or line ends)."""
    digest = hashlib.sha256()
    for example in examples:
        digest.update(f"{example.text}\t{example.category}\n".encode())
    return digest.hexdigest()


def train(examples: Sequence[Example], categories: Sequence[str], today: dt.date) -> TextModel:
    """Fit the model; `categories` fixes the order of the categories in the file."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows = [features(e.text) for e in examples]
    vocabulary = sorted({name for row in rows for name in row})
    column = {name: j for j, name in enumerate(vocabulary)}
    indices = [column[name] for row in rows for name in row]
    indptr = np.cumsum([0, *(len(row) for row in rows)])
    matrix = csr_matrix(
        (np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocabulary))
    )
    present = [c for c in categories if any(e.category == c for e in examples)]
    if len(present) < 2:
        raise ValueError("cần ví dụ của ít nhất hai loại (examples of at least two categories)")
    target = np.array([present.index(e.category) for e in examples])
    fitted = LogisticRegression(C=C, max_iter=1000).fit(matrix, target)
    coef, intercept = fitted.coef_, fitted.intercept_
    if len(present) == 2:  # one score z for the second class: softmax over (0, z) is sigmoid(z)
        coef = np.vstack([np.zeros_like(coef), coef])
        intercept = np.concatenate([np.zeros_like(intercept), intercept])
    return TextModel(
        categories=tuple(present),
        intercepts=tuple(round(float(x), DIGITS) for x in intercept),
        weights={
            name: tuple(round(float(x), DIGITS) for x in coef[:, j])
            for j, name in enumerate(vocabulary)
        },
        examples_sha256=examples_sha256(examples),
        examples=len(examples),
        trained_on=today.isoformat(),
    )


@dataclass(frozen=True)
class Evaluation:
    examples: int
    correct: int
    recall: Mapping[str, tuple[int, int]]  # category → (found, examples of it)

    @property
    def accuracy(self) -> float:
        return self.correct / self.examples if self.examples else 0.0


def evaluate(model: TextModel, examples: Sequence[Example]) -> Evaluation:
    """Accuracy and, per category, how many of its examples the model found."""
    found: dict[str, list[int]] = {c: [0, 0] for c in model.categories}
    correct = 0
    for example in examples:
        predicted, _ = model.predict(example.text)
        tally = found.setdefault(example.category, [0, 0])
        tally[1] += 1
        if predicted == example.category:
            tally[0] += 1
            correct += 1
    return Evaluation(len(examples), correct, {c: (f, n) for c, (f, n) in found.items()})

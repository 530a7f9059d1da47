"""The feedback classifier (issue #13): its accuracy on the held-out labelled set against the floor
it must not fall below (cchc.citizens.labelled.ACCURACY_FLOOR), recall per category, and how long
the shipped model and the word segmenter take to load."""

from __future__ import annotations

import time


def main() -> None:
    from cchc.citizens.classify import shipped_model
    from cchc.citizens.labelled import ACCURACY_FLOOR, HELDOUT, MODEL, read_examples
    from cchc.citizens.segment import words
    from cchc.citizens.textmodel import Example, evaluate
    from cchc.core.vn_format import strip_marks

    began = time.perf_counter()
    model = shipped_model()
    load_seconds = time.perf_counter() - began

    began = time.perf_counter()
    words("hồ sơ")
    segmenter_seconds = time.perf_counter() - began
    heldout = read_examples(HELDOUT)
    began = time.perf_counter()
    result = evaluate(model, heldout)
    per_text_ms = (time.perf_counter() - began) * 1000 / max(result.examples, 1)
    met = result.accuracy >= ACCURACY_FLOOR
    print(
        f"model {MODEL.name}: {MODEL.stat().st_size / 1e6:.2f} MB, {len(model.weights)} features,"
        f" loaded in {load_seconds:.3f} s; pyvi segmenter loaded in {segmenter_seconds:.2f} s;"
        f" {per_text_ms:.1f} ms per text"
    )
    print(
        f"held-out accuracy {result.accuracy:.3f} ({result.correct}/{result.examples}),"
        f" floor {ACCURACY_FLOOR:.2f}: {'ĐẠT (met)' if met else 'CHƯA ĐẠT (not met)'}"
    )
    for category, (found, total) in result.recall.items():
        print(f"  recall {category}: {found}/{total}")
    unmarked = evaluate(model, [Example(strip_marks(e.text), e.category) for e in heldout])
    print(
        f"held-out typed without marks: accuracy {unmarked.accuracy:.3f}"
        f" ({unmarked.correct}/{unmarked.examples}; no floor, for information)"
    )


if __name__ == "__main__":
    main()

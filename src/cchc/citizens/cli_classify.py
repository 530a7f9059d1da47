"""`cchc feedback classify TEXT` (a suggested category) and `cchc feedback train` (retrain the
shipped model from labelled examples and measure it on the held-out set)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cchc.cli import CommandError, Commands
from cchc.core.vn_format import vn_percent

GROUP = "feedback"
GROUP_HELP = "Phản ánh, kiến nghị (citizens' feedback)"


def _label(category: str) -> str:
    from cchc.citizens.categories import FeedbackCategory

    return str(FeedbackCategory(category).label)


def classify(args: argparse.Namespace) -> int:
    from cchc.citizens.classify import suggest

    suggestion = suggest(" ".join(args.text))
    if suggestion is None:
        raise CommandError("Nội dung phản ánh trống (empty text)")
    print(
        f"Gợi ý: {suggestion.category.label} (độ tin cậy {vn_percent(suggestion.confidence, 0)})"
        " — cán bộ quyết định phân loại"
    )
    return 0


def train(args: argparse.Namespace) -> int:
    from cchc.citizens.categories import FeedbackCategory
    from cchc.citizens.labelled import ACCURACY_FLOOR, read_examples
    from cchc.citizens.textmodel import evaluate
    from cchc.citizens.textmodel import train as fit
    from cchc.core.clock import today
    from cchc.core.importing import ImportRejected

    try:
        examples = read_examples(args.examples)
        heldout = read_examples(args.heldout)
    except ImportRejected as exc:
        raise CommandError(str(exc)) from exc
    try:
        model = fit(examples, FeedbackCategory.values, today())
    except ValueError as exc:
        raise CommandError(f"{args.examples}: {exc}") from exc
    result = evaluate(model, heldout)
    met = result.accuracy >= ACCURACY_FLOOR
    print(f"Đã huấn luyện trên {len(examples)} ví dụ (trained on {len(examples)} examples)")
    print(
        f"Độ chính xác trên tập kiểm tra riêng (held-out accuracy): {vn_percent(result.accuracy)}"
        f" ({result.correct}/{result.examples}); ngưỡng (floor) {vn_percent(ACCURACY_FLOOR)}:"
        f" {'ĐẠT (met)' if met else 'CHƯA ĐẠT (not met)'}"
    )
    print("Tỷ lệ nhận đúng theo loại (recall per category):")
    for category, (found, total) in result.recall.items():
        share = vn_percent(found / total) if total else "–"
        print(f"  {_label(category)} [{category}]: {found}/{total} ({share})")
    model.save(args.out)
    print(f"Đã ghi mô hình (model written): {args.out}")
    return 0


def register(commands: Commands) -> None:
    from cchc.citizens.labelled import EXAMPLES, HELDOUT, MODEL

    p = commands.subcommand(
        GROUP,
        "classify",
        "Gợi ý loại cho một phản ánh; cán bộ quyết định (suggest a category; staff decide)",
        classify,
        group_help=GROUP_HELP,
    )
    p.add_argument("text", nargs="+", metavar="TEXT", help="nội dung phản ánh (the feedback text)")
    p.set_defaults(no_database=True)
    p = commands.subcommand(
        GROUP,
        "train",
        "Huấn luyện lại bộ gợi ý phân loại (retrain the feedback classifier)",
        train,
        group_help=GROUP_HELP,
    )
    p.add_argument(
        "--examples",
        type=Path,
        default=EXAMPLES,
        help="ví dụ có nhãn text,category (labelled examples; default: the shipped ones)",
    )
    p.add_argument(
        "--heldout",
        type=Path,
        default=HELDOUT,
        help="tập kiểm tra riêng text,category (held-out set; default: the shipped one)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=MODEL,
        help="tệp mô hình ghi ra (model file to write; default: the shipped model)",
    )
    p.set_defaults(no_database=True)

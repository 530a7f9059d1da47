"""The demo generator on the real demo world: deterministic, valid, realistic, and hiding the
problems an inspection should find."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import polars as pl
import pytest

from cchc.core.calendar import WorkingCalendar
from cchc.demo import patterns
from cchc.demo.generator import (
    CANONICAL_COLUMNS,
    generate_dossiers,
    last_full_month_end,
    write_canonical_csv,
)
from tests.demo.conftest import END_DATE, DemoWorld, with_timing

# The module's world is built in the test database, so the module must ask for one.
pytestmark = pytest.mark.django_db
N = 20_000
MERGER = dt.datetime(2025, 7, 1)


def _generate(world: DemoWorld, n: int = N, seed: int = 11) -> pl.DataFrame:
    return generate_dossiers(n, seed, world.units, world.procedures, END_DATE, world.planted)


@pytest.fixture(scope="module")
def frame(world: DemoWorld) -> pl.DataFrame:
    return _generate(world)


@pytest.fixture(scope="module")
def judged(frame: pl.DataFrame, world: DemoWorld, calendar: WorkingCalendar) -> pl.DataFrame:
    return with_timing(frame, world.procedures, calendar)


def test_the_same_seed_gives_the_same_frame_and_the_same_bytes(
    world: DemoWorld, frame: pl.DataFrame, tmp_path: Path
) -> None:
    again = _generate(world)
    assert again.equals(frame)
    first = write_canonical_csv(frame, tmp_path / "a.csv").read_bytes()
    second = write_canonical_csv(again, tmp_path / "b.csv").read_bytes()
    assert first == second


def test_another_seed_gives_other_dossiers(world: DemoWorld, frame: pl.DataFrame) -> None:
    other = _generate(world, seed=12)
    assert not other.equals(frame)
    same = (other["unit_code"] == frame["unit_code"]) & (
        other["received_at"] == frame["received_at"]
    )
    assert same.mean() < 0.05  # type: ignore[operator]


def test_rows_have_the_canonical_columns_and_consistent_times(frame: pl.DataFrame) -> None:
    assert tuple(frame.columns) == CANONICAL_COLUMNS
    assert frame.height == N
    assert frame["dossier_code"].n_unique() == N
    assert frame["channel"].is_in(["online", "in_person", "postal"]).all()
    assert (frame["submitted_at"] <= frame["received_at"]).all()
    finished = frame.filter(pl.col("finished_at").is_not_null())
    assert (finished["finished_at"] >= finished["received_at"]).all()
    returned = frame.filter(pl.col("returned_at").is_not_null())
    assert (returned["returned_at"] >= returned["finished_at"]).all()
    assert frame["received_at"].min() >= dt.datetime(2022, 1, 1)  # type: ignore[operator]
    assert frame["received_at"].max() < dt.datetime(2026, 11, 1)  # type: ignore[operator]
    assert frame["applicant_id"].str.contains(r"^077\d{9}$").all()


def test_dossiers_still_open_are_near_the_end(frame: pl.DataFrame) -> None:
    still_open = frame.filter(pl.col("finished_at").is_null())
    assert still_open.height > 0
    assert still_open["status"].is_in([4, 5]).all()
    assert still_open["received_at"].min() >= dt.datetime(2026, 6, 1)  # type: ignore[operator]


def test_most_dossiers_are_early_or_on_time_every_year(judged: pl.DataFrame) -> None:
    by_year = judged.group_by("year").agg(pl.col("late").mean().alias("late_rate"))
    assert by_year.height == 5
    for rate in by_year["late_rate"]:
        assert 0.01 <= rate <= 0.07


def test_online_share_rises_every_year(frame: pl.DataFrame) -> None:
    shares = (
        frame.group_by(pl.col("received_at").dt.year().alias("year"))
        .agg((pl.col("channel") == "online").mean().alias("online"))
        .sort("year")["online"]
        .to_list()
    )
    assert all(a < b for a, b in itertools.pairwise(shares))
    assert shares[0] < 0.35 and shares[-1] > 0.6


def test_only_a_few_online_dossiers_are_received_on_sundays(frame: pl.DataFrame) -> None:
    sunday = frame.filter(pl.col("received_at").dt.weekday() == 7)
    assert (sunday["channel"] == "online").all()
    assert 0 < sunday.height < 0.01 * N


def test_in_person_dossiers_are_received_on_working_days(
    frame: pl.DataFrame, calendar: WorkingCalendar
) -> None:
    desk = frame.filter(pl.col("channel") != "online")
    days = desk["received_at"].dt.date().to_numpy().astype("datetime64[D]")
    assert calendar.is_working_day_array(days).all()


def test_every_dossier_is_at_a_unit_valid_on_its_day_of_receipt(
    frame: pl.DataFrame, world: DemoWorld
) -> None:
    for code, received in frame.select("unit_code", "received_at").iter_rows():
        valid_from, valid_to = world.validity[code]
        day = received.date()
        assert valid_from is None or valid_from <= day, (code, day)
        assert valid_to is None or day <= valid_to, (code, day)
    old = frame.filter(pl.col("unit_code").str.starts_with("vn63-"))
    new = frame.filter(pl.col("unit_code").str.starts_with("vn34-"))
    assert old["received_at"].max() < MERGER  # type: ignore[operator]
    assert new["received_at"].min() >= MERGER  # type: ignore[operator]
    assert old.height > 0 and new.height > 0


@pytest.fixture(scope="module")
def large(world: DemoWorld, calendar: WorkingCalendar) -> pl.DataFrame:
    """A larger sample for the planted units: the land office receives about 1% of the
    dossiers, the supplement commune about 0.5% (a few dozen before its visit in N)."""
    return with_timing(_generate(world, 150_000), world.procedures, calendar)


def test_long_dien_and_its_communes_until_2024_then_long_dat_and_tam_an(
    frame: pl.DataFrame,
) -> None:
    def days(code: str) -> tuple[dt.date, dt.date, int]:
        at = frame.filter(pl.col("unit_code") == code)["received_at"].dt.date()
        return at.min(), at.max(), at.len()  # type: ignore[return-value]

    end_2024, start_2025 = dt.date(2024, 12, 31), dt.date(2025, 1, 1)
    for code in ("vn63-752", "vn63-753-2024", "vn63-26671", "vn63-26701", "77.VPDK.752"):
        first, last, count = days(code)  # Long Điền, Đất Đỏ, An Nhứt, Lộc An, a land branch
        assert first.year == 2022 and dt.date(2024, 11, 1) <= last <= end_2024, code
        assert count > 5
    an_nhut_2023 = frame.filter(
        (pl.col("unit_code") == "vn63-26671") & (pl.col("received_at").dt.year() == 2023)
    )
    assert an_nhut_2023.height > 0
    for code in ("vn63-753", "vn63-26668", "77.VPDK.753"):  # Long Đất, Tam An, its branch
        first, last, _ = days(code)
        assert first >= start_2025 and last <= dt.date(2025, 6, 30), code
    first, _, _ = days("vn34-26659")  # today's ward (Xã Long Điền), from the city's merger
    assert first >= MERGER.date()


def test_the_land_office_gets_much_later_in_2023(large: pl.DataFrame, world: DemoWorld) -> None:
    judged = large
    office = world.planted.land_office
    assert office is not None and world.kinds[office] == "division"
    inspected = dt.datetime.combine(patterns.LAND_OFFICE_INSPECTED, dt.time())
    at_office = judged.filter(pl.col("unit_code") == office)
    rates = dict(at_office.group_by("year").agg(pl.col("late").mean()).iter_rows())
    assert rates[2023] >= 2.5 * rates[2022]
    in_2023 = at_office.filter(pl.col("year") == 2023)
    before = in_2023.filter(pl.col("received_at") < inspected)["late"].mean()
    after = in_2023.filter(pl.col("received_at") > inspected)["late"].mean()
    # worse and worse until the surprise inspection, much better after it
    assert before >= 2.5 * rates[2022] and after < before / 2  # type: ignore[operator]


def test_the_supplement_commune_asks_again_far_more_than_others(
    large: pl.DataFrame, world: DemoWorld
) -> None:
    judged = large
    shares = judged.group_by("unit_code").agg(pl.col("repeated_supplements").mean().alias("s"))
    planted = shares.filter(pl.col("unit_code").is_in(world.planted.supplement_units))
    others = shares.filter(~pl.col("unit_code").is_in(world.planted.supplement_units))
    assert planted.height == 2
    assert planted["s"].min() > 5 * others["s"].mean()  # type: ignore[operator]
    at_commune = judged.filter(pl.col("unit_code").is_in(world.planted.supplement_units))
    inspected = dt.datetime.combine(patterns.SUPPLEMENT_INSPECTED, dt.time())
    before = at_commune.filter(pl.col("received_at") < inspected)["repeated_supplements"].mean()
    after = at_commune.filter(pl.col("received_at") > inspected)["repeated_supplements"].mean()
    assert before > 2 * after  # type: ignore[operator]


def test_only_the_planted_agency_sets_appointments_beyond_the_statutory_time(
    judged: pl.DataFrame, world: DemoWorld
) -> None:
    flagged = judged.filter(pl.col("beyond_statutory"))
    assert flagged.height > 20
    inspected = dt.datetime.combine(patterns.APPOINTMENT_INSPECTED, dt.time())
    at_agency = judged.filter(pl.col("unit_code").is_in(world.planted.appointment_units))
    since_2023 = at_agency.filter(pl.col("received_at") >= dt.datetime(2023, 1, 1))
    before = since_2023.filter(pl.col("received_at") < inspected)["beyond_statutory"].mean()
    after = since_2023.filter(pl.col("received_at") > inspected)["beyond_statutory"].mean()
    assert before > 2 * after > 0  # type: ignore[operator]
    assert set(flagged["unit_code"].unique()) == set(world.planted.appointment_units)
    assert flagged["received_at"].min() >= dt.datetime(2023, 1, 1)  # type: ignore[operator]


def test_late_dossiers_without_apology_concentrate_in_two_units(
    judged: pl.DataFrame, world: DemoWorld
) -> None:
    planted = pl.col("unit_code").is_in(world.planted.no_apology_units)
    late = judged.filter(pl.col("late") & (pl.col("finished_at").is_not_null()))
    no_apology_share_planted = late.filter(planted)["late_no_apology"].mean()
    no_apology_share_others = late.filter(~planted)["late_no_apology"].mean()
    assert no_apology_share_planted > 0.7 > 0.1 > no_apology_share_others  # type: ignore[operator]
    # the two units hold a few percent of dossiers but a large part of the flagged ones
    share_of_flagged = (
        judged.filter(pl.col("late_no_apology"))["unit_code"]
        .is_in(world.planted.no_apology_units)
        .mean()
    )
    share_of_dossiers = judged.select(planted.mean()).item()
    assert share_of_flagged > 5 * share_of_dossiers


def test_the_demo_ends_with_the_last_full_month() -> None:
    assert last_full_month_end(dt.date(2026, 11, 26)) == dt.date(2026, 10, 31)
    assert last_full_month_end(dt.date(2026, 3, 1)) == dt.date(2026, 2, 28)

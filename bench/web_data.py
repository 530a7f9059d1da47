"""The web bench's data: the demo province at CCHC_BENCH_ROWS dossiers with its analytics store,
built once per database and kept in bench/out/ while its inputs are unchanged.

SQLite: the database lives in the data dir (bench/out/web-<key>/). PostgreSQL: the database named
by CCHC_BENCH_DATABASE_URL (emptied and refilled by `cchc demo`), with its data dir (store, web
cache) in bench/out/web-pg-<key>/; the key includes the URL.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROWS = int(os.environ.get("CCHC_BENCH_ROWS", "1000000"))
SEED = 2023
TODAY = "2026-01-15"  # the demo's data then ends 31/12/2025
ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).parent / "out"
CCHC = str(Path(sys.executable).with_name("cchc"))
PG_URL_VARIABLE = "CCHC_BENCH_DATABASE_URL"


def inputs_key(database_url: str | None) -> str:
    """Rows, seed, day, database and the code that shapes the data (demo, importer, timing)."""
    head = f"{ROWS}|{SEED}|{TODAY}" + (f"|{database_url}" if database_url else "")
    digest = hashlib.sha256(head.encode())
    for folder in ("src/cchc/demo", "src/cchc/dossiers", "src/cchc/core"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".toml", ".csv", ".json"}:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    """The environment of `cchc` commands on this data (SQLite unless `database_url`)."""
    out = {**os.environ, "CCHC_DATA_DIR": str(data_dir), "CCHC_DEBUG": "false"}
    out.pop("CCHC_DATABASE_URL", None)
    if database_url:
        out["CCHC_DATABASE_URL"] = database_url
    out.setdefault("CCHC_SECRET_KEY", "bench-only-secret-key-not-for-production")
    return out


def prepare_data(database_url: str | None = None) -> Path:
    """The cached data dir, built when missing (older builds for the same database removed).

    CCHC_BENCH_WEB_DATA (SQLite) or CCHC_BENCH_WEB_PG_DATA (PostgreSQL) names a data dir built
    earlier instead (to compare code changes on the same data while src/cchc/{demo,dossiers,core}
    change under the cache key).
    """
    given = os.environ.get("CCHC_BENCH_WEB_PG_DATA" if database_url else "CCHC_BENCH_WEB_DATA")
    if given:
        print(f"  data: {given} (given)")
        return Path(given).resolve()
    OUT.mkdir(exist_ok=True)
    prefix = "web-pg-" if database_url else "web-"
    target = OUT / f"{prefix}{inputs_key(database_url)}"
    if (target / "ready").exists():
        print(f"  data: {target.name} (cached)")
        return target
    for old in OUT.glob(f"{prefix}*"):
        if database_url or not old.name.startswith("web-pg-"):
            shutil.rmtree(old, ignore_errors=True)
    staging = OUT / f"building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    began = time.perf_counter()
    demo = [CCHC, "demo", "--dossiers", str(ROWS), "--no-serve", "--today", TODAY]
    run_env = env(staging, database_url)
    subprocess.run(demo, env=run_env, check=True, capture_output=True, cwd=ROOT)
    rebuild = [CCHC, "analytics", "rebuild"]
    subprocess.run(rebuild, env=run_env, check=True, capture_output=True, cwd=ROOT)
    for csv_file in (staging / "demo").glob("*.csv"):
        csv_file.unlink()  # the generated export, no longer needed
    os.replace(staging, target)
    (target / "ready").write_text(TODAY, encoding="utf-8")
    print(f"  data: built {ROWS:,} dossiers + store in {time.perf_counter() - began:.0f} s")
    return target

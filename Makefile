# cchc — the two commands that matter: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: install demo test lint typecheck pytest bench clean help

help:
	@echo "make demo   - cài đặt, dựng tỉnh mẫu và chạy http://127.0.0.1:8000 (install, build the demo, serve)"
	@echo "make test   - ruff, mypy và toàn bộ bộ kiểm thử (lint, types, the whole suite)"
	@echo "make bench  - đo hiệu năng (benchmarks against in-process baselines)"

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "cchc needs Python >= 3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "Cần gói python3-venv: apt-get install -y python3-venv"; exit 1; }
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/cchc demo

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install
	$(BIN)/mypy src tests bench

pytest: install
	CCHC_DATA_DIR=$$(mktemp -d) $(BIN)/pytest -n 2 $(PYTEST_ARGS)
	@if [ -n "$$CCHC_TEST_POSTGRES_URL" ]; then \
	  echo "== PostgreSQL: $$CCHC_TEST_POSTGRES_URL"; \
	  CCHC_DATA_DIR=$$(mktemp -d) CCHC_DATABASE_URL="$$CCHC_TEST_POSTGRES_URL" $(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS); \
	else echo "(PostgreSQL run skipped: set CCHC_TEST_POSTGRES_URL, as .ci/run does)"; fi

test: lint typecheck pytest

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache

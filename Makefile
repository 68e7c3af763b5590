# The two quick-start commands, and a few more for developers.
.PHONY: run test lint bench

run:  ## set up and serve the platform with the demo bureau on SQLite
	./scripts/run.sh

test:  ## set up and run every test (lint, types, SQLite, PostgreSQL, browser)
	./scripts/test.sh

lint:
	.venv/bin/ruff check . && .venv/bin/mypy zhifa

# Two commands on a fresh machine: `make run` (demo on SQLite, no services) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup demo lint format bench clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

run: demo
	@echo ""
	@echo "  factcheck is starting on http://$(HOST):$(PORT)/"
	@echo "  admin:     http://$(HOST):$(PORT)/admin/   (log in as demo / demo)"
	@echo "  dashboard: http://$(HOST):$(PORT)/dashboard/"
	@echo "  API:       http://$(HOST):$(PORT)/api/v1/   docs: http://$(HOST):$(PORT)/api/docs/"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# One test process per core (pytest-xdist); each gets its own test database and Redis database.
TEST_WORKERS ?= auto

test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports
	$(BIN)/djlint templates --lint

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) data/*.sqlite3

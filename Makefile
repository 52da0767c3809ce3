# LondonConnects: `make run` serves the site on a bare machine; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
PYTEST_WORKERS ?= 2

.PHONY: run test install assets migrate data index lint imports check-migrations browser-deps clean serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

assets: node_modules/.installed
	npm run --silent build

migrate: install
	$(MANAGE) migrate --noinput

data: migrate
	$(MANAGE) load_reference_data
	$(MANAGE) seed_demo --scale 1

index: data
	$(MANAGE) rebuild_index --noinput

run: install assets migrate data index
	DJANGO_SETTINGS_MODULE=londonconnects.settings.dev $(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: install
	DJANGO_SETTINGS_MODULE=londonconnects.settings.test $(MANAGE) makemigrations --check --dry-run

imports: install
	$(BIN)/lint-imports --no-cache

test: install assets check-migrations imports
	$(BIN)/ruff check .
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules static/build var

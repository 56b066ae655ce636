# rightsdesk — `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
RD := $(BIN)/rightsdesk
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/rightsdesk
TYPED_APPS := rightsdesk accounts audit people casework search vocabularies deathpenalty monitoring publishing advocacy bench

.PHONY: help
help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $$(scripts/find-python) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

.PHONY: install
install: $(VENV)/.installed system-deps ## Create the virtual environment and install everything

.PHONY: system-deps
system-deps: ## Debian packages: gettext (translations), Chromium (browser tests), fonts
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	test -x /usr/bin/chromedriver || missing="$$missing chromium-driver"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

.PHONY: messages
messages: install ## Compile the translations
	@cd $(CURDIR) && $(RD) compilemessages --ignore=.venv -v 0

.PHONY: setup
setup: messages ## Migrate the database under var/ and load reference and demo data
	$(RD) migrate --no-input -v 0
	$(RD) load_vocabularies
	$(RD) load_offices
	$(RD) load_monitoring_vocabularies
	$(RD) load_advocacy_vocabularies
	$(RD) deathpenalty load data/death_penalty
	$(RD) create_admin
	$(RD) load_demo

.PHONY: run
run: setup ## Install, migrate, load reference and demo data, serve on http://127.0.0.1:8000
	@echo "rightsdesk serves on http://$(HOST):$(PORT)/ — sign in as admin with the password printed above"
	$(BIN)/gunicorn rightsdesk.wsgi --config gunicorn.conf.py --bind $(HOST):$(PORT) --access-logfile -

.PHONY: lint
lint: install ## ruff: lint and formatting
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: types
types: install ## mypy with django-stubs on the domain code
	$(BIN)/mypy $(TYPED_APPS)

.PHONY: static
static: install ## Security linters: bandit (medium and above fail) and the semgrep rules in .semgrep/
	$(BIN)/bandit -q -c pyproject.toml -r . -x './.venv,./var,*/tests/*,*/migrations/*,./conftest.py' --severity-level medium
	$(BIN)/semgrep scan --config .semgrep/ --metrics=off --disable-version-check --quiet --error \
	  --exclude .venv --exclude var --exclude 'tests' --exclude 'migrations' .

.PHONY: check-deploy
check-deploy: install ## Django's deployment checks on the production settings
	DJANGO_SETTINGS_MODULE=rightsdesk.settings_production SECRET_KEY="$$(python3 -c 'import secrets;print(secrets.token_urlsafe(64))')" \
	  $(RD) check --deploy --fail-level WARNING

.PHONY: test-sqlite
test-sqlite: messages ## The whole suite on SQLite, with the browser tests
	$(BIN)/pytest -q

.PHONY: test-postgres
test-postgres: messages ## The whole suite on PostgreSQL (browser tests run once, on SQLite)
	@scripts/ensure-postgres
	DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -q -m "not browser"

.PHONY: test
test: system-deps lint types static check-deploy test-sqlite test-postgres ## Everything CI checks

.PHONY: clean
clean: ## Remove the virtual environment and local data (var/)
	rm -rf $(VENV) var

SCALE ?= small
DB ?= sqlite

.PHONY: bench
bench: messages ## Speed benchmark (issue 6): make bench SCALE=small|medium|national DB=sqlite|postgres
	@if [ "$(DB)" = postgres ]; then scripts/ensure-postgres; fi
	$(RD) bench --scale $(SCALE) --db $(DB)

# The coworking space: `make run` serves the product, `make test` runs every test.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2

.PHONY: help run test bench lint setup messages

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(VENV)/.installed-run: pyproject.toml
	@command -v msgfmt >/dev/null && [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || \
		{ apt-get update -qq && apt-get install -y -qq gettext fonts-dejavu-core >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed-run
	$(VENV)/bin/pip install -q ".[test]"
	@touch $@

messages: $(VENV)/.installed-run
	@$(PY) manage.py compilemessages --ignore=$(VENV) -v0

setup: $(VENV)/.installed-run messages ## Install, migrate, load the content, create the admin, publish
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_site_content
	$(PY) manage.py ensure_admin
	$(PY) manage.py load_demo_people --if-any
	$(PY) manage.py load_demo_projects --if-any
	$(PY) manage.py load_demo_meetings --if-any
	$(PY) manage.py load_demo_governance --if-any
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py publish

run: setup ## Serve the site, admin and API on http://$(HOST):$(PORT) (SQLite, database search), with the task worker
	@echo "Public site: http://$(HOST):$(PORT)/   Admin: http://$(HOST):$(PORT)/admin/   API: http://$(HOST):$(PORT)/api/"
	@echo "Sign in: http://$(HOST):$(PORT)/ru/accounts/login/ as the administrator ($${ADMIN_USERNAME:-admin}) or a demo person"
	@echo "  (student@, student2@, parent@, teacher@, tutor@, expert@, expert2@, coordinator@, psychologist@, partner@example.org);"
	@echo "  passwords: ADMIN_PASSWORD / DEMO_PASSWORD, or the ones printed when they were first made."
	@echo "Background tasks (emails, publishing after an edit): manage.py db_worker --backend background (stopped with the server)"
	export DJANGO_SETTINGS_MODULE=cms.settings.dev; \
	$(PY) manage.py db_worker --backend background --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn cms.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

test: $(VENV)/.installed-test messages ## Run the whole suite against PostgreSQL (started here), with chromium
	bash tests/services/chromium.sh
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	es_url="$$(bash tests/services/elasticsearch.sh start)" && \
	trap 'bash tests/services/elasticsearch.sh stop; bash tests/services/redis.sh stop' EXIT && \
	redis_url="$$(bash tests/services/redis.sh start)" && \
	DATABASE_URL="$$(bash tests/services/postgres.sh)" TEST_ELASTICSEARCH_URL="$$es_url" \
	TEST_REDIS_URL="$$redis_url" $(PY) -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-test messages ## Print the benchmark tables (publishing; the API; registration under contention; the tutor dashboard; search on both backends)
	DATABASE_URL="$$(bash tests/services/postgres.sh)" $(PY) -m tests.benchmarks.run $(BENCH_ARGS)
	DATABASE_URL="$$(bash tests/services/postgres.sh)" $(PY) -m tests.benchmarks.api $(API_BENCH_ARGS)
	DATABASE_URL="$$(bash tests/services/postgres.sh)" $(PY) -m tests.benchmarks.registrations $(REGISTRATION_BENCH_ARGS)
	DATABASE_URL="$$(bash tests/services/postgres.sh)" $(PY) -m tests.benchmarks.votes $(VOTE_BENCH_ARGS)
	DATABASE_URL="$$(bash tests/services/postgres.sh)" $(PY) -m tests.benchmarks.dashboards $(DASHBOARD_BENCH_ARGS)
	es_url="$$(bash tests/services/elasticsearch.sh start)" && trap 'bash tests/services/elasticsearch.sh stop' EXIT && \
	DATABASE_URL="$$(bash tests/services/postgres.sh)" TEST_ELASTICSEARCH_URL="$$es_url" $(PY) -m tests.benchmarks.search $(SEARCH_BENCH_ARGS)

lint: $(VENV)/.installed-test ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

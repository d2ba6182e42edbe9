# Newsdesk: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000
WORKERS ?= 2

.PHONY: run serve test lint format clean bench

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Newsdesk needs Python 3.11 or newer (PYTHON=$(PYTHON))."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: export DJANGO_DEBUG ?= true
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddemo
	@echo "Newsdesk is at http://$(HOST)/ and the desk at http://$(HOST)/admin/"
	$(BIN)/python manage.py runserver $(HOST)

# What production runs: gunicorn, whitenoise, every setting from the environment
# (DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS at least; see the README).
serve: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn newsdesk.wsgi --bind $(HOST) --workers $(WORKERS) \
		--access-logfile - --forwarded-allow-ips "$${NEWSDESK_TRUSTED_PROXIES:-127.0.0.1}"

test: export DJANGO_SECRET_KEY ?= insecure-test-only-key
# The test client and the live server speak plain HTTP.
test: export DJANGO_SECURE_SSL_REDIRECT ?= false
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The site at newsroom scale (bench/bench_site.py): seeds bench/.data/, serves it with
# gunicorn, loads it with wrk; set DATABASE_URL to a bench database for PostgreSQL.
bench: $(STAMP)
	$(BIN)/python bench/bench_site.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles

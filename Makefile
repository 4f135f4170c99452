# Landa: two commands. `make run` serves the portal on http://127.0.0.1:8000 (another
# port: `make run PORT=8080`) with an embedded database; `make test` runs the whole suite on real PostgreSQL, Redis,
# a Celery worker and headless Chromium, which it installs (as root) and starts itself.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

.PHONY: run test install messages lint format bench reliability loadtest clean

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null || { echo "Landa needs $(PYTHON) on PATH." >&2; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

messages: $(STAMP)
	$(PY) scripts/compilemessages.py

PORT ?= 8000
# Links in mail written in the background (the digest) use SITE_URL: the address served.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install messages
	bash scripts/test.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	bash scripts/test.sh bench

# Kill, outage, stall and backlog figures on real services; rewrites docs/reliability.md.
reliability: install messages
	bash scripts/test.sh reliability $(ARGS)

# Each page under load beside a bare Django view; rewrites docs/performance.md.
loadtest: install messages
	bash scripts/test.sh loadtest $(ARGS)

clean:
	rm -rf $(VENV) var

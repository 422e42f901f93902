# The two commands of the README: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
KG := $(VENV)/bin/kg
STORE ?= kg-store

.PHONY: demo test test-fast lint install clean chromium

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(KG) build examples/articles --store $(STORE)
	$(KG) stats --store $(STORE)
	$(KG) query threats --min-confidence 0.5 --store $(STORE)
	$(KG) query suspensions --store $(STORE)
	$(KG) render --store $(STORE) -o graph.html
	@echo "Open graph.html in a browser."

test: install chromium
	$(PY) -m pytest -q

# The browser tests drive Debian's chromium (never a downloaded browser): install it when missing and we can.
chromium:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || \
	  { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } || \
	  { echo "make test needs Debian's chromium: run  sudo apt-get install chromium" >&2; exit 1; }

test-fast: install  # about a minute: no slow, server or browser tests
	$(PY) -m pytest -q -m "not slow and not server and not browser"

lint: install
	$(VENV)/bin/ruff check kg tests
	$(VENV)/bin/mypy kg

clean:
	rm -rf $(STORE) graph.html

# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

DEMO_DB := demo/archive.db

.PHONY: demo test bench chromium install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

chromium:
	./scripts/install-chromium

# Import the bundled sample chats, show a search, then serve the archive.
demo: $(STAMP)
	mkdir -p demo
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/chat-archiver import samples --db $(DEMO_DB) --tz America/New_York
	@echo
	@echo '$$ chat-archiver search '"'"'"late fee"'"'"' --db $(DEMO_DB)'
	@$(BIN)/chat-archiver search '"late fee"' --db $(DEMO_DB)
	@echo
	$(BIN)/chat-archiver serve --db $(DEMO_DB)

test: $(STAMP) chromium
	$(BIN)/python -m pytest

# Speed, memory and accuracy figures (minutes, not seconds).
bench: $(STAMP) chromium
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/promises_eval.py
	$(BIN)/python bench/generic_eval.py
	$(BIN)/python bench/serve_bench.py
	$(BIN)/python bench/collect_bench.py

clean:
	rm -rf $(VENV) demo bench/out .pytest_cache .hypothesis

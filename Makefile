# ct-extract: `make extract` then `make test`. `make help` lists every target.
# RAW= and OUT= point extract (and eval/review/export) at other folders; CONFIG= at another config folder.

PYTHON  ?= $(shell command -v python3.11 || command -v python3)
VENV    ?= .venv
PY      := $(VENV)/bin/python
RAW     ?= raw
OUT     ?= processed
CONFIG  ?= configs
GOLD    ?= tests/gold/sample.yaml
TO      ?= csv
TABLES  ?= all
STAMP   := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup extract test eval review report export bench clean-out lock

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo "  variables: RAW=$(RAW) OUT=$(OUT) CONFIG=$(CONFIG) TO=$(TO) TABLES=$(TABLES) DEST=$(or $(DEST),OUT/export)"

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

setup: $(STAMP) ## create .venv from the lock file (run by the other targets when needed)

extract: $(STAMP) ## run the pipeline: RAW dumps -> Parquet tables in OUT
	$(PY) -m pipeline extract --raw "$(RAW)" --out "$(OUT)" --config "$(CONFIG)"

test: $(STAMP) ## run the test suite
	$(PY) -m pytest -q

eval: extract ## score OUT against the sample corpus's gold (tests/gold/sample.yaml)
	$(PY) -m pipeline eval --out "$(OUT)" --gold "$(GOLD)"

review: $(STAMP) ## HTML pages per document (highlighted entities, dates, figures, events) in OUT/review/
	$(PY) -m pipeline review --out "$(OUT)"

report: $(STAMP) ## overview with plots (events over time, groups, casualties, rejects) in OUT/report/
	$(PY) -m pipeline report --out "$(OUT)"

export: $(STAMP) ## the tables for spreadsheets and GIS in OUT/export/ (TO=csv|xlsx|geojson, TABLES=all|incidents, DEST=)
	$(PY) -m pipeline export --out "$(OUT)" --to "$(TO)" --tables "$(TABLES)" $(if $(DEST),--dest "$(DEST)")

bench: $(STAMP) ## speed against bare nlp.pipe, 2 processes against 1, peak memory, warm re-run, on N and 10*N generated articles and 10*N short texts (N=200)
	$(PY) -m pipeline.bench -n $(or $(N),200) --repeat $(or $(REPEAT),2) --config "$(CONFIG)"

clean-out: ## delete the tables in OUT
	rm -f "$(OUT)"/*.parquet

lock: ## re-resolve requirements.lock from pyproject.toml (needs network to the registry)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --python-version 3.11 --generate-hashes -o requirements.lock

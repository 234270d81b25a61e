# Gaoxin: the two commands of the README, plus benchmarks and checks.
.PHONY: demo test bench check setup setup-dev messages screenshots

demo: setup            ## set up everything, load the demo zone, serve on http://127.0.0.1:8000
	.venv/bin/gaoxin demo

test: setup-dev        ## the whole test suite (SQLite unless GAOXIN_DATABASE_URL is set)
	.venv/bin/pytest -n 2 --dist loadgroup

bench: setup-dev       ## benchmarks -> benchmarks/results.json
	.venv/bin/python benchmarks/run.py

check: setup-dev       ## lint, Django checks, missing migrations
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/gaoxin check
	.venv/bin/gaoxin makemigrations --check --dry-run

messages: setup-dev    ## refresh and compile translations (locale/zh_Hans)
	cd gaoxin && ../.venv/bin/gaoxin makemessages -l zh_Hans --no-obsolete --ignore 'static/*' && ../.venv/bin/gaoxin compilemessages -l zh_Hans

screenshots: setup-dev ## docs/screenshots/*.png from a fresh demo database
	.venv/bin/python scripts/screenshots.py

setup:
	scripts/setup.sh

setup-dev:
	scripts/setup.sh dev

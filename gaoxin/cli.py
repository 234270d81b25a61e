"""The ``gaoxin`` console script: every manage.py command (``gaoxin migrate``,
``gaoxin drf_create_token USER`` …) plus ``gaoxin demo`` and ``gaoxin serve``."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoxin.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0], *sys.argv[1:]])


if __name__ == "__main__":
    main()

#!/usr/bin/env python
"""Same as the ``gaoxin`` console script, for people who expect manage.py."""

from gaoxin.cli import main

if __name__ == "__main__":
    main()

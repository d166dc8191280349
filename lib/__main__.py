"""Entry point for `python -m lib`."""

from lib.cli.main import main

main()

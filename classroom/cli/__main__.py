"""Allow `python -m classroom.cli ...`."""

from . import main

main()

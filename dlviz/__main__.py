"""`python -m dlviz` runs the command line (the GUI by default)."""

import sys

from dlviz.cli import main

sys.exit(main())

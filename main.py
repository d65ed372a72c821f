"""`python main.py` starts dlviz, the same as the `dlviz` command."""

import sys

from dlviz.cli import main

if __name__ == "__main__":
    sys.exit(main())

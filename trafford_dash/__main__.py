"""Entry point for ``python -m trafford_dash``."""

import sys

from trafford_dash.cli import main

sys.exit(main())

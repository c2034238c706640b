"""Entry point of ``python -m demo`` (``make demo`` / ``make mocks``)."""

import sys

from demo.cli import main

sys.exit(main())

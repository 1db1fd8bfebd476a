"""``python -m generator`` entry point."""

import sys

from generator.cli import main

sys.exit(main())

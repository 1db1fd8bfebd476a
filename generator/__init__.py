"""Turn raw district education plans into Markdown and thematic cross-reference pages.

The package is a library plus a CLI (``python -m generator``); MkDocs integration lives in the thin
``generator.site.plugin`` module so the Markdown it writes stays portable to other renderers.
"""

from pathlib import Path

#: Project root when running from a checkout (``generator/`` sits directly below it).
PROJECT_ROOT = Path(__file__).resolve().parent.parent

"""Which raw file formats the importer reads, by extension (one list for the registry and the readers).

Kept apart from ``readers`` so that loading the registry (every site build does) does not import
the readers' libraries.
"""

from __future__ import annotations

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)
DOCX_SUFFIXES = (".docx",)
#: Formats we know but do not read: each is refused with how to convert it.
CONVERT_SUFFIXES = (".doc", ".wps", ".docm", ".dotx", ".rtf", ".odt", ".ofd")
READ_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES + DOCX_SUFFIXES
#: Every suffix the registry accepts in ``raw`` (the refused ones too, so that the refusal explains itself).
RAW_SUFFIXES = READ_SUFFIXES + CONVERT_SUFFIXES

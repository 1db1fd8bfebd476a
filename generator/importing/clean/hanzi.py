"""Traditional characters left by OCR (學, 導, 體) become simplified, and nothing else changes.

OpenCC's ``t2s`` also rewrites characters that are perfectly valid simplified text in context
(乾燥 -> 干燥, 於 -> 于), so only characters outside GB2312 -- which a simplified text cannot
contain -- take OpenCC's suggestion. OpenCC still sees the whole text, so its phrase tables choose
the conversion of the characters that do change.
"""

from __future__ import annotations

import functools
import logging
import re

import opencc

from generator.importing.clean.chars import HAN

log = logging.getLogger(__name__)

_HAN_RE = re.compile(f"[{HAN}]")


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@functools.cache
def is_simplified_charset(char: str) -> bool:
    """True when ``char`` is in GB2312 or is not Han at all: such characters are never touched."""
    if not _HAN_RE.match(char):
        return True
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def to_simplified(text: str) -> str:
    """Replace traditional-only characters by OpenCC's simplified choice."""
    if all(is_simplified_charset(c) for c in text):
        return text
    converted = _converter().convert(text)
    if len(converted) != len(text):  # phrase tables changed the length: fall back to characters
        converted = "".join(_converter().convert(c) if not is_simplified_charset(c) else c for c in text)
        return converted
    out = [new if old != new and not is_simplified_charset(old) else old for old, new in zip(text, converted, strict=True)]
    result = "".join(out)
    if result != text:
        log.debug("OpenCC changed %d characters", sum(a != b for a, b in zip(text, result, strict=True)))
    return result

"""Web-page chrome around a scraped plan: advertising, phone numbers, navigation, search help, footer.

A scraped page (haidian) wraps the plan in site furniture. The plan itself never contains phone
numbers or prices, so a leading zone is cut up to the last such marker before the plan starts, and
a trailing zone is cut from the first "related content / keywords / search / copyright" marker on.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

#: A line that only site chrome contains: phone numbers, prices, contact and rental advertising.
CHROME_LINE_RE = re.compile(
    r"0\d{2,3}-\d{7,8}|(?<!\d)1[3-9]\d{9}(?!\d)|微信|扫码|扫一扫|洽谈|出租|\d+元(?:/|起)|\blogo\b|"
    r"版权所有|ICP备|Sitemap|网站导航|返回顶部",
    re.I,
)
#: The first line of the furniture that follows a scraped article.
TRAILER_START_RE = re.compile(
    r"^(?:关联内容|相关内容|相关链接|关键字|关键词|搜索|返回顶部)$|^点击上述关键字|^版权所有|ICP备"
)
#: Where the plan (or its publishing notice) begins: chrome never follows these.
PLAN_START_RE = re.compile(r"关于印发|^#*\s*目\s*录\s*$|^[一二三四五六七八九十]+、|^序\s*言")
#: Numbered headings: a trailer that is followed by one of these was no trailer.
_HEADING_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")


def strip_chrome(text: str) -> str:
    """Cut the leading and trailing chrome zones of a scraped page; other texts pass unchanged."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if PLAN_START_RE.search(line.strip())), len(lines))
    markers = [i for i in range(start) if CHROME_LINE_RE.search(lines[i])]
    head = markers[-1] + 1 if markers else 0
    end = len(lines)
    for i in range(start, len(lines)):
        if TRAILER_START_RE.search(lines[i].strip()):
            if not any(_HEADING_RE.match(rest) for rest in lines[i + 1 :]):
                end = i
            break
    if head or end < len(lines):
        log.debug("chrome: dropped %d leading and %d trailing lines", head, len(lines) - end)
    return "\n".join(lines[head:end])

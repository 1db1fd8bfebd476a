"""Citation formats for a plan: GB/T 7714—2015, BibTeX, RIS, and the data 复制引用 needs.

Pure functions of a registry entry (:class:`generator.registry.Plan`) and the plan page's address.

**GB/T 7714—2015, electronic resource** (4.8 / 8.x of the standard)::

    主要责任者. 题名: 其他题名信息[EB/OL]. (更新或修改日期)[引用日期]. 获取和访问路径.

* 主要责任者 = the issuer (印发机关). Where the registry has none, the element is left out and the entry
  starts with the title — the standard's rule for a work without a known responsible party in the
  numeric (顺序编码制) system, the one Chinese journals use (the alternative, “佚名”, is for the
  author-date system).
* 其他题名信息 = the document number (文号) where the plan has one, the usual place for it in citations
  of official documents (``关于……的通知: 国发〔2019〕4号[A/OL]``); a title the editors supplied is
  followed by （标题为编者所加）, as in the one-line citation.
* (日期) = the date as the text states it, in the standard's numeric form (2021年11月 → 2021-11); left
  out when the text states none (the element is optional for electronic resources). [引用日期] is
  the day the reader copies the citation, so the browser fills it in (:func:`gbt7714_template`).

**BibTeX / RIS** for the whole plan are files generated at build time. They carry no access date:
a date fixed at build time would be wrong for every later reader (reference managers record their
own when importing), and leaving it out keeps the build reproducible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date

from generator.registry import Plan

SUPPLIED_MARK = "（标题为编者所加）"
#: placeholders the browser replaces in :func:`gbt7714_template` (never part of a plan's text)
ACCESSED = "\ue000accessed\ue000"
URL = "\ue000url\ue000"
#: where the plans were issued (all plans on this site are Beijing districts')
PLACE = "北京"
_DATE_RE = re.compile(r"^\s*(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?\s*$")


@dataclass(frozen=True)
class StatedDate:
    """A date as a plan states it: a year, maybe a month, maybe a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        """2021, 2021-11 or 2021-11-05 (ISO 8601 with the precision the text gives)."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


def parse_date(text: str | None) -> StatedDate | None:
    """``2021年11月`` → 2021-11; None for no date or one in another form (then it is left out)."""
    if not text:
        return None
    match = _DATE_RE.match(text)
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    return StatedDate(year, month, day if month else None)


def display_title(plan: Plan) -> str:
    return plan.title + (SUPPLIED_MARK if plan.title_supplied else "")


def gbt7714(plan: Plan, url: str, accessed: Date | str) -> str:
    """The GB/T 7714—2015 entry for ``plan`` at ``url`` (a page or passage address), accessed on ``accessed``."""
    when = accessed.isoformat() if isinstance(accessed, Date) else accessed
    title = display_title(plan)
    if plan.doc_number:
        title += f": {plan.doc_number}"
    head = f"{plan.issuer}. {title}" if plan.issuer else title
    stated = parse_date(plan.date)
    dates = (f"({stated.iso})" if stated else "") + f"[{when}]"
    return f"{head}[EB/OL]. {dates}. {url}."


def gbt7714_template(plan: Plan) -> str:
    """:func:`gbt7714` with the URL and access date left as placeholders, for the browser to fill in."""
    return gbt7714(plan, URL, ACCESSED)


def citation_key(plan: Plan) -> str:
    stated = parse_date(plan.date)
    return f"{plan.slug}{stated.year}" if stated else plan.slug


_BIBTEX_SPECIAL = {c: "\\" + c for c in "&%$#_{}"} | {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}


def _bib(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in text)


def bibtex(plan: Plan, url: str) -> str:
    """A BibTeX ``@misc`` entry for the whole plan (biblatex reads ``date`` and ``langid`` too).

    The issuer is a corporate author, so it is braced whole (BibTeX must not split it into names).
    """
    fields: list[tuple[str, str]] = []
    if plan.issuer:
        fields.append(("author", "{" + _bib(plan.issuer) + "}"))
    fields.append(("title", _bib(plan.title)))
    if plan.doc_number:
        fields.append(("number", _bib(plan.doc_number)))
    stated = parse_date(plan.date)
    if stated:
        fields.append(("year", str(stated.year)))
        if stated.month:
            fields.append(("month", str(stated.month)))
        fields.append(("date", stated.iso))
    if plan.issuer:
        fields.append(("publisher", _bib(plan.issuer)))
    fields.append(("address", PLACE))
    fields.append(("url", url))
    fields.append(("langid", "chinese"))
    if plan.title_supplied:
        fields.append(("note", "标题为编者所加"))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@misc{{{citation_key(plan)},\n{body}\n}}\n"


def ris(plan: Plan, url: str) -> str:
    """An RIS record (type GOVDOC, government document) for the whole plan; CRLF line ends as the format asks."""
    lines = [("TY", "GOVDOC"), ("TI", plan.title)]
    if plan.issuer:
        lines.append(("AU", plan.issuer))
    stated = parse_date(plan.date)
    if stated:
        lines.append(("PY", str(stated.year)))
        lines.append(("DA", stated.iso.replace("-", "/")))
    if plan.doc_number:
        lines.append(("M1", plan.doc_number))
    lines.append(("CY", PLACE))
    if plan.issuer:
        lines.append(("PB", plan.issuer))
    lines.append(("LA", "zh"))
    lines.append(("UR", url))
    if plan.title_supplied:
        lines.append(("N1", "标题为编者所加"))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def cite_data(plan: Plan, page_path: str, files: dict[str, str], headings: list[tuple[str, int, str]]) -> dict[str, object]:
    """What 复制引用 needs to cite a passage of ``plan`` from any page (data/cite/<slug>.json).

    ``page_path`` and ``files`` are relative to the site root; ``headings`` are the plan page's h2–h5
    as ``(id, level, text)`` in document order (the browser derives a passage's section path from
    them exactly as on the plan page itself).
    """
    return {
        "slug": plan.slug,
        "district": plan.district,
        "title": plan.title,
        "title_supplied": plan.title_supplied,
        "page": page_path,
        "gbt": gbt7714_template(plan),
        "files": files,
        "headings": [list(h) for h in headings],
    }

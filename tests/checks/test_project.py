"""``python -m generator check`` on temporary copies of the real project, one mistake introduced at a time."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.checks import project as check
from generator.checks.project import check_project, scan, split_cells
from generator.crossref.themes import load_themes
from generator.errors import GeneratorError
from generator.importing.manifest import Entry, dump_manifest, load_manifest, sha256_text

ROOT = Path(__file__).resolve().parents[2]
PLANS = ("dongcheng", "haidian", "huairou", "jingkai", "mentougou")
GIT = ["git", "-c", "user.name=check-test", "-c", "user.email=check@test.invalid", "-c", "commit.gpgsign=false"]

NO_ID_HINT = "在行末加上 {#id}，锚点按编号路径命名，如 {#s3-4-2}（见 about/plan-format.md）"
DUP_HINT = "每个锚点在页面内必须唯一；按编号路径改正其中一个"
CHANGED_HINT = "外部引用指向上次导入时的锚点，修改标题措辞也不应改变锚点"
ROW_HINT = "补齐或合并单元格，使每行与表头列数相同（多出的单元格会被丢弃，缺少的显示为空）；单元格内的竖线写成 \\|"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's checked inputs whose manifest records the copied pages, committed to git."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    shutil.copytree(ROOT / "topics", root / "topics")
    manifest = root / "corpus" / "import-manifest.json"
    entries = load_manifest(manifest)
    for slug in PLANS:
        page = root / "docs" / "plans" / f"{slug}.md"
        entries[slug] = Entry(f"docs/plans/{slug}.md", sha256_text(page.read_text(encoding="utf-8")), entries[slug].raw_sha256)
    manifest.write_text(dump_manifest(entries), encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run([*GIT, "-C", str(root), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(root), "commit", "-q", "-m", "import"], check=True)
    return root


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(template, root)
    return root


def page(root: Path, slug: str) -> Path:
    return root / "docs" / "plans" / f"{slug}.md"


def edit(root: Path, slug: str, old: str, new: str) -> int:
    """Replace the single occurrence of ``old`` in a plan page; return its (1-based) line."""
    path = page(root, slug)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line


def line_of(root: Path, slug: str, needle: str) -> int:
    text = page(root, slug).read_text(encoding="utf-8")
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def messages(root: Path, **kwargs: object) -> list[str]:
    return [str(finding) for finding in check_project(root, **kwargs)]


# --- the real project -------------------------------------------------------------------------------


def test_the_committed_project_is_clean() -> None:
    assert messages(ROOT) == []


def test_a_clean_copy_is_clean_and_exits_zero(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert messages(project) == []
    assert check.run(argparse.Namespace(root=project, topics=None, no_history=False)) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "检查通过：5 份规划页面与专题定义文件\n"


# --- headings -------------------------------------------------------------------------------------


def test_duplicate_heading_id(project: Path) -> None:
    line = edit(project, "dongcheng", "### （二）当前东城教育发展面临的新形势 {#s1-2}", "### （二）当前东城教育发展面临的新形势 {#s1-1}")
    first = line_of(project, "dongcheng", "### （一）“十三五”时期东城区教育事业发展取得的主要成就 {#s1-1}")
    assert messages(project) == [
        f"docs/plans/dongcheng.md:{line}: 锚点 #s1-1 重复（第 {first} 行已使用）（{DUP_HINT}）",
        f"docs/plans/dongcheng.md:{line}: 标题“（二）当前东城教育发展面临的新形势”的锚点由 #s1-2 改成了 #s1-1"
        f"（改回 {{#s1-2}}：{CHANGED_HINT}）",
    ]


def test_heading_without_id(project: Path) -> None:
    line = edit(project, "mentougou", "### （二）发展形势与要求 {#s1-2}", "### （二）发展形势与要求")
    assert messages(project) == [f"docs/plans/mentougou.md:{line}: 标题“（二）发展形势与要求”没有锚点（{NO_ID_HINT}）"]


def test_setext_heading_without_id(project: Path) -> None:
    line = edit(project, "mentougou", "### （二）发展形势与要求 {#s1-2}\n", "### （二）发展形势与要求 {#s1-2}\n\n新加的小节\n-----\n")
    assert messages(project) == [f"docs/plans/mentougou.md:{line + 2}: 标题“新加的小节”没有锚点（{NO_ID_HINT}）"]


def test_changed_heading_id(project: Path) -> None:
    line = edit(project, "haidian", "{#s2-1}", "{#s2-9}")
    heading = page(project, "haidian").read_text(encoding="utf-8").split("\n")[line - 1]
    title = heading.removeprefix("### ").removesuffix(" {#s2-9}")
    assert messages(project) == [
        f"docs/plans/haidian.md:{line}: 标题“{title}”的锚点由 #s2-1 改成了 #s2-9（改回 {{#s2-1}}：{CHANGED_HINT}）"
    ]


def test_removed_heading_id_with_reworded_title(project: Path) -> None:
    edit(project, "mentougou", "### （二）发展形势与要求 {#s1-2}", "### （二）发展的形势与要求 {#s1-3x}")
    assert messages(project) == [
        "docs/plans/mentougou.md: 上次导入时的锚点 #s1-2（标题“（二）发展形势与要求”）已不存在"
        "（恢复带有 {#s1-2} 的标题；若确需删除该章节，请在评审中说明，因为指向它的引用会失效）"
    ]


def test_rewording_a_heading_keeps_its_id_and_passes(project: Path) -> None:
    edit(project, "mentougou", "### （二）发展形势与要求 {#s1-2}", "### （二）发展的形势和要求 {#s1-2}")
    assert messages(project) == []


def test_heading_id_that_looks_like_a_passage_id(project: Path) -> None:
    caption = "表1 教育事业发展与人力资源开发主要指标进展"
    line = edit(project, "mentougou", f"{caption} {{#b1}}", f"{caption} {{#b1-p1}}")
    assert messages(project, history=False) == [
        f"docs/plans/mentougou.md:{line}: 锚点 #b1-p1 与段落锚点的格式（<章节>-p<序号>）冲突（标题锚点不要以 -p<数字> 结尾）"
    ]


def test_second_title(project: Path) -> None:
    line = edit(project, "mentougou", "## 一、发展基础与形势要求 {#s1}", "# 一、发展基础与形势要求 {#s1}")
    assert messages(project, history=False) == [
        f"docs/plans/mentougou.md:{line}: 出现第二个一级标题“一、发展基础与形势要求”"
        f"（第 {line_of(project, 'mentougou', '# 北京市')} 行已有规划标题）"
        "（每页只有一个一级标题；章节用 ## 及以下级别）"
    ]


# --- history sources ------------------------------------------------------------------------------


def test_history_from_the_importer_when_not_in_git(project: Path) -> None:
    """Without git, the importer's in-memory output (verified by the manifest hash) is the last import."""
    from generator.importing.pipeline import convert_plan
    from generator.registry import load_registry

    shutil.rmtree(project / ".git")
    registry = load_registry(project / "corpus" / "plans.yml")
    generated = convert_plan(registry, registry.get("dongcheng")).markdown
    page(project, "dongcheng").write_text(generated.replace("{#s2-1}", "{#s2-7}"), encoding="utf-8")
    entries = load_manifest(project / "corpus" / "import-manifest.json")
    entries["dongcheng"] = Entry("docs/plans/dongcheng.md", sha256_text(generated), entries["dongcheng"].raw_sha256)
    (project / "corpus" / "import-manifest.json").write_text(dump_manifest(entries), encoding="utf-8")
    line = line_of(project, "dongcheng", "{#s2-7}")
    assert messages(project) == [
        f"docs/plans/dongcheng.md:{line}: 标题“（一）指导思想”的锚点由 #s2-1 改成了 #s2-7（改回 {{#s2-1}}：{CHANGED_HINT}）"
    ]


def test_no_history_found_means_no_id_comparison(project: Path) -> None:
    shutil.rmtree(project / ".git")
    entries = load_manifest(project / "corpus" / "import-manifest.json")
    entries["dongcheng"] = Entry("docs/plans/dongcheng.md", "0" * 64, entries["dongcheng"].raw_sha256)
    (project / "corpus" / "import-manifest.json").write_text(dump_manifest(entries), encoding="utf-8")
    edit(project, "dongcheng", "{#s2-1}", "{#s2-7}")
    assert messages(project) == []


# --- tables ---------------------------------------------------------------------------------------


def test_table_row_with_a_missing_cell(project: Path) -> None:
    line = edit(project, "haidian", "| 2 | 普惠性幼儿园覆盖率（%） | 92 | ≥92 |", "| 2 | 普惠性幼儿园覆盖率（%） | 92 ≥92 |")
    header = line_of(project, "haidian", "|  | 指标 | 2020年 | 2025年 |")
    assert messages(project) == [f"docs/plans/haidian.md:{line}: 表格行有 3 个单元格，表头（第 {header} 行）有 4 列（{ROW_HINT}）"]


def test_table_row_with_an_extra_cell_and_escaped_pipe_is_fine(project: Path) -> None:
    line = edit(project, "mentougou", "| 1 | 学前三年毛入园率（%） | 95 | 95 | 99 |", "| 1 | 学前三年毛入园率（%） | 95 | 95 | 99 | 100 |")
    header = "| 序号 | 指标 | 2015年 | 2020年（市级） | 2020年（本区） |"
    edit(project, "mentougou", header, header.replace("指标", r"指标\|名称"))
    assert messages(project) == [f"docs/plans/mentougou.md:{line}: 表格行有 6 个单元格，表头（第 {line - 2} 行）有 5 列（{ROW_HINT}）"]


def test_delimiter_row_with_too_few_columns(project: Path) -> None:
    header = line_of(project, "mentougou", "| 序号 | 指标 | 2015年 | 2020年（市级） | 2020年（本区） |")
    text = page(project, "mentougou").read_text(encoding="utf-8").split("\n")
    assert text[header] == "| --- | --- | --- | --- | --- |"
    text[header] = "| --- | --- | --- | --- |"
    page(project, "mentougou").write_text("\n".join(text), encoding="utf-8")
    found = messages(project)
    assert found[0] == (
        f"docs/plans/mentougou.md:{header + 1}: 表格分隔行有 4 列，表头（第 {header} 行）有 5 列（分隔行每列写一个 ---，与表头列数相同）"
    )
    assert found[1] == f"docs/plans/mentougou.md:{header + 2}: 表格行有 5 个单元格，表头（第 {header} 行）有 4 列（{ROW_HINT}）"
    assert len(found) == 1 + 8  # every one of the 8 body rows now has a cell too many


def test_split_cells_follows_python_markdown() -> None:
    assert split_cells("| a | b \\| c | `x | y` |") == ["a", "b \\| c", "`x | y`"]
    assert split_cells("a | b") == ["a", "b"]
    assert split_cells("|  | 指标 |") == ["", "指标"]


# --- links ----------------------------------------------------------------------------------------


def add_paragraph(root: Path, slug: str, paragraph: str) -> int:
    path = page(root, slug)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + paragraph + "\n", encoding="utf-8")
    return text.count("\n") + 2


def test_broken_internal_links(project: Path) -> None:
    line = add_paragraph(
        project,
        "dongcheng",
        "参见[海淀](haidian.md#s9-9)、[不存在](nowhere.md)、[本页](#nope)、[绝对](/plans/haidian.md)、"
        "[脚本](javascript:alert(1))、[目录](../about/)、[图](../assets/none.png)、[外](https://www.beijing.gov.cn/)。",
    )
    where = f"docs/plans/dongcheng.md:{line}"
    assert messages(project) == [
        f"{where}: 页面 plans/haidian.md 中没有锚点 #s9-9（检查锚点是否写错，或目标章节的锚点是否已改变）",
        f"{where}: 链接的页面 plans/nowhere.md 不存在（检查文件名；规划页位于 plans/<slug>.md）",
        f"{where}: 本页没有锚点 #nope（锚点须为本页标题的 {{#id}} 或段落锚点（如 s3-4-p2））",
        f"{where}: 链接 /plans/haidian.md 是绝对路径（写成相对于本页的 .md 链接，如 ../plans/haidian.md）",
        f"{where}: 不安全的链接 javascript:alert(1)（删除该链接；规划页只链接站内页面或 http(s) 网址）",
        f"{where}: 链接 ../about/ 不是 .md 文件（链接到页面的 .md 文件，如 haidian.md，MkDocs 会把它换成网址）",
        f"{where}: 链接的文件 assets/none.png 不存在（把文件放进 docs/ 或修正路径）",
    ]


def test_valid_internal_links(project: Path) -> None:
    add_paragraph(
        project,
        "dongcheng",
        "参见[海淀 三](haidian.md#s3)、[海淀第一段](haidian.md#s1-1-p1)、[本页](#s2-1)、[本页段落](#s2-1-p1)、"
        "[学前专题](../themes/preschool.md)、[专题索引](../themes/index.md)、[格式](../about/plan-format.md#标题与锚点)、"
        "`[代码](nowhere.md)`、\\[转义\\](nowhere.md)。",
    )
    assert messages(project) == []


def test_link_to_a_theme_that_does_not_exist(project: Path) -> None:
    line = add_paragraph(project, "jingkai", "见[专题](../themes/no-such-theme.md)。")
    assert messages(project) == [
        f"docs/plans/jingkai.md:{line}: 链接的页面 themes/no-such-theme.md 不存在（检查文件名；规划页位于 plans/<slug>.md）"
    ]


# --- other page-level mistakes --------------------------------------------------------------------


def test_unclosed_comment(project: Path) -> None:
    line = add_paragraph(project, "huairou", "<!-- review: 未写完的注释")
    assert messages(project) == [f"docs/plans/huairou.md:{line}: HTML 注释“<!--”没有结束，其后的内容不会显示（在注释末尾加上 -->）"]


def test_active_html(project: Path) -> None:
    line = add_paragraph(project, "huairou", '<img src="x.png" onerror="alert(1)"> 与 <script>alert(2)</script>')
    assert messages(project) == [
        f"docs/plans/huairou.md:{line}: 链接的文件 plans/x.png 不存在（把文件放进 docs/ 或修正路径）",
        f"docs/plans/huairou.md:{line}: 规划页中不允许可执行的 HTML：<img src=\"x.png\" onerror="
        "（删除该标签或属性；如需显示原文中的尖括号，写成 &lt; 与 &gt;）",
    ]


def test_escaped_markup_is_not_active(project: Path) -> None:
    add_paragraph(project, "huairou", "原文写作 &lt;script&gt;alert(1)&lt;/script&gt; 与 \\[链接\\]\\(javascript:alert(1)\\)。")
    assert messages(project) == []


def test_broken_front_matter(project: Path) -> None:
    edit(project, "jingkai", "slug: jingkai\n", "slug: jingkai\ndistrict: [未闭合\n")
    found = messages(project)
    assert len(found) == 1
    assert found[0].startswith("docs/plans/jingkai.md:4: 前置信息 YAML 语法错误：")
    assert found[0].endswith("（检查缩进、冒号和引号）")


def test_front_matter_slug_must_match_file(project: Path) -> None:
    line = edit(project, "jingkai", "slug: jingkai\n", "slug: jingkai2\n")
    assert line == 2
    assert messages(project) == ["docs/plans/jingkai.md:2: 前置信息中的 slug 'jingkai2' 与文件名 jingkai.md 不一致（slug 应与文件名相同）"]


def test_markup_in_front_matter_title(project: Path) -> None:
    line = edit(project, "jingkai", "title: 北京经济技术开发区“十四五”时期教育发展规划\n", "title: 规划<script>alert(1)</script>\n")
    assert messages(project) == [
        f"docs/plans/jingkai.md:{line}: 前置信息的 title 含有尖括号 < 或 >（它会成为网页标题和导航，只能是纯文本；删除其中的 HTML 标记）"
    ]


def test_unregistered_page_and_missing_page(project: Path) -> None:
    page(project, "mentougou").rename(page(project, "xicheng"))
    found = messages(project, history=False)
    assert found == [
        "docs/plans/xicheng.md: 该规划页面在 corpus/plans.yml 中没有登记（登记该规划，或删除此文件）",
        "docs/plans/xicheng.md:2: 前置信息中的 slug 'mentougou' 与文件名 xicheng.md 不一致（slug 应与文件名相同）",
        "docs/plans/mentougou.md: 已登记的规划没有页面（运行 python -m generator import mentougou）",
    ]


# --- the theme file -------------------------------------------------------------------------------


def test_topic_file_error_is_reported_with_its_line(project: Path) -> None:
    topic = project / "topics" / "preschool.yml"
    text = topic.read_text(encoding="utf-8")
    old = "slug: preschool\n"
    assert text.count(old) == 1
    line = text[: text.index(old)].count("\n") + 2
    topic.write_text(text.replace(old, old + "colour: red\n"), encoding="utf-8")
    with pytest.raises(GeneratorError) as info:
        load_themes(project / "topics")
    expected = str(info.value).replace(str(topic), "topics/preschool.yml")
    assert expected.startswith(f"topics/preschool.yml:{line}: ") and "“colour”" in expected
    assert messages(project) == [expected]


def test_run_prints_every_finding_and_exits_one(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = edit(project, "mentougou", "### （二）发展形势与要求 {#s1-2}", "### （二）发展形势与要求")
    second = add_paragraph(project, "mentougou", "见[无](#nope)。")
    assert check.run(argparse.Namespace(root=project, topics=None, no_history=False)) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        f"docs/plans/mentougou.md:{first}: 标题“（二）发展形势与要求”没有锚点（{NO_ID_HINT}）\n"
        f"docs/plans/mentougou.md:{second}: 本页没有锚点 #nope（锚点须为本页标题的 {{#id}} 或段落锚点（如 s3-4-p2））\n"
    )
    assert captured.err == "检查未通过：2 个问题\n"


def test_scan_reads_the_real_plans() -> None:
    """Every heading of every committed plan is found with its id; the title is the only one without."""
    for slug in PLANS:
        doc = scan((ROOT / "docs" / "plans" / f"{slug}.md").read_text(encoding="utf-8"))
        assert [h.level for h in doc.headings if h.id is None] == [1]
        assert doc.front_matter is not None and f"slug: {slug}" in doc.front_matter
        assert doc.links == [] and doc.active_html == [] and doc.unclosed_comment is None


def test_command_line(project: Path) -> None:
    """``python -m generator check`` as CI runs it: exit 0 when clean, 1 with file:line findings."""
    command = [sys.executable, "-m", "generator", "check", "--root", str(project)]
    clean = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert (clean.returncode, clean.stdout) == (0, "")
    assert clean.stderr.endswith("检查通过：5 份规划页面与专题定义文件\n")
    line = edit(project, "mentougou", "### （二）发展形势与要求 {#s1-2}", "### （二）发展形势与要求")
    broken = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert broken.returncode == 1
    assert broken.stdout == f"docs/plans/mentougou.md:{line}: 标题“（二）发展形势与要求”没有锚点（{NO_ID_HINT}）\n"
    assert broken.stderr.endswith("检查未通过：1 个问题\n")

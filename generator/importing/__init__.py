"""The import pipeline: raw plan files -> docs/plans/<slug>.md.

    readers/   one per format (text, html, pdf, docx) -> RawText: plain lines + the tables the
               document itself defines
    tables     tables found by line shape in text exports; Table and its Markdown
    clean/     small str -> str cleaning steps (chrome, front matter, TOC, character hygiene, rejoin)
    structure  numbering -> heading levels and stable ids
    render     blocks -> the escaped Markdown page
    pipeline   the ``import`` command: runs the steps, refuses, writes atomically (manifest)
"""

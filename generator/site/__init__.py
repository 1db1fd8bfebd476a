"""The site around the plans (issue 13): citations, page metadata, render-time transforms.

Pure ``data -> str`` modules; the MkDocs glue that calls them is ``generator.site.glue`` (a few lines in
``generator/mkdocs_plugin.py`` call it).

* ``citation``  GB/T 7714—2015, BibTeX and RIS for a plan; the per-plan citation data for 复制引用
* ``meta``      Highwire ``citation_*``, Dublin Core, Open Graph tags and schema.org ``Legislation`` JSON-LD
* ``notice``    the plan page's 印发通知/cover quote collapsed into ``<details>``; empty table headers named
"""

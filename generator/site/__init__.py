"""Site glue: what the MkDocs build adds around the plans and the cross-reference.

``plugin`` is the thin ``plancompare`` MkDocs plugin (like Material's tags plugin: it hands the work
to generator.crossref and to the pure ``data -> str`` modules here); ``glue`` is the part of it that
calls the citation and metadata modules.

* ``plugin``    on_config / on_files / on_page_* / on_serve: topic and compare pages, chips, nav
* ``home``      the home page's plans table and topics × districts heatmap
* ``citation``  GB/T 7714—2015, BibTeX and RIS for a plan; the per-plan citation data for 复制引用
* ``meta``      Highwire ``citation_*``, Dublin Core, Open Graph tags and schema.org ``Legislation`` JSON-LD
* ``notice``    the plan page's 印发通知/cover quote collapsed into ``<details>``; empty table headers named
"""

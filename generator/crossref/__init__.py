"""Thematic cross-reference: which passages of which plans are about which theme, and the pages that show it.

Pure modules (no MkDocs import): ``themes`` (theme file), ``passages`` (passage ids, the one
treeprocessor), ``relevance`` (theme and sub-topic assignment), ``similarity`` (TF-IDF links across
districts), ``indicators`` (主要指标 tables), ``build`` (everything for one set of plans),
``render`` (theme pages, exports). ``generator.site.plugin`` and ``generator.crossref.cli`` are the
two thin front ends.
"""

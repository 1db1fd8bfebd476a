"""Contributor checks: ``python -m generator check`` lints the plan pages and the topic files
(:mod:`generator.checks.project`), the same rules CI runs on every pull request."""

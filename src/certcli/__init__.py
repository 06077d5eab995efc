"""certcli: an election's certification calendar, tallies and reported figures."""

__version__ = "0.2.0"
# The project's repository (the pre-commit hook's `repo:`), and its manual, the
# site built from docs/ (mkdocs.yml's site_url): SARIF rules link to their
# entry on its rules page.
HOMEPAGE = "https://github.com/certcli/certcli"
DOCS = "https://certcli.github.io/certcli/"

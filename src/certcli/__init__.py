"""certcli: an election's certification calendar, tallies and reported figures."""

__version__ = "0.2.0"
# Where certcli's documentation lives: the repository, whose front page is the
# README. SARIF rules link to their entry in its rule table from here.
HOMEPAGE = "https://github.com/certcli/certcli"

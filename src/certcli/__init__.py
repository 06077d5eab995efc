"""certcli: an election's certification calendar, tallies and reported figures."""

__version__ = "0.1.0"

"""Dates: business days on a holiday calendar, the file's date rules resolved,
and statuses, deadlines and ordering of the resolved timeline."""

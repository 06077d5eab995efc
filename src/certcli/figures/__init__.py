"""Figures from the tallies: margins, recount rules, figures per reporting unit."""

"""Renderers: each turns result objects into a string and computes nothing."""

"""Risk-limiting audits (BRAVO ballot polling)."""

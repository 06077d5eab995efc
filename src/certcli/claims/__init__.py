"""Claims: each stated figure's verdict, and findings as data."""

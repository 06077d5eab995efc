"""The data file itself: YAML with positions, the pydantic models, the
stated-value grammar, reporting units, which files are data files, the schema."""

"""One module per command, each with an `execute()` that returns an exit code."""

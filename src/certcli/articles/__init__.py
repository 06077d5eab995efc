"""News articles against a data file: `certcli scan` and `check --articles`.

`text` reads an article (plain text, Markdown or HTML) into plain text that
remembers where each character was written; `figures` finds every figure a
reader could check in it; `scan` matches each figure to the data file's claims
or proposes one, and judges the proposals with the claim engine of `check`.
"""

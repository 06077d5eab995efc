"""`python -m certcli.checks --markdown`: print the table of check rules."""

from __future__ import annotations

import sys

from certcli.checks import rule_infos, rules_markdown


def main(argv: list[str]) -> int:
    if argv == ["--markdown"]:
        sys.stdout.write(rules_markdown())
        return 0
    if not argv:
        for info in rule_infos():
            sys.stdout.write(f"{info.id}\t{info.severity.value}\t{info.summary}\n")
        return 0
    sys.stderr.write("usage: python -m certcli.checks [--markdown]\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""certcli never prints "internal error" on a hostile input: every command on
every case of issue 19 (tests/data/bad/ is covered, command by command, by
test_corpus.py), each built here in a copy of tests/data/units/."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run

UNITS = Path(__file__).parent / "data" / "units"
ARLO = Path(__file__).parent / "data" / "good" / "audit-600-400.yaml"
CSV_RESULTS = (
    "file: certified.csv\n      format: csv\n"
    "      candidates: {Ann: Ann Able, Cy: [Cy Cole]}\n      ignore: [code]\n"
)


def xml(contests: str, declaration: str = "") -> str:
    return f"{declaration}<ElectionResult>\n{contests}</ElectionResult>\n"


def contest(name: str, choice: str = "Ann Able", unit: str = "County") -> str:
    return (
        f'  <Contest text="{name}">\n    <Choice text="{choice}" totalVotes="7">\n'
        '      <VoteType name="Election Day" votes="7">\n'
        f'        <{unit} name="Alder" votes="7" />\n'
        "      </VoteType>\n    </Choice>\n  </Contest>\n"
    )


def encrypted_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("detail.xml", xml(contest("Gov")))
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(signature) + offset] |= 0x1
    path.write_bytes(bytes(data))


def clarity_case(name: str, text: str | None = None, **options: str) -> dict[str, str]:
    """A case whose certified tally reads `name` as a Clarity file of `text`."""
    extra = "".join(f"      {key}: {value}\n" for key, value in options.items())
    return {
        "results": f"file: {name}\n      format: clarity\n      contest: Gov\n{extra}",
        **({name: text} if text is not None else {}),
    }


# Each case: what replaces the `results:` of tally `certified` and which files
# to write (name → text); "link:NAME" → a symlink target; "zip:NAME" → an
# encrypted archive; "units" replaces a line of the inline units.
CASES: dict[str, dict[str, str]] = {
    "link-out-of-the-folder": {"link:certified.csv": "../secret.csv"},
    "linked-directory": {
        "results": CSV_RESULTS.replace("certified.csv", "sub/secret.csv"),
        "link:sub": "..",
    },
    "huge-heading": {
        "certified.csv": "county,"
        + ",".join(f"c{i}-{'x' * 50}" for i in range(3000))
        + "\n"
    },
    "gbk-declaration": clarity_case(
        "r.xml", xml(contest("Gov"), '<?xml version="1.0" encoding="GBK"?>\n')
    ),
    "utf7-declaration": clarity_case(
        "r.xml", xml(contest("Gov"), '<?xml version="1.0" encoding="UTF-7"?>\n')
    ),
    "encrypted-zip": {**clarity_case("r.zip"), "zip:r.zip": ""},
    "cr-only-csv": {
        "certified.csv": "county,code,Ann Able,bob,Cy Cole,total\rAlder,1,1,2,3,6\r"
    },
    "leading-zeros": {
        "certified.csv": "county,code,Ann Able,bob,Cy Cole,total\n"
        + "Alder,1,0000000000000000000000101,50,5,156\n"
    },
    "deep-in-a-skipped-contest": clarity_case(
        "r.xml",
        xml(
            '  <Contest text="Other">'
            + "<a>" * 5000
            + "</a>" * 5000
            + "</Contest>\n"
            + contest("Gov")
        ),
    ),
    "contest-in-a-skipped-contest": clarity_case(
        "r.xml",
        xml(
            '  <Contest text="Other"><Contest text="Gov"/></Contest>\n' + contest("Gov")
        ),
    ),
    "two-contests-of-one-name": clarity_case(
        "r.xml", xml(contest("Gov") + contest("Gov"))
    ),
    "two-contests-picked": clarity_case(
        "r.xml", xml(contest("Gov") + contest("Gov")), contest_number="2"
    ),
    "contest-number-too-high": clarity_case(
        "r.xml", xml(contest("Gov") + contest("Gov")), contest_number="9"
    ),
    "choice-spelled-twice": clarity_case(
        "r.xml",
        xml(
            contest("Gov").replace("  </Contest>\n", "")
            + contest("x", "ANN  ABLE").split("\n", 1)[1]
        ),
    ),
    "long-unit-tag": clarity_case("r.xml", xml(contest("Gov", unit="U" * 3000))),
    "zero-width-unit": {"units": "      Ce\u200bdar: {Ann: 10, Bob: 12}"},
    "soft-hyphen-unit": {"units": "      Ce\u00addar: {Ann: 10, Bob: 12}"},
    "votes-above-total": {"arlo": "votes: {Ann: 10, Bob: 5}\n    total: 12"},
    "near-tie-of-10-to-the-16": {
        "arlo": "votes: {Ann: 5000000000000001, Bob: 4999999999999999}"
    },
    "near-tie-of-10-to-the-30": {
        "arlo": "votes: {Ann: 500000000000000000000000000001,"
        " Bob: 499999999999999999999999999999}"
    },
}

COMMANDS: dict[str, Callable[[Path, Path], list[str | Path]]] = {
    "check": lambda file, out: ["check", file],
    "check-github": lambda file, out: ["check", file, "-f", "github"],
    "timeline": lambda file, out: ["timeline", "--data", file],
    "margin": lambda file, out: ["margin", "--data", file, "--candidate", "Ann"],
    "margin-by-unit": lambda file, out: [
        "margin",
        "--data",
        file,
        "--candidate",
        "Ann",
        "--by",
        "unit",
    ],
    "audit": lambda file, out: ["audit", "--data", file],
    "report": lambda file, out: ["report", file, "-o", out],
}


def build(tmp_path: Path, case: dict[str, str]) -> tuple[Path, list[Path]]:
    """The case's data file, and the results files written for it."""
    (tmp_path / "secret.csv").write_text(
        "CI_TOKEN=s3cr3t,HOME=/root\n1,2\n", encoding="utf-8"
    )
    folder = tmp_path / "case"
    shutil.copytree(UNITS, folder)
    data = folder / "counties.yaml"
    if "arlo" in case:
        data = folder / "arlo.yaml"
        text = ARLO.read_text(encoding="utf-8")
        assert "votes: {Ann: 600, Bob: 400, Cy: 0}\n    ballots: 1000" in text
        data.write_text(
            text.replace(
                "votes: {Ann: 600, Bob: 400, Cy: 0}\n    ballots: 1000", case["arlo"]
            ),
            encoding="utf-8",
        )
        return data, []
    text = data.read_text(encoding="utf-8")
    if "results" in case:
        assert CSV_RESULTS in text
        text = text.replace(CSV_RESULTS, case["results"])
    if "units" in case:
        assert "      Cedar: {Ann: 10, Bob: 12}" in text
        text = text.replace("      Cedar: {Ann: 10, Bob: 12}", case["units"])
    data.write_text(text, encoding="utf-8")
    written = []
    for name, content in case.items():
        if name in ("results", "units"):
            continue
        kind, _, file = name.rpartition(":")
        path = folder / file
        path.unlink(missing_ok=True)
        if kind == "link":
            path.symlink_to(content)
        elif kind == "zip":
            encrypted_zip(path)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(path)
    return data, written


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", CASES)
def test_no_command_prints_internal_error(
    certcli: Callable[..., Run], tmp_path: Path, name: str, command: str
) -> None:
    data, _ = build(tmp_path, CASES[name])
    run = certcli(*COMMANDS[command](data, tmp_path / "page.html"))
    assert "internal error" not in run.out + run.err
    assert "Traceback" not in run.out + run.err
    assert "s3cr3t" not in run.out + run.err
    assert run.code in (0, 1, 2)


@pytest.mark.parametrize("name", CASES)
def test_results_prints_no_internal_error(
    certcli: Callable[..., Run], tmp_path: Path, name: str
) -> None:
    _, written = build(tmp_path, CASES[name])
    for path in written:
        if path.is_dir():
            continue
        run = certcli("results", path)
        assert "internal error" not in run.out + run.err
        assert run.code in (0, 2)

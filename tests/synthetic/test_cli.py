"""``python -m tests.synthetic`` writes NDJSON and reports counts and speed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.synthetic.__main__ import main


def test_cli_writes_one_resource_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ward.ndjson"
    assert (
        main(
            ["--patients", "3", "--seed", "5", "--reference-date", "2026-01-15", "--out", str(out)]
        )
        == 0
    )
    lines = out.read_text(encoding="utf-8").splitlines()
    resources = [json.loads(line) for line in lines]
    assert sum(r["resourceType"] == "Patient" for r in resources) == 3
    report = capsys.readouterr().err
    assert f"{len(lines)} resources for 3 patients" in report
    assert "resources/s" in report


def test_cli_rejects_no_patients(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["--patients", "0", "--seed", "1", "--out", str(tmp_path / "x.ndjson")])

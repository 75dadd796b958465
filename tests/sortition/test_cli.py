"""The command line end to end: example → select → files → verify; errors and exit codes."""

import csv
import json

import pytest

from gemeinsam.sortition.cli import main


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    folder = tmp_path_factory.mktemp("example")
    assert main(["example", "--size", "80", "--panel-size", "10", "--features-count", "4",
                 "--households", "0.1", "--output", str(folder)]) == 0
    return folder


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_select_writes_files_and_verify_reproduces_the_draw(example, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["select", "--features", str(example / "features.csv"), "--people",
                 str(example / "people.csv"), "--panel-size", "10", "--seed",
                 "Lotto 6 aus 49, 12.04.2026: 3 11 19 26 38 44", "--output", str(out)])
    assert code == 0
    assert "proven upper bound" in capsys.readouterr().out
    panel = _rows(out / "panel.csv")
    probabilities = _rows(out / "probabilities.csv")
    assert len(panel) == 10 and len(probabilities) == 80
    assert sum(float(r["probability"]) for r in probabilities) == pytest.approx(10, abs=1e-6)
    assert {r["id"] for r in probabilities if r["selected"] == "yes"} == {r["id"] for r in panel}
    audit = json.loads((out / "audit.json").read_text())
    assert "r00001" not in json.dumps(audit)  # only pseudonyms are public
    assert main(["verify", str(out / "audit.json")]) == 0
    assert "OK" in capsys.readouterr().out


def test_tampered_audit_fails_verification(example, tmp_path, capsys):
    out = tmp_path / "out"
    main(["select", "--features", str(example / "features.csv"), "--people",
          str(example / "people.csv"), "--panel-size", "10", "--seed", "42", "--output",
          str(out)])
    capsys.readouterr()
    audit = json.loads((out / "audit.json").read_text())
    audit["draw"]["seed"] = "43"
    (out / "forged.json").write_text(json.dumps(audit))
    assert main(["verify", str(out / "forged.json")]) == 1
    captured = capsys.readouterr()
    assert "not the one this seed draws" in captured.out + captured.err
    assert "FAILED" in captured.err
    (out / "broken.json").write_text("{not json")
    assert main(["verify", str(out / "broken.json")]) == 2


def test_select_without_seed_then_draw(example, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["select", "--features", str(example / "features.csv"), "--people",
                 str(example / "people.csv"), "--panel-size", "10", "--output",
                 str(out)]) == 0
    assert not (out / "panel.csv").exists()
    assert main(["draw", str(out / "audit.json"), "--seed", "6 6 1"]) == 0
    assert len(_rows(out / "panel.csv")) == 10
    assert main(["verify", str(out / "audit.json")]) == 0


def test_replace_and_convert(example, tmp_path, capsys):
    out = tmp_path / "out"
    main(["select", "--features", str(example / "features.csv"), "--people",
          str(example / "people.csv"), "--panel-size", "10", "--seed", "1", "--output",
          str(out), "--pseudonym-key", "fixed for the test"])
    panel = [r["id"] for r in _rows(out / "panel.csv")]
    code = main(["replace", "--features", str(example / "features.csv"), "--people",
                 str(example / "people.csv"), "--panel", str(out / "panel.csv"), "--dropped",
                 panel[0], "--seed", "2", "--pseudonyms", str(out / "pseudonyms.csv"),
                 "--output", str(tmp_path / "rep")])
    assert code == 0
    new = {r["id"] for r in _rows(tmp_path / "rep" / "panel.csv")}
    assert len(new) == 10 and panel[0] not in new and set(panel[1:]) <= new
    assert main(["convert", "--features", str(example / "features.csv"), "--people",
                 str(example / "people.csv"), "--to", "stratification-app", "--output",
                 str(tmp_path / "strat")]) == 0
    assert main(["select", "--features", str(tmp_path / "strat" / "categories.csv"),
                 "--people", str(tmp_path / "strat" / "respondents.csv"), "--panel-size",
                 "10", "--seed", "1", "--output", str(tmp_path / "again")]) == 0
    assert (tmp_path / "again" / "panel.csv").read_text() != ""


def test_bad_input_exits_with_2_and_reports_each_row(tmp_path, capsys):
    (tmp_path / "f.csv").write_text("feature,value,min,max\ng,a,0,2\ng,b,0,2\n")
    (tmp_path / "p.csv").write_text("id,g\n1,a\n2,c\n3,\n1,b\n")
    code = main(["select", "--features", str(tmp_path / "f.csv"), "--people",
                 str(tmp_path / "p.csv"), "--panel-size", "2", "--output", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err
    assert "line 3: 2: 'c' is not a value of 'g'" in err
    assert "line 4: 3: no value for 'g'" in err
    assert "line 5: 1: the id '1' is used twice (also on line 2)" in err
    (tmp_path / "p.csv").write_text("name,g\n1,a\n")
    assert main(["select", "--features", str(tmp_path / "f.csv"), "--people",
                 str(tmp_path / "p.csv"), "--panel-size", "2", "--output",
                 str(tmp_path)]) == 2
    assert "no id column" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["select", "--features", "x"])
    assert info.value.code == 2


def test_infeasible_quotas_exit_with_1_and_a_proposal(tmp_path, capsys):
    (tmp_path / "f.csv").write_text("feature,value,min,max\ng,a,3,3\ng,b,0,3\n")
    (tmp_path / "p.csv").write_text("id,g\n1,a\n2,a\n3,b\n4,b\n")
    assert main(["select", "--features", str(tmp_path / "f.csv"), "--people",
                 str(tmp_path / "p.csv"), "--panel-size", "3", "--output",
                 str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "only 2 respondents" in err and "from 3 to 2" in err

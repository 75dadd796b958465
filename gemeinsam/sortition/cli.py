"""Command line: select, draw, verify, replace, relax, convert, example.

    python -m gemeinsam.sortition select --features F --people P --panel-size K \\
        [--algorithm leximin] [--seed S] [--household-column C ...] --output DIR
    python -m gemeinsam.sortition draw DIR/audit.json --seed S --output DIR
    python -m gemeinsam.sortition verify AUDIT [--seed S]
    python -m gemeinsam.sortition replace --features F --people P --panel DIR/panel.csv \\
        --dropped IDS --seed S --output DIR2 [--pseudonyms DIR/pseudonyms.csv]
    python -m gemeinsam.sortition convert --features F --people P --to stratification-app --output DIR
    python -m gemeinsam.sortition example --size 300 --panel-size 30 --output DIR

Exit codes: 0 success, 1 verification failed or no panel meets the quotas, 2 bad input.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from . import __version__
from .formats import DIALECTS, read_id_list, read_people, read_quotas, write_people, write_quotas
from .lottery import verify_audit
from .model import ALGORITHMS, InfeasibleQuotas, InputError, SortitionError
from .selection import draw_selection, replace, select


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits with 2 too; keep its usage line
        self.print_usage(sys.stderr)
        self.exit(2, f"error: {message}\n")


def _add_inputs(parser, people=True):
    parser.add_argument("--features", "--quotas", dest="features", required=True,
                        help="quota file: feature,value,min,max (sortition-algorithms) or "
                             "category,name,min,max (stratification app)")
    if people:
        parser.add_argument("--people", "--respondents", dest="people", required=True,
                            help="respondents: an id column and one column per feature")
        parser.add_argument("--id-column", help="name of the id column (default: id, "
                                                "nationbuilder_id, person_id or respondent_id)")
        parser.add_argument("--household-column", action="append", dest="household_columns",
                            help="column(s) whose values together identify a household; "
                                 "at most one person per household is selected (default: "
                                 "'household', or primary_address1 + zip_royal_mail)")
        parser.add_argument("--no-households", action="store_true",
                            help="do not apply the household rule")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m gemeinsam.sortition",
                     description="Fair selection of citizens' panels (leximin lotteries).")
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = commands.add_parser("select", help="compute the lottery and (with --seed) draw a panel")
    _add_inputs(p)
    p.add_argument("--panel-size", type=int, required=True)
    p.add_argument("--algorithm", choices=ALGORITHMS, default="leximin")
    p.add_argument("--seed", help="the public random seed (announced in advance); without "
                                  "it only the lottery is computed, draw it later with 'draw'")
    p.add_argument("--must-select", help="ids (comma separated) or a file of ids")
    p.add_argument("--must-not-select", help="ids (comma separated) or a file of ids")
    p.add_argument("--pseudonyms", help="reuse an id,pseudonym CSV from an earlier run")
    p.add_argument("--pseudonym-key", help="secret key for the pseudonyms (default: random); "
                                           "the same key gives the same pseudonyms")
    p.add_argument("--time-limit", type=float, help="give up after this many seconds")
    p.add_argument("--output", required=True, help="directory for the result files")

    p = commands.add_parser("draw", help="draw the panel of a computed lottery with a seed")
    p.add_argument("audit")
    p.add_argument("--seed", required=True)
    p.add_argument("--output", help="directory with pseudonyms.csv and people.csv of the "
                                    "select run, to write panel.csv (default: the audit's)")

    p = commands.add_parser("verify", help="recompute a published draw from its audit file")
    p.add_argument("audit")
    p.add_argument("--seed", help="check against this seed instead of the recorded one")

    p = commands.add_parser("replace", help="draw replacements for people who dropped out")
    _add_inputs(p)
    p.add_argument("--panel", required=True, help="the current panel (ids: CSV or list)")
    p.add_argument("--dropped", required=True, help="ids (comma separated) or a file of ids")
    p.add_argument("--must-not-select", help="further ids to leave out (e.g. declined)")
    p.add_argument("--algorithm", choices=ALGORITHMS, default="leximin")
    p.add_argument("--seed", help="the public random seed for the replacement draw")
    p.add_argument("--pseudonyms", help="id,pseudonym CSV of the original selection")
    p.add_argument("--time-limit", type=float)
    p.add_argument("--output", required=True)

    p = commands.add_parser("convert", help="rewrite quota and people files in another layout")
    _add_inputs(p)
    p.add_argument("--to", choices=DIALECTS, required=True)
    p.add_argument("--output", required=True)

    p = commands.add_parser("example", help="write a generated example pool and quotas")
    p.add_argument("--size", type=int, default=300)
    p.add_argument("--panel-size", type=int, default=30)
    p.add_argument("--features-count", type=int, default=6)
    p.add_argument("--households", type=float, default=0.0,
                   help="share of respondents sharing a household with the previous one")
    p.add_argument("--instance-seed", type=int, default=1)
    p.add_argument("--output", required=True)
    return parser


def _ids(value: str | None) -> list[str]:
    if not value:
        return []
    path = Path(value)
    if path.is_file():
        return read_id_list(path)
    return [part.strip() for part in value.split(",") if part.strip()]


def _load(args):
    quotas = read_quotas(Path(args.features))
    people = read_people(Path(args.people), quotas, id_column=args.id_column,
                         household_columns=args.household_columns)
    return quotas, people


def _read_pseudonyms(path) -> dict[str, str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {row["id"]: row["pseudonym"] for row in csv.DictReader(handle)}


def _progress(fraction: float, message: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{fraction:5.0%} {message[:70]:70s}", end="", file=sys.stderr, flush=True)


def _write_results(result, people, quotas, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    probabilities = {pid: f"{p:.9f}" for pid, p in result.probabilities.items()}
    selected = {pid: ("yes" if result.panel and pid in result.panel else "no")
                for pid in result.probabilities}
    columns = [("probability", probabilities)]
    if result.panel is not None:
        columns.append(("selected", selected))
    write_people(people, quotas, out / "probabilities.csv", columns=columns, extra=False)
    with open(out / "pseudonyms.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "pseudonym"])
        writer.writerows(sorted(result.pseudonyms.items()))
    if result.panel is not None:
        chosen = [p for p in people if p.id in result.panel]
        write_people(chosen, quotas, out / "panel.csv")
    (out / "audit.json").write_text(json.dumps(result.audit, indent=1, ensure_ascii=False)
                                    + "\n", encoding="utf-8")


def _summary(result) -> list[str]:
    lottery = result.audit["lottery"]
    lines = [f"algorithm: {result.algorithm}, panel size {result.panel_size}, lottery of "
             f"{len(lottery['compositions'])} compositions"
             + (f" ({len(result.distribution)} panels)" if result.distribution else "")]
    if result.certificate:
        lines.append("certificate: " + result.certificate.describe())
    lines.append(f"lowest selection probability: {result.minimum:.6f}")
    lines.append(f"lottery SHA-256 (publish before the seed is known): {lottery['sha256']}")
    if result.panel is not None:
        draw = result.audit["draw"]
        lines.append(f"seed {draw['seed']!r} drew composition {draw['index'] + 1} "
                     f"(random number {draw['random_number']})")
    else:
        lines.append("no seed given: publish the SHA-256 above, then run 'draw' with the seed")
    return lines


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:  # e.g. piped into head
        sys.stderr.close()
        return 0
    except InfeasibleQuotas as error:
        print(error.message, file=sys.stderr)
        return 1
    except InputError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 2
    except SortitionError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 1


def _run(args) -> int:
    if args.command == "select":
        quotas, people = _load(args)
        pseudonyms = _read_pseudonyms(args.pseudonyms) if args.pseudonyms else None
        if pseudonyms is not None:
            missing = [p.id for p in people if p.id not in pseudonyms]
            if missing:
                raise InputError([(None, f"no pseudonym for '{pid}'") for pid in missing])
        result = select(people, quotas, args.panel_size, algorithm=args.algorithm,
                        seed=args.seed, households=not args.no_households,
                        must_select=_ids(args.must_select),
                        must_not_select=_ids(args.must_not_select), pseudonyms=pseudonyms,
                        pseudonym_key=args.pseudonym_key, progress=_progress,
                        time_limit=args.time_limit)
        if sys.stderr.isatty():
            print(file=sys.stderr)
        out = Path(args.output)
        _write_results(result, people, quotas, out)
        write_people(people, quotas, out / "people.csv")
        print("\n".join(_summary(result)))
        print(f"written to {out}/: audit.json (public), probabilities.csv, pseudonyms.csv "
              f"(private){', panel.csv' if result.panel is not None else ''}")
        return 0
    if args.command == "draw":
        return _draw(args)
    if args.command == "verify":
        return _verify(args)
    if args.command == "replace":
        quotas, people = _load(args)
        pseudonyms = _read_pseudonyms(args.pseudonyms) if args.pseudonyms else None
        result = replace(people, quotas, len(_ids(args.panel)), panel=_ids(args.panel),
                         dropped=_ids(args.dropped),
                         must_not_select=_ids(args.must_not_select), seed=args.seed,
                         algorithm=args.algorithm, households=not args.no_households,
                         pseudonyms=pseudonyms, progress=_progress,
                         time_limit=args.time_limit)
        out = Path(args.output)
        _write_results(result, people, quotas, out)
        write_people(people, quotas, out / "people.csv")
        print("\n".join(_summary(result)))
        if result.panel is not None:
            new = sorted(result.panel - set(_ids(args.panel)))
            print("replacements: " + ", ".join(new))
        return 0
    if args.command == "convert":
        quotas, people = _load(args)
        out = Path(args.output)
        out.mkdir(parents=True, exist_ok=True)
        names = ("categories.csv", "respondents.csv") if args.to == "stratification-app" \
            else ("features.csv", "people.csv")
        write_quotas(quotas, out / names[0], args.to)
        write_people(people, quotas, out / names[1], args.to)
        print(f"written {out / names[0]} and {out / names[1]}")
        return 0
    if args.command == "example":
        from .examples import generate_instance

        people, quotas = generate_instance(args.size, args.panel_size, args.features_count,
                                           seed=args.instance_seed,
                                           households=args.households)
        out = Path(args.output)
        out.mkdir(parents=True, exist_ok=True)
        write_quotas(quotas, out / "features.csv")
        write_people(people, quotas, out / "people.csv")
        print(f"written {out / 'features.csv'} and {out / 'people.csv'}")
        return 0
    raise AssertionError(args.command)


def _load_audit(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError([(None, f"cannot read {path}: {error.strerror}")]) from error
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError([(None, f"{path} is not a JSON audit file: {error}")]) from error


def _verify(args) -> int:
    audit = _load_audit(args.audit)
    if not isinstance(audit, dict):
        raise InputError([(None, f"{args.audit} is not an audit file")])
    result = verify_audit(audit, seed=args.seed)
    for line in result.lines:
        print(line)
    if result.ok:
        print("OK: the published draw is reproduced")
        return 0
    print("FAILED: the audit file does not reproduce; see above", file=sys.stderr)
    return 1


def _draw(args) -> int:
    from .model import SelectionResult

    audit_path = Path(args.audit)
    audit = _load_audit(audit_path)
    out = Path(args.output) if args.output else audit_path.parent
    pseudonyms = _read_pseudonyms(out / "pseudonyms.csv")
    result = SelectionResult(algorithm=audit.get("algorithm", ""),
                             panel_size=audit.get("panel_size", 0), probabilities={},
                             distribution=[], panel=None, seed=None, lp_bound=None,
                             certificate=None, audit=audit, pseudonyms=pseudonyms)
    result = draw_selection(result, args.seed)
    (out / "audit.json").write_text(json.dumps(result.audit, indent=1, ensure_ascii=False)
                                    + "\n", encoding="utf-8")
    people_file = out / "people.csv"
    if people_file.is_file():
        quotas = [_quota(q) for q in audit.get("quotas", [])]
        people = read_people(people_file, quotas)
        write_people([p for p in people if p.id in result.panel], quotas, out / "panel.csv")
    draw = result.audit["draw"]
    print(f"seed {draw['seed']!r} drew composition {draw['index'] + 1} "
          f"(random number {draw['random_number']}); written to {out}/")
    print("panel: " + ", ".join(sorted(result.panel)))
    return 0


def _quota(entry):
    from .model import Quota

    return Quota(entry["feature"], entry["value"], int(entry["min"]), int(entry["max"]))

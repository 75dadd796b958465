"""The inputs and outputs of a selection: respondents, quotas, results, and the domain errors.

Plain frozen dataclasses, so that the Django app can build them from its rows and the command
line from CSV files. Feature and value names are compared ignoring case and surrounding blanks
(as sortition-algorithms does); the spelling of the quota file is the one kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

ALGORITHMS = ("leximin", "maximin", "nash", "legacy")


def fold(text: str) -> str:
    """The form in which names are compared: blanks stripped, case folded."""
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True)
class Respondent:
    """One person of the pool. `household` is any key shared by people of one address."""

    id: str
    features: Mapping[str, str]
    household: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Quota:
    """How many panel members must have `value` for `feature`: at least `min`, at most `max`.

    `min_flex` and `max_flex` (from sortition-algorithms' files) limit how far a proposed
    relaxation may move the bounds; None means no limit beyond 0 and the panel size.
    """

    feature: str
    value: str
    min: int
    max: int
    min_flex: int | None = None
    max_flex: int | None = None


class SortitionError(Exception):
    """Base class; `message` is meant for the person running the selection."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InputError(SortitionError):
    """The input is unusable. `problems` lists every problem as (line number or None, reason)."""

    def __init__(self, problems: Sequence[tuple[int | None, str]], source: str = ""):
        self.problems = list(problems)
        self.source = source
        lines = [f"{source}: " if source else ""]
        lines[0] += f"{len(self.problems)} problem(s) in the input"
        for line, reason in self.problems:
            lines.append(f"  line {line}: {reason}" if line is not None else f"  {reason}")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Relaxation:
    """One quota bound that has to move: `bound` is "min" or "max"."""

    feature: str
    value: str
    bound: str
    old: int
    new: int
    available: int  # respondents who have this value (and may be selected)

    def describe(self) -> str:
        if self.bound == "min":
            why = (f" (only {self.available} respondents have it)"
                   if self.available < self.old else "")
            return (f"lower the minimum for {self.feature} = {self.value} from {self.old} "
                    f"to {self.new}{why}")
        return (f"raise the maximum for {self.feature} = {self.value} from {self.old} "
                f"to {self.new}")


class Conflict(str):
    """Why no panel meets the quotas, in English words, with its `kind` and `facts` kept apart
    so that an application can say it in its own language. Kinds and their facts:

    - "too_many_forced": forced, seats
    - "too_few_households": possible, seats
    - "forced_above_max": taken, feature, value, max
    - "too_few_with_value": min, feature, value, available
    - "minimums_above_seats": feature, sum, seats
    - "maximums_below_seats": feature, sum, seats
    - "combination": values (the "feature = value" pairs whose quotas clash together)
    """

    kind: str
    facts: dict

    def __new__(cls, kind: str, text: str, **facts):
        conflict = super().__new__(cls, text)
        conflict.kind = kind
        conflict.facts = facts
        return conflict


class InfeasibleQuotas(SortitionError):
    """No panel meets the quotas. `conflicts` says why, `relaxations` is the smallest fix."""

    def __init__(self, conflicts: Sequence[str], relaxations: Sequence[Relaxation],
                 relaxed_quotas: Sequence[Quota] | None):
        self.conflicts = list(conflicts)
        self.relaxations = list(relaxations)
        self.relaxed_quotas = list(relaxed_quotas) if relaxed_quotas is not None else None
        lines = ["No panel meets all quotas."]
        lines += [f"- {c}" for c in self.conflicts]
        if self.relaxations:
            lines.append("The smallest change that makes a selection possible:")
            lines += [f"- {r.describe()}" for r in self.relaxations]
        elif self.relaxed_quotas is None:
            lines.append("No relaxation of the quotas within their min_flex/max_flex limits helps.")
        super().__init__("\n".join(lines))


@dataclass
class Certificate:
    """Why the result is optimal: for leximin and maximin, the lowest selection probability
    reached and the upper bound proven by linear-programming duality (Lagrangian bound of the
    last pricing problem). For nash, the Frank–Wolfe duality gap of the objective."""

    minimum: float
    upper_bound: float | None  # None for legacy: no bound is known
    gap: float | None
    iterations: int = 0
    stages: int = 0
    pricing_mips: int = 0
    panels_generated: int = 0
    seconds: float = 0.0
    method: str = ""
    profile_gap: float | None = None  # leximin: largest distance to the upper-bound profile

    def describe(self) -> str:
        bound = ("no bound known" if self.upper_bound is None else
                 f"proven upper bound {self.upper_bound:.9f} (gap {self.gap:.1e})")
        text = f"minimum probability {self.minimum:.9f}, {bound}; "
        if self.stages:
            text += (f"{self.stages} stage(s), {self.iterations} master LP solves, "
                     f"{self.pricing_mips} pricing MIPs, {self.panels_generated} panels "
                     "generated, ")
        text += f"{self.seconds:.2f} s"
        return text + (f"; {self.method}" if self.method else "")


@dataclass
class SelectionResult:
    """What `select` returns.

    `probabilities` maps every respondent id to their selection probability (0 for excluded
    people, 1 for people who had to be selected). `distribution` lists the panels (frozensets
    of ids) with their probabilities as the published lottery gives them — empty when that
    would be more than 20,000 panels; the audit's compositions are the compact form of the
    same lottery. `panel` is the
    panel drawn with `seed`, None if no seed was given yet (see `draw`). `audit` is the
    publishable audit record (JSON-ready dict, pseudonymous ids).
    """

    algorithm: str
    panel_size: int
    probabilities: dict[str, float]
    distribution: list[tuple[frozenset[str], float]]
    panel: frozenset[str] | None
    seed: str | None
    lp_bound: float | None
    certificate: Certificate | None
    audit: dict[str, Any]
    pseudonyms: dict[str, str]
    notes: list[str] = field(default_factory=list)

    @property
    def minimum(self) -> float:
        """The lowest selection probability among the people who could be selected."""
        eligible = [p for p in self.probabilities.values() if p > 0]
        return min(eligible) if eligible else 0.0

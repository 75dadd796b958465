"""The verifiable lottery: canonical distribution, integer weights, seeded draw, audit file.

A lottery is published as *types* (groups of interchangeable people: same features, no
shared household), the people on every panel, and *compositions* (how many members of each
type a panel takes) with integer weights. The draw first picks a composition, then one
number u in [0, 1) that fixes, for every type, which of its members are taken: the c
members from position floor(u·n) on, cyclically (n members sorted by pseudonym). Every
member of a type thus has exactly the same probability, and the file stays small however
large the pool (the same lottery written out panel by panel can have 10^5 panels).

The procedure (docs/sortition.md states it for reimplementation):

1. Types: each is the sorted list of its members' pseudonyms (Unicode code point order);
   types are sorted by these lists and numbered from 0. `fixed` is the sorted list of the
   people on every panel.
2. Compositions: sorted lists of [type number, count] pairs with count > 0, sorted by type
   number; compositions are sorted lexicographically.
3. Probabilities become integer weights summing to TOTAL = 10**12: each composition gets
   floor(p·TOTAL) and the units left go, one each, to the largest remainders (ties: the
   earlier composition). Compositions of weight 0 are left out.
4. The digest is the SHA-256 (hex) of the UTF-8 text: "gemeinsam-sortition lottery v1\n",
   TOTAL, "\n", then "type" and the type's members, space-separated, one line per type,
   then "fixed" and the fixed people likewise (one line), then one line per composition:
   its weight, then "t:c" for each pair. Every line ends in "\n". The digest is published
   before the seed is known.
5. The seed (any text announced in advance) is taken after Unicode NFC normalisation with
   leading and trailing whitespace removed.
6. r = int(SHA-256("gemeinsam-sortition draw v1\n" + digest + "\n" + seed)) mod TOTAL
   (big-endian); the composition drawn is the first whose cumulative weight exceeds r.
7. v = int(SHA-256("gemeinsam-sortition window v1\n" + digest + "\n" + seed)), a 256-bit
   number (u = v / 2**256); for a type with n members of which the composition takes c,
   the members at positions (s + i) mod n for i = 0 … c−1 are on the panel, where
   s = floor(v·n / 2**256).

The bias of the modulo in step 6 is below 2**-215 and ignored.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

TOTAL = 10**12
FORMAT = "gemeinsam-sortition-audit"
FORMAT_VERSION = 1
_DIGEST_HEADER = "gemeinsam-sortition lottery v1\n"
_DRAW_HEADER = "gemeinsam-sortition draw v1\n"
_WINDOW_HEADER = "gemeinsam-sortition window v1\n"


def normalise_seed(seed: str) -> str:
    seed = unicodedata.normalize("NFC", str(seed)).strip()
    if not seed:
        raise ValueError("the seed is empty")
    return seed


def integer_weights(probabilities: Sequence[float], total: int = TOTAL) -> list[int]:
    """Largest-remainder rounding of probabilities (normalised first) to integers."""
    probs = [max(0.0, float(p)) for p in probabilities]
    mass = math.fsum(probs)
    if mass <= 0:
        raise ValueError("the distribution has no probability mass")
    scaled = [p / mass * total for p in probs]
    weights = [math.floor(x) for x in scaled]
    left = total - sum(weights)
    order = sorted(range(len(scaled)), key=lambda j: (-(scaled[j] - weights[j]), j))
    for j in order[:left]:
        weights[j] += 1
    return weights


Composition = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Lottery:
    """A lottery ready for drawing, in canonical form (see the module docstring)."""

    types: tuple[tuple[str, ...], ...]
    fixed: tuple[str, ...]
    compositions: tuple[Composition, ...]
    weights: tuple[int, ...]
    total: int = TOTAL

    @classmethod
    def build(cls, types: Sequence[Sequence[str]], fixed: Iterable[str],
              compositions: Sequence[Sequence[int]], probabilities: Sequence[float],
              total: int = TOTAL) -> Lottery:
        """From member lists per type and count vectors (one count per type)."""
        order = sorted(range(len(types)), key=lambda t: tuple(sorted(types[t])))
        position = {t: i for i, t in enumerate(order)}
        canonical_types = tuple(tuple(sorted(types[t])) for t in order)
        merged: dict[Composition, float] = {}
        for counts, prob in zip(compositions, probabilities):
            key = tuple(sorted((position[t], int(c)) for t, c in enumerate(counts) if c > 0))
            merged[key] = merged.get(key, 0.0) + float(prob)
        items = sorted(merged.items())
        weights = integer_weights([p for _, p in items], total)
        kept = [(comp, w) for (comp, _), w in zip(items, weights) if w > 0]
        return cls(types=canonical_types, fixed=tuple(sorted(fixed)),
                   compositions=tuple(c for c, _ in kept),
                   weights=tuple(w for _, w in kept), total=total)

    @classmethod
    def of_panels(cls, distribution: Iterable[tuple[Iterable[str], float]],
                  total: int = TOTAL) -> Lottery:
        """A lottery over explicit panels: every person a type of their own."""
        items = [(frozenset(panel), p) for panel, p in distribution]
        people = sorted(set().union(*(panel for panel, _ in items))) if items else []
        index = {person: i for i, person in enumerate(people)}
        vectors = []
        for panel, _ in items:
            counts = [0] * len(people)
            for person in panel:
                counts[index[person]] = 1
            vectors.append(counts)
        return cls.build([[person] for person in people], (), vectors,
                         [p for _, p in items], total)

    @property
    def digest(self) -> str:
        text = [_DIGEST_HEADER, f"{self.total}\n"]
        text += [" ".join(["type", *members]) + "\n" for members in self.types]
        text.append(" ".join(["fixed", *self.fixed]) + "\n")
        for comp, weight in zip(self.compositions, self.weights):
            text.append(" ".join([str(weight)] + [f"{t}:{c}" for t, c in comp]) + "\n")
        return hashlib.sha256("".join(text).encode("utf-8")).hexdigest()

    def probabilities(self) -> dict[str, float]:
        mass = [0] * len(self.types)
        for comp, weight in zip(self.compositions, self.weights):
            for t, c in comp:
                mass[t] += weight * c
        result = {member: 1.0 for member in self.fixed}
        for t, members in enumerate(self.types):
            for member in members:
                result[member] = mass[t] / (len(members) * self.total)
        return dict(sorted(result.items()))

    def panel(self, index: int, window: int) -> tuple[str, ...]:
        """The panel of composition `index` for the 256-bit window number."""
        chosen = list(self.fixed)
        for t, c in self.compositions[index]:
            members = self.types[t]
            n = len(members)
            start = (window * n) >> 256
            chosen += [members[(start + i) % n] for i in range(c)]
        return tuple(sorted(chosen))

    def draw(self, seed: str) -> Draw:
        seed = normalise_seed(seed)
        digest = self.digest
        number = int.from_bytes(hashlib.sha256(
            f"{_DRAW_HEADER}{digest}\n{seed}".encode()).digest(), "big") % self.total
        window = int.from_bytes(hashlib.sha256(
            f"{_WINDOW_HEADER}{digest}\n{seed}".encode()).digest(), "big")
        cumulative = 0
        for index, weight in enumerate(self.weights):
            cumulative += weight
            if cumulative > number:
                return Draw(seed=seed, digest=digest, random_number=number, window=window,
                            index=index, panel=self.panel(index, window))
        raise ValueError("the weights do not add up to the total")

    def panels(self) -> list[tuple[tuple[str, ...], float]]:
        """The same lottery written out panel by panel (can be long for large pools)."""
        from fractions import Fraction

        result: dict[tuple[str, ...], float] = {}
        for index, (comp, weight) in enumerate(zip(self.compositions, self.weights)):
            cuts = {Fraction(0), Fraction(1)}
            for t, c in comp:
                n = len(self.types[t])
                if c < n:
                    cuts.update(Fraction(i, n) for i in range(1, n))
            cuts_sorted = sorted(cuts)
            for left, right in zip(cuts_sorted, cuts_sorted[1:]):
                middle = (left + right) / 2
                window = (middle.numerator << 256) // middle.denominator
                panel = self.panel(index, window)
                result[panel] = result.get(panel, 0.0) + weight / self.total * float(right - left)
        return sorted(result.items())


@dataclass(frozen=True)
class Draw:
    seed: str
    digest: str
    random_number: int
    window: int
    index: int
    panel: tuple[str, ...]


def draw(distribution: Iterable[tuple[Iterable[str], float]], seed: str) -> Draw:
    """Draw a panel from explicit panels [(members, probability)] by the public procedure."""
    return Lottery.of_panels(distribution).draw(seed)


# --- pseudonyms -------------------------------------------------------------------------------


def make_pseudonyms(ids: Iterable[str], key: str | None = None) -> dict[str, str]:
    """"P" + 16 hex digits of HMAC-SHA256(key, id): unlinkable without the key, which the
    organisers keep; each respondent can be told their pseudonym to check the audit file."""
    key = key or secrets.token_hex(16)
    result = {}
    for pid in ids:
        digest = hmac.new(key.encode(), str(pid).encode(), hashlib.sha256).hexdigest()
        result[pid] = "P" + digest[:16].upper()
    if len(set(result.values())) != len(result):
        raise ValueError("pseudonym collision; use another key")
    return result


# --- audit ------------------------------------------------------------------------------------


def build_audit(*, lottery: Lottery, algorithm: str, panel_size: int, pool_size: int,
                quotas: Sequence[Any], certificate: Mapping[str, Any] | None,
                version: str, others: Iterable[str] = (),
                extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The public audit record; `others` are pool members on no panel (probability 0)."""
    probabilities = lottery.probabilities()
    for member in others:
        probabilities.setdefault(member, 0.0)
    audit: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "software": {"name": "gemeinsam.sortition", "version": version},
        "algorithm": algorithm,
        "panel_size": panel_size,
        "pool_size": pool_size,
        "quotas": [{"feature": q.feature, "value": q.value, "min": q.min, "max": q.max}
                   for q in quotas],
        "certificate": dict(certificate) if certificate else None,
        "probabilities": {m: f"{p:.12f}" for m, p in sorted(probabilities.items())},
        "lottery": {
            "total": lottery.total,
            "sha256": lottery.digest,
            "types": [list(members) for members in lottery.types],
            "fixed": list(lottery.fixed),
            "compositions": [{"weight": w, "counts": [list(pair) for pair in comp]}
                             for comp, w in zip(lottery.compositions, lottery.weights)],
        },
    }
    if extra:
        audit.update(extra)
    return audit


def add_draw(audit: dict[str, Any], result: Draw) -> dict[str, Any]:
    audit = dict(audit)
    audit["draw"] = {"seed": result.seed, "random_number": result.random_number,
                     "window": str(result.window), "index": result.index,
                     "panel": list(result.panel)}
    return audit


def lottery_from_audit(audit: Mapping[str, Any]) -> tuple[Lottery, list[str]]:
    """The audit's lottery and every structural problem found in it."""
    problems: list[str] = []
    if audit.get("format") != FORMAT:
        problems.append(f"not a {FORMAT} file")
    if audit.get("format_version") != FORMAT_VERSION:
        problems.append(f"unknown format_version {audit.get('format_version')!r}")
    data = audit.get("lottery") if isinstance(audit.get("lottery"), Mapping) else {}
    total = data.get("total")
    if not isinstance(total, int) or isinstance(total, bool) or total <= 0:
        problems.append("lottery.total is not a positive whole number")
        total = TOTAL

    def names(value) -> bool:
        return isinstance(value, list) and all(isinstance(m, str) for m in value)

    types = []
    for number, members in enumerate(data.get("types") or []):
        if not names(members) or not members or members != sorted(set(members)):
            problems.append(f"type {number}: members are not a sorted list of pseudonyms")
            continue
        types.append(tuple(members))
    if types != sorted(types):
        problems.append("the types are not in canonical order")
    fixed = data.get("fixed", [])
    if not names(fixed) or fixed != sorted(set(fixed)):
        problems.append("fixed is not a sorted list of pseudonyms")
        fixed = []
    everyone = [m for members in types for m in members] + list(fixed)
    if len(everyone) != len(set(everyone)):
        problems.append("someone appears in two types or in a type and in fixed")
    compositions, weights = [], []
    size = audit.get("panel_size")
    for number, entry in enumerate(data.get("compositions") or [], start=1):
        weight = entry.get("weight") if isinstance(entry, Mapping) else None
        counts = entry.get("counts") if isinstance(entry, Mapping) else None
        if not isinstance(weight, int) or isinstance(weight, bool) or weight <= 0:
            problems.append(f"composition {number}: weight is not a positive whole number")
            continue
        try:
            comp = tuple((int(t), int(c)) for t, c in counts)
        except (TypeError, ValueError):
            problems.append(f"composition {number}: counts are not [type, count] pairs")
            continue
        if [t for t, _ in comp] != sorted({t for t, _ in comp}) or any(
                not 0 <= t < len(types) or not 0 < c <= len(types[t]) for t, c in comp):
            problems.append(f"composition {number}: counts out of range or not sorted")
            continue
        if size is not None and sum(c for _, c in comp) + len(fixed) != size:
            problems.append(f"composition {number}: {sum(c for _, c in comp) + len(fixed)} "
                            f"members, but the panel size is {size}")
        compositions.append(comp)
        weights.append(weight)
    if not compositions:
        problems.append("the lottery has no compositions")
    if compositions != sorted(compositions) or len(set(compositions)) != len(compositions):
        problems.append("the compositions are not in canonical order or not unique")
    if sum(weights) != total:
        problems.append(f"the weights add up to {sum(weights)}, not to the total {total}")
    return Lottery(types=tuple(types), fixed=tuple(fixed), compositions=tuple(compositions),
                   weights=tuple(weights), total=total), problems


@dataclass
class Verification:
    ok: bool
    lines: list[str]
    panel: tuple[str, ...] | None


def verify_audit(audit: Mapping[str, Any], seed: str | None = None) -> Verification:
    """Recompute everything that can be recomputed from the audit file.

    Checks the structure, the digest, the published probabilities, and — with the audit's
    own seed or `seed` — that the draw gives the recorded panel.
    """
    lottery, problems = lottery_from_audit(audit)
    lines: list[str] = []
    data = audit.get("lottery") if isinstance(audit.get("lottery"), Mapping) else {}
    if not problems:
        digest = lottery.digest
        if data.get("sha256") != digest:
            problems.append(f"the lottery's SHA-256 is {digest}, the file says "
                            f"{data.get('sha256')}: types, compositions or weights were "
                            "changed")
        else:
            lines.append(f"lottery: {len(lottery.compositions)} compositions of "
                         f"{len(lottery.types)} types, SHA-256 {digest}")
        published = audit.get("probabilities")
        if isinstance(published, Mapping):
            computed = lottery.probabilities()
            for member in published:
                computed.setdefault(member, 0.0)
            wrong = [m for m in set(published) | set(computed)
                     if abs(float(published.get(m, 0)) - computed.get(m, 0.0)) > 5e-12]
            if wrong:
                problems.append(f"{len(wrong)} published probabilities do not match the "
                                f"distribution (e.g. {sorted(wrong)[0]})")
            else:
                lines.append(f"probabilities of {len(computed)} people match the distribution")
    panel = None
    recorded = audit.get("draw")
    seed = seed if seed is not None else (recorded or {}).get("seed")
    if not problems and seed is not None:
        result = lottery.draw(seed)
        panel = result.panel
        lines.append(f"seed {result.seed!r} gives random number {result.random_number}: "
                     f"composition {result.index + 1} of {len(lottery.compositions)}")
        if recorded:
            if recorded.get("seed") is not None and normalise_seed(recorded["seed"]) != result.seed:
                lines.append("note: the file records the seed "
                             f"{recorded.get('seed')!r}; checked with {result.seed!r}")
            if list(recorded.get("panel") or []) != list(result.panel):
                problems.append("the recorded panel is not the one this seed draws")
            elif recorded.get("random_number") != result.random_number:
                problems.append("the recorded random number is not the one this seed gives")
            else:
                lines.append("the recorded panel is the one drawn")
    elif not problems:
        lines.append("no seed recorded yet: nothing drawn")
    return Verification(ok=not problems, lines=problems + lines if problems else lines,
                        panel=panel)

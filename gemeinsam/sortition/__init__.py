"""Citizens'-panel selection: fair lotteries over panels that meet quotas.

Pure Python (no Django): HiGHS (highspy) solves the linear and integer programs. The
Django app calls the functions below; `python -m gemeinsam.sortition` is the command line.
See docs/sortition.md.
"""

import os

__version__ = "1.0.0"

# Our dense linear algebra is small (nash's Newton steps); a threaded OpenBLAS spins its
# threads against the solver and other processes and was 20x slower on a shared 2-core
# machine. Only a default: an explicit setting, or numpy imported earlier, wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .formats import read_id_list, read_people, read_quotas, write_people, write_quotas
from .lottery import Draw, draw, verify_audit
from .model import (
    ALGORITHMS,
    Certificate,
    Conflict,
    InfeasibleQuotas,
    InputError,
    Quota,
    Relaxation,
    Respondent,
    SelectionResult,
    SortitionError,
)
from .selection import (
    check_selection,
    draw_selection,
    explain_infeasibility,
    replace,
    select,
)

__all__ = [
    "ALGORITHMS", "Certificate", "Conflict", "Draw", "InfeasibleQuotas", "InputError", "Quota",
    "Relaxation", "Respondent", "SelectionResult", "SortitionError", "check_selection",
    "draw", "draw_selection", "explain_infeasibility", "read_id_list", "read_people",
    "read_quotas", "replace", "select", "verify_audit", "write_people", "write_quotas",
]

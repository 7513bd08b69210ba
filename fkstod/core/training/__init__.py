"""Training: fictional cases, their replay for the presenter, and practice with comparison.

Nothing here counts or stores anything: every flow session is made with ``usage=None``.
"""

from fkstod.core.training.check import check_case, check_case_file
from fkstod.core.training.compare import (
    ANSWER,
    EXTRA,
    SKIPPED,
    Comparison,
    Difference,
    Practice,
    compare,
    planned_trail,
)
from fkstod.core.training.library import CaseLibrary, UnavailableCase, load_cases
from fkstod.core.training.loader import cases_folder, parse_case_text, read_case_file
from fkstod.core.training.model import (
    CONVERSATION_STEPS,
    FICTIONAL,
    NOT_REVIEWED,
    Case,
    LearningGoal,
    Person,
    PlannedStep,
    Review,
)
from fkstod.core.training.replay import CaseReplay, PlanError, ReplayFrame, new_session

__all__ = [
    "ANSWER",
    "CONVERSATION_STEPS",
    "EXTRA",
    "FICTIONAL",
    "NOT_REVIEWED",
    "SKIPPED",
    "Case",
    "CaseLibrary",
    "CaseReplay",
    "Comparison",
    "Difference",
    "LearningGoal",
    "Person",
    "PlanError",
    "PlannedStep",
    "Practice",
    "ReplayFrame",
    "Review",
    "UnavailableCase",
    "cases_folder",
    "check_case",
    "check_case_file",
    "compare",
    "load_cases",
    "new_session",
    "parse_case_text",
    "planned_trail",
    "read_case_file",
]

"""The report of concern about a child (orosanmälan): form, validation, rendering."""

from fkstod.core.orosanmalan.example import example_input
from fkstod.core.orosanmalan.model import (
    KANNEDOM,
    ORO_INTE_INFORMERA,
    ORO_TYPER,
    SKYDDADE_FALT,
    Child,
    Form,
    Guardian,
    Reporter,
)
from fkstod.core.orosanmalan.personnummer import PersonnummerError, check_personnummer
from fkstod.core.orosanmalan.render import (
    FORMATS,
    informant_warning,
    legal_basis,
    page_mark,
    page_mark_for,
    protected_warning,
    recipient,
    render_orosanmalan,
    training_file_name,
    training_mark,
)
from fkstod.core.orosanmalan.validation import (
    LABELS,
    FieldProblem,
    FormError,
    parse_form,
    validate,
)

__all__ = [
    "FORMATS",
    "KANNEDOM",
    "LABELS",
    "ORO_INTE_INFORMERA",
    "ORO_TYPER",
    "SKYDDADE_FALT",
    "Child",
    "FieldProblem",
    "Form",
    "FormError",
    "Guardian",
    "PersonnummerError",
    "Reporter",
    "check_personnummer",
    "example_input",
    "informant_warning",
    "legal_basis",
    "page_mark",
    "page_mark_for",
    "parse_form",
    "protected_warning",
    "recipient",
    "render_orosanmalan",
    "training_file_name",
    "training_mark",
    "validate",
]

"""Read a form from JSON-like data and check it, naming each field in plain Swedish.

Problems never throw away what was typed: the caller keeps the form and shows
the problems beside the fields they are about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from fkstod.core import kommuner
from fkstod.core.i18n import _
from fkstod.core.orosanmalan.fields import child_field
from fkstod.core.orosanmalan.model import (
    KANNEDOM,
    MULTI_LINE_FIELDS,
    ORO_TYPER,
    Child,
    Form,
    Guardian,
    Reporter,
    field_names,
)
from fkstod.core.orosanmalan.personnummer import PersonnummerError, age_on, check_personnummer
from fkstod.core.problems import FieldProblem as BaseFieldProblem
from fkstod.core.textrules import bad_character, check_email, line_break

#: The Swedish name of every field, as the form shows it.
LABELS: dict[str, str] = {
    "kommun": _("Mottagare (barnets kommun)"),
    "skyddade_personuppgifter": _("Skyddade personuppgifter"),
    "barn": _("Barn"),
    "vardnadshavare": _("Vårdnadshavare"),
    "ovriga_syskon": _("Andra syskon"),
    "tolk_behovs": _("Behov av tolk"),
    "tolk_sprak": _("Tolkspråk"),
    "oro": _("Vad oron gäller"),
    "egna_iakttagelser": _("Det här har jag själv sett eller hört"),
    "uppgifter_fran_andra": _("Det här har jag fått veta av någon annan"),
    "akut_fara": _("Akut fara"),
    "akut_kontakt": _("Vem du har ringt"),
    "uppgiftslamnare_i_fara": _("Den som berättade kan vara i fara"),
    "vardnadshavare_kanner_till": _("Vårdnadshavarna känner till anmälan"),
    "anmalare": _("Anmälare"),
    "datum": _("Datum"),
    "barn.namn": _("namn"),
    "barn.personnummer": _("personnummer eller födelsedatum"),
    "barn.adress": _("adress"),
    "barn.skola": _("skola eller förskola"),
    "barn.vistelse": _("var barnet är nu"),
    "barn.kanner_till": _("barnet känner till anmälan"),
    "vardnadshavare.namn": _("namn"),
    "vardnadshavare.relation": _("relation till barnet"),
    "vardnadshavare.adress": _("adress"),
    "vardnadshavare.telefon": _("telefon"),
    "anmalare.namn": _("ditt namn"),
    "anmalare.titel": _("din titel"),
    "anmalare.enhet": _("din enhet"),
    "anmalare.telefon": _("ditt telefonnummer"),
    "anmalare.epost": _("din e-postadress"),
}


@dataclass(frozen=True)
class FieldProblem(BaseFieldProblem):
    """A field problem of the report, which can say the field's Swedish name."""

    @property
    def label(self) -> str:
        """Return the field's Swedish name, such as ``Barn 2, namn``."""
        m = re.fullmatch(r"(\w+)\[(\d+)\]\.(\w+)", self.field)
        if m:
            group, index, name = m.groups()
            head = _("Barn {n}") if group == "barn" else _("Vårdnadshavare {n}")
            return f"{head.format(n=int(index) + 1)}, {LABELS.get(f'{group}.{name}', name)}"
        m = re.fullmatch(r"(\w+)\.(\w+)", self.field)
        if m:
            return f"{LABELS[m.group(1)]}, {LABELS.get(self.field, m.group(2))}"
        return LABELS.get(self.field, self.field)

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


class FormError(ValueError):
    """Data that cannot be read as a form at all."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def _text(data: dict, key: str, path: str, problems: list[FieldProblem]) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(FieldProblem(path, _("ska vara text")))
        return ""
    return value


def _flag(data: dict, key: str, path: str, problems: list[FieldProblem]) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        problems.append(FieldProblem(path, _("ska vara true eller false")))
        return False
    return value


def _answer(data: dict, key: str, problems: list[FieldProblem]) -> bool | None:
    # Missing or null: not answered, the concern decides (files from before the field).
    value = data.get(key)
    if value is not None and not isinstance(value, bool):
        problems.append(FieldProblem(key, _("ska vara true, false eller null")))
        return None
    return value


def _record(data: object, cls: type, path: str, problems: list[FieldProblem]):
    if not isinstance(data, dict):
        problems.append(FieldProblem(path, _("ska vara ett objekt med fält")))
        return cls()
    known = field_names(cls)
    for key in data:
        if key not in known:
            problems.append(FieldProblem(f"{path}.{key}", _("okänt fält")))
    return cls(**{k: _text(data, k, f"{path}.{k}", problems) for k in known if k in data})


def _records(data: dict, key: str, cls: type, problems: list[FieldProblem]) -> tuple:
    value = data.get(key, [])
    if not isinstance(value, list):
        problems.append(FieldProblem(key, _("ska vara en lista")))
        return ()
    return tuple(_record(item, cls, f"{key}[{i}]", problems) for i, item in enumerate(value))


def parse_form(data: object) -> Form:
    """Read a form from JSON-like data (the shape ``fkstod orosanmalan example`` prints).

    Raises:
        FormError: naming every field that has the wrong shape or is unknown.
    """
    problems: list[FieldProblem] = []
    if not isinstance(data, dict):
        raise FormError([FieldProblem("", _("filen ska innehålla ett JSON-objekt"))])
    for key in data:
        if key not in field_names(Form):
            problems.append(FieldProblem(key, _("okänt fält")))
    oro = data.get("oro", [])
    if not isinstance(oro, list) or not all(isinstance(o, str) for o in oro):
        problems.append(FieldProblem("oro", _("ska vara en lista med koder")))
        oro = []
    form = Form(
        kommun=_text(data, "kommun", "kommun", problems),
        skyddade_personuppgifter=_flag(
            data, "skyddade_personuppgifter", "skyddade_personuppgifter", problems
        ),
        barn=_records(data, "barn", Child, problems),
        vardnadshavare=_records(data, "vardnadshavare", Guardian, problems),
        ovriga_syskon=_text(data, "ovriga_syskon", "ovriga_syskon", problems),
        tolk_behovs=_flag(data, "tolk_behovs", "tolk_behovs", problems),
        tolk_sprak=_text(data, "tolk_sprak", "tolk_sprak", problems),
        oro=tuple(oro),
        egna_iakttagelser=_text(data, "egna_iakttagelser", "egna_iakttagelser", problems),
        uppgifter_fran_andra=_text(data, "uppgifter_fran_andra", "uppgifter_fran_andra", problems),
        akut_fara=_flag(data, "akut_fara", "akut_fara", problems),
        akut_kontakt=_text(data, "akut_kontakt", "akut_kontakt", problems),
        uppgiftslamnare_i_fara=_answer(data, "uppgiftslamnare_i_fara", problems),
        vardnadshavare_kanner_till=_text(
            data, "vardnadshavare_kanner_till", "vardnadshavare_kanner_till", problems
        )
        or "vet_ej",
        anmalare=_record(data.get("anmalare", {}), Reporter, "anmalare", problems),
        datum=_text(data, "datum", "datum", problems),
    )
    if problems:
        raise FormError(problems)
    return form


#: The longest text a field may hold. The accounts of what was seen and heard may fill
#: pages; a name or an address never needs more than a line or two. Without a cap a
#: pasted file of megabytes would stall the PDF layout.
LONG_TEXT = 20_000
SHORT_TEXT = 1_000
LONG_FIELDS = frozenset(
    {"egna_iakttagelser", "uppgifter_fran_andra", "ovriga_syskon", "akut_kontakt"}
)


def _text_problems(form: Form) -> list[FieldProblem]:
    # Every text field: refused characters (fkstod.core.textrules) and length caps.
    fields: list[tuple[str, str]] = [
        (name, value) for name, value in vars(form).items() if isinstance(value, str)
    ]
    fields += [(f"anmalare.{k}", v) for k, v in vars(form.anmalare).items()]
    for group, records in (("barn", form.barn), ("vardnadshavare", form.vardnadshavare)):
        for i, record in enumerate(records):
            fields += [(f"{group}[{i}].{k}", v) for k, v in vars(record).items()]
    out = []
    for path, value in fields:
        one_line = None if path in MULTI_LINE_FIELDS else line_break(str(value).strip())
        if isinstance(value, str) and (problem := bad_character(value) or one_line):
            out.append(FieldProblem(path, problem))
        cap = LONG_TEXT if path in LONG_FIELDS else SHORT_TEXT
        if isinstance(value, str) and len(value) > cap:
            out.append(
                FieldProblem(
                    path, _("för lång text ({n} tecken, högst {cap})").format(n=len(value), cap=cap)
                )
            )
    return out


def validate(form: Form, today: date | None = None) -> list[FieldProblem]:
    """Return every problem with ``form``: blocking ones first, then advice."""
    today = today or date.today()
    refused = _text_problems(form)
    problems: list[FieldProblem] = []
    add = problems.append
    if not form.kommun.strip():
        add(FieldProblem("kommun", _("välj barnets kommun")))
    elif form.kommun not in kommuner.by_code():
        add(FieldProblem("kommun", _("okänd kommunkod {k}").format(k=form.kommun)))
    report_day = today
    if form.datum.strip():
        try:
            report_day = date.fromisoformat(form.datum.strip())
        except ValueError:
            add(FieldProblem("datum", _("skriv datumet som ÅÅÅÅ-MM-DD")))
    if report_day > today:
        # An arrow key in the date field moves the year. Said of the date, and the
        # children's ages reckoned from today: not "18 år eller äldre" for the date's sake.
        add(FieldProblem("datum", _("datumet ligger i framtiden; skriv dagens datum")))
        report_day = today
    if not form.barn:
        add(FieldProblem("barn", _("fyll i minst ett barn")))
    for i, child in enumerate(form.barn):
        _validate_child(child, i, report_day, form.skyddade_personuppgifter, add)
    for code in form.oro:
        if code not in ORO_TYPER:
            add(FieldProblem("oro", _("okänd kod {c}").format(c=code)))
    if not form.egna_iakttagelser.strip() and not form.uppgifter_fran_andra.strip():
        add(
            FieldProblem(
                "egna_iakttagelser",
                _("beskriv vad du själv har sett eller hört, eller vad du har fått veta"),
            )
        )
    if form.tolk_behovs and not form.tolk_sprak.strip():
        add(FieldProblem("tolk_sprak", _("skriv vilket språk tolken ska tala")))
    for key, value in (
        ("vardnadshavare_kanner_till", form.vardnadshavare_kanner_till),
        *((child_field(i, "kanner_till"), c.kanner_till) for i, c in enumerate(form.barn)),
    ):
        if value not in KANNEDOM:
            add(FieldProblem(key, _("välj ja, nej eller vet inte")))
    reporter = form.anmalare
    for key, value in (
        ("namn", reporter.namn),
        ("titel", reporter.titel),
        ("enhet", reporter.enhet),
        ("telefon", reporter.telefon),
    ):
        if not value.strip():
            add(FieldProblem(f"anmalare.{key}", _("behövs, en myndighet kan inte anmäla anonymt")))
    if reporter.epost.strip() and check_email(reporter.epost.strip()):
        add(FieldProblem("anmalare.epost", _("ser inte ut som en e-postadress")))
    # Advice, not errors: the report can still be written.
    if form.guardians_must_not_know() and form.vardnadshavare_kanner_till == "ja":
        add(
            FieldProblem(
                "vardnadshavare_kanner_till",
                _(
                    "när oron gäller våld i familjen, sexuella övergrepp, hedersrelaterat våld "
                    "eller exploatering ska vårdnadshavarna inte informeras; kontrollera svaret"
                ),
                blocking=False,
            )
        )
    if form.guardians_must_not_know() and not form.informant_at_risk():
        add(
            FieldProblem(
                "uppgiftslamnare_i_fara",
                _(
                    "vid den här sortens oro kan den som berättade vara i fara om uppgifterna "
                    "når den andra parten; kontrollera svaret"
                ),
                blocking=False,
            )
        )
    if form.akut_fara and not form.akut_kontakt.strip():
        add(
            FieldProblem(
                "akut_kontakt",
                _("vid akut fara: ring socialtjänsten eller 112 först och skriv vem du ringde"),
                blocking=False,
            )
        )
    # A field whose text is refused (a line break in a personnummer, a text too long)
    # is told that once: its own rule would tell the same fault again in other words
    # ("skriv som ÅÅÅÅMMDD-NNNN"), and the caseworker would look for a second fault.
    told = {p.field for p in refused}
    problems = refused + [p for p in problems if p.field not in told]
    return sorted(problems, key=lambda p: not p.blocking)


def _validate_child(child: Child, i: int, day: date, protected: bool, add) -> None:
    if not child.namn.strip():
        add(FieldProblem(child_field(i, "namn"), _("skriv barnets namn")))
    try:
        identity = check_personnummer(child.personnummer, today=day)
    except PersonnummerError as exc:
        add(FieldProblem(child_field(i, "personnummer"), str(exc)))
    else:
        if age_on(identity.birth_date, day) >= 18:
            add(
                FieldProblem(
                    child_field(i, "personnummer"),
                    _("personen är 18 år eller äldre; en orosanmälan gäller barn under 18"),
                )
            )
    if not protected and not (child.adress.strip() or child.skola.strip()):
        add(
            FieldProblem(
                child_field(i, "adress"),
                _("skriv adress eller skola så att socialtjänsten hittar barnet"),
                blocking=False,
            )
        )

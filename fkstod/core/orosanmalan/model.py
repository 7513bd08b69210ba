"""The orosanmälan form: what the caseworker fills in, as plain data.

One form can describe several children of one family: they share everything but
the part about each child, and each child gets a report of their own. The form
lives in memory only; ``to_dict`` exists for "Spara som…" and the command line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date

from fkstod.core.i18n import _
from fkstod.core.textrules import on_one_line, without_invisible_marks

#: What the concern is about. Codes never change once shipped.
ORO_TYPER: dict[str, str] = {
    "vald_i_familjen": _("Våld i familjen (utsätts, ser eller hör)"),
    "sexuella_overgrepp": _("Sexuella övergrepp"),
    "hedersrelaterat": _("Hedersrelaterat våld eller förtryck"),
    "omsorgsbrist": _("Brister i omsorgen om barnet"),
    "vuxens_missbruk_ohalsa": _("Vuxens missbruk eller psykiska ohälsa"),
    "exploatering": _("Exploatering, prostitution eller människohandel"),
    "barnets_beteende": _("Barnets eget beteende (missbruk, brott)"),
    "annat": _("Annat"),
}

#: Concerns where the guardians must not be told about the report: telling them
#: may put the child at greater risk or spoil the investigation. In the same cases
#: the person who told us is taken to be in danger unless the caseworker says not.
ORO_INTE_INFORMERA: frozenset[str] = frozenset(
    {"vald_i_familjen", "sexuella_overgrepp", "hedersrelaterat", "exploatering"}
)


#: The fields written in a box of many lines; every other text field is one line.
MULTI_LINE_FIELDS = frozenset({"egna_iakttagelser", "uppgifter_fran_andra"})


def guardians_not_told(oro: Iterable[str]) -> bool:
    """Return True when one of the concerns is one where the guardians are not told."""
    return not ORO_INTE_INFORMERA.isdisjoint(oro)


def suggested_guardians_answer(oro: Iterable[str], answer: str) -> str:
    """Return what "do the guardians know of the concern?" should say, given the concerns.

    Where the guardians are not told, an unanswered "vet ej" becomes "nej": the
    report must not suggest telling them. Any other answer stays the caseworker's.
    """
    return "nej" if answer == "vet_ej" and guardians_not_told(oro) else answer


#: With protected personal data on, these details are left out of every output:
#: they tell where the child or the family can be found. ``Form.redacted`` blanks
#: them, and every renderer reads only the redacted form. Each with what the
#: report and the form call it when saying what was left out.
SKYDDADE_FALT: dict[str, str] = {
    "barn.adress": _("barnets adress"),
    "barn.skola": _("skola eller förskola"),
    "barn.vistelse": _("var barnet är nu"),
    "vardnadshavare.adress": _("vårdnadshavarnas adress"),
    "vardnadshavare.telefon": _("vårdnadshavarnas telefon"),
}

#: Answers to "does … know about the report?".
KANNEDOM: dict[str, str] = {
    "vet_ej": _("Vet inte"),
    "ja": _("Ja"),
    "nej": _("Nej"),
}


@dataclass(frozen=True)
class Reporter:
    """The caseworker who reports: an authority's reporter cannot be anonymous."""

    namn: str = ""
    titel: str = ""
    enhet: str = ""
    telefon: str = ""
    epost: str = ""


@dataclass(frozen=True)
class Guardian:
    """A guardian (vårdnadshavare) or other adult responsible for the child."""

    namn: str = ""
    relation: str = ""
    adress: str = ""
    telefon: str = ""


@dataclass(frozen=True)
class Child:
    """The part of the form that is about one child."""

    namn: str = ""
    personnummer: str = ""
    adress: str = ""
    skola: str = ""
    vistelse: str = ""
    kanner_till: str = "vet_ej"


@dataclass(frozen=True)
class Form:
    """Everything the caseworker has filled in; several children share the rest."""

    kommun: str = ""
    skyddade_personuppgifter: bool = False
    barn: tuple[Child, ...] = (Child(),)
    vardnadshavare: tuple[Guardian, ...] = ()
    ovriga_syskon: str = ""
    tolk_behovs: bool = False
    tolk_sprak: str = ""
    oro: tuple[str, ...] = ()
    egna_iakttagelser: str = ""
    uppgifter_fran_andra: str = ""
    akut_fara: bool = False
    akut_kontakt: str = ""
    #: The person who told us may be in danger if the report reaches the other party.
    #: None: not answered, the concern decides (see ``informant_at_risk``).
    uppgiftslamnare_i_fara: bool | None = None
    vardnadshavare_kanner_till: str = "vet_ej"
    anmalare: Reporter = field(default_factory=Reporter)
    datum: str = ""

    def report_date(self) -> date:
        """Return the date of the report: the one filled in, else today."""
        try:
            return date.fromisoformat(self.datum)
        except ValueError:
            return date.today()

    def guardians_must_not_know(self) -> bool:
        """Return True when the concern is one where guardians are not told."""
        return guardians_not_told(self.oro)

    def informant_at_risk(self) -> bool:
        """Return whether the person who told us may be in danger if this reaches the other party.

        The caseworker's answer when given; otherwise yes exactly when the concern is
        one where the guardians are not told.
        """
        if self.uppgiftslamnare_i_fara is None:
            return self.guardians_must_not_know()
        return self.uppgiftslamnare_i_fara

    def redacted(self) -> Form:
        """Return the form as every output may show it.

        With protected personal data on, each detail in ``SKYDDADE_FALT`` is blank;
        otherwise the form itself. The form as typed is not changed.
        """
        if not self.skyddade_personuppgifter:
            return self
        groups: dict[str, dict[str, str]] = {}
        for path in SKYDDADE_FALT:
            group, name = path.split(".")
            groups.setdefault(group, {})[name] = ""
        return replace(
            self,
            barn=tuple(replace(c, **groups["barn"]) for c in self.barn),
            vardnadshavare=tuple(
                replace(g, **groups["vardnadshavare"]) for g in self.vardnadshavare
            ),
        )

    def as_typed(self) -> Form:
        """Return the form as the window showed it: no invisible marks, one-line fields on one line.

        The window's form is typed and pasted (``textrules.without_invisible_marks``):
        a caseworker cannot see those marks to remove them. A line break pasted into a
        one-line field is shown as a space, and becomes one (``textrules.on_one_line``).
        A file's form keeps both, and validation refuses it.
        """

        def clean(record):  # a Form, Child, Guardian or Reporter
            changes = {
                f.name: without_invisible_marks(
                    value if f.name in MULTI_LINE_FIELDS else on_one_line(value)
                )
                for f in fields(record)
                if isinstance(value := getattr(record, f.name), str)
            }
            return replace(record, **changes)

        return replace(
            clean(self),
            barn=tuple(clean(c) for c in self.barn),
            vardnadshavare=tuple(clean(g) for g in self.vardnadshavare),
            anmalare=clean(self.anmalare),
        )

    def texts(self) -> list[tuple[str, str]]:
        """Return every text field that is filled in, as (field path, text).

        The paths are the ones problems name (``barn[0].namn``, ``anmalare.epost``).
        """

        def of(record, prefix: str) -> list[tuple[str, str]]:
            return [
                (prefix + f.name, value)
                for f in fields(record)
                if isinstance(value := getattr(record, f.name), str) and value
            ]

        return [
            *of(self, ""),
            *(pair for i, c in enumerate(self.barn) for pair in of(c, f"barn[{i}].")),
            *(
                pair
                for i, g in enumerate(self.vardnadshavare)
                for pair in of(g, f"vardnadshavare[{i}].")
            ),
            *of(self.anmalare, "anmalare."),
        ]

    def is_empty(self) -> bool:
        """Return True when nothing about a child or family has been filled in."""
        guardians = tuple(g for g in self.vardnadshavare if g != Guardian())
        family = replace(
            self,
            anmalare=Reporter(),
            datum="",
            vardnadshavare=guardians,
            # Follows from the concern when not answered: not something typed on its own.
            uppgiftslamnare_i_fara=None,
        )
        return family == Form(barn=tuple(Child() for _ in self.barn))

    def to_dict(self) -> dict:
        """Return the form as JSON-ready data (the shape ``parse_form`` reads)."""
        data = asdict(self)
        data["barn"] = [asdict(c) for c in self.barn]
        data["vardnadshavare"] = [asdict(g) for g in self.vardnadshavare]
        data["oro"] = list(self.oro)
        # Written out as the report states it, so a saved file says yes or no.
        data["uppgiftslamnare_i_fara"] = self.informant_at_risk()
        return data


def field_names(cls: type) -> tuple[str, ...]:
    """Return the field names of one of the form's dataclasses."""
    return tuple(f.name for f in fields(cls))

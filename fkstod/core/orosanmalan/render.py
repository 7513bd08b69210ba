"""Turn a form into one child's report: plain text or HTML, through the one template environment.

Everything the caseworker typed goes into the template context as data, so
template syntax or markup in it comes out as the characters typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from fkstod.core import kommuner, templates
from fkstod.core.config import config
from fkstod.core.i18n import _
from fkstod.core.orosanmalan.model import KANNEDOM, ORO_TYPER, SKYDDADE_FALT, Form
from fkstod.core.orosanmalan.personnummer import PersonnummerError, check_personnummer

FORMATS = ("txt", "html")

TEMPLATES = {"txt": "orosanmalan.txt.j2", "html": "orosanmalan.html.j2"}

#: Every name the report templates may use (``fkstod lint`` checks them).
CONTEXT_NAMES = frozenset(
    {
        "mottagare",
        "kommun",
        "datum",
        "skyddade",
        "utelamnat",
        "uppgiftslamnare_i_fara",
        "barn",
        "antal_barn",
        "barn_nummer",
        "vardnadshavare",
        "syskon",
        "ovriga_syskon",
        "tolk",
        "oro",
        "egna_iakttagelser",
        "uppgifter_fran_andra",
        "akut_fara",
        "akut_kontakt",
        "barnet_kanner_till",
        "vardnadshavare_kanner_till",
        "inte_informera",
        "anmalare",
        "lagrum",
        "riktlinje",
        "ovning",
    }
)

#: Put before the name of every report file written in training mode.
TRAINING_PREFIX = "ÖVNING-"


@dataclass(frozen=True)
class LegalBasis:
    """The legal reference and internal guideline, read from ``resources/config.toml``."""

    lagrum: str
    riktlinje: str


def legal_basis() -> LegalBasis:
    """Return the legal reference and guideline the report cites."""
    section = config().get("orosanmalan", {})
    return LegalBasis(str(section.get("lagrum", "")), str(section.get("riktlinje", "")))


def recipient(kommun_code: str) -> str:
    """Return the addressee for the child's municipality, e.g. ``Socialnämnden i Uppsala kommun``."""
    kommun = kommuner.by_code().get(kommun_code)
    if kommun is None:
        return _("Socialnämnden i barnets kommun")
    return _("Socialnämnden i {name}").format(name=kommun_name(kommun.namn))


def kommun_name(namn: str) -> str:
    """Return the municipality's official name: ``Uppsala kommun``, ``Stockholms kommun``."""
    # The official names use the genitive, except after a vowel or s, x, z.
    genitive = namn if namn[-1].lower() in "aeiouyåäösxz" else f"{namn}s"
    return f"{genitive} kommun"


def _identity(text: str, day: date) -> str:
    try:
        return check_personnummer(text, today=day).text
    except PersonnummerError:
        return text.strip()


def omitted() -> str:
    """Return what protected personal data leaves out, as one phrase: ``barnets adress, … och …``."""
    names = list(SKYDDADE_FALT.values())
    return _("{first} och {last}").format(first=", ".join(names[:-1]), last=names[-1])


def context(form: Form, index: int = 0, *, training: bool = False) -> dict[str, object]:
    """Return the template context for the report about child number ``index``.

    ``training`` marks the report as an exercise on a fictional case.

    Built from the redacted form only: with protected personal data on, a template
    cannot print a detail that tells where the child or the family can be found.
    """
    form = form.redacted()
    day = form.report_date()
    protected = form.skyddade_personuppgifter
    child = form.barn[index]
    siblings = [
        {"namn": c.namn.strip(), "personnummer": _identity(c.personnummer, day)}
        for i, c in enumerate(form.barn)
        if i != index
    ]
    basis = legal_basis()
    kommun = kommuner.by_code().get(form.kommun)
    return {
        "mottagare": recipient(form.kommun),
        "kommun": kommun.namn if kommun else "",
        "datum": day.isoformat(),
        "skyddade": protected,
        "utelamnat": omitted() if protected else "",
        "uppgiftslamnare_i_fara": informant_warning() if form.informant_at_risk() else "",
        "barn": {
            "namn": child.namn.strip(),
            "personnummer": _identity(child.personnummer, day),
            "adress": child.adress.strip(),
            "skola": child.skola.strip(),
            "vistelse": child.vistelse.strip(),
        },
        "antal_barn": len(form.barn),
        "barn_nummer": index + 1,
        "vardnadshavare": [
            {
                "namn": g.namn.strip(),
                "relation": g.relation.strip(),
                "adress": g.adress.strip(),
                "telefon": g.telefon.strip(),
            }
            for g in form.vardnadshavare
            if g.namn.strip() or g.relation.strip()
        ],
        "syskon": siblings,
        "ovriga_syskon": form.ovriga_syskon.strip(),
        "tolk": form.tolk_sprak.strip() if form.tolk_behovs else "",
        "oro": [ORO_TYPER[c] for c in ORO_TYPER if c in form.oro],
        "egna_iakttagelser": form.egna_iakttagelser.strip(),
        "uppgifter_fran_andra": form.uppgifter_fran_andra.strip(),
        "akut_fara": form.akut_fara,
        "akut_kontakt": form.akut_kontakt.strip(),
        "barnet_kanner_till": KANNEDOM.get(child.kanner_till, KANNEDOM["vet_ej"]),
        "vardnadshavare_kanner_till": KANNEDOM.get(
            form.vardnadshavare_kanner_till, KANNEDOM["vet_ej"]
        ),
        # "I have not told them" only where it can be true: not under "they know: yes".
        "inte_informera": form.guardians_must_not_know()
        and form.vardnadshavare_kanner_till != "ja",
        "anmalare": {
            "namn": form.anmalare.namn.strip(),
            "titel": form.anmalare.titel.strip(),
            "enhet": form.anmalare.enhet.strip(),
            # The reporter's own work contact stays: social services must reach them.
            "telefon": form.anmalare.telefon.strip(),
            "epost": form.anmalare.epost.strip(),
        },
        "lagrum": basis.lagrum,
        "riktlinje": basis.riktlinje,
        "ovning": training_mark() if training else "",
    }


def render_orosanmalan(
    form: Form, fmt: str = "txt", index: int = 0, *, training: bool = False
) -> str:
    """Render the report about child ``index`` as ``txt`` or ``html``.

    With ``training`` (Övningsläge) the report says "ÖVNING – fiktivt fall" at its
    top and at its end, and in the HTML title.

    Raises:
        ValueError: for an unknown format or a child index out of range.
    """
    if fmt not in TEMPLATES:
        raise ValueError(_("okänt format {fmt}").format(fmt=fmt))
    if not 0 <= index < len(form.barn):
        raise ValueError(_("det finns inget barn nummer {n}").format(n=index + 1))
    return templates.render(TEMPLATES[fmt], **context(form, index, training=training))


def page_mark() -> str:
    """Return the mark printed on every page of a report with protected personal data."""
    return _("SKYDDADE PERSONUPPGIFTER – sekretess")


def training_mark() -> str:
    """Return the mark of a report written in training mode, on every page and in every format."""
    return _("ÖVNING – fiktivt fall")


def page_mark_for(form: Form, *, training: bool = False) -> str:
    """Return the whole mark for the top of every page of ``form``'s report ("" for none).

    The training mark comes first: a report from an exercise must never pass for a real one.
    """
    marks = [training_mark()] if training else []
    if form.skyddade_personuppgifter:
        marks.append(page_mark())
    return " · ".join(marks)


PathOrName = TypeVar("PathOrName", str, Path)


def training_file_name(name: PathOrName) -> PathOrName:
    """Return the file name (or path) of a report written in training mode: ``ÖVNING-`` first.

    Only the last part of a path changes; a name that already has the prefix is kept.
    """
    path = Path(name)
    if not path.name:
        raise ValueError(_("ett filnamn behövs"))
    if not path.name.startswith(TRAINING_PREFIX):
        path = path.with_name(TRAINING_PREFIX + path.name)
    return path if isinstance(name, Path) else str(path)


def protected_warning() -> str:
    """Return the advice on how a report with protected personal data must be sent."""
    return _(
        "Barnet eller någon i familjen har skyddade personuppgifter. Det här tas inte med i "
        "anmälan: {omitted}. Skriv det inte heller i fritexten. Skicka anmälan inte via "
        "kommunens e-tjänst, vanlig e-post eller vanlig post. Ring socialtjänsten först och kom "
        "överens om ett säkert sätt att lämna den, och följ Försäkringskassans rutin för "
        "skyddade personuppgifter."
    ).format(omitted=omitted())


def informant_warning() -> str:
    """Return the line printed first in a report when the person who told us may be in danger."""
    return _(
        "Den som har lämnat uppgifterna kan vara i fara om de når den andra parten. Ta hänsyn "
        "till det när ni planerar kontakten med familjen och innan något ur anmälan lämnas ut."
    )

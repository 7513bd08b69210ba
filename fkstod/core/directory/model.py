"""The directory's model: one support service of one organization, flat.

It follows Open Referral HSDS 3 where it fits (organization, service, phone,
schedule, language, service_area, attribute, ``assured_date``); the HSDS
export in ``hsds.py`` splits an entry into those tables. Flat entries keep the
coordinators' single-sheet CSV, the editor and the search simple.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from fkstod.core.i18n import _
from fkstod.core.vocabulary import REFERRAL_CATEGORIES

#: Who a service is for. Codes are stable; labels are what the user sees.
TARGET_GROUPS: dict[str, str] = {
    "alla": _("Alla"),
    "kvinnor": _("Kvinnor"),
    "man": _("Män"),
    "barn": _("Barn"),
    "unga": _("Unga"),
    "aldre": _("Äldre"),
    "hbtqi": _("Hbtqi-personer"),
    "funktionsnedsattning": _("Personer med funktionsnedsättning"),
    "utovare": _("Den som utövar våld"),
    "anhoriga": _("Anhöriga"),
    "yrkesverksamma": _("Yrkesverksamma"),
}

#: The forms of violence the agency's mission covers (DOMAIN.md).
VIOLENCE_FORMS: dict[str, str] = {
    "alla": _("Alla former"),
    "fysiskt": _("Fysiskt våld"),
    "psykiskt": _("Psykiskt våld"),
    "sexuellt": _("Sexuellt våld"),
    "ekonomiskt": _("Ekonomiskt våld"),
    "hot": _("Hot"),
    "heder": _("Hedersrelaterat våld och förtryck"),
    "prostitution": _("Prostitution"),
    "manniskohandel": _("Människohandel"),
    "trakasserier": _("Sexuella trakasserier"),
    "digitalt": _("Digitalt våld"),
}

CATEGORIES = REFERRAL_CATEGORIES


@dataclass(frozen=True, slots=True)
class Entry:
    """One support service: what the caseworker reads out and how to filter it.

    Attributes:
        id: stable identifier, kept across import and export.
        organisation: the organization's name (HSDS organization.name).
        tjanst: the service's name (HSDS service.name); may be empty.
        beskrivning: what they help with, in plain words.
        kategori: a REFERRAL_CATEGORIES code; counted as "referral shown".
        telefon: the number as people read it (``020-50 50 50``).
        telefontider: opening hours (see ``hours.py``); empty when unknown.
        sprak: languages spoken, Swedish names in lower case.
        kommuner: four-digit municipality codes served; empty means the whole country.
        malgrupper: TARGET_GROUPS codes.
        valdsformer: VIOLENCE_FORMS codes.
        webb, epost, adress: other ways to reach them.
        tillganglighet: accessibility in words.
        taggar: free search words added by the coordinator.
        senast_verifierad: ISO date when the facts were last checked (HSDS assured_date).
        kalla: where the facts come from.
        levererad: shipped with fkstod, read-only.
    """

    id: str
    organisation: str
    tjanst: str = ""
    beskrivning: str = ""
    kategori: str = "annat"
    telefon: str = ""
    telefontider: str = ""
    sprak: tuple[str, ...] = ()
    kommuner: tuple[str, ...] = ()
    malgrupper: tuple[str, ...] = ()
    valdsformer: tuple[str, ...] = ()
    webb: str = ""
    epost: str = ""
    adress: str = ""
    tillganglighet: str = ""
    taggar: tuple[str, ...] = ()
    senast_verifierad: str = ""
    kalla: str = ""
    levererad: bool = False

    @property
    def title(self) -> str:
        """Return the name to show: organization, and service when it differs."""
        if self.tjanst and self.tjanst != self.organisation:
            return f"{self.organisation} – {self.tjanst}"
        return self.organisation

    @property
    def national(self) -> bool:
        """Return True when the service is for the whole country."""
        return not self.kommuner

    def with_changes(self, **changes: Any) -> Entry:
        """Return a copy with ``changes`` applied."""
        return replace(self, **changes)

    def content(self) -> tuple:
        """Return every field but ``id`` and ``levererad``: equal content means unchanged."""
        return tuple(
            getattr(self, f.name) for f in fields(self) if f.name not in {"id", "levererad"}
        )


LIST_FIELDS = ("sprak", "kommuner", "malgrupper", "valdsformer", "taggar")

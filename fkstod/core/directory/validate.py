"""Check one entry field by field, the same way for import and for the editor.

Import (CSV and HSDS, through ``Directory``) and the editor both call
``entry_from_fields`` and ``check_shipped_claim``; the character, e-mail and
web-address rules come from :mod:`fkstod.core.textrules`.

``entry_from_fields`` turns a mapping of field name → text into an ``Entry``
or a list of ``FieldError`` naming the field and what is wrong, in Swedish.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date
from typing import Literal

from fkstod.core import kommuner
from fkstod.core.directory.hours import VARIES, HoursError, parse_hours
from fkstod.core.directory.model import (
    CATEGORIES,
    LIST_FIELDS,
    TARGET_GROUPS,
    VIOLENCE_FORMS,
    Entry,
)
from fkstod.core.i18n import _
from fkstod.core.problems import FieldProblem
from fkstod.core.textrules import (
    bad_character,
    check_email,
    check_url,
    line_break,
    on_one_line,
    without_invisible_marks,
)

MAX_TEXT = 2000
#: Written in a box of many lines in the editor (every other field is a line edit).
MULTI_LINE_FIELDS = frozenset({"beskrivning"})
#: Every shipped entry's id starts so; a row with such an id claims to be shipped.
SHIPPED_ID_PREFIX = "nat-"
_SHORT_NUMBERS = re.compile(r"^(112|11414|1177|116\d{3}|90\d{3}|11313)$")
_LANGUAGE = re.compile(r"^[a-zåäöéü][a-zåäöéü \-]*$")


#: What is wrong with one field of one entry: the one field problem type.
FieldError = FieldProblem

#: Where an entry's text comes from: a file (import, lint, the shipped lines) or the
#: editor's form. The checks are the same; only the wording of a few problems
#: differs: a form has no spreadsheet column to save as text.
Source = Literal["file", "form"]


def split_list(text: str) -> tuple[str, ...]:
    """Split a comma-separated cell into trimmed, non-empty items."""
    return tuple(item.strip() for item in text.split(",") if item.strip())


def phone_digits(number: str) -> str:
    """Return the digits of a Swedish number, ``+46`` written as a leading 0."""
    compact = re.sub(r"[\s\-–()/]", "", number)
    if compact.startswith("+46"):
        compact = "0" + compact[3:]
    elif compact.startswith("0046"):
        compact = "0" + compact[4:]
    return compact


def display_phone(number: str) -> str:
    """Return ``number`` as shown on screen: it never breaks across lines.

    Spaces become no-break spaces and a word joiner follows each hyphen (a
    no-break hyphen is missing from some fonts). Never store the result.
    """
    return number.replace(" ", "\u00a0").replace("-", "-\u2060").replace("–", "–\u2060")


def display_web(url: str) -> str:
    """Return a web address as read out: ``https://www.bris.se/`` becomes ``bris.se``."""
    shown = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.IGNORECASE)
    shown = re.sub(r"^www\.", "", shown, flags=re.IGNORECASE)
    return shown.rstrip("/")


def check_phone(number: str, source: Source = "file") -> str | None:
    """Return why ``number`` is not a Swedish phone number, or None when it is."""
    if re.search(r"[^\d\s\-–()+/]", number):
        return _("telefonnumret får bara innehålla siffror, mellanslag, bindestreck och +46")
    digits = phone_digits(number)
    if not digits.isdigit():
        return _("telefonnumret är inte ett svenskt nummer")
    if _SHORT_NUMBERS.match(digits):
        return None
    if lost_leading_zero(number) and source == "form":
        return _("”{n}” saknar nollan i början (ska det vara 0{n}?)").format(n=number.strip())
    if lost_leading_zero(number):
        return _(
            "”{n}” har tappat sin inledande nolla (ska det vara 0{n}?); ett kalkylprogram "
            "tar bort den när cellen blir ett tal: skriv numret med nollan och spara "
            "kolumnen som text"
        ).format(n=number.strip())
    if not digits.startswith("0") or not 7 <= len(digits) <= 10:
        return _(
            "”{n}” är inte ett svenskt telefonnummer (till exempel 020-50 50 50, 08-123 456 78 "
            "eller +46 8 123 456 78)"
        ).format(n=number)
    return None


def lost_leading_zero(number: str) -> bool:
    """Return True for a number that plainly lost its leading zero in a spreadsheet.

    Only bare digits (a spreadsheet's number has no spaces or hyphens) of a mobile
    number without its 0: nine digits starting with 7, as 0701234567 becomes
    701234567. Such a number is reported, never repaired: the file is wrong, and
    its other numbers may be too.
    """
    bare = number.strip()
    return bare.isdigit() and len(bare) == 9 and bare.startswith("7")


def _codes(field: str, items: tuple[str, ...], allowed: Mapping[str, str]) -> list[FieldError]:
    # Coordinators may write the label ("Män") as well as the code ("man").
    return [
        FieldError(
            field,
            _("okänt värde ”{v}” (tillåtna: {a})").format(v=item, a=", ".join(allowed)),
        )
        for item in items
        if item not in allowed
    ]


def normalise_code(text: str, allowed: Mapping[str, str]) -> str:
    """Return the code for a code or a label written in any case."""
    low = text.strip().lower()
    if low in allowed:
        return low
    for code, label in allowed.items():
        if label.lower() == low:
            return code
    return low


def entry_from_fields(
    values: Mapping[str, str],
    *,
    levererad: bool = False,
    today: date | None = None,
    source: Source = "file",
) -> Entry | list[FieldError]:
    """Build an entry from text fields, or return every problem found.

    Args:
        values: field name (``Entry`` attribute) → text; lists comma-separated.
        levererad: whether the entry is shipped (read-only).
        today: the date to compare ``senast_verifierad`` with.
        source: ``"form"`` for the editor: its problems are told without a file's words.
    """
    errors: list[FieldError] = []
    text = {k: (v or "").strip() for k, v in values.items()}
    if source == "form":  # typed or pasted: marks the caseworker cannot see are taken out
        text = {k: without_invisible_marks(v) for k, v in text.items()}
        # and a line break pasted into a line edit, shown there as a space, is one
        text = {k: v if k in MULTI_LINE_FIELDS else on_one_line(v) for k, v in text.items()}
    # An export's "Kategori (namn)" and the like: read only where the codes are empty.
    named = {k: text.pop(k) for k in list(text) if k.endswith(NAMES_SUFFIX)}
    read_from: dict[str, str] = {}  # field → the name column its text came from
    for key, names in named.items():
        field = key.removesuffix(NAMES_SUFFIX)
        if names and not text.get(field):
            text[field] = names
            read_from[field] = key

    # A name column only compared with its codes is checked as any column (its problems
    # told there); one read in place of its codes is checked as those codes, just above.
    compared = {k: v for k, v in named.items() if k.removesuffix(NAMES_SUFFIX) not in read_from}
    # A field refused for a character or a line break is told that once: its other
    # checks would quote the text, the line break and all, and a "path:line: message"
    # would run over two lines.
    broken: dict[str, FieldError] = {}
    for name, value in {**text, **compared}.items():
        if len(value) > MAX_TEXT:
            errors.append(
                FieldError(name, _("för lång text (högst {n} tecken)").format(n=MAX_TEXT))
            )
        one_line = line_break(value) if name in ONE_LINE_FIELDS else None
        if problem := bad_character(value) or one_line:
            broken[name] = FieldError(name, problem)
            errors.append(broken[name])

    if not text.get("organisation"):
        errors.append(FieldError("organisation", _("organisationens namn saknas")))
    if not text.get("telefon") and not text.get("webb"):
        errors.append(FieldError("telefon", _("ange telefonnummer eller webbplats")))
    if text.get("telefon") and (problem := check_phone(text["telefon"], source)):
        errors.append(FieldError("telefon", problem))
    if text.get("webb") and (problem := check_url(text["webb"])):
        errors.append(FieldError("webb", problem))
    if text.get("epost") and (problem := check_email(text["epost"])):
        errors.append(FieldError("epost", problem))
    try:
        parse_hours(text.get("telefontider", ""))
    except HoursError as exc:
        errors.append(FieldError("telefontider", str(exc)))

    kategori = normalise_code(text.get("kategori", ""), CATEGORIES)
    if not kategori:
        errors.append(FieldError("kategori", _("kategori saknas")))
    elif kategori not in CATEGORIES:
        errors.extend(_codes("kategori", (kategori,), CATEGORIES))

    lists = {name: split_list(text.get(name, "")) for name in LIST_FIELDS}
    lists["malgrupper"] = tuple(normalise_code(v, TARGET_GROUPS) for v in lists["malgrupper"])
    lists["valdsformer"] = tuple(normalise_code(v, VIOLENCE_FORMS) for v in lists["valdsformer"])
    lists["sprak"] = tuple(v.lower() for v in lists["sprak"])
    errors.extend(_codes("malgrupper", lists["malgrupper"], TARGET_GROUPS))
    errors.extend(_codes("valdsformer", lists["valdsformer"], VIOLENCE_FORMS))
    errors.extend(
        FieldError("sprak", _("”{s}” är inget språknamn (skriv till exempel arabiska)").format(s=s))
        for s in lists["sprak"]
        if not _LANGUAGE.match(s)
    )
    # Codes or names ("0380", "Uppsala", "uppsala", "Malmo"); stored as codes.
    # A three-digit number is reported, never repaired: a spreadsheet made 0114 the
    # number 114, and the coordinator should fix the column rather than trust a guess.
    known = kommuner.by_code()
    codes: list[str] = []
    for written in lists["kommuner"]:
        k = written.strip()
        if k.isdigit() and len(k) == 3 and "0" + k in known:
            errors.append(
                FieldError("kommuner", _three_digit_kommun(k, known["0" + k].namn, source))
            )
            continue
        try:
            codes.append(kommuner.lookup(written).kod)
        except kommuner.KommunNotFound as exc:
            errors.append(FieldError("kommuner", str(exc)))
    lists["kommuner"] = tuple(dict.fromkeys(codes))

    # A shipped line nobody has checked carries no date rather than an untrue one
    # (its source says so; ``Directory.is_stale`` flags it). Local entries are
    # the coordinator's own checks and always carry the date of that check.
    verified = text.get("senast_verifierad", "")
    if not verified and not levererad:
        errors.append(FieldError("senast_verifierad", _("datum för senaste kontroll saknas")))
    elif verified:
        try:
            when = date.fromisoformat(verified)
        except ValueError:
            errors.append(
                FieldError(
                    "senast_verifierad",
                    _("”{d}” är inget datum (skriv ÅÅÅÅ-MM-DD)").format(d=verified),
                )
            )
        else:
            if when > (today or date.today()):
                errors.append(FieldError("senast_verifierad", _("datumet ligger i framtiden")))
            verified = when.isoformat()

    if not errors:
        errors.extend(_disagreeing_names(named, kategori, lists))
    errors = [e for e in errors if e.field not in broken or e is broken[e.field]]
    if errors:
        # A problem of text read from a name column is told where that text is.
        return [
            FieldError(read_from[e.field], e.message, e.blocking) if e.field in read_from else e
            for e in errors
        ]
    return Entry(
        id=text.get("id", ""),
        organisation=text["organisation"],
        tjanst=text.get("tjanst", ""),
        beskrivning=text.get("beskrivning", ""),
        kategori=kategori,
        telefon=text.get("telefon", ""),
        telefontider=text.get("telefontider", ""),
        webb=text.get("webb", ""),
        epost=text.get("epost", ""),
        adress=text.get("adress", ""),
        tillganglighet=text.get("tillganglighet", ""),
        senast_verifierad=verified,
        kalla=text.get("kalla", ""),
        levererad=levererad,
        **lists,
    )


def _three_digit_kommun(k: str, namn: str, source: Source) -> str:
    # In a file a spreadsheet made 0380 the number 380; in the form it was typed so.
    if source == "form":
        return _(
            "”{k}” är för kort: en kommunkod har fyra siffror (ska det vara 0{k}, {namn}?); "
            "du kan också skriva kommunens namn"
        ).format(k=k, namn=namn)
    return _(
        "kommunkoden ”{k}” har tappat sin inledande nolla (ska det vara 0{k}?); "
        "skriv koden med nollan och spara kolumnen som text"
    ).format(k=k)


#: The end of a column that holds the Swedish names of a coded column (CSV export).
NAMES_SUFFIX = "_namn"


def code_names(field: str, entry: Entry) -> list[str]:
    """Return the Swedish names of a coded field's values (category, groups, forms, kommuner)."""
    if field == "kategori":
        return [CATEGORIES.get(entry.kategori, entry.kategori)]
    if field == "kommuner":
        by_code = kommuner.by_code()
        return [by_code[k].namn if k in by_code else k for k in entry.kommuner]
    names = TARGET_GROUPS if field == "malgrupper" else VIOLENCE_FORMS
    return [names.get(code, code) for code in getattr(entry, field)]


def _disagreeing_names(
    named: Mapping[str, str], kategori: str, lists: Mapping[str, tuple[str, ...]]
) -> list[FieldError]:
    # A name column that says something else than its codes: one of them was edited.
    out: list[FieldError] = []
    for key, names in named.items():
        field = key.removesuffix(NAMES_SUFFIX)
        if not names:
            continue
        codes = {kategori} if field == "kategori" else set(lists.get(field, ()))
        allowed = {"kategori": CATEGORIES, "malgrupper": TARGET_GROUPS}.get(field, VIOLENCE_FORMS)
        meant: set[str] = set()
        # A kommun's own name as exported beside its code ("Habo" for 0643) is that
        # kommun, though alone it could be Håbo typed without å.
        by_code = kommuner.by_code()
        own = {by_code[c].namn.casefold(): c for c in codes if field == "kommuner" and c in by_code}
        for name in split_list(names):
            if field == "kommuner" and name.strip().casefold() in own:
                meant.add(own[name.strip().casefold()])
            elif field == "kommuner":
                try:
                    meant.add(kommuner.lookup(name).kod)
                except kommuner.KommunNotFound:
                    meant.add(name)
            else:
                meant.add(normalise_code(name, allowed))
        if meant != codes:
            out.append(
                FieldError(
                    key,
                    _(
                        "namnen stämmer inte med koderna i kolumnen bredvid; ändra koderna "
                        "och töm den här kolumnen (den fylls i igen vid nästa export)"
                    ),
                )
            )
    return out


#: How a shipped entry that nobody has checked says so, first in ``kalla``.
UNVERIFIED_SOURCE = "Ej verifierad"
_URL_IN_TEXT = re.compile(r"https?://\S+")


def check_shipped_facts(entry: Entry) -> list[FieldError]:
    """Return what a shipped line lacks: its hours, its source and a true date.

    A dated line names the organisation's page and that date in ``kalla``; an
    undated one says first that it is not verified. See resources/README.md.
    """
    errors: list[FieldError] = []
    if entry.telefon and not entry.telefontider:
        errors.append(
            FieldError(
                "telefontider",
                _("telefontider saknas (skriv tiderna eller ”{v}”)").format(v=VARIES),
            )
        )
    if entry.senast_verifierad:
        if not _URL_IN_TEXT.search(entry.kalla) or entry.senast_verifierad not in entry.kalla:
            errors.append(
                FieldError(
                    "kalla",
                    _(
                        "källan ska ge adressen till sidan som kontrollerades och dess datum {d}"
                    ).format(d=entry.senast_verifierad),
                )
            )
    elif not entry.kalla.startswith(UNVERIFIED_SOURCE):
        errors.append(
            FieldError(
                "kalla",
                _("utan datum för kontroll ska källan börja med ”{u}”").format(u=UNVERIFIED_SOURCE),
            )
        )
    return errors


def check_shipped_claim(
    entry_id: str, marked_shipped: bool, shipped_ids: Collection[str]
) -> list[FieldError]:
    """Return why a row's claim to be a shipped entry is false (none when it is true).

    A row claims to be shipped when it is marked Levererad or its id looks like a
    shipped one; such a row is left alone on import, so the claim must hold.
    """
    if not (marked_shipped or entry_id.startswith(SHIPPED_ID_PREFIX)):
        return []
    if not entry_id:
        return [FieldError("id", _("raden är markerad Levererad men saknar id"))]
    if entry_id not in shipped_ids:
        return [
            FieldError(
                "id",
                _(
                    "id ”{i}” finns inte bland de levererade posterna; för en egen post: "
                    "töm id och Levererad"
                ).format(i=entry_id),
            )
        ]
    return []


def entry_to_fields(entry: Entry) -> dict[str, str]:
    """Return an entry as text fields (lists comma-separated), the inverse of ``entry_from_fields``."""
    out: dict[str, str] = {}
    for name in FIELD_NAMES:
        value = getattr(entry, name)
        out[name] = ", ".join(value) if isinstance(value, tuple) else str(value)
    return out


FIELD_NAMES = (
    "id",
    "organisation",
    "tjanst",
    "beskrivning",
    "kategori",
    "telefon",
    "telefontider",
    "sprak",
    "kommuner",
    "malgrupper",
    "valdsformer",
    "webb",
    "epost",
    "adress",
    "tillganglighet",
    "taggar",
    "senast_verifierad",
    "kalla",
)
#: Fields that may run over lines in a file: an address, a source, a description.
RUNNING_FIELDS = frozenset({"beskrivning", "adress", "tillganglighet", "kalla"})
#: Fields a file may not break across lines: names, numbers, hours and codes, which
#: are read out, copied or matched.
ONE_LINE_FIELDS = frozenset(FIELD_NAMES) - RUNNING_FIELDS

#: The Swedish label of each field: CSV column headers and editor labels.
FIELD_LABELS: dict[str, str] = {
    "id": "id",
    "organisation": _("Organisation"),
    "tjanst": _("Tjänst"),
    "beskrivning": _("Beskrivning"),
    "kategori": _("Kategori"),
    "telefon": _("Telefon"),
    "telefontider": _("Telefontider"),
    "sprak": _("Språk"),
    "kommuner": _("Kommuner"),
    "malgrupper": _("Målgrupper"),
    "valdsformer": _("Våldsformer"),
    "webb": _("Webbplats"),
    "epost": _("E-post"),
    "adress": _("Adress"),
    "tillganglighet": _("Tillgänglighet"),
    "taggar": _("Taggar"),
    "senast_verifierad": _("Senast verifierad"),
    "kalla": _("Källa"),
}

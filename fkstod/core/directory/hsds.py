"""Open Referral HSDS 3 tabular package: one CSV per table and ``datapackage.json``.

Export splits each entry into organization, service, phone, schedule, language,
service_area, location, accessibility, service_at_location and attribute rows
(target groups, forms of violence, category, tags and source as taxonomy terms).
Import joins them back into the single-sheet rows that ``Directory`` checks.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from fkstod.core import files, kommuner
from fkstod.core.directory.csvfile import (
    MAX_ROWS,
    FileProblem,
    Row,
    delimiter,
    excel_safe,
    read_text,
    too_many_rows,
    unexcel,
)
from fkstod.core.directory.hours import parse_hours
from fkstod.core.directory.model import CATEGORIES, TARGET_GROUPS, VIOLENCE_FORMS, Entry
from fkstod.core.i18n import _
from fkstod.core.parse import ParseError, parse_json

DESCRIPTOR = "datapackage.json"
#: The tables beside service.csv hold several rows per service (one per language,
#: municipality, opening span, term): their cap is this many times csvfile.MAX_ROWS.
ROWS_PER_SERVICE = 20
#: The tables with at most one row per service share the cap on entries itself.
_ONE_PER_SERVICE = {"service", "organization"}
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

TABLES: dict[str, tuple[str, ...]] = {
    "organization": ("id", "name", "description", "website", "email"),
    "service": (
        "id",
        "organization_id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "assured_date",
    ),
    "phone": ("id", "service_id", "number", "type", "description"),
    "schedule": ("id", "service_id", "freq", "byday", "opens_at", "closes_at", "description"),
    "language": ("id", "service_id", "name", "code"),
    "service_area": ("id", "service_id", "name", "description", "extent", "extent_type"),
    "location": ("id", "organization_id", "location_type", "name", "description"),
    "accessibility": ("id", "location_id", "description"),
    "service_at_location": ("id", "service_id", "location_id"),
    "taxonomy": ("id", "name", "description"),
    "taxonomy_term": ("id", "taxonomy_id", "code", "name"),
    "attribute": ("id", "link_id", "link_type", "link_entity", "taxonomy_term_id", "value"),
}

#: Our vocabularies as HSDS taxonomies: taxonomy id → (entry field, codes).
TAXONOMIES: dict[str, tuple[str, dict[str, str]]] = {
    "fkstod-kategori": ("kategori", CATEGORIES),
    "fkstod-malgrupp": ("malgrupper", TARGET_GROUPS),
    "fkstod-valdsform": ("valdsformer", VIOLENCE_FORMS),
}
_FREE = {"fkstod-tagg": "taggar", "fkstod-kalla": "kalla", "fkstod-levererad": "levererad"}
_LANGUAGE_CODES = {
    "svenska": "sv",
    "engelska": "en",
    "arabiska": "ar",
    "persiska": "fa",
    "dari": "prs",
    "somaliska": "so",
    "tigrinja": "ti",
    "kurdiska": "ku",
    "turkiska": "tr",
    "polska": "pl",
    "ryska": "ru",
    "ukrainska": "uk",
    "spanska": "es",
    "finska": "fi",
    "bosniska": "bs",
    "teckenspråk": "swl",
}


def _hours_rows(entry: Entry) -> list[dict[str, str]]:
    text = entry.telefontider
    if not text:
        return []
    hours = parse_hours(text)
    if not hours.known:
        # "varierar – se webbplats": no times to split, but the words must survive.
        return [{"freq": "", "byday": "", "opens_at": "", "closes_at": "", "description": text}]
    if hours.around_the_clock:
        return [
            {
                "freq": "WEEKLY",
                "byday": ",".join(_BYDAY),
                "opens_at": "00:00",
                "closes_at": "24:00",
                "description": text,
            }
        ]
    spans: dict[tuple[int, int], list[str]] = {}
    for day, day_spans in enumerate(hours.days):
        for span in day_spans:
            spans.setdefault(span, []).append(_BYDAY[day])
    return [
        {
            "freq": "WEEKLY",
            "byday": ",".join(days),
            "opens_at": f"{start // 60:02d}:{start % 60:02d}",
            "closes_at": f"{end // 60:02d}:{end % 60:02d}",
            "description": text,
        }
        for (start, end), days in spans.items()
    ]


def write_package(entries: Iterable[Entry], folder: Path, protected: files.Protected) -> int:
    """Write an HSDS tabular package as ``folder``, all or nothing; return the service count.

    Raises:
        FileProblem: when ``folder`` holds files that are not an earlier package,
            or may not or cannot be written; nothing changed then.
    """
    if folder.name == DESCRIPTOR:
        folder = folder.parent
    files.check_target(folder, protected, folder=True)  # before saying what the folder holds
    _check_folder(folder)
    package: dict[str, str] = {}
    rows: dict[str, list[dict[str, str]]] = {name: [] for name in TABLES}
    for tax_id, (_field, codes) in TAXONOMIES.items():
        rows["taxonomy"].append({"id": tax_id, "name": tax_id, "description": ""})
        rows["taxonomy_term"].extend(
            {"id": f"{tax_id}:{code}", "taxonomy_id": tax_id, "code": code, "name": label}
            for code, label in codes.items()
        )
    for tax_id in _FREE:
        rows["taxonomy"].append({"id": tax_id, "name": tax_id, "description": ""})
        rows["taxonomy_term"].append(
            {"id": tax_id, "taxonomy_id": tax_id, "code": tax_id, "name": tax_id}
        )
    count = 0
    for e in entries:
        count += 1
        sid, oid = e.id, f"org-{e.id}"
        rows["organization"].append(
            {
                "id": oid,
                "name": e.organisation,
                "description": "",
                "website": e.webb,
                "email": e.epost,
            }
        )
        rows["service"].append(
            {
                "id": sid,
                "organization_id": oid,
                "name": e.tjanst,
                "description": e.beskrivning,
                "url": e.webb,
                "email": e.epost,
                "status": "active",
                "assured_date": e.senast_verifierad,
            }
        )
        if e.telefon:
            rows["phone"].append(
                {
                    "id": f"tel-{sid}",
                    "service_id": sid,
                    "number": e.telefon,
                    "type": "voice",
                    "description": "",
                }
            )
        for n, sched in enumerate(_hours_rows(e)):
            rows["schedule"].append({"id": f"sch-{sid}-{n}", "service_id": sid, **sched})
        for name in e.sprak:
            rows["language"].append(
                {
                    "id": f"lang-{sid}-{name}",
                    "service_id": sid,
                    "name": name,
                    "code": _LANGUAGE_CODES.get(name, ""),
                }
            )
        by_code = kommuner.by_code()
        for code in e.kommuner:
            rows["service_area"].append(
                {
                    "id": f"area-{sid}-{code}",
                    "service_id": sid,
                    "name": by_code[code].namn if code in by_code else code,
                    "description": "kommunkod",
                    "extent": code,
                    "extent_type": "text",
                }
            )
        if e.adress or e.tillganglighet:
            lid = f"loc-{sid}"
            rows["location"].append(
                {
                    "id": lid,
                    "organization_id": oid,
                    "location_type": "physical",
                    "name": e.organisation,
                    "description": e.adress,
                }
            )
            rows["service_at_location"].append(
                {"id": f"sal-{sid}", "service_id": sid, "location_id": lid}
            )
            if e.tillganglighet:
                rows["accessibility"].append(
                    {"id": f"acc-{sid}", "location_id": lid, "description": e.tillganglighet}
                )
        attributes = [(f"fkstod-kategori:{e.kategori}", "")]
        attributes += [(f"fkstod-malgrupp:{g}", "") for g in e.malgrupper]
        attributes += [(f"fkstod-valdsform:{v}", "") for v in e.valdsformer]
        attributes += [("fkstod-tagg", t) for t in e.taggar]
        if e.kalla:
            attributes.append(("fkstod-kalla", e.kalla))
        if e.levererad:
            attributes.append(("fkstod-levererad", "ja"))
        rows["attribute"].extend(
            {
                "id": f"attr-{sid}-{n}",
                "link_id": sid,
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": term,
                "value": value,
            }
            for n, (term, value) in enumerate(attributes)
        )
    resources = []
    for name, columns in TABLES.items():
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: excel_safe(v) for k, v in row.items()} for row in rows[name])
        package[f"{name}.csv"] = buffer.getvalue()
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [{"name": c, "type": "string"} for c in columns]},
            }
        )
    descriptor = {
        "name": "fkstod-stodkatalog",
        "title": "fkstod stödkatalog",
        "profile": "tabular-data-package",
        "description": "Open Referral HSDS 3.0",
        "resources": resources,
    }
    package[DESCRIPTOR] = json.dumps(descriptor, ensure_ascii=False, indent=2)
    files.write_folder(folder, package, protected)
    return count


def _check_folder(folder: Path) -> None:
    # A package is a dozen files: spread over someone's Documents folder they
    # would be hard to find and could overwrite a file of the same name.
    if not folder.is_dir():
        return
    ours = {DESCRIPTOR, *(f"{name}.csv" for name in TABLES)}
    others = sorted(p.name for p in folder.iterdir() if p.name not in ours)
    if others:
        shown = ", ".join(others[:3])
        if len(others) > 3:
            shown = _("{f} med flera").format(f=shown)
        raise FileProblem(
            folder,
            0,
            _(
                "mappen innehåller redan andra filer ({f}); välj en tom mapp för HSDS-paketet"
            ).format(f=shown),
        )


def _cell(value: str) -> str:
    if "\r" not in value and not value.startswith("'"):  # most cells: nothing to undo
        return value
    return unexcel(value.replace("\r\n", "\n"))


#: The columns import reads from each table (the others are HSDS's, not ours to use).
_READ: dict[str, tuple[str, ...]] = {
    "organization": ("id", "name", "website", "email"),
    "phone": ("service_id", "number"),
    "schedule": ("service_id", "description"),
    "language": ("service_id", "name"),
    "service_area": ("service_id", "extent"),
    "location": ("id", "description"),
    "accessibility": ("location_id", "description"),
    "service_at_location": ("service_id", "location_id"),
    "attribute": ("link_id", "taxonomy_term_id", "value"),
}


#: The columns that tie a table's rows to a service or a location.
_LINKS: dict[str, tuple[str, ...]] = {
    "phone": ("service_id",),
    "schedule": ("service_id",),
    "language": ("service_id",),
    "service_area": ("service_id",),
    "accessibility": ("location_id",),
    "service_at_location": ("service_id", "location_id"),
    "attribute": ("link_id", "taxonomy_term_id"),
}


def _listed(descriptor: object) -> frozenset[str]:
    """Return the file names of the resources ``datapackage.json`` lists."""
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        return frozenset()
    return frozenset(
        r["path"] for r in resources if isinstance(r, dict) and isinstance(r.get("path"), str)
    )


def _table(
    folder: Path, name: str, required: tuple[str, ...] = (), listed: frozenset[str] = frozenset()
) -> list[tuple[int, dict[str, str]]]:
    path = folder / f"{name}.csv"
    if not path.exists():
        if name == "service":
            raise FileProblem(path, 0, _("tabellen service.csv saknas i paketet"))
        if path.name in listed:
            # Read as empty, a table copied away would drop what it holds from every entry.
            raise FileProblem(
                path,
                0,
                _(
                    "tabellen {t} saknas i paketet, fast datapackage.json nämner den; "
                    "kopiera hela paketet igen"
                ).format(t=path.name),
            )
        return []
    # csv.reader, not DictReader: the same rows (blank ones skipped, cells beyond the
    # header dropped, missing ones empty, a repeated column's last cell kept) at a
    # fraction of the cost per row, which counts at 100 000 services.
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    try:
        header = next(reader, None) or []
    except csv.Error as exc:
        raise FileProblem(
            path, reader.line_num, _("filen går inte att läsa som CSV: {e}").format(e=exc)
        ) from exc
    # The column that ties a row to its service (or location): without it every row
    # would be read as belonging to none, and the import would take what the table
    # holds (kommuner, hours, languages) away from the entries without a word.
    missing = [column for column in (*required, *_LINKS.get(name, ())) if column not in header]
    if missing:
        raise FileProblem(path, 1, _("kolumnen {c} saknas i {t}.csv").format(c=missing[0], t=name))
    wanted = _READ.get(name)
    columns = [
        (k, n)
        for k, n in {k: n for n, k in enumerate(header) if k}.items()
        if wanted is None or k in wanted
    ]
    out: list[tuple[int, dict[str, str]]] = []
    start = 2
    cap = MAX_ROWS if name in _ONE_PER_SERVICE else MAX_ROWS * ROWS_PER_SERVICE
    try:
        for record in reader:
            if not record:
                continue
            width = len(record)
            cells = {}
            for k, n in columns:
                v = record[n] if n < width else ""
                # Most cells have nothing to undo (see _cell): no call for them.
                cells[k] = v if "\r" not in v and v[:1] != "'" else _cell(v)
            out.append((start, cells))
            if len(out) > cap:
                raise FileProblem(path, start, too_many_rows(cap))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FileProblem(
            path, reader.line_num, _("filen går inte att läsa som CSV: {e}").format(e=exc)
        ) from exc
    return out


def read_package(path: Path) -> Sequence[Row]:
    """Read an HSDS package (its folder or its ``datapackage.json``) as single-sheet rows.

    Line numbers are those of ``service.csv`` (of ``phone.csv`` for a number that
    belongs to no service), and each row names its table (``Row.path``).

    Raises:
        FileProblem: when the package cannot be read.
    """
    folder = path.parent if path.name == DESCRIPTOR else path
    if not (folder / DESCRIPTOR).exists():
        raise FileProblem(folder / DESCRIPTOR, 0, _("paketet saknar datapackage.json"))
    try:
        descriptor = parse_json(read_text(folder / DESCRIPTOR), str(folder / DESCRIPTOR))
    except ParseError as exc:
        problem = exc.problem
        raise FileProblem(problem.path, problem.line, problem.message) from None
    listed = _listed(descriptor)

    organizations = {r["id"]: r for _line, r in _table(folder, "organization", ("id",), listed)}
    per_service: dict[str, dict[str, list[str]]] = {}

    def add(sid: str, key: str, value: str) -> None:
        per_service.setdefault(sid, {}).setdefault(key, []).append(value)

    phone_lines: dict[str, list[int]] = {}
    for line, r in _table(folder, "phone", listed=listed):
        add(r.get("service_id", ""), "telefon", r.get("number", ""))
        phone_lines.setdefault(r.get("service_id", ""), []).append(line)
    for _line, r in _table(folder, "schedule", listed=listed):
        add(r.get("service_id", ""), "telefontider", r.get("description", ""))
    for _line, r in _table(folder, "language", listed=listed):
        add(r.get("service_id", ""), "sprak", r.get("name", ""))
    for _line, r in _table(folder, "service_area", listed=listed):
        add(r.get("service_id", ""), "kommuner", r.get("extent", ""))
    locations = {r["id"]: r for _line, r in _table(folder, "location", ("id",), listed)}
    access = {
        r.get("location_id", ""): r.get("description", "")
        for _line, r in _table(folder, "accessibility", listed=listed)
    }
    for _line, r in _table(folder, "service_at_location", listed=listed):
        loc = r.get("location_id", "")
        add(r.get("service_id", ""), "adress", locations.get(loc, {}).get("description", ""))
        if access.get(loc):
            add(r.get("service_id", ""), "tillganglighet", access[loc])
    for _line, r in _table(folder, "attribute", listed=listed):
        term, value, sid = r.get("taxonomy_term_id", ""), r.get("value", ""), r.get("link_id", "")
        tax, _sep, code = term.partition(":")
        if tax in TAXONOMIES:
            add(sid, TAXONOMIES[tax][0], code)
        elif term in _FREE:
            add(sid, _FREE[term], value)

    rows: list[Row] = []
    services = _table(folder, "service", ("id",), listed)
    # fkstod keeps one number per service: a second one, or one for a service that is
    # not in the package, is refused rather than left out without a word.
    service_ids = {s.get("id", "") for _line, s in services}
    # Each row says which table its line is in: problems read "…/phone.csv:4: …".
    service_csv, phone_csv = str(folder / "service.csv"), str(folder / "phone.csv")
    for sid, lines in phone_lines.items():
        if sid not in service_ids:
            rows.extend(
                Row(
                    n,
                    {},
                    False,
                    (
                        "",
                        _("numret hör till tjänsten ”{s}”, som inte finns i service.csv").format(
                            s=sid
                        ),
                    ),
                    phone_csv,
                )
                for n in lines
            )
    for line, s in services:
        sid = s.get("id", "")
        if len(phone_lines.get(sid, ())) > 1:
            shown = ", ".join(str(n) for n in phone_lines[sid])
            rows.append(
                Row(
                    line,
                    {},
                    False,
                    (
                        _("phone.csv rad {n}").format(n=shown),
                        _(
                            "tjänsten har {k} telefonnummer; fkstod visar ett per tjänst, "
                            "lägg de andra som egna tjänster"
                        ).format(k=len(phone_lines[sid])),
                    ),
                    service_csv,
                )
            )
            continue
        extra = per_service.get(sid, {})
        org = organizations.get(s.get("organization_id", ""), {})
        first = {k: v[0] for k, v in extra.items() if v}
        cells = {
            "id": s.get("id", ""),
            "organisation": org.get("name", ""),
            "tjanst": s.get("name", ""),
            "beskrivning": s.get("description", ""),
            "webb": s.get("url", "") or org.get("website", ""),
            "epost": s.get("email", "") or org.get("email", ""),
            "senast_verifierad": s.get("assured_date", ""),
            "telefon": first.get("telefon", ""),
            "telefontider": first.get("telefontider", ""),
            "adress": first.get("adress", ""),
            "tillganglighet": first.get("tillganglighet", ""),
            "kalla": first.get("kalla", ""),
            "kategori": first.get("kategori", ""),
        }
        for name in ("sprak", "kommuner", "malgrupper", "valdsformer", "taggar"):
            cells[name] = ", ".join(extra.get(name, []))
        rows.append(Row(line, cells, first.get("levererad", "") == "ja", path=service_csv))
    return rows


__all__ = ["DESCRIPTOR", "read_package", "write_package"]

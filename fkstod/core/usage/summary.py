"""A caseworker's own counts in plain Swedish: per month and benefit, in a stable order.

What the Statistik section and ``fkstod usage export``'s preview show. Only the
stored counts are read; nothing here is protected by disclosure control, since
the counts never leave the computer through this module (the export is
``export.py``; the published report is ``indicators.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from fkstod.core.i18n import _
from fkstod.core.plural import plural
from fkstod.core.usage.recorder import Recorded
from fkstod.core.usage.registry import OTHER
from fkstod.core.vocabulary import BENEFITS, NOT_ASKED_REASONS

#: The benefit shown for counts whose benefit was not known.
UNKNOWN_BENEFIT = OTHER
_COUNTED = frozenset(
    {
        "call_ended",
        "flow_started",
        "flow_completed",
        "flow_abandoned",
        "support_offered_in_call",
        "case_note_copied",
        "orosanmalan_created",
    }
)


@dataclass(frozen=True)
class Group:
    """One month and benefit (``benefit`` "" is every benefit: the month's total)."""

    month: str
    benefit: str
    title: str
    lines: tuple[str, ...]


def _tally(counts: Iterable[Recorded]) -> dict[tuple[str, str], dict[str, int]]:
    """Sum counts into (month, benefit) -> {key: n}, with the total under benefit ""."""
    out: dict[tuple[str, str], dict[str, int]] = {}
    for c in counts:
        keys: list[str] = []
        if c.metric in _COUNTED:
            keys.append(c.metric)
        elif c.metric == "flow_outcome":
            keys.append("outcome:" + c.labels.get("outcome", OTHER))
        if not keys:
            continue
        benefit = c.labels.get("benefit", OTHER)
        if benefit not in BENEFITS:
            benefit = UNKNOWN_BENEFIT
        for group in ((c.month, benefit), (c.month, "")):
            cell = out.setdefault(group, {})
            for key in keys:
                cell[key] = cell.get(key, 0) + c.count
    # A month whose flows were closed but that has no call_ended at all was
    # counted by a version from before it (a session closing records both), which
    # counted a call by the flow it started in: its calls are those flows, not 0
    # (with "ställdes i 2 av 0 samtal"). Decided per month, so that the benefits
    # of a month add up to its total; a month whose only call is still open has
    # no closed flow and no call yet.
    closed = {"flow_completed", "flow_abandoned"}
    counted = {month for (month, _b), cell in out.items() if "call_ended" in cell}
    older = {month for (month, _b), cell in out.items() if closed & cell.keys()} - counted
    for (month, _b), cell in out.items():
        if month in older:
            cell["call_ended"] = cell.get("flow_started", 0)
    return out


def sentences(n: Mapping[str, int]) -> list[str]:
    """Return the plain Swedish lines for one group's tallies, always in the same order."""
    calls = n.get("call_ended", 0)  # a call, not each flow it jumped into
    asked = n.get("outcome:asked", 0)
    lines = [
        plural(calls, _("{n} samtal med stöd av fkstod"), _("{n} samtal med stöd av fkstod")),
        _("Frågan om våld ställdes i {asked} av {calls} samtal").format(asked=asked, calls=calls),
    ]
    not_asked = n.get("outcome:not_asked", 0)
    lines.append(
        plural(
            not_asked,
            _("Frågan ställdes inte i {n} samtal"),
            _("Frågan ställdes inte i {n} samtal"),
        )
    )
    for code, reason in NOT_ASKED_REASONS.items():
        k = n.get(f"outcome:not_asked_{code}", 0)
        if k:
            lines.append(
                _("– varav {count}: {reason}").format(
                    count=plural(k, _("{n} samtal"), _("{n} samtal")), reason=reason.lower()
                )
            )
    disclosed = n.get("outcome:disclosed", 0)
    lines.append(
        _("Personen berättade om våld i {count}").format(
            count=plural(disclosed, _("{n} samtal"), _("{n} samtal"))
        )
    )
    uses = n.get("outcome:disclosed_uses_violence", 0)
    if uses:
        lines.append(
            _("Personen berättade att hen utövar våld i {count}").format(
                count=plural(uses, _("{n} samtal"), _("{n} samtal"))
            )
        )
    offered = n.get("outcome:referral_offered", 0)
    lines.append(
        _("Stödkontakter erbjöds i {count}").format(
            count=plural(offered, _("{n} samtal"), _("{n} samtal"))
        )
    )
    copied = n.get("support_offered_in_call", 0)
    lines.append(
        plural(
            copied,
            _("{n} stödkontakt kopierad under ett samtal"),
            _("{n} stödkontakter kopierade under samtal"),
        )
    )
    notes = n.get("case_note_copied", 0)
    lines.append(
        _("Anteckningen till akten kopierades i {count}").format(
            count=plural(notes, _("{n} samtal"), _("{n} samtal"))
        )
    )
    child = n.get("outcome:child_concern", 0)
    lines.append(
        _("Oro för barn i {count}").format(count=plural(child, _("{n} samtal"), _("{n} samtal")))
    )
    reports = n.get("orosanmalan_created", 0)
    lines.append(plural(reports, _("{n} orosanmälan skriven"), _("{n} orosanmälningar skrivna")))
    return lines


MONTH_NAMES = (
    _("januari"),
    _("februari"),
    _("mars"),
    _("april"),
    _("maj"),
    _("juni"),
    _("juli"),
    _("augusti"),
    _("september"),
    _("oktober"),
    _("november"),
    _("december"),
)


def month_title(month: str) -> str:
    """Return ``2026-03`` as ``mars 2026``."""
    return f"{MONTH_NAMES[int(month[5:7]) - 1]} {month[:4]}"


def benefit_title(code: str) -> str:
    """Return the Swedish name of a benefit row ("" is every benefit)."""
    if code == "":
        return _("Alla förmåner")
    if code == UNKNOWN_BENEFIT:
        return _("Förmån inte angiven")
    return BENEFITS[code]


def summarise(counts: Iterable[Recorded]) -> list[Group]:
    """Return one group per month and benefit: newest month first, benefits in the
    vocabulary's order, the month's total ("Alla förmåner") last."""
    tallies = _tally(counts)
    order = {code: i for i, code in enumerate([*BENEFITS, UNKNOWN_BENEFIT, ""])}
    groups = []
    months = sorted({month for month, _b in tallies}, reverse=True)
    for month in months:
        benefits = sorted((b for m, b in tallies if m == month), key=order.__getitem__)
        if len([b for b in benefits if b]) == 1:
            benefits = [b for b in benefits if b]  # one benefit: its total says the same
        for benefit in benefits:
            title = f"{month_title(month)} · {benefit_title(benefit)}"
            groups.append(Group(month, benefit, title, tuple(sentences(tallies[(month, benefit)]))))
    return groups


def months_of(counts: Iterable[Recorded]) -> list[str]:
    """Return the months that have counts, ascending."""
    return sorted({c.month for c in counts})


def what_is_counted() -> str:
    """Return the short text on what is counted and what never is."""
    return _(
        "Det här räknas på den här datorn, per månad och förmån: hur många samtal du hade "
        "stöd av fkstod i, om frågan om våld ställdes och varför inte, om personen berättade "
        "om våld, om stöd erbjöds, om anteckningen till akten kopierades och om en orosanmälan "
        "skrevs. Bara antal. Det som aldrig räknas eller sparas: namn, personnummer, "
        "telefonnummer, vad du eller personen sa eller skrev, när på dagen samtalet var, och "
        "vem du är. Övningsläget räknar ingenting."
    )


def exported_text(exported: Mapping[str, int]) -> str:
    """Return the line that says which months already went out in an export."""
    if not exported:
        return _("Inga månader har exporterats ännu.")
    parts = [
        month if times == 1 else _("{month} ({times} gånger)").format(month=month, times=times)
        for month, times in exported.items()
    ]
    return _("Redan exporterade månader: {months}.").format(months=", ".join(parts))


def counts_of_export(document: Mapping[str, object]) -> list[Recorded]:
    """Return an export document's counts as ``Recorded`` rows (to show what will be saved)."""
    rows = document.get("counts", [])
    assert isinstance(rows, list)
    return [Recorded(r["month"], r["metric"], r["labels"], r["count"]) for r in rows]

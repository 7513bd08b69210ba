"""The agency's indicators from merged counts, with disclosure control applied.

:func:`build_report` turns merged cells into one table per indicator and period:
rows are benefits, columns are organisational units, with row, column and grand
totals, each table protected by :func:`fkstod.core.usage.suppress.protect`
before anything leaves this module. Nothing here can hand out an unprotected
count: a :class:`Report` holds only protected tables, and shares are computed
from shown numbers only.

One merge gives a month, a quarter and a year report, and a reader may hold all
three: a quarter is the sum of its months, so a quarter shown beside two of its
months would give the third. Protection is therefore made once, for the month
report (months, and the quarters rolled up whole); a quarter or year report is
made from it (:func:`_coarser`): a value is shown only where every part of it is
shown in the month report, and is then their sum. The three reports together say
no more than the month report alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from fkstod.core.i18n import _
from fkstod.core.usage.merge import CellKey
from fkstod.core.usage.registry import OTHER
from fkstod.core.usage.suppress import (
    Edge,
    Protected,
    bounds,
    extend,
    protect,
    protect_network,
)
from fkstod.core.usage.units import DEFAULT_THRESHOLD, Unit
from fkstod.core.vocabulary import BENEFITS, NOT_ASKED_REASONS

#: The row and column code of totals.
TOTAL = "total"
#: The column code of counts exported without a unit.
NO_UNIT = "ingen_enhet"
#: How a suppressed value is shown, everywhere.
MARK = ".."
#: How a share that does not exist is shown: no call asked or did not ask (Statistics
#: Sweden's "–", nothing to report). Never "..": that says a value is kept back.
NO_SHARE = "–"
PERIODS = ("month", "quarter", "year")


def explanation(threshold: int) -> str:
    """Return the sentence that explains the mark for suppressed values."""
    return _(
        '".." betyder att värdet inte visas: antal från 1 till {small} visas aldrig, och '
        "inte heller andra värden som de skulle kunna räknas fram ur. Värdet är inte 0. "
        "Skälen till att frågan inte ställdes visas för alla enheter tillsammans."
    ).format(small=threshold - 1)


def report_explanation(report: Report) -> str:
    """Return what a report's reader must know of what it does not show, and why:
    the mark for hidden values, and the quarters that stand in for their months."""
    text = explanation(report.threshold)
    if report.rolled_up:
        quarters = ", ".join(report.rolled_up)
        if len(report.rolled_up) == 1:
            rolled = _(
                "{quarters} visas som ett helt kvartal i stället för sina tre månader: "
                "en av månaderna har för få antal för att visas för sig."
            )
        else:
            rolled = _(
                "{quarters} visas som hela kvartal i stället för sina tre månader: "
                "i vart och ett har en av månaderna för få antal för att visas för sig."
            )
        text += " " + rolled.format(quarters=quarters)
    if report.has_absent_share():
        text += " " + _(
            '"{mark}" vid en andel: inga samtal där frågan ställdes eller inte ställdes, '
            "så det finns ingen andel att visa."
        ).format(mark=NO_SHARE)
    return text


def between_merges() -> str:
    """Return what the coordinator must know before publishing reports of two merges.

    The reports of one merge are safe together (a quarter or year is made of the
    month report); two merges of different files are not, and nothing in one merge
    can know what another one published.
    """
    return _(
        "Rapporterna för månad, kvartal och år av samma sammanställning kan publiceras "
        "tillsammans: ett kvartal eller ett år visas bara där månadsrapporten visar alla "
        "dess delar. Rapporter av olika sammanställningar skyddas inte mot varandra. Har "
        "fler exporter kommit in sedan en rapport publicerades, eller bygger en rapport "
        "bara på en del av filerna, kan skillnaden mellan två rapporter visa ett litet "
        "antal. Publicera därför bara rapporter som bygger på samma filer."
    )


@dataclass(frozen=True)
class Indicator:
    """One indicator: the metric it sums and the labels it is restricted to."""

    code: str
    title: str
    metric: str
    labels: Mapping[str, str] = field(default_factory=dict)


def _outcome(code: str, title: str) -> Indicator:
    return Indicator(code, title, "flow_outcome", {"outcome": code})


INDICATORS: tuple[Indicator, ...] = (
    Indicator("flows_started", _("Flöden startade"), "flow_started"),
    Indicator("flows_completed", _("Flöden avslutade"), "flow_completed"),
    _outcome("asked", _("Frågan om våld ställdes")),
    _outcome("not_asked", _("Frågan om våld ställdes inte")),
    *(
        _outcome(f"not_asked_{code}", _("Inte frågat: {reason}").format(reason=text))
        for code, text in NOT_ASKED_REASONS.items()
    ),
    _outcome("disclosed", _("Personen berättade om våld")),
    _outcome("disclosed_uses_violence", _("Personen berättade att hen utövar våld")),
    _outcome("referral_offered", _("Stödkontakter erbjöds")),
    _outcome("referral_declined", _("Stödkontakter avböjdes")),
    Indicator(
        "support_offered_in_call", _("Stödkontakt erbjuden i samtal"), "support_offered_in_call"
    ),
    Indicator("case_note_copied", _("Anteckning till akten kopierad"), "case_note_copied"),
    _outcome("child_concern", _("Oro för barn")),
    Indicator("orosanmalan_created", _("Orosanmälan skriven"), "orosanmalan_created"),
)
BY_CODE = {i.code: i for i in INDICATORS}
#: Counts that are at least the sum of other indicators' counts in every cell: a
#: call records "asked" or "not asked", never both, and starts at least one flow.
#: A reader who holds "started 17, asked 15, not asked .." knows the hidden count
#: is 1 or 2. So a count is hidden wherever one of its parts is hidden (then any
#: change of a part that keeps its own table can be made in the count too, and the
#: part's own audit is the reader's), and the count's audit knows it is at least
#: the sum of its parts (what that sum truly is: more than a reader can know).
PARTS: dict[str, tuple[str, ...]] = {"flows_started": ("asked", "not_asked")}
#: Counts never larger than another indicator's count in the same cell: a flow
#: completes only after it started, and every step that records that the person
#: declined support records that it was offered (a test reads the shipped flows for
#: codes always set together). Shown beside a hidden "flows started", they are
#: its floors: "Flöden avslutade 8, 6, 22" under a hidden row of 37 gave the started
#: counts almost exactly, and through them (less "asked") the hidden "not asked";
#: hidden where the larger is shown, the larger is its ceiling. So the two are hidden
#: in the same cells (:func:`_at_most_pair`).
AT_MOST: dict[str, str] = {
    "flows_completed": "flows_started",
    "referral_declined": "referral_offered",
}
#: The indicators that break "not asked" down by its reason. Every step that sets
#: ``not_asked`` also sets one reason, so they sum to it, and they are protected
#: together with it (:func:`_not_asked_tables`); they are published per benefit for
#: all units together only: by unit as well it would be a three-way table.
REASONS: tuple[str, ...] = tuple(f"not_asked_{code}" for code in NOT_ASKED_REASONS)


def period_of(month: str, kind: str) -> str:
    """Return the period a ``YYYY-MM`` month falls in: ``2026-03``, ``2026-K1`` or ``2026``."""
    if kind == "month":
        return month
    if kind == "quarter":
        return f"{month[:4]}-K{(int(month[5:]) - 1) // 3 + 1}"
    if kind == "year":
        return month[:4]
    raise ValueError(f"unknown period kind: {kind}")


def _period_order(p: str) -> tuple[str, int]:
    # "2026-K2" sorts with the months it covers: after 2026-03, before 2026-07.
    if len(p) == 4:
        return (p, 0)
    return (p[:4], int(p[6:]) * 3 - 2 if p[5] == "K" else int(p[5:]))


@dataclass(frozen=True)
class IndicatorTable:
    """One indicator in one period: benefits by units, with totals, protected."""

    indicator: Indicator
    period: str
    rows: tuple[str, ...]  # benefit codes, then TOTAL
    columns: tuple[str, ...]  # unit codes (NO_UNIT for none), then TOTAL
    protected: Protected

    def value(self, row: str, column: str) -> int | None:
        """Return the published count, or None when it is suppressed.

        Raises:
            ValueError: the table has no such column (a reason is published for
                all units together only: see :meth:`has_column`).
        """
        return self.protected.shown(self.rows.index(row), self.columns.index(column))

    def has_column(self, column: str) -> bool:
        """Return True when the table publishes ``column``."""
        return column in self.columns


@dataclass(frozen=True)
class ReportRow:
    """One published value in tidy long form."""

    period: str
    benefit: str
    unit: str
    indicator: Indicator
    count: int | None  # None: suppressed

    @property
    def suppressed(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class Report:
    """The protected indicator report.

    Attributes:
        period_kind: "month", "quarter" or "year".
        periods: the periods, ascending (a month report may hold quarters: ``rolled_up``).
        rolled_up: quarters reported whole because one of their months was sparse.
        benefits, units: the row and column codes, in the order shown (totals last).
        threshold: counts from 1 to ``threshold - 1`` are suppressed.
        tables: one per indicator and period.
    """

    period_kind: str
    periods: tuple[str, ...]
    rolled_up: tuple[str, ...]
    benefits: tuple[str, ...]
    units: tuple[str, ...]
    unit_names: Mapping[str, str]
    threshold: int
    tables: Mapping[tuple[str, str], IndicatorTable]

    def table(self, indicator: str, period: str) -> IndicatorTable:
        """Return the table of ``indicator`` in ``period``."""
        return self.tables[(indicator, period)]

    def share_asked(self, period: str, benefit: str, unit: str) -> float | None:
        """Return asked / (asked + not asked), or None unless both are shown and not 0."""
        asked = self.table("asked", period).value(benefit, unit)
        not_asked = self.table("not_asked", period).value(benefit, unit)
        if asked is None or not_asked is None or asked + not_asked == 0:
            return None
        return asked / (asked + not_asked)

    def share_absent(self, period: str, benefit: str, unit: str) -> bool:
        """Return True when there is no share: asked and not asked are both shown as 0.

        Made of shown values only, like the share: it says no more than the table does.
        """
        asked = self.table("asked", period).value(benefit, unit)
        not_asked = self.table("not_asked", period).value(benefit, unit)
        return asked == 0 and not_asked == 0

    def has_absent_share(self) -> bool:
        """Return True when some share of the report is absent (:meth:`share_absent`)."""
        return any(
            self.share_absent(period, benefit, unit)
            for period in self.periods
            for benefit in self.benefits
            for unit in self.units
        )

    def rows(self) -> Iterator[ReportRow]:
        """Yield every published value: by period, indicator, benefit, unit."""
        for period in self.periods:
            for indicator in INDICATORS:
                table = self.tables[(indicator.code, period)]
                for benefit in self.benefits:
                    for unit in self.units:
                        if not table.has_column(unit):
                            continue
                        yield ReportRow(
                            period, benefit, unit, indicator, table.value(benefit, unit)
                        )

    def benefit_name(self, code: str) -> str:
        """Return a row's name in Swedish."""
        if code == TOTAL:
            return _("Alla förmåner")
        if code == OTHER:
            return _("Förmån inte angiven")
        return BENEFITS.get(code, code)

    def unit_name(self, code: str) -> str:
        """Return a column's name in Swedish."""
        if code == TOTAL:
            return _("Alla enheter")
        if code == NO_UNIT:
            return _("Enhet inte angiven")
        return self.unit_names.get(code, code)


def _sums(
    cells: Mapping[CellKey, int], kind: str
) -> tuple[dict[tuple[str, str, str, str], int], set[str], set[str], dict[str, int]]:
    """Sum cells into (indicator, month-period, benefit, unit); also flows started per month."""
    sums: dict[tuple[str, str, str, str], int] = {}
    benefits: set[str] = set()
    units: set[str] = set()
    started: dict[str, int] = {}
    by_metric: dict[str, list[Indicator]] = {}
    for indicator in INDICATORS:
        by_metric.setdefault(indicator.metric, []).append(indicator)
    for (month, unit, metric, labels), n in cells.items():
        label_map = dict(labels)
        benefit = label_map.get("benefit", OTHER)
        unit_code = unit or NO_UNIT
        if metric == "flow_started":
            started[month] = started.get(month, 0) + n
        for indicator in by_metric.get(metric, ()):
            if all(label_map.get(k) == v for k, v in indicator.labels.items()):
                key = (indicator.code, period_of(month, kind), benefit, unit_code)
                sums[key] = sums.get(key, 0) + n
                benefits.add(benefit)
                units.add(unit_code)
    return sums, benefits, units, started


def build_report(
    cells: Mapping[CellKey, int],
    *,
    period: str = "month",
    units: Sequence[Unit] = (),
    threshold: int = DEFAULT_THRESHOLD,
    sparse_below: int | None = None,
    progress: Callable[[int, int], bool | None] | None = None,
) -> Report:
    """Return the protected indicator report of merged ``cells``.

    Args:
        period: "month", "quarter" or "year".
        units: the coordinator's list (names and order of the columns).
        threshold: counts 1..threshold-1 are suppressed (at least 2).
        sparse_below: a month with fewer flows started than this (default
            ``4 * threshold``) is sparse, and in a month report its whole quarter
            is reported as the quarter instead of its three months (all three, so
            that no month can be found as the quarter less the others).
        progress: as for :func:`build_reports`.

    A quarter or year report is the month report of the same ``cells`` summed
    (:func:`_coarser`), so that the reports of one merge can be read together.
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period kind: {period}")
    if threshold < 2:
        raise ValueError("the threshold is at least 2")
    months = _month_report(cells, units, threshold, sparse_below, progress)
    return months if period == "month" else _coarser(months, period)


class ReportStopped(Exception):
    """The ``progress`` callback of :func:`build_reports` asked to stop: no report."""


def build_reports(
    cells: Mapping[CellKey, int],
    *,
    units: Sequence[Unit] = (),
    threshold: int = DEFAULT_THRESHOLD,
    sparse_below: int | None = None,
    progress: Callable[[int, int], bool | None] | None = None,
) -> dict[str, Report]:
    """Return the month, quarter and year reports of ``cells``, protected once.

    The same as :func:`build_report` for each period, but the month report (all the
    protection's work) is made once: the window makes the three off its own thread
    after a merge and changes between them at once.

    Args:
        progress: called with (periods protected, periods in all), first with 0;
            returning False stops the work.

    Raises:
        ReportStopped: ``progress`` returned False; nothing half-protected is returned.
    """
    if threshold < 2:
        raise ValueError("the threshold is at least 2")
    months = _month_report(cells, units, threshold, sparse_below, progress)
    return {kind: months if kind == "month" else _coarser(months, kind) for kind in PERIODS}


def _month_report(
    cells: Mapping[CellKey, int],
    units: Sequence[Unit],
    threshold: int,
    sparse_below: int | None,
    progress: Callable[[int, int], bool | None] | None = None,
) -> Report:
    """Return the month report: every month, or its quarter where a month is sparse."""
    sparse = 4 * threshold if sparse_below is None else sparse_below
    sums, benefit_set, unit_set, started = _sums(cells, "month")
    months = {key[1] for key in sums} | set(started)
    rolled = {period_of(m, "quarter") for m in months if started.get(m, 0) < sparse}

    def target(month: str) -> str:
        quarter = period_of(month, "quarter")
        return quarter if quarter in rolled else month

    grouped: dict[tuple[str, str, str, str], int] = {}
    for (code, month, benefit, unit), n in sums.items():
        key = (code, target(month), benefit, unit)
        grouped[key] = grouped.get(key, 0) + n
    periods = tuple(sorted({key[1] for key in grouped}, key=_period_order))
    benefit_rows = [b for b in BENEFITS if b in benefit_set]
    benefit_rows += sorted(benefit_set - set(BENEFITS))
    order = [u.code for u in units]
    unit_cols = [u for u in order if u in unit_set]
    unit_cols += sorted(unit_set - set(order) - {NO_UNIT}) + (
        [NO_UNIT] if NO_UNIT in unit_set else []
    )
    if not benefit_rows:
        benefit_rows, unit_cols = [OTHER], [NO_UNIT]
    tables: dict[tuple[str, str], IndicatorTable] = {}
    # The parts of a count come first: their hidden cells are hidden in it too. A count
    # at most another is protected together with that one (_at_most_pair).
    by_parts = sorted(INDICATORS, key=lambda i: i.code in PARTS)
    below = {larger: smaller for smaller, larger in AT_MOST.items()}

    def inner(code: str, p: str) -> list[list[int]]:
        return [[grouped.get((code, p, b, u), 0) for u in unit_cols] for b in benefit_rows]

    for done, p in enumerate(periods):
        if progress is not None and progress(done, len(periods)) is False:
            raise ReportStopped
        tables.update(_not_asked_tables(grouped, p, benefit_rows, unit_cols, threshold))
        for indicator in by_parts:
            code = indicator.code
            if code == "not_asked" or code in REASONS or code in AT_MOST:
                continue
            parts = [tables[(part, p)].protected for part in PARTS.get(code, ())]
            hide = frozenset().union(*(part.suppressed for part in parts))
            least = _sum_of(parts) if parts else None
            shape = ((*benefit_rows, TOTAL), (*unit_cols, TOTAL))
            if code in below:
                larger, smaller = _at_most_pair(
                    inner(code, p), inner(below[code], p), threshold, hide, least
                )
                tables[(below[code], p)] = IndicatorTable(BY_CODE[below[code]], p, *shape, smaller)
            else:
                larger = protect(inner(code, p), threshold, hide=hide, least=least)
            tables[(code, p)] = IndicatorTable(indicator, p, *shape, larger)
    if progress is not None and progress(len(periods), len(periods)) is False:
        raise ReportStopped
    return Report(
        period_kind="month",
        periods=periods,
        rolled_up=tuple(sorted(rolled & set(periods))),
        benefits=(*benefit_rows, TOTAL),
        units=(*unit_cols, TOTAL),
        unit_names={u.code: u.name for u in units},
        threshold=threshold,
        tables=tables,
    )


def _at_most_pair(
    larger: Sequence[Sequence[int]],
    smaller: Sequence[Sequence[int]],
    threshold: int,
    hide: frozenset[tuple[int, int]],
    least: Sequence[Sequence[int]] | None,
) -> tuple[Protected, Protected]:
    """Protect a count and one never larger than it in any cell (:data:`AT_MOST`), together.

    Shown where the larger is hidden, the smaller is its floor; hidden where the larger
    is shown, the larger is its ceiling: beside a shown total either can pin hidden
    counts. So each is hidden wherever the other is (the larger knows it is at least the
    smaller, as a count knows it is at least its :data:`PARTS`), until neither hides a
    cell the other shows; the audit of each checks every cell it hides.

    A 0 of the smaller stays shown, and beside a hidden larger count it leaves the
    difference of the two as that count's ceiling: where both totals of a line are
    shown, the larger less the smaller ("started 39, completed 36": 3 flows left) is
    what all the line's differences add up to, so a hidden started count beside a
    completed 0 is at most 3. Such totals of the smaller are hidden as well, one at a
    time, until the attacker's ceiling is no longer narrow (:func:`_narrow_gaps`).
    Hidden cells only grow, so this ends.
    """
    floor = extend(smaller)
    least = floor if least is None else _max_of(least, floor)
    also: frozenset[tuple[int, int]] = frozenset()
    gaps: frozenset[tuple[int, int]] = frozenset()
    while True:
        big = protect(larger, threshold, hide=hide, least=least, also=also)
        small = protect(smaller, threshold, also=big.suppressed | gaps)
        gaps |= _narrow_gaps(big, small, threshold)
        if small.suppressed <= big.suppressed and gaps <= small.suppressed:
            return big, small
        also = small.suppressed | gaps


def _narrow_gaps(big: Protected, small: Protected, threshold: int) -> frozenset[tuple[int, int]]:
    """Return one shown total of the smaller to hide, or nothing when none is needed.

    The differences larger less smaller are counts too (flows left before their end):
    never negative, known where both are shown, and adding up, in every line whose
    two totals are shown, to their difference. Beside a smaller count shown (a 0), a
    hidden larger count is that 0 plus its difference, so the attacker's ceiling of
    the difference (:func:`~fkstod.core.usage.suppress.bounds`, exact for a table)
    must let a small count reach ``threshold`` and any other move. If it does not,
    the shown total of the smaller with the least difference is returned.
    """
    n_rows, n_cols = len(big.values), len(big.values[0])
    diff = [[big.values[i][j] - small.values[i][j] for j in range(n_cols)] for i in range(n_rows)]
    unknown = big.suppressed | small.suppressed
    beside = [(i, j) for i, j in big.suppressed if (i, j) not in small.suppressed]
    if not beside:
        return frozenset()
    # bounds() gives every hidden difference above 0 the floor 1 of a "..": more than
    # the attacker knows of a difference, so the check errs on the safe side.
    found = bounds(diff, unknown, only=beside)
    weak = False
    for i, j in beside:
        low, high = found.get((i, j), (diff[i][j], diff[i][j]))
        top = small.values[i][j] + high
        if (0 < big.values[i][j] < threshold and top < threshold) or low == high:
            weak = True
            break
    if not weak:
        return frozenset()
    totals = [(i, n_cols - 1) for i in range(n_rows)] + [(n_rows - 1, j) for j in range(n_cols)]
    shown = [t for t in totals if t not in unknown and small.values[t[0]][t[1]] > 0]
    if not shown:
        return frozenset()
    return frozenset({min(shown, key=lambda t: (diff[t[0]][t[1]], t))})


def _max_of(a: Sequence[Sequence[int]], b: Sequence[Sequence[int]]) -> list[list[int]]:
    """Return the cell-by-cell larger of two extended tables of one shape."""
    return [[max(x, y) for x, y in zip(ra, rb, strict=True)] for ra, rb in zip(a, b, strict=True)]


def _sum_of(parts: Sequence[Protected]) -> list[list[int]]:
    """Return the cell-by-cell sum of the extended tables ``parts``."""
    first = parts[0].values
    return [
        [sum(part.values[i][j] for part in parts) for j in range(len(first[0]))]
        for i in range(len(first))
    ]


def _coarser(months: Report, kind: str) -> Report:
    """Return the quarter or year report made of the protected month report ``months``.

    Each value of a quarter or a year is the sum of the same value in its periods
    of the month report (months, and quarters rolled up whole), and it is hidden
    when any of them is hidden. Whatever it shows is thus already known from the
    month report: a reader who holds both cannot subtract a hidden month out. A
    small count is always hidden (a small sum has a small part, which is hidden),
    and a hidden value can move as far as the hidden part it holds.
    """
    parts: dict[str, list[str]] = {}
    for p in months.periods:
        whole = p[:4] if kind == "year" else (p if "-K" in p else period_of(p, "quarter"))
        parts.setdefault(whole, []).append(p)
    tables: dict[tuple[str, str], IndicatorTable] = {}
    for whole, inside in parts.items():
        for indicator in INDICATORS:
            kids = [months.tables[(indicator.code, p)] for p in inside]
            first = kids[0]
            n_rows, n_cols = len(first.protected.values), len(first.protected.values[0])
            values = tuple(
                tuple(sum(k.protected.values[i][j] for k in kids) for j in range(n_cols))
                for i in range(n_rows)
            )
            primary = frozenset(
                (i, j)
                for i in range(n_rows)
                for j in range(n_cols)
                if 0 < values[i][j] < months.threshold
            )
            hidden = frozenset().union(*(k.protected.suppressed for k in kids))
            tables[(indicator.code, whole)] = IndicatorTable(
                indicator,
                whole,
                first.rows,
                first.columns,
                Protected(values, hidden | primary, primary),
            )
    return Report(
        period_kind=kind,
        periods=tuple(sorted(parts, key=_period_order)),
        rolled_up=(),
        benefits=months.benefits,
        units=months.units,
        unit_names=months.unit_names,
        threshold=months.threshold,
        tables=tables,
    )


def _not_asked_tables(
    grouped: Mapping[tuple[str, str, str, str], int],
    p: str,
    benefit_rows: Sequence[str],
    unit_cols: Sequence[str],
    threshold: int,
) -> dict[tuple[str, str], IndicatorTable]:
    """Return "not asked" (benefits by units) and its reasons (benefits, all units), protected.

    The reasons sum to "not asked", so each table protected on its own would let a
    reader subtract the shown reasons from a shown total and find a hidden one. The
    two tables are one network of counts (:func:`~fkstod.core.usage.suppress.protect_network`)::

        S_out -> reason -> benefit_in -> benefit_out -> unit -> S_in -> S_out
        (reason totals)  (reason by    ("not asked"  (by     (unit    (grand
                          benefit)      by benefit)   unit)   totals)  total)

    where every node conserves. Each table gets its own protection first, then the
    network's audit adds what the link needs. A "not asked" count without a reason
    (an export not made by fkstod's flows) is a hidden edge of a reason never shown.
    """
    reasons = list(REASONS)
    n_b, n_u = len(benefit_rows), len(unit_cols)
    by_unit = [[grouped.get(("not_asked", p, b, u), 0) for u in unit_cols] for b in benefit_rows]
    by_reason = [
        [sum(grouped.get((r, p, b, u), 0) for u in unit_cols) for r in reasons]
        for b in benefit_rows
    ]
    # Every not-asked count has its reason; where an export says otherwise, "not asked"
    # is at least the sum of its reasons, and the rest is a reason never shown.
    unexplained = []
    for i in range(n_b):
        for j in range(n_u):
            with_reason = sum(
                grouped.get((r, p, benefit_rows[i], unit_cols[j]), 0) for r in reasons
            )
            by_unit[i][j] = max(by_unit[i][j], with_reason)
        unexplained.append(sum(by_unit[i]) - sum(by_reason[i]))
    na = protect(by_unit, threshold)
    rs = protect(by_reason, threshold)

    edges: list[Edge] = []
    values: list[int] = []
    at: dict[tuple[str, int, int], int] = {}

    def edge(key: tuple[str, int, int], tail: str, head: str, value: int) -> None:
        at[key] = len(edges)
        edges.append((tail, head))
        values.append(value)

    for i in range(n_b):
        for j in range(n_u):
            edge(("na", i, j), f"b_out:{i}", f"u:{j}", na.values[i][j])
        edge(("na", i, n_u), f"b_in:{i}", f"b_out:{i}", na.values[i][n_u])
        for k in range(len(reasons)):
            edge(("rs", i, k), f"r:{k}", f"b_in:{i}", rs.values[i][k])
    for j in range(n_u):
        edge(("na", n_b, j), f"u:{j}", "S_in", na.values[n_b][j])
    edge(("na", n_b, n_u), "S_in", "S_out", na.values[n_b][n_u])
    for k in range(len(reasons)):
        edge(("rs", n_b, k), "S_out", f"r:{k}", rs.values[n_b][k])
    start = {at[("na", i, j)] for i, j in na.suppressed}
    start |= {at[("rs", i, k)] for i, k in rs.suppressed if k < len(reasons)}
    # The reasons' own row totals and grand total are "not asked"'s: the same edges.
    start |= {at[("na", i, n_u)] for i, k in rs.suppressed if k == len(reasons)}
    unpublished: set[int] = set()
    if any(unexplained):
        for i, rest in enumerate(unexplained):
            if rest:
                edge(("unexplained", i, 0), "r:unexplained", f"b_in:{i}", rest)
                unpublished.add(len(edges) - 1)
        edge(("unexplained", n_b, 0), "S_out", "r:unexplained", sum(unexplained))
        unpublished.add(len(edges) - 1)
    hidden = protect_network(edges, values, threshold, start, unpublished)
    primary = {e for e, v in enumerate(values) if 0 < v < threshold}

    def cells(kind: str, rows: int, cols: int) -> tuple[frozenset, frozenset]:
        found = [(i, j) for i in range(rows) for j in range(cols) if (kind, i, j) in at]
        return (
            frozenset(c for c in found if at[(kind, *c)] in hidden),
            frozenset(c for c in found if at[(kind, *c)] in primary),
        )

    supp, prim = cells("na", n_b + 1, n_u + 1)
    out = {
        ("not_asked", p): IndicatorTable(
            BY_CODE["not_asked"],
            p,
            (*benefit_rows, TOTAL),
            (*unit_cols, TOTAL),
            Protected(na.values, supp, prim),
        )
    }
    rs_supp, rs_prim = cells("rs", n_b + 1, len(reasons))
    for k, code in enumerate(reasons):
        column = tuple((rs.values[i][k],) for i in range(n_b + 1))
        out[(code, p)] = IndicatorTable(
            BY_CODE[code],
            p,
            (*benefit_rows, TOTAL),
            (TOTAL,),
            Protected(
                column,
                frozenset((i, 0) for i, kk in rs_supp if kk == k),
                frozenset((i, 0) for i, kk in rs_prim if kk == k),
            ),
        )
    return out

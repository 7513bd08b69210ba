"""The search index as it was before the sliced build (issue 15), kept as the reference.

test_directory_index_reference.py checks that the index gives the same results.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from fkstod.core import kommuner
from fkstod.core.collate import swedish_key
from fkstod.core.directory.hours import Hours, HoursError, parse_hours
from fkstod.core.directory.model import CATEGORIES, TARGET_GROUPS, VIOLENCE_FORMS, Entry

_FOLD = str.maketrans("åäöéèüáàæø", "aaoeeuaaao")
_WORD = re.compile(r"\w+")
MIN_INFIX = 3
DEFAULT_LIMIT = 50
DENSE = 64  # a word in this many entries or more keeps a ready bitmask


def fold(text: str) -> str:
    """Return ``text`` in lower case with å, ä, ö (and other accents) folded to a, a, o."""
    return text.lower().translate(_FOLD)


def words(text: str) -> list[str]:
    """Return the lower-case words of ``text``."""
    return _WORD.findall(text.lower())


@dataclass(frozen=True)
class Filters:
    """Hard filters: a result must pass every one that is set.

    Attributes:
        kommun: municipality code; national services and those serving it pass.
        lan: county code; national services and those serving a municipality in it pass.
        malgrupp: TARGET_GROUPS code (services for ``alla`` pass too).
        valdsform: VIOLENCE_FORMS code (services for ``alla`` pass too).
        sprak: language name in lower case.
        open_now: only services open at the time of the search.
        around_the_clock: only services open around the clock.
    """

    kommun: str = ""
    lan: str = ""
    malgrupp: str = ""
    valdsform: str = ""
    sprak: str = ""
    open_now: bool = False
    around_the_clock: bool = False


@dataclass(frozen=True)
class SearchResult:
    """The best entries first, and how many matched in all."""

    entries: list[Entry]
    total: int
    open_ids: frozenset[str] = field(default_factory=frozenset)


class _Postings:
    """Words → ids; look up by word start, and for longer tokens also inside words.

    The infix table maps each inner part of a word (from its second letter on)
    to the words it occurs in, not to ids: that keeps memory near the size of
    the word postings themselves.
    """

    def __init__(self, table: Mapping[str, array], size: int, infix: bool = True) -> None:
        self.table = table
        self.size = size
        # Frequent words keep a ready bitmask (size/8 bytes); rare ones their ids.
        self.masks = {w: to_mask(ids, size) for w, ids in table.items() if len(ids) >= DENSE}
        self.keys = sorted(table)
        parts: dict[str, list[str]] = {}
        if infix:
            for word in self.keys:
                if word.isdigit():  # numbers are searched from their start
                    continue
                for start in range(1, len(word) - MIN_INFIX + 1):
                    parts.setdefault(word[start:], []).append(word)
        self.parts = parts
        self.part_keys = sorted(parts)
        self._cache: dict[str, int] = {}

    def _words(self, token: str) -> set[str]:
        found: set[str] = set()
        keys, i = self.keys, bisect_left(self.keys, token)
        while i < len(keys) and keys[i].startswith(token):
            found.add(keys[i])
            i += 1
        if len(token) >= MIN_INFIX and self.part_keys:
            keys, i = self.part_keys, bisect_left(self.part_keys, token)
            while i < len(keys) and keys[i].startswith(token):
                found.update(self.parts[keys[i]])
                i += 1
        return found

    def matching(self, token: str) -> int:
        """Return the bitmask of entries with a word that starts with (or holds) ``token``."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        mask = 0
        rare: list[int] = []
        for word in self._words(token):
            dense = self.masks.get(word)
            if dense is not None:
                mask |= dense
            else:
                rare.extend(self.table[word])
        if rare:
            mask |= to_mask(rare, self.size)
        if len(self._cache) > 256:  # typing produces a new prefix per key; stay bounded
            self._cache.clear()
        self._cache[token] = mask
        return mask


def to_mask(ids: Iterable[int], size: int) -> int:
    """Return the bitmask with the bits of ``ids`` set (bit i = entry at position i)."""
    buffer = bytearray((size + 7) // 8)
    for i in ids:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def from_mask(mask: int, limit: int) -> list[int]:
    """Return the positions of the lowest ``limit`` set bits of ``mask``."""
    out: list[int] = []
    while mask and len(out) < limit:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _masks(pairs: Iterable[tuple[str, int]], size: int) -> dict[str, int]:
    table: dict[str, list[int]] = {}
    for key, ident in pairs:
        table.setdefault(key, []).append(ident)
    return {key: to_mask(ids, size) for key, ids in table.items()}


class _WordTable(dict):
    """Word → ids as compact arrays: sets cost ~40 bytes an id, arrays 4."""

    def add(self, word: str, ident: int) -> None:
        ids = self.get(word)
        if ids is None:
            self[word] = array("I", (ident,))
        elif ids[-1] != ident:  # ids arrive in order, so a repeat is always the last
            ids.append(ident)


def _static_key(entry: Entry, position: int) -> tuple:
    # Shipped national lines keep their file order (112 first); local ones follow by name.
    return (0, position, "") if entry.levererad else (1, 0, swedish_key(entry.title))


class DirectoryIndex:
    """An immutable search index over a list of entries."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        order = sorted(range(len(entries)), key=lambda i: _static_key(entries[i], i))
        self.entries: list[Entry] = [entries[i] for i in order]
        self.by_id = {e.id: e for e in self.entries}
        self._position = {e.id: i for i, e in enumerate(self.entries)}
        n = self.size = len(self.entries)
        # Sets of entries are bitmasks (Python ints): bit i is the entry at position
        # i. And, or and not over 20 000 entries then take microseconds, not milliseconds.
        self.all = (1 << n) - 1

        folded_words, exact_words, name_words = _WordTable(), _WordTable(), _WordTable()
        names = {k.kod: k.namn for k in kommuner.kommuner()}
        for i, e in enumerate(self.entries):
            text = " ".join(
                (
                    " ".join(names.get(k, "") for k in e.kommuner),
                    e.organisation,
                    e.tjanst,
                    e.beskrivning,
                    " ".join(e.taggar),
                    " ".join(e.sprak),
                    CATEGORIES.get(e.kategori, ""),
                    " ".join(TARGET_GROUPS.get(g, "") for g in e.malgrupper),
                    " ".join(VIOLENCE_FORMS.get(v, "") for v in e.valdsformer),
                )
            )
            for word in words(text):
                folded = fold(word)
                folded_words.add(folded, i)
                if word != folded:  # only words with å, ä, ö can match a query typed with them
                    exact_words.add(word, i)
            digits = re.sub(r"\D", "", e.telefon)
            if digits:
                folded_words.add(digits, i)
            for word in words(f"{e.organisation} {e.tjanst}"):
                name_words.add(fold(word), i)

        self._folded = _Postings(folded_words, n)
        self._exact = _Postings(exact_words, n)
        self._name = _Postings(name_words, n, infix=False)

        each = list(enumerate(self.entries))
        self._category = _masks(((e.kategori, i) for i, e in each), n)
        self._group = _masks(((g, i) for i, e in each for g in e.malgrupper), n)
        self._form = _masks(((v, i) for i, e in each for v in e.valdsformer), n)
        self._language = _masks(((s, i) for i, e in each for s in e.sprak), n)
        self._kommun = _masks(((k, i) for i, e in each for k in e.kommuner), n)
        self._national = to_mask((i for i, e in each if e.national), n)
        counties = {k.kod: k.lanskod for k in kommuner.kommuner()}
        self._lan = _masks(((counties.get(k, ""), i) for i, e in each for k in e.kommuner), n)
        self.hours: list[Hours] = []
        for e in self.entries:
            try:
                self.hours.append(parse_hours(e.telefontider))
            except HoursError:  # validated on the way in; never let one entry break search
                self.hours.append(parse_hours(""))
        self._always = to_mask((i for i, h in enumerate(self.hours) if h.around_the_clock), n)
        self._known_hours = [i for i, h in enumerate(self.hours) if h.known]
        self._open_cache: tuple[tuple[int, int, int], int] | None = None

    def languages(self) -> list[str]:
        """Return every language some service speaks, sorted."""
        return sorted(self._language, key=swedish_key)

    def _with_alla(self, table: dict[str, int], value: str) -> int:
        # A service for everyone ("alla") is for this group too.
        return table.get(value, 0) | table.get("alla", 0)

    def open_at(self, when: datetime) -> int:
        """Return the bitmask of entries open at ``when`` (cached per minute)."""
        key = (when.weekday(), when.hour, when.minute)
        if self._open_cache and self._open_cache[0] == key:
            return self._open_cache[1]
        result = to_mask((i for i in self._known_hours if self.hours[i].is_open(when)), self.size)
        self._open_cache = (key, result)
        return result

    def search(
        self,
        query: str = "",
        *,
        kommun: str = "",
        needs: Iterable[str] = (),
        filters: Filters | None = None,
        limit: int = DEFAULT_LIMIT,
        now: datetime | None = None,
    ) -> SearchResult:
        """Return the entries matching ``query`` and ``filters``, best first.

        Args:
            query: what the user typed; every word must match.
            kommun: the person's municipality: its services rank first (and others' are hidden).
            needs: REFERRAL_CATEGORIES codes to rank first.
            filters: hard filters.
            limit: how many entries to return at most.
            now: the time for "open now" (defaults to the clock).
        """
        filters = filters or Filters()
        kommun = kommun or filters.kommun
        now = now or datetime.now()
        candidates = self.all
        # A number typed as it is read out ("020-50 50 50") is one token of digits,
        # the way numbers are indexed.
        query = re.sub(r"(?<=\d)[\s\-–]+(?=\d)", "", query)
        tokens = sorted(set(words(query)), key=len, reverse=True)
        for token in tokens:
            candidates &= self._folded.matching(fold(token))
            if not candidates:
                return SearchResult([], 0)

        if kommun:
            candidates &= self._national | self._kommun.get(kommun, 0)
        elif filters.lan:
            candidates &= self._national | self._lan.get(filters.lan, 0)
        if filters.malgrupp:
            candidates &= self._with_alla(self._group, filters.malgrupp)
        if filters.valdsform:
            candidates &= self._with_alla(self._form, filters.valdsform)
        if filters.sprak:
            candidates &= self._language.get(filters.sprak, 0)
        if filters.around_the_clock:
            candidates &= self._always
        open_now = self.open_at(now)
        if filters.open_now:
            candidates &= open_now

        tiers: list[int] = []
        need_mask = 0
        for need in needs:
            need_mask |= self._category.get(need, 0)
        if need_mask:
            tiers.append(need_mask)
        if kommun:
            tiers.append(self._kommun.get(kommun, 0))
        swedish = [t for t in tokens if fold(t) != t]
        if swedish:
            exact = self.all
            for token in swedish:
                exact &= self._exact.matching(token)
            tiers.append(exact)
        if tokens:
            named = self.all
            for token in tokens:
                named &= self._name.matching(fold(token))
            tiers.append(named)

        picked: list[int] = []
        _take(candidates, tiers, 0, limit, picked)
        return SearchResult(
            [self.entries[i] for i in picked],
            candidates.bit_count(),
            frozenset(self.entries[i].id for i in picked if open_now >> i & 1),
        )

    def is_open(self, entry_id: str, when: datetime) -> bool | None:
        """Return whether an entry is open at ``when``, or None when its hours are unknown."""
        position = self._position.get(entry_id)
        if position is None:
            return None
        hours = self.hours[position]  # parsed once, at build, where a bad value is caught
        return hours.is_open(when) if hours.known else None


def _take(ids: int, tiers: list[int], level: int, limit: int, out: list[int]) -> None:
    """Append up to ``limit`` positions to ``out``: higher tiers first, then by position."""
    if not ids or len(out) >= limit:
        return
    if level == len(tiers):
        out.extend(from_mask(ids, limit - len(out)))
        return
    tier = tiers[level]
    _take(ids & tier, tiers, level + 1, limit, out)
    _take(ids & ~tier, tiers, level + 1, limit, out)

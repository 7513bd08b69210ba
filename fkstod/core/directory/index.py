"""Search as you type, in memory: word and infix postings, set operations, tiers.

Why not FTS5: its default tokenizer folds å/ä/ö away (so ranking cannot prefer
the Swedish spelling), it matches only word prefixes (Swedish compounds need
"jour" to find "kvinnojour"), and it cannot rank by municipality and need
without Python work per row. An index built at load answers in well under the
5 ms budget for 20 000 services (see the benchmark): words map to compact
arrays of positions, and every set of entries in a query is a bitmask (a Python
int), so filters, tiers and intersections are a few machine-word loops in C.

Matching: every query word must occur in the entry, folded (``malmo`` finds
Malmö, ``vald`` finds våld). Words shorter than three letters match word
starts only; longer ones also match inside words. Ranking, in tiers: the chosen
needs, services local to the person's municipality, the exact Swedish
spelling, a match in the name; within a tier, the shipped order and then by name.
"""

from __future__ import annotations

import heapq
import re
import time
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from fkstod.core import kommuner
from fkstod.core.collate import swedish_key
from fkstod.core.collector import no_collection
from fkstod.core.directory.hours import Hours, HoursError, parse_hours
from fkstod.core.directory.model import CATEGORIES, TARGET_GROUPS, VIOLENCE_FORMS, Entry

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparisonT

_FOLD = str.maketrans("åäöéèüáàæø", "aaoeeuaaao")
_WORD = re.compile(r"\w+")
_NOT_DIGIT = re.compile(r"\D")
MIN_INFIX = 3
DEFAULT_LIMIT = 50
DENSE = 64  # a word in this many entries or more keeps a ready bitmask...
DENSE_SHARE = 32  # ...and in at least 1/32 of them: below that, its ids as an array are smaller


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

    The words are kept sorted, so the words that start with a token are one
    range of them. Frequent words keep a ready bitmask; so does every run of
    consecutive words holding about ``size/16`` ids together (a block), and a
    range is the blocks inside it plus at most two partial blocks at its ends:
    a short prefix such as ``0``, which starts thousands of phone numbers, costs
    a few dozen big-int ors, not a loop over thousands of words.

    The infix table maps each inner part of a word (from its second letter on)
    to the words it occurs in, not to ids: that keeps memory near the size of
    the word postings themselves.

    Built in slices: ``_build`` is a generator that yields after each small
    piece of work (see ``IndexBuilder``).
    """

    def __init__(self, table: dict[str, array | int], size: int, infix: bool = True) -> None:
        self._table = table
        self.size = size
        self._infix = infix
        self._cache: dict[str, int] = {}

    def _build(self) -> Iterator[None]:
        table, size = self._table, self.size
        keys: list[str] = []
        yield from _sorted_in_slices(table, keys)
        self.keys = keys
        # Rare words' ids one after another in word order (4 bytes an id, no object
        # per word): word i's are flat[offsets[i]:offsets[i + 1]]; frequent words
        # keep a bitmask instead (dense_at: their word numbers, sorted).
        flat, offsets = array("I"), array("I", (0,))
        self.dense: dict[int, int] = {}
        self.dense_at = array("I")
        self.dense_masks: list[int] = []
        self.block_start = array("I")
        self.block_mask: list[int] = []
        block_ids = max(256, size // 16)
        rare: list[int] = []
        # A bitmask costs size/8 bytes, an array 4 bytes an id: a word keeps a mask
        # only where the mask is not the bigger of the two (at 50 000 entries, a word
        # in 172 of them as a mask took 6 KB, as ids 0.7 KB; a municipality's name is one).
        dense_ids = max(DENSE, size // DENSE_SHARE)
        held, first, mask = 0, 0, 0
        work = 0
        for i, word in enumerate(keys):
            posting = table.pop(word)  # each word's ids freed once copied: a lower peak
            ids: Sequence[int] = (posting,) if isinstance(posting, int) else posting
            if len(ids) >= dense_ids:
                dense = to_mask(ids, size)
                self.dense[i] = dense
                self.dense_at.append(i)
                self.dense_masks.append(dense)
                mask |= dense
            else:
                flat.extend(ids)
                rare.extend(ids)
            offsets.append(len(flat))
            held += len(ids)
            work += len(ids) + 8
            if held >= block_ids:
                self.block_start.append(first)
                self.block_mask.append(mask | to_mask(rare, size) if rare else mask)
                held, first, rare, mask = 0, i + 1, [], 0
            if work > _SLICE_WORK:
                work = 0
                yield
        self.flat, self.offsets = flat, offsets
        self.block_start.append(first)  # the end of the last whole block
        parts: dict[str, list[str]] = {}
        if self._infix:
            for n, word in enumerate(keys):
                if n % 500 == 0:  # before the numbers are skipped: they come first, 100 000 of them
                    yield
                if word.isdigit():  # numbers are searched from their start
                    continue
                for start in range(1, len(word) - MIN_INFIX + 1):
                    part = word[start:]
                    found = parts.get(part)
                    if found is None:
                        parts[part] = [word]
                    else:
                        found.append(word)
        self.parts = parts
        part_keys: list[str] = []
        yield from _sorted_in_slices(parts, part_keys)
        self.part_keys = part_keys
        del self._table

    def clear_cache(self) -> None:
        """Forget the looked-up tokens (for measuring cold lookups)."""
        self._cache.clear()

    def _range(self, token: str) -> tuple[int, int]:
        keys = self.keys
        return bisect_left(keys, token), bisect_left(keys, token + "\U0010ffff")

    def _keys_mask(self, lo: int, hi: int, rare: list[int]) -> int:
        # The words lo..hi-1: dense ones' masks or'ed, rare ones' ids collected.
        if lo >= hi:
            return 0
        mask = 0
        at, masks = self.dense_at, self.dense_masks
        for j in range(bisect_left(at, lo), bisect_left(at, hi)):
            mask |= masks[j]
        rare.extend(self.flat[self.offsets[lo] : self.offsets[hi]])
        return mask

    def matching(self, token: str) -> int:
        """Return the bitmask of entries with a word that starts with (or holds) ``token``."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        rare: list[int] = []
        lo, hi = self._range(token)
        starts = self.block_start
        # Whole blocks inside lo..hi; block b is the words starts[b]..starts[b+1]-1.
        b = bisect_left(starts, lo)
        mask = 0
        if b + 1 < len(starts) and starts[b + 1] <= hi:
            mask |= self._keys_mask(lo, starts[b], rare)
            while b + 1 < len(starts) and starts[b + 1] <= hi:
                mask |= self.block_mask[b]
                b += 1
            mask |= self._keys_mask(starts[b], hi, rare)
        else:
            mask |= self._keys_mask(lo, hi, rare)
        if len(token) >= MIN_INFIX and self.part_keys:
            keys, i = self.part_keys, bisect_left(self.part_keys, token)
            dense, flat, offsets, words_ = self.dense, self.flat, self.offsets, self.keys
            seen: set[str] = set()
            while i < len(keys) and keys[i].startswith(token):
                for word in self.parts[keys[i]]:
                    if word in seen:
                        continue
                    seen.add(word)
                    at = bisect_left(words_, word)  # a word of the table: found exactly
                    if lo <= at < hi:
                        continue  # already in by its start
                    d = dense.get(at)
                    if d is not None:
                        mask |= d
                    else:
                        rare.extend(flat[offsets[at] : offsets[at + 1]])
                i += 1
        if rare:
            mask |= to_mask(rare, self.size)
        if len(self._cache) > 256:  # typing produces a new prefix per key; stay bounded
            self._cache.clear()
        self._cache[token] = mask
        return mask


#: About how many ids or words a slice of the build handles before it yields.
_SLICE_WORK = 4000


def _sorted_in_slices(
    items: Iterable[SupportsRichComparisonT], out: list[SupportsRichComparisonT]
) -> Iterator[None]:
    """Fill ``out`` with ``items`` sorted, yielding between pieces (no one long sort)."""
    yield from _sorted_by_in_slices(items, None, out)


def _sorted_by_in_slices(items: Iterable, key: Callable | None, out: list) -> Iterator[None]:
    """Fill ``out`` with ``items`` sorted by ``key`` (stable), yielding between pieces."""
    chunk = 4000
    runs: list[list] = []
    pending = list(items)
    yield
    for start in range(0, len(pending), chunk):
        runs.append(sorted(pending[start : start + chunk], key=key))
        yield
    if len(runs) == 1:
        out.extend(runs[0])
        return
    # heapq.merge takes equal items from the earlier run first: stable, as sorted is.
    for n, item in enumerate(heapq.merge(*runs, key=key)):
        out.append(item)
        if n % _SLICE_WORK == 0:
            yield


def index_order(entries: Iterable[Entry]) -> list[Entry]:
    """Return ``entries`` in the order an index built over them keeps (``IndexBuilder``).

    Shipped entries first, as given; then the others by their Swedish title, equal
    titles as given. Of any part of a list, the same relative order as in the whole:
    the first of a part is the first the whole index holds of it.
    """
    entries = list(entries)
    shipped = [e for e in entries if e.levererad]
    local = [e for e in entries if not e.levererad]
    return shipped + sorted(local, key=lambda e: swedish_key(e.title))


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
    """Word → ids as compact arrays: sets cost ~40 bytes an id, arrays 4.

    A word in one entry only (most numbers and names) keeps the bare id, an
    array once it has a second: a third of the build's peak memory at 50 000.
    """

    def add(self, word: str, ident: int) -> None:
        ids = self.get(word)
        if ids is None:
            self[word] = ident
        elif type(ids) is int:
            if ids != ident:
                self[word] = array("I", (ids, ident))
        elif ids[-1] != ident:  # ids arrive in order, so a repeat is always the last
            ids.append(ident)

    def extend(self, word: str, idents: list[int]) -> None:
        """Add the ids of every entry in ``idents`` (a repeat is harmless: ids become bits)."""
        ids = self.get(word)
        if ids is None:
            self[word] = array("I", idents) if len(idents) > 1 else idents[0]
        elif type(ids) is int:
            self[word] = array("I", (ids, *idents))
        else:
            ids.extend(idents)


class DirectoryIndex:
    """An immutable search index over a list of entries.

    ``DirectoryIndex(entries)`` builds it at once; ``IndexBuilder`` builds the
    same index in slices, for a caller that must not block (a window's event loop).
    """

    # Set by IndexBuilder._build, which fills the index in slices (so not here in
    # __init__); declared here, where a reader and the type checker find them.
    entries: list[Entry]
    by_id: dict[str, Entry]
    size: int
    #: The bitmask of every entry.
    all: int
    _folded: _Postings
    _exact: _Postings
    _name: _Postings
    # Value → bitmask of the entries with it.
    _category: dict[str, int]
    _group: dict[str, int]
    _form: dict[str, int]
    _language: dict[str, int]
    _kommun: dict[str, int]
    _lan: dict[str, int]
    _national: int
    #: Opening-hours text → its parsed hours (texts repeat: each parsed once).
    _hours: dict[str, Hours]
    _hours_groups: list[tuple[Hours, int]]
    _always: int
    _open_cache: tuple[tuple[int, int, int], int] | None

    def __init__(self, entries: Sequence[Entry]) -> None:
        IndexBuilder(entries, self).finish()

    def clear_caches(self) -> None:
        """Forget every looked-up token and the open-now mask (for measuring cold searches)."""
        for postings in (self._folded, self._exact, self._name):
            postings.clear_cache()
        self._open_cache = None

    def first_of(self, kategori: str, kommun: str) -> Entry | None:
        """Return the first entry (in the index's order) of ``kategori`` that names ``kommun``.

        National entries (no kommuner) do not count: they serve every kommun alike.
        """
        found = self._category.get(kategori, 0) & self._kommun.get(kommun, 0)
        return self.entries[(found & -found).bit_length() - 1] if found else None

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
        result = 0
        for hours, mask in self._hours_groups:  # entries with the same hours share one check
            if hours.is_open(when):
                result |= mask
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
        entry = self.by_id.get(entry_id)
        if entry is None:
            return None
        hours = self._hours[
            entry.telefontider
        ]  # parsed once, at build, where a bad value is caught
        return hours.is_open(when) if hours.known else None


class IndexBuilder:
    """Build a ``DirectoryIndex`` in slices: ``step(budget_ms)`` until it returns True.

    Each call works for about ``budget_ms`` and returns; no single piece of the
    build takes long (sorting and bitmasks are split too), so a window can build
    the index from a timer and stay responsive. The result equals
    ``DirectoryIndex(entries)``.

    Args:
        entries: the entries, in any order (the index sorts them).
        into: the object to fill (used by ``DirectoryIndex.__init__``).
    """

    def __init__(self, entries: Sequence[Entry], into: DirectoryIndex | None = None) -> None:
        self._entries = list(entries)
        self.index = into if into is not None else DirectoryIndex.__new__(DirectoryIndex)
        self._work: Iterator[None] | None = self._build()

    @property
    def done(self) -> bool:
        """Whether the index is complete."""
        return self._work is None

    def step(self, budget_ms: float = 10.0) -> bool:
        """Build for about ``budget_ms`` milliseconds; return True once the index is complete."""
        if self._work is None:
            return True
        deadline = time.perf_counter() + budget_ms / 1000
        # The entries and the index live as long as the app: what each slice made is
        # moved out of the cyclic collector's sight (``keep``), so that no collection
        # walks a million objects (at 100 000 entries one walk blocked the event loop
        # for over 150 ms), not even between two slices.
        with no_collection(keep=True):
            for _ in self._work:
                if time.perf_counter() >= deadline:
                    return False
        self._work = None
        return True

    def finish(self) -> DirectoryIndex:
        """Build the rest at once and return the index."""
        if self._work is not None:
            with no_collection(keep=True):
                for _ in self._work:
                    pass
            self._work = None
        return self.index

    def _build(self) -> Iterator[None]:
        index, entries = self.index, self._entries
        del self._entries
        # Shipped national lines keep their file order (112 first); local ones follow
        # by name (Swedish order), equal names in the order given. The sort key is one title
        # per entry, looked up by position: a key tuple per entry set the build's peak.
        shipped: list[int] = []
        local: list[int] = []
        titles: list[str] = []
        for i, entry in enumerate(entries):
            if entry.levererad:
                shipped.append(i)
                titles.append("")
            else:
                local.append(i)
                titles.append(swedish_key(entry.title))  # a … z, å, ä, ö
            if i % 500 == 0:
                yield
        ordered: list[int] = []
        yield from _sorted_by_in_slices(local, titles.__getitem__, ordered)
        del local
        yield
        in_order = [entries[i] for i in shipped]
        for start in range(0, len(ordered), 5000):
            in_order.extend(entries[i] for i in ordered[start : start + 5000])
            yield
        index.entries = in_order
        # The sort keys freed a slice at a time: at 100 000 entries freeing them at
        # once took tens of milliseconds.
        while titles:
            del titles[-5000:]
            yield
        del ordered, shipped, entries
        yield
        index.by_id = {}
        for i, e in enumerate(index.entries):
            index.by_id[e.id] = e
            if i % 5000 == 0:
                yield
        n = index.size = len(index.entries)
        # Sets of entries are bitmasks (Python ints): bit i is the entry at position
        # i. And, or and not over 20 000 entries then take microseconds, not milliseconds.
        index.all = (1 << n) - 1
        yield

        folded_words, exact_words, name_words = _WordTable(), _WordTable(), _WordTable()
        names = {k.kod: k.namn for k in kommuner.kommuner()}
        folds: dict[str, str] = {}  # each unique word is folded once, not once per entry
        # The words from codes (municipalities, languages, category, groups, forms)
        # repeat across entries: the entries with each value are collected, and the
        # value's words are split, folded and added once for all of them at the end.
        by_value: tuple[dict, dict, dict, dict, dict] = ({}, {}, {}, {}, {})
        add_folded, add_exact, add_name = folded_words.add, exact_words.add, name_words.add

        def folded_pairs(found: list[str]) -> list[tuple[str, str]]:
            out = []
            for word in found:
                if word.isdigit():  # numbers fold to themselves: not worth a cache entry
                    out.append((word, word))
                    continue
                folded = folds.get(word)
                if folded is None:
                    folded = folds[word] = fold(word)
                out.append((word, folded))
            return out

        for i, e in enumerate(index.entries):
            for table, value in zip(
                by_value,
                (e.kommuner, e.sprak, e.kategori, e.malgrupper, e.valdsformer),
                strict=True,
            ):
                ids = table.get(value)
                if ids is None:
                    table[value] = [i]
                else:
                    ids.append(i)
            named = folded_pairs(words(f"{e.organisation} {e.tjanst}"))
            for _word, folded in named:
                add_name(folded, i)
            own = named + folded_pairs(words(f"{e.beskrivning} {' '.join(e.taggar)}"))
            for word, folded in own:
                add_folded(folded, i)
                if folded != word:  # only words with å, ä, ö can match a query typed with them
                    add_exact(word, i)
            digits = _NOT_DIGIT.sub("", e.telefon)
            if digits:
                add_folded(digits, i)
            if i % 250 == 0:
                yield
        labels = (
            lambda codes: " ".join(names.get(k, "") for k in codes),
            lambda codes: " ".join(codes),
            lambda code: CATEGORIES.get(code, ""),
            lambda codes: " ".join(TARGET_GROUPS.get(g, "") for g in codes),
            lambda codes: " ".join(VIOLENCE_FORMS.get(v, "") for v in codes),
        )
        for table, label in zip(by_value, labels, strict=True):
            for value, ids in table.items():
                pairs = folded_pairs(words(label(value)))
                for folded in dict.fromkeys(f for _w, f in pairs):
                    folded_words.extend(folded, ids)
                for word in dict.fromkeys(w for w, f in pairs if f != w):
                    exact_words.extend(word, ids)
                yield
        del by_value

        index._folded = _Postings(folded_words, n)
        index._exact = _Postings(exact_words, n)
        index._name = _Postings(name_words, n, infix=False)
        # Each table is dropped as soon as its postings are built: held here too, all
        # three would stay alive to the end and set the build's peak memory.
        del folded_words, exact_words, name_words, folded_pairs, add_folded, add_exact, add_name
        for postings in (index._folded, index._exact, index._name):
            yield from postings._build()

        each = index.entries
        tables: dict[str, dict[str, list[int]]] = {
            "_category": {},
            "_group": {},
            "_form": {},
            "_language": {},
            "_kommun": {},
            "_lan": {},
        }
        national: list[int] = []
        counties = {k.kod: k.lanskod for k in kommuner.kommuner()}
        category, group, form = tables["_category"], tables["_group"], tables["_form"]
        language, kommun, lan = tables["_language"], tables["_kommun"], tables["_lan"]
        for i, e in enumerate(each):
            category.setdefault(e.kategori, []).append(i)
            for g in e.malgrupper:
                group.setdefault(g, []).append(i)
            for v in e.valdsformer:
                form.setdefault(v, []).append(i)
            for lang in e.sprak:
                language.setdefault(lang, []).append(i)
            for k in e.kommuner:
                kommun.setdefault(k, []).append(i)
                lan.setdefault(counties.get(k, ""), []).append(i)
            if not e.kommuner:
                national.append(i)
            if i % 500 == 0:
                yield
        for name, table in tables.items():
            masks: dict[str, int] = {}
            for key, ids in table.items():
                masks[key] = to_mask(ids, n)
                yield
            setattr(index, name, masks)
        index._national = to_mask(national, n)
        del tables, national
        yield
        parsed: dict[str, Hours] = {}  # opening hours repeat: parse each text once
        always: list[int] = []
        groups: dict[int, list[int]] = {}
        for i, e in enumerate(each):
            hours = parsed.get(e.telefontider)
            if hours is None:
                try:
                    hours = parse_hours(e.telefontider)
                except HoursError:  # validated on the way in; never let one entry break search
                    hours = parse_hours("")
                parsed[e.telefontider] = hours
            if hours.around_the_clock:
                always.append(i)
            if hours.known:
                groups.setdefault(id(hours), []).append(i)
            if i % 500 == 0:
                yield
        by_id = {id(h): h for h in parsed.values()}
        index._hours_groups = [(by_id[key], to_mask(ids, n)) for key, ids in groups.items()]
        yield
        index._hours = parsed
        index._always = to_mask(always, n)
        index._open_cache = None


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

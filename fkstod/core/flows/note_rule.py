"""What a draft case-file note may say: the one place the rule lives.

Parties may read their own case files. In underhållsstöd the other parent is a
party; in aktivitetsersättning an ombud may be the person who uses violence. The
test for every sentence: *if the person who uses violence read this, would the
person we talked to be at risk?* (DOMAIN.md, "What a case-file note may never say").

The rule is applied three times, always through this module:

- ``fkstod lint`` checks every authored ``note`` in a flow file (:func:`authored_note_faults`);
- the session builds the note only from sentences that pass (:func:`note_lines`);
- a test walks every path of every flow and checks every note produced (:func:`note_faults`).

Anything more (what was told, a report about a child, which support) the
caseworker writes in the case system, with the person's agreement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from fkstod.core.flows.model import Flow
from fkstod.core.i18n import _
from fkstod.core.vocabulary import NOT_ASKED_REASONS, OUTCOME_CODES

#: The heading of every draft note, followed by the date. Never the flow's title,
#: a topic or a benefit: the title "Hedersrelaterat våld" heading a note says it all.
HEADING = _("Samtalsanteckning")

#: The first line of a note from a call in Övningsläge (a demonstration or practice):
#: a practice note pasted into a real case file says what it is. It says that and
#: nothing else: nothing about the flow, a topic or anyone.
TRAINING_MARK = _("ÖVNING – fiktivt fall, ska inte in i någon akt")

#: The one sentence about support a note may hold. It names no kind of support.
SUPPORT_SENTENCE = _("Information om stödkontakter lämnades.")

#: A note text about support offered (an answer's note, or :data:`SUPPORT_SENTENCE`).
#: A note says it once: the last such answer on the path stands, and the directory's
#: sentence only when no answer said it ("erbjöds, avböjde" and "lämnades" contradict).
_ABOUT_SUPPORT = re.compile(r"stödkontakt", re.IGNORECASE)


@dataclass(frozen=True)
class Forbidden:
    """A topic a draft note never names, why, and the word stems that name it.

    Attributes:
        topic: the topic in a few words (shown by lint).
        reason: why naming it can put the person at risk.
        patterns: regular expressions, matched case-insensitively anywhere in a
            sentence (``\\b`` marks the start of a word, for short stems).
    """

    topic: str
    reason: str
    patterns: tuple[str, ...]


#: Topics a note never names on its own (DOMAIN.md). The caseworker may write them,
#: with the person's agreement; fkstod does not.
FORBIDDEN: tuple[Forbidden, ...] = (
    Forbidden(
        _("hedersrelaterat våld"),
        _("familjen eller släkten kan få veta vad personen har berättat, och faran kan öka"),
        ("heder", "tvångsäktenskap", "tvångsgift", "bortgift", "könsstympning", "släkt", "famil"),
    ),
    Forbidden(
        _("exploatering, prostitution eller människohandel"),
        _("den som utnyttjar personen kan läsa akten eller få veta vad som står i den"),
        (
            "prostitu",
            "människohandel",
            "exploater",
            "traffick",
            "sexköp",
            "sex mot ersättning",
            "utnyttj",
            "tvångsarbet",
            "koppleri",
        ),
    ),
    Forbidden(
        _("skyddade personuppgifter"),
        _("det visar att personen håller sig undan och kan leda till var hen finns"),
        ("skydd", "sekretessmark", "fingerad", "folkbokför", "adress"),
    ),
    Forbidden(
        _("barnens situation eller en anmälan om ett barn"),
        _("föräldrarna kan läsa akten, och en anmälan om våld får inte avslöjas för dem"),
        ("barn", "anmäl", "socialtjänst", "socialnämnd", "vårdnad", r"\bbris\b"),
    ),
    Forbidden(
        _("att personen själv utövar våld"),
        _("det kan användas mot personen, och den andra parten kan läsa akten"),
        ("utöv", r"använ\w* våld", "förövar", "gärningsperson", "välj att sluta"),
    ),
    Forbidden(
        _("akut fara eller polisen"),
        _("den som utövar våldet får veta att personen har sökt hjälp, och faran kan öka"),
        (
            "akut",
            r"\bfar(a|or|lig)",
            "112",
            r"114 ?14",
            "polis",
            "sos alarm",
            "larm",
            "kontaktförbud",
        ),
    ),
    Forbidden(
        _("vilket slags stöd"),
        _(
            "stödet visar vad som har hänt, och en linje för hbtqi-personer kan röja någons "
            "sexualitet eller könsidentitet"
        ),
        (
            "hbtq",
            "transperson",
            "kvinnofrid",
            r"jour(en|er)?\b",
            "linje",
            "brottsoffer",
            "terrafem",
            "rätt att välja",
            "självmord",
            "suicid",
            "psykisk",
            r"för (kvinnor|män)\b",
        ),
    ),
    Forbidden(
        _("vad som misstänktes"),
        _("redan misstanken visar den som läser akten att myndigheten undrade över våld"),
        (
            "misstank",
            "misstän",
            "indikation",
            r"\bteck(en|n)",  # not "anteckning"
            "tyder på",
            r"\boro(n|a|ar|lig\w*)?\b",
            "undrade",
        ),
    ),
)

#: Benefits where someone other than the person may read the file, and who.
PARTY_READERS: dict[str, str] = {
    "underhallsstod": _("den andra föräldern"),
    "aktivitetsersattning": _("ett ombud eller en företrädare"),
}

#: The outcome code an answer sets when someone else in the household is a party to the
#: case, whatever the benefit (bostadsbidrag: spouses apply together). It narrows the
#: note as a party benefit does; it names no topic and is never a sentence.
PARTY_CODE = "party_reads"

#: Who may read the file when :data:`PARTY_CODE` is set.
PARTY_CODE_READER = _("någon annan i hushållet som är part i ärendet")

#: The only sentences a note may hold where another party may read the file: that
#: information was given, and whether the question was asked. Not even "Personen
#: berättade om våld": the note must read the same whatever the person answered.
PARTY_SENTENCES: frozenset[str] = frozenset(
    {
        # Flow content, compared with the flow files' own words: not translated.
        "Information om underhållsstöd vid hot och våld lämnades.",
        "Frågan om hot och våld ställdes.",
        "Frågan om hot och våld ställdes inte vid det här samtalet.",
        "Frågan om våld ställdes inte vid det här samtalet.",
        "Frågan om hot och våld ställdes inte vid det här samtalet och tas upp vid ett senare "
        "tillfälle.",
        "Frågan om våld ställdes.",
        "Kontakten skedde via företrädare.",
        "Samtalet fortsatte om ärendet.",
        "Samtalet avslutades innan alla frågor hade ställts.",
    }
)

#: The one sentence a note falls back on for "not asked", whatever the reason: a
#: reason tells a reader something ("violence is already known", "the person was not
#: alone", "the interpreter was a relative").
NOT_ASKED_SENTENCE = "Frågan om våld ställdes inte vid det här samtalet."

#: Outcomes a note may state when no authored sentence was reached (through
#: :func:`fallback_sentence`; each passes :data:`FORBIDDEN`, a test holds that).
NOTE_SAFE_OUTCOMES: frozenset[str] = frozenset(
    {
        "asked",
        "not_asked",
        *(f"not_asked_{code}" for code in NOT_ASKED_REASONS),
        "no_disclosure",
        "disclosed",
        "referral_offered",
        "referral_declined",
        "cannot_talk",
        "ask_again_later",
        "expert_support",
    }
)

_COMPILED = tuple(
    (rule, re.compile("|".join(f"(?:{p})" for p in rule.patterns), re.IGNORECASE))
    for rule in FORBIDDEN
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    """Split a note text into its sentences."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def forbidden_in(sentence: str) -> list[tuple[Forbidden, str]]:
    """Return each forbidden topic ``sentence`` names, with the word that names it."""
    out = []
    for rule, pattern in _COMPILED:
        match = pattern.search(sentence)
        if match:
            out.append((rule, match.group(0)))
    return out


def fallback_sentence(code: str) -> str:
    """Return the sentence a note states for outcome ``code`` when no authored one was reached.

    Every ``not_asked_<reason>`` gives the one neutral "not asked" sentence, never
    its reason.
    """
    if code == "not_asked" or code.startswith("not_asked_"):
        return NOT_ASKED_SENTENCE
    return f"{OUTCOME_CODES[code]}."


def party_reader(flow: Flow, benefit: str, codes: Iterable[str] = ()) -> str:
    """Return who else may read the file of a call in ``flow`` under ``benefit``, or ''.

    A conversation flow that serves such a benefit counts whatever benefit it
    runs under: the file is the same. An answer that set :data:`PARTY_CODE`
    (``codes``: the session's) counts the same in any flow.
    """
    if PARTY_CODE in codes:
        return PARTY_CODE_READER
    if benefit in PARTY_READERS:
        return PARTY_READERS[benefit]
    if flow.is_jump:
        return ""
    return next((PARTY_READERS[b] for b in flow.benefits if b in PARTY_READERS), "")


def party_flows(flows: Iterable[Flow]) -> list[str]:
    """Return the ids of the conversation flows where another party may read the file."""
    return sorted(f.id for f in flows if not f.is_jump and party_reader(f, ""))


def sentence_faults(sentence: str, reader: str = "") -> list[str]:
    """Return why ``sentence`` may not stand in a draft note (empty when it may).

    Args:
        sentence: one sentence.
        reader: who else may read the file ('' when only the person).
    """
    faults = [
        _("nämner {topic} ({word!r}): {reason}").format(
            topic=rule.topic, word=word, reason=rule.reason
        )
        for rule, word in forbidden_in(sentence)
    ]
    if reader and not faults and sentence not in PARTY_SENTENCES:
        faults.append(
            _(
                "{reader} kan läsa akten: anteckningen säger bara att information gavs och om "
                "frågan ställdes (tillåtna meningar: fkstod/core/flows/note_rule.py PARTY_SENTENCES)"
            ).format(reader=reader)
        )
    return faults


def authored_note_faults(flow: Flow, note: str) -> list[str]:
    """Return the faults of an authored ``note`` in ``flow`` (for lint)."""
    reader = party_reader(flow, "")
    return [
        f"{sentence!r} {fault}"
        for sentence in sentences(note)
        for fault in sentence_faults(sentence, reader)
    ]


def note_lines(notes: Iterable[str], codes: Iterable[str], support: bool, reader: str) -> list[str]:
    """Return the lines of a draft note: only sentences the rule lets through.

    Args:
        notes: the authored note texts of the path, in order.
        codes: the outcome codes of the path; their labels stand in when no
            authored sentence was reached.
        support: support from the directory was shown.
        reader: who else may read the file ('' when only the person).
    """
    seen: set[str] = set()

    def keep(text: str) -> str:
        kept = []
        for sentence in sentences(text):
            if sentence not in seen and not sentence_faults(sentence, reader):
                seen.add(sentence)
                kept.append(sentence)
        return " ".join(kept)

    notes = list(notes)
    about_support = [n for n in notes if _ABOUT_SUPPORT.search(n)]
    if about_support:
        # One sentence about support: the answer given last (after a step back or a jump).
        notes = [n for n in notes if n == about_support[-1] or not _ABOUT_SUPPORT.search(n)]
    lines = [line for line in map(keep, notes) if line]
    if not lines:
        labels = [fallback_sentence(c) for c in codes if c in NOTE_SAFE_OUTCOMES]
        lines = [line for line in map(keep, labels) if line]
    if support and not any(_ABOUT_SUPPORT.search(line) for line in lines):
        lines += [line for line in [keep(SUPPORT_SENTENCE)] if line]
    return lines


def marked_for_training(note: str) -> str:
    """Return ``note`` with :data:`TRAINING_MARK` as its first line (added only if missing)."""
    if note.split("\n", 1)[0].strip() == TRAINING_MARK:
        return note
    return f"{TRAINING_MARK}\n{note}"


def note_faults(text: str, reader: str, today: str) -> list[str]:
    """Return every fault of a rendered draft note (heading and sentences).

    Args:
        text: the note as rendered.
        reader: who else may read the file ('' when only the person).
        today: the date the note was rendered for (ISO).
    """
    lines = text.splitlines()
    if lines and lines[0] == TRAINING_MARK:
        lines = lines[1:]  # a practice note: the same rule for the rest
    heading = f"{HEADING} {today}"
    faults = []
    if not lines or lines[0] != heading:
        faults.append(
            _("rubriken ska vara {want!r}, inte {got!r}").format(
                want=heading, got=lines[0] if lines else ""
            )
        )
    for line in lines[1:]:
        for sentence in sentences(line):
            faults += [f"{sentence!r} {f}" for f in sentence_faults(sentence, reader)]
    return faults

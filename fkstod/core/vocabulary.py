"""The fixed vocabularies that flows, counts and reports share.

Codes are ASCII identifiers that never change once shipped (exports from older
versions must still merge). Labels are the Swedish words a user sees.
"""

from __future__ import annotations

from fkstod.core.i18n import _

#: Benefits a flow can serve, and that counts and reports are broken down by.
BENEFITS: dict[str, str] = {
    "sjukpenning": _("Sjukpenning och rehabilitering"),
    "rehabiliteringsersattning": _("Rehabiliteringsersättning"),
    "aktivitetsersattning": _("Aktivitetsersättning"),
    "underhallsstod": _("Underhållsstöd"),
    "ovriga": _("Övriga förmåner"),
}

#: Why a caseworker did not ask about violence (a category, never free text).
NOT_ASKED_REASONS: dict[str, str] = {
    "inte_ensam": _("Personen var inte ensam eller kunde inte prata fritt"),
    "ombud": _("Kontakten gick via ombud eller företrädare"),
    "tolk_olamplig": _("Tolken var olämplig (till exempel anhörig)"),
    "akut_annat": _("Samtalet handlade om något akut annat"),
    "redan_kant": _("Våld är redan känt i ärendet"),
    "ej_lampligt_annat": _("Inte lämpligt av annat skäl"),
    "flera_deltar": _("Flera personer deltog i samtalet"),
    "redan_fragat": _("Frågan har redan ställts i ärendet"),
}

#: Outcome codes a flow step may set. Counted per flow and benefit.
OUTCOME_CODES: dict[str, str] = {
    "asked": _("Frågan om våld ställdes"),
    "not_asked": _("Frågan om våld ställdes inte"),
    **{f"not_asked_{code}": label for code, label in NOT_ASKED_REASONS.items()},
    "no_disclosure": _("Personen berättade inte om våld"),
    "disclosed": _("Personen berättade om våld"),
    "disclosed_uses_violence": _("Personen berättade att hen utövar våld"),
    "referral_offered": _("Stödkontakter erbjöds"),
    "referral_declined": _("Personen avböjde stödkontakter"),
    "child_concern": _("Oro för barn"),
    "orosanmalan_needed": _("Orosanmälan behövs"),
    "acute_danger": _("Akut fara"),
    "emergency_called": _("112 kontaktades"),
    "cannot_talk": _("Personen kunde inte prata"),
    "ask_again_later": _("Frågan ställs vid ett senare tillfälle"),
    "expert_support": _("Internt expertstöd kontaktades"),
    "protected_identity": _("Skyddade personuppgifter berördes"),
    "honour_related": _("Hedersrelaterat våld eller förtryck"),
    "exploitation": _("Prostitution, människohandel eller exploatering"),
    "special_reasons_considered": _("Särskilda skäl för underhållsstöd övervägdes"),
    # A flag, not a topic: someone else in the household is a party to the case and
    # may read the file (note_rule.PARTY_CODE). Never stated in a note.
    "party_reads": _("Någon annan i hushållet är part i ärendet"),
}

# What a draft case-file note may say (which outcomes, which sentences, never which
# support) is ruled in one place: fkstod/core/flows/note_rule.py.

#: Directory categories whose "referral shown" is counted.
REFERRAL_CATEGORIES: dict[str, str] = {
    "akut": _("Akut fara"),
    "polis": _("Polis"),
    "kvinnor": _("Stöd för kvinnor"),
    "man": _("Stöd för män"),
    "hbtqi": _("Stöd för hbtqi-personer"),
    "barn_unga": _("Stöd för barn och unga"),
    "brottsoffer": _("Brottsofferstöd"),
    "heder": _("Hedersrelaterat våld"),
    "utovare": _("Stöd för den som utövar våld"),
    "psykisk_halsa": _("Psykisk ohälsa och suicid"),
    "socialtjanst": _("Socialtjänst"),
    "exploatering": _("Prostitution och människohandel"),
    "annat": _("Annat"),
}

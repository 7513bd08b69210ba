"""The shipped metodstöd content: complete, reviewable, and readable aloud on the phone."""

from __future__ import annotations

import re

import pytest

from fkstod.core.flows import load_library
from fkstod.core.flows.library import flows_folder

LIBRARY = load_library()
README = (flows_folder() / "README.md").read_text(encoding="utf-8")

#: The 13 flows of issue 4. Ids never change once shipped: counts are kept per id.
ISSUE_FLOWS = [
    "sjukpenning-fraga",
    "fraga-vid-indikation",
    "underhallsstod-fraga",
    "aktivitetsersattning-indikation",
    "berattar-om-vald",
    "akut-fara",
    "barn-berors",
    "hedersrelaterat-vald",
    "exploatering",
    "skyddade-personuppgifter",
    "utovar-vald",
    "kan-inte-prata",
    "chef-medarbetare",
]

#: One breath on the phone is about twenty words.
LONGEST_SAY_LINE = 125
MOST_SAY_LINES = 3

#: The agency's words that the insured person would not understand. Guidance may use them.
JARGON = [
    "indikation",
    "orosanmälan",
    "anmälningsskyldig",
    "särskilda skäl",
    "IKR",
    "FKR",
    "sekretessmarkering",
    "bidragsskyldig",
    "handläggare",
    "utövare",
    "våldsutsatt",
]


def _says():
    for flow in LIBRARY.flows.values():
        for step in flow.steps:
            if step.say:
                yield pytest.param(step.say, id=f"{flow.id}:{step.id}")


def test_all_flows_of_the_issue_are_shipped_and_load():
    assert LIBRARY.unavailable == []
    assert sorted(LIBRARY.ids()) == sorted(ISSUE_FLOWS)


@pytest.mark.parametrize("say", list(_says()))
def test_say_is_short_enough_to_read_aloud(say):
    lines = say.splitlines()
    assert len(lines) <= MOST_SAY_LINES
    assert max(len(line) for line in lines) <= LONGEST_SAY_LINE


@pytest.mark.parametrize("say", list(_says()))
def test_say_has_no_agency_jargon(say):
    found = [word for word in JARGON if word.casefold() in say.casefold()]
    assert found == []


@pytest.mark.parametrize("flow_id", ISSUE_FLOWS)
def test_every_flow_cites_its_sources_on_its_steps(flow_id):
    flow = LIBRARY.get(flow_id)
    cited = {ref for step in flow.steps for ref in step.sources}
    assert cited, "no step says where its rule comes from"
    assert cited == {s.id for s in flow.sources}, "a source that no step cites"


def test_the_review_table_cites_only_steps_that_exist():
    cited = re.findall(r"`([a-z0-9-]+):([a-z0-9_-]+)`", README)
    assert len(cited) > 50
    missing = [
        f"{f}:{s}" for f, s in cited if f not in LIBRARY.flows or s not in LIBRARY.get(f).by_id
    ]
    assert missing == []


def test_the_review_table_lists_every_flow():
    for flow_id in ISSUE_FLOWS:
        assert f"`{flow_id}`" in README


def test_no_path_tells_the_guardian_about_a_report_on_violence():
    """Reaching the 'do not tell' step never passes a step that says a report is made."""
    barn = LIBRARY.get("barn-berors")
    assert "anmäl" not in barn.step("tyst").say.casefold()
    assert "socialtjänsten" not in (barn.step("tyst").note or "").casefold()


def _notes(flow):
    for step in flow.steps:
        if step.note:
            yield f"{flow.id}:{step.id}", step.note
        for n, option in enumerate(step.options, 1):
            if option.note:
                yield f"{flow.id}:{step.id} option {n}", option.note


def test_no_note_names_acute_danger_or_112():
    """The code keeps acute_danger out of the note; no hand-written sentence brings it back."""
    found = [
        where
        for flow in LIBRARY.flows.values()
        for where, note in _notes(flow)
        if "112" in note or "akut fara" in note.casefold()
    ]
    assert found == []


@pytest.mark.parametrize("flow_id", ["fraga-vid-indikation", "aktivitetsersattning-indikation"])
def test_indication_flows_never_note_that_the_question_was_not_asked(flow_id):
    """At indication only, even 'not asked' tells a reader of the file that someone wondered."""
    found = [
        where
        for where, note in _notes(LIBRARY.get(flow_id))
        if "ställdes inte" in note or "samtal direkt" in note
    ]
    assert found == []


def test_indication_asks_whether_the_person_can_talk_before_honour_or_exploitation():
    flow = LIBRARY.get("fraga-vid-indikation")
    assert flow.step("tecken").next == "fore"
    assert flow.step("fore").options[0].next == "slag"


def test_checklist_of_signs_sets_no_code_on_its_own():
    for flow_id in ["hedersrelaterat-vald", "exploatering"]:
        assert not LIBRARY.get(flow_id).step("tecken").codes


def test_cannot_talk_any_more_counts_as_not_asked_with_a_reason():
    for flow_id in [
        "sjukpenning-fraga",
        "underhallsstod-fraga",
        "aktivitetsersattning-indikation",
        "fraga-vid-indikation",
    ]:
        (option,) = [
            o for o in LIBRARY.get(flow_id).step("fraga").options if o.jump == "kan-inte-prata"
        ]
        assert {"not_asked", "not_asked_inte_ensam"} <= set(option.codes), flow_id


def test_already_known_violence_reaches_the_judgement_it_matters_for():
    """Known violence is exactly when särskilda skäl or the road back to work must be weighed."""
    nexts = {
        flow_id: {o.label: o.next for o in LIBRARY.get(flow_id).step("skal").options}
        for flow_id in ["underhallsstod-fraga", "sjukpenning-fraga"]
    }
    assert (
        nexts["underhallsstod-fraga"]["Hot eller våld är redan känt i ärendet"] == "sarskilda-skal"
    )
    assert nexts["sjukpenning-fraga"]["Våld är redan känt i ärendet"] == "arbete"


def test_consulting_first_is_not_counted_as_support_offered():
    (option,) = [
        o for o in LIBRARY.get("berattar-om-vald").step("stod").options if "rådgör" in o.label
    ]
    assert "referral_offered" not in option.codes


def test_sjukpenning_asks_about_own_violence_in_its_own_question():
    flow = LIBRARY.get("sjukpenning-fraga")
    assert "själv" not in flow.step("fraga").say
    assert flow.step("fraga").options[0].next == "sjalv"


def test_a_manager_hearing_of_an_employee_using_violence_is_asked_about_danger_and_children():
    assert LIBRARY.get("chef-medarbetare").step("utovar").next == "utovar-fara"


def test_no_say_line_promises_support_around_the_clock_for_every_line():
    assert "dygnet runt" not in LIBRARY.get("chef-medarbetare").step("stod").say


def test_a_young_person_on_the_phone_gets_a_step_of_their_own():
    labels = [o.label for o in LIBRARY.get("barn-berors").step("oro").options]
    assert "Personen själv är under 18" in labels
    assert "116 111" in LIBRARY.get("barn-berors").step("ung").say
    assert "barn-berors" not in {o.jump for o in LIBRARY.get("exploatering").step("fraga").options}


def test_every_directory_shortcut_in_a_flow_finds_a_shipped_entry():
    """A shortcut that opens an empty list fails the caseworker in the middle of a call."""
    from fkstod.core.directory.csvfile import read_rows
    from fkstod.paths import resource

    shipped = {row.cells["kategori"] for row in read_rows(resource("directory/nationella.csv"))}
    local = {"socialtjanst"}  # municipal: coordinators import them
    missing = [
        f"{flow.id}:{step.id} {shortcut.category}"
        for flow in LIBRARY.flows.values()
        for step in flow.steps
        for shortcut in step.directory
        if shortcut.category not in shipped | local
    ]
    assert missing == []

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


def _edges(flow):
    """Every step's successors inside its own flow (a jump returns to the option's next)."""
    out = {}
    for step in flow.steps:
        out[step.id] = [o.next for o in step.options] if step.kind == "question" else []
        if step.next:
            out[step.id].append(step.next)
    return out


def _reachable(flow, start, without=()):
    edges, seen, todo = _edges(flow), set(), [start]
    while todo:
        here = todo.pop()
        if here in seen or here in without:
            continue
        seen.add(here)
        todo += edges[here]
    return seen


def _jumps_of(step):
    return {o.jump for o in step.options if o.jump}


#: Where already known violence leads on to: the judgement it matters for.
KNOWN_VIOLENCE_LEADS_TO = {
    "sjukpenning-fraga": "arbete",
    "underhallsstod-fraga": "sarskilda-skal",
    "aktivitetsersattning-indikation": "arende",
    "fraga-vid-indikation": "arende",
}


@pytest.mark.parametrize("flow_id", sorted(KNOWN_VIOLENCE_LEADS_TO))
def test_already_known_violence_still_passes_danger_and_children(flow_id):
    """Violence on file does not mean the danger is over or the children are safe."""
    flow = LIBRARY.get(flow_id)
    (option,) = [o for o in flow.step("skal").options if "not_asked_redan_kant" in o.codes]
    danger = {s.id for s in flow.steps if "akut-fara" in _jumps_of(s)}
    children = {s.id for s in flow.steps if "barn-berors" in _jumps_of(s)}
    target = KNOWN_VIOLENCE_LEADS_TO[flow_id]
    for asks in (danger, children):
        assert target not in _reachable(flow, option.next, without=asks), "a way round"
    assert target in _reachable(flow, option.next)


#: The first question of every flow that asks: can the person talk freely?
BEFORE_ASKING = {
    "sjukpenning-fraga": "fore",
    "underhallsstod-fraga": "fore",
    "fraga-vid-indikation": "fore",
    "aktivitetsersattning-indikation": "fore",
    "berattar-om-vald": "fritt",
    "hedersrelaterat-vald": "sag",
    "barn-berors": "fritt",
}

#: What may only be said once the person can talk freely.
SENSITIVE = {
    "sjukpenning-fraga": ["fraga", "sjalv", "kant-fara", "kant-barn"],
    "underhallsstod-fraga": ["informera", "fraga", "kant-fara", "kant-barn"],
    "fraga-vid-indikation": ["slag", "fraga", "kant-fara", "kant-barn"],
    "aktivitetsersattning-indikation": ["fraga", "kant-fara", "kant-barn"],
    "berattar-om-vald": ["lyssna", "fara", "barn", "sakert", "stod"],
    "hedersrelaterat-vald": ["fraga", "bekrafta"],
    "barn-berors": ["oro", "akut", "vad", "ung"],
}

#: A question that asks whether someone else can hear, or whether the person is alone.
ASKS_CAN_TALK = re.compile(r"är du ensam|prata fritt|någon (annan )?(kan )?höra", re.IGNORECASE)
#: How an answer that goes on after such a question begins: never a bare "Ja", so that
#: a yes cannot mean "yes, someone hears".
GOES_ON = ("Ja, personen är ensam", "Ja, personen kan prata")


def _can_talk_questions(flow):
    return [s for s in flow.steps if s.kind == "question" and s.say and ASKS_CAN_TALK.search(s.say)]


def _gate_edges(flow):
    """The edges that the person's "yes, I can talk" (or "the interpreter is fine") opens."""
    gates = set()
    for step in _can_talk_questions(flow):
        gates |= {(step.id, o.next) for o in step.options if o.label.startswith(GOES_ON)}
    for step in flow.steps:
        if step.title == "Tolk deltar":
            gates |= {(step.id, o.next) for o in step.options if o.label.startswith("Tolken är")}
    return gates


def _reachable_without_edges(flow, start, cut):
    edges, seen, todo = _edges(flow), set(), [start]
    while todo:
        here = todo.pop()
        if here in seen:
            continue
        seen.add(here)
        todo += [t for t in edges[here] if (here, t) not in cut]
    return seen


@pytest.mark.parametrize("flow_id", sorted(BEFORE_ASKING))
def test_nothing_sensitive_comes_before_can_you_talk_freely(flow_id):
    """On every route, also "not now → violence already known", and when a jump is pressed."""
    flow = LIBRARY.get(flow_id)
    before = BEFORE_ASKING[flow_id]
    early = _reachable_without_edges(flow, flow.start_id, _gate_edges(flow))
    assert [s for s in SENSITIVE[flow_id] if s in early] == []
    no = [o for o in flow.step(before).options if o.jump == "kan-inte-prata"]
    no += [o for o in flow.step(before).options if "not_asked_inte_ensam" in o.codes]
    assert no, "a no must lead to Kan inte prata nu or count as not asked"


@pytest.mark.parametrize("flow_id", ISSUE_FLOWS)
def test_every_can_you_talk_question_says_who_is_alone_in_its_answers(flow_id):
    """ "Can someone hear us?" – "Yes" means the opposite of "yes, I can talk"."""
    for step in _can_talk_questions(LIBRARY.get(flow_id)):
        labels = [o.label for o in step.options]
        assert labels[0].startswith(GOES_ON), f"{step.id}: {labels[0]}"
        for option in step.options:
            assert not option.label.startswith("Ja") or option.label.startswith(GOES_ON), (
                f"{step.id}: {option.label}"
            )
        (no,) = [o for o in step.options if o.label.startswith("Nej")]
        assert no.jump == "kan-inte-prata" or "not_asked_inte_ensam" in no.codes, step.id


def test_every_route_to_already_known_violence_confirms_the_person_can_talk():
    for flow_id in KNOWN_VIOLENCE_LEADS_TO:
        flow = LIBRARY.get(flow_id)
        (option,) = [o for o in flow.step("skal").options if "not_asked_redan_kant" in o.codes]
        assert flow.step(option.next) in _can_talk_questions(flow), flow_id


@pytest.mark.parametrize("flow_id", ["berattar-om-vald", "barn-berors"])
def test_a_global_jump_about_violence_starts_by_asking_whether_the_person_can_talk(flow_id):
    flow = LIBRARY.get(flow_id)
    assert flow.start_id == "fritt"
    (no,) = [o for o in flow.step("fritt").options if o.jump == "kan-inte-prata"]
    assert flow.step(no.next).kind == "outcome"
    assert "välj Ja utan att läsa frågan igen" in flow.step("fritt").guidance


@pytest.mark.parametrize("flow_id", sorted(BEFORE_ASKING))
def test_every_before_asking_step_has_tolk_deltar(flow_id):
    """An interpreter's duty of confidentiality; never a relative or the partner."""
    step = LIBRARY.get(flow_id).step(BEFORE_ASKING[flow_id])
    texts = [step.guidance or "", *(o.label for o in step.options)]
    assert any("Tolk deltar" in t for t in texts)
    for option in step.options:
        if option.label.startswith("Tolk deltar"):
            tolk = LIBRARY.get(flow_id).step(option.next)
            assert "tystnadsplikt" in tolk.say
            assert "anhörig" in tolk.guidance and "aldrig tolka" in tolk.guidance
            unsuitable = [
                o
                for o in tolk.options
                if o.jump == "kan-inte-prata" or "not_asked_tolk_olamplig" in o.codes
            ]
            assert unsuitable, "a relative as interpreter must stop the question"


#: One breath each: the forms of violence the asking steps must name, as plain words.
FORMS = {
    "physical": r"slagit",
    "threats": r"hotat",
    "afraid": r"rädd",
    "humiliated": r"förnedrat|skämmas",
    "controlled": r"kontrollerat|bestämt över",
    "sexual": r"sex",
    "economic": r"pengar",
    "now or before": r"tidigare|länge sedan",
}


@pytest.mark.parametrize(
    "flow_id",
    [
        "sjukpenning-fraga",
        "underhallsstod-fraga",
        "aktivitetsersattning-indikation",
        "fraga-vid-indikation",
    ],
)
def test_the_question_names_every_form_of_violence_one_question_a_line(flow_id):
    say = LIBRARY.get(flow_id).step("fraga").say
    for line in say.splitlines():
        assert line.count("?") == 1 and line.endswith("?"), line
    missing = [form for form, words in FORMS.items() if not re.search(words, say)]
    assert missing == []


def test_honour_is_asked_aloud_only_after_the_person_can_talk():
    flow = LIBRARY.get("hedersrelaterat-vald")
    (asks,) = [s for s in flow.steps if s.say and "gifta" in s.say]
    assert "bestämmer vem du får träffa" in asks.say
    assert asks.id not in _reachable(flow, flow.start_id, without={"sag"})


def test_exploitation_guidance_names_sex_for_payment_plainly():
    guidance = LIBRARY.get("exploatering").step("fraga").guidance
    assert "sex mot ersättning" in guidance and "säljer sex" in guidance


def test_sexual_harassment_at_work_is_covered_for_the_insured_and_the_manager():
    assert "jobbet" in LIBRARY.get("sjukpenning-fraga").step("fraga").say
    chef = LIBRARY.get("chef-medarbetare")
    (option,) = [o for o in chef.step("oppna").options if "sexuella trakasserier" in o.label]
    assert "dl" in chef.step(option.next).sources


def test_akut_fara_asks_where_covers_someone_else_and_suicide():
    flow = LIBRARY.get("akut-fara")
    ring = {o.label: o for o in flow.step("ring").options}
    assert flow.step(ring["Ja, akut fara – 112 behövs nu"].next).say.startswith("Var är du")
    other = flow.step(ring["Någon annan är i fara, till exempel ett barn"].next)
    assert "112" in other.say and "emergency_called" in other.codes
    (suicide,) = [o for label, o in ring.items() if "sitt liv" in label]
    reached = _reachable(flow, suicide.next)
    said = " ".join(flow.step(s).say or "" for s in reached)
    assert "112" in said and "90101" in said


@pytest.mark.parametrize("flow_id", ["akut-fara", "berattar-om-vald", "kan-inte-prata"])
def test_no_line_of_a_global_jump_assumes_the_caller_is_a_woman(flow_id):
    said = [s.say for s in LIBRARY.get(flow_id).steps if s.say]
    assert [s for s in said if re.search(r"kvinn", s, re.IGNORECASE)] == []


def test_after_a_disclosure_contact_ways_are_checked_before_numbers_are_given():
    flow = LIBRARY.get("berattar-om-vald")
    sakert = flow.step("sakert")
    assert "ringer upp" in sakert.say and "skriva ner" in sakert.say
    items = " ".join(sakert.items)
    for word in ["samtalslista", "BankID", "Mina sidor"]:
        assert word in items
    assert "stod" not in _reachable(flow, flow.start_id, without={"sakert"})


#: Promises the agency cannot keep, in anything read aloud.
PROMISES = [
    r"behöver (ni|du) inte ha kontakt",
    r"slipper",
    r"ingen (annan )?får veta",
    r"stannar mellan",
    r"jag lovar",
    r"du bestämmer vad som händer",
]


def test_no_say_promises_what_the_agency_cannot_keep():
    found = [
        f"{flow.id}:{step.id}"
        for flow in LIBRARY.flows.values()
        for step in flow.steps
        if step.say and any(re.search(p, step.say, re.IGNORECASE) for p in PROMISES)
    ]
    assert found == []


def test_sjukpenning_can_record_every_reason_for_not_asking():
    from fkstod.core.vocabulary import NOT_ASKED_REASONS

    flow = LIBRARY.get("sjukpenning-fraga")
    used = {code for step in flow.steps for o in step.options for code in o.codes}
    assert {f"not_asked_{code}" for code in NOT_ASKED_REASONS} <= used
    for code in ["flera_deltar", "redan_fragat"]:
        assert code.isascii() and code.replace("_", "").isalpha()


def test_underhallsstod_cites_the_law_and_no_unsourced_test():
    flow = LIBRARY.get("underhallsstod-fraga")
    (sfb,) = [s for s in flow.sources if s.id == "sfb"]
    assert "2010:110" in sfb.title and "18 kap. 9 a §" in sfb.title
    step = flow.step("sarskilda-skal")
    assert "18 kap. 9 a §" in step.guidance and "sfb" in step.sources
    items = " ".join(step.items)
    assert "i tid" in items  # the paying parent pays on time: the case the rule is for
    assert "påverkas barnet i dag" in items  # violence long ago
    for unsourced in ["kontaktförbud", "Kräv inget underlag"]:
        assert unsourced not in items
    assert "inte ha kontakt" not in flow.step("informera").say


def test_a_police_report_on_a_crime_against_a_child_is_a_step_with_the_manager():
    flow = LIBRARY.get("barn-berors")
    (police,) = [s for s in flow.steps if "Polisanmälan" in s.title]
    assert "chef" in police.title and "riktlinje" in police.sources
    assert not police.note
    assert police.id in _reachable(flow, "anmalan")
    assert flow.step("klart").id not in _reachable(flow, "anmalan", without={"brott"})


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


#: What the guardians must not hear about when it is the concern (DOMAIN.md, riktlinje 2016:02).
SAY_NOTHING_CONCERNS = {
    "violence": r"våld",
    "sexual abuse": r"sexuella övergrepp",
    "honour": r"heder",
    "exploitation": r"utnyttjar",
}


def test_every_concern_the_guardians_must_not_hear_of_leads_to_saying_nothing():
    step = LIBRARY.get("barn-berors").step("vad")
    quiet = " ".join(o.label for o in step.options if o.next == "tyst")
    open_ = " ".join(o.label for o in step.options if o.next == "oppet")
    for concern, words in SAY_NOTHING_CONCERNS.items():
        assert re.search(words, quiet, re.IGNORECASE), concern
        assert re.search(words, step.guidance, re.IGNORECASE), concern
        assert not re.search(words, open_, re.IGNORECASE), concern


def test_underhallsstod_says_who_may_read_the_file_before_anything_is_told():
    """The person hears that the other parent may read the file before any question."""
    flow = LIBRARY.get("underhallsstod-fraga")
    warns = {s.id for s in flow.steps if s.say and "andra föräldern kan ha rätt att läsa" in s.say}
    assert "informera" in warns
    for asks in ["fraga", "kant-fara"]:
        assert asks in warns or asks not in _reachable(flow, flow.start_id, without=warns), asks
    assert "42 a §" in flow.step("informera").guidance


def test_what_to_write_in_the_file_keeps_the_note_rule():
    """Never which kind of support; the answer only with the person's agreement."""
    for flow in LIBRARY.flows.values():
        for step in flow.steps:
            for item in step.items:
                low = item.casefold()
                if "vilket stöd" in low or ("stöd" in low and "erbjöds" in low):
                    assert "inte vilket" in low, f"{flow.id}:{step.id}: {item}"
                if "svaret" in low:
                    assert "bara om personen går med på det" in low, f"{flow.id}:{step.id}: {item}"
    say = LIBRARY.get("berattar-om-vald").step("anteckna").say
    assert "att vi har pratat om det här" not in say


def test_honour_support_names_a_line_for_every_gender_and_age():
    from fkstod.core.directory.csvfile import read_rows
    from fkstod.paths import resource

    rows = {
        r.cells["organisation"]: r.cells for r in read_rows(resource("directory/nationella.csv"))
    }
    step = LIBRARY.get("hedersrelaterat-vald").step("stod")
    for line in ["Rätt att välja", "Terrafem"]:
        assert line in step.guidance
        assert rows[line]["telefon"] in step.guidance, line
    assert rows["Rätt att välja"]["kategori"] in {d.category for d in step.directory}


def test_children_are_asked_about_without_assuming_what_was_told():
    say = LIBRARY.get("barn-berors").step("oro").say
    assert "det du berättar" not in say and "något sådant hemma" in say


def test_support_for_women_is_never_offered_alone():
    """A shortcut only for women leaves men and hbtqi people without a number."""
    for flow in LIBRARY.flows.values():
        for step in flow.steps:
            shown = {d.category for d in step.directory}
            if "kvinnor" in shown:
                assert {"man", "hbtqi"} <= shown, f"{flow.id}:{step.id}"
    guidance = LIBRARY.get("kan-inte-prata").step("igen").guidance
    for line in ["Kvinnofridslinjen", "Stödlinjen för män", "Stödlinjen för transpersoner"]:
        assert line in guidance


def test_no_one_is_thanked_for_an_answer_they_did_not_give():
    found = []
    for flow in LIBRARY.flows.values():
        for step in flow.steps:
            for option in step.options:
                if option.label.startswith("Vill inte svara"):
                    end = flow.step(option.next)
                    if end.say and "svarade" in end.say:
                        found.append(f"{flow.id}:{end.id}")
    assert found == []

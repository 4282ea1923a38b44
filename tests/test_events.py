"""Events from short made-up reports: who, whom, where, when and how many, and who is never the actor."""
import datetime as dt

import pytest

from pipeline import event_time, normalize
from pipeline.assembly import absorb
from pipeline.events import Event, EventExtractor
from pipeline.gazetteer import Gazetteer
from pipeline.places import PlaceResolver, common_words, ordinary_words


@pytest.fixture(scope="module")
def events(nlp, config, catalog):
    extractor = EventExtractor(nlp, config, catalog)
    matcher = normalize.build_matcher(nlp.vocab, config.figures)
    resolver = PlaceResolver(Gazetteer.load(), config.places, ordinary_words(config.pipeline.model),
                             nlp.vocab, common_words(config.pipeline.model))

    def run(text, published=None, mentions=False):
        doc = nlp(text)
        dates = list(normalize.date_rows("d", doc, published, matcher))
        figures = list(normalize.figure_rows("d", doc, config.figures, matcher))
        found = extractor.extract_all("d", doc, published, dates, figures, resolver.resolve(doc))
        return found if mentions else found[0]
    return run


def attacks(rows):
    return [r for r in rows if r["event_type"] == "ATTACK"]


def test_claim_in_the_next_sentence_names_the_actor(events):
    rows = events("A bomb tore through a bus carrying pilgrims near Quetta, killing 12 people and wounding 30. "
                  "The Balochistan Liberation Army claimed responsibility for the bombing.")
    (row,) = attacks(rows)
    assert row["actor_ids"] == ["bla"]
    assert (row["killed"], row["wounded"]) == (12, 30)
    assert row["location"].startswith("Quetta")


def test_a_group_that_denied_it_is_never_the_actor(events):
    rows = events("Gunmen attacked a checkpoint in Bannu on Sunday, killing four policemen. "
                  "The TTP denied any involvement.")
    assert all(r["actor_ids"] == [] for r in attacks(rows))


def test_a_suspected_group_is_the_actor_when_nobody_claims(events):
    rows = events("A suicide bomber struck a mosque in Peshawar, killing 9 worshippers. No group has claimed "
                  "the blast, but the Islamic State Khorasan Province is suspected.")
    assert attacks(rows)[0]["actor_ids"] == ["iskp"]


@pytest.mark.parametrize("text", [
    "Militants attacked a Taliban checkpoint in Kunduz, killing two guards.",
    "A bomb exploded outside a Taliban-run school in Kabul, wounding six children.",
])
def test_a_group_that_was_only_the_victim_is_not_the_actor(events, text):
    assert all(r["actor_ids"] == [] for r in attacks(events(text)))


@pytest.mark.parametrize("text, actor", [
    ("TTP militants stormed a police station in Lakki Marwat.", "ttp"),
    ("An ISKP suicide attack on a rally in Khar killed 40 people.", "iskp"),
    ("Officials blamed the attack on the Hafiz Gul Bahadur group.", "hgbg"),
    ("It was carried out by fighters of the Balochistan Liberation Front, police said after the ambush in Turbat.", "blf"),
])
def test_perpetrators_named_in_the_attack_sentence(events, text, actor):
    assert actor in {a for r in attacks(events(text)) for a in r["actor_ids"]}


def test_it_refers_to_the_group_named_before(events):
    rows = events("Iran says the ISKP is a danger to it, after it killed more than 90 people in a bomb attack in Kerman.")
    (row,) = attacks(rows)
    assert row["actor_ids"] == ["iskp"] and row["killed"] == 90


def test_service_members_killed_are_victims_not_perpetrators(events):
    (row,) = attacks(events("The bombing killed 13 American service members and about 170 Afghans outside the gate."))
    assert row["killed"] == 183 and row["perpetrators_killed"] is None


def test_parts_are_added_and_attackers_counted_apart(events):
    (row,) = attacks(events("The assault killed 11 soldiers and about 20 civilians, including three children. "
                            "All five attackers were killed."))
    assert row["killed"] == 31
    assert row["perpetrators_killed"] == 5


def test_dates_resolve_against_the_article_and_say_where_they_came_from(events):
    published = dt.date(2024, 3, 27)
    (row,) = attacks(events("A car bomb exploded in Mastung on Monday, killing seven people.", published))
    assert (row["date_start"], row["date_source"]) == (dt.date(2024, 3, 25), "sentence")
    (row,) = attacks(events("A car bomb exploded in Mastung, killing seven people.", published))
    assert (row["date_start"], row["date_source"]) == (published, "published")
    (row,) = attacks(events("A car bomb exploded in Mastung, killing seven people."))
    assert row["date_start"] is None and row["date_source"] is None


def test_one_sentence_holds_an_arrest_and_an_extradition(events):
    rows = events("Officials said the militant commander Qari Zahid was a key planner. Pakistan arrested him in "
                  "January and extradited him to the United States in April.", dt.date(2025, 6, 1))
    by_type = {r["event_type"]: r for r in rows}
    assert by_type["ARREST"]["date_start"] == dt.date(2025, 1, 1)
    assert by_type["EXTRADITION"]["date_start"] == dt.date(2025, 4, 1)
    assert "Qari Zahid" in by_type["ARREST"]["target"]


def test_two_coordinated_arrests_with_their_own_dates(events):
    rows = events("Cooperation led to the 2004 arrest of Ahmed Khalfan Ghailani in Gujrat and the capture of "
                  "Abu Faraj al-Libbi in Mardan in 2005.")
    arrests = sorted((r["date_start"].year, r["place"]) for r in rows if r["event_type"] == "ARREST")
    assert arrests == [(2004, "Gujrat"), (2005, "Mardan")]


def test_him_is_not_a_person_named_paragraphs_before(events):
    """The arrest of an unnamed planner is not the arrest of the last person the article named."""
    rows = events("Officials praised Imran Farooqi, the provincial police chief, in March. The province has "
                  "been calm for a year. Security forces have hunted militant leaders for months. The hunt "
                  "reached the planner of a hotel bombing in Quetta. Police arrested him in May.", dt.date(2025, 6, 1))
    (arrest,) = [r for r in rows if r["event_type"] == "ARREST"]
    assert not arrest["target"] or "Farooqi" not in arrest["target"]


def test_a_named_person_killed_by_state_forces_is_a_targeted_killing(events):
    rows = events("He sheltered Osama bin Laden, who was killed by American special forces in Abbottabad in 2011.")
    (row,) = [r for r in rows if r["event_type"] == "TARGETED_KILLING"]
    assert row["date_start"].year == 2011 and "Abbottabad" in row["location"]


def test_named_operation_is_a_military_operation(events):
    rows = events("The army launched Operation Rah-e-Nijat in South Waziristan in October 2009.")
    assert [r["event_type"] for r in rows] == ["MILITARY_OPERATION"]


def test_the_same_event_in_two_reports_shares_a_cluster(events):
    published = dt.date(2023, 2, 1)
    a = attacks(events("A suicide bomber struck a mosque in Peshawar on Monday, killing 84 people.", published))[0]
    b = attacks(events("At least 84 people died when a bomber attacked a Peshawar mosque on Monday.", published))[0]
    c = attacks(events("A suicide bomber struck a mosque in Quetta on Monday, killing 84 people.", published))[0]
    assert a["cluster_id"] == b["cluster_id"] != c["cluster_id"]


def test_rows_carry_rule_confidence_and_evidence(events):
    text = "Gunmen opened fire on a bus in Kohat, killing five passengers."
    (row,) = attacks(events(text))
    assert row["rule"].startswith("ATTACK:") and 0.5 <= row["confidence"] <= 1.0
    assert text[row["start_char"]:row["end_char"]].startswith("Gunmen opened fire")


@pytest.mark.parametrize("text, province", [
    ("Gunmen attacked a police post in Lakki Marwat on Monday, killing four policemen.", "Khyber Pakhtunkhwa"),
    ("A suicide bomber struck a rally in Mastung, Balochistan, killing 52 people.", "Balochistan"),
    ("A bomb exploded at a market in Jalalabad, killing three people.", "Nangarhar"),
    ("Militants attacked a convoy in Pakistan, killing two soldiers.", None),
])
def test_an_events_province_comes_from_its_place(events, text, province):
    (row,) = attacks(events(text))
    assert row["province"] == province


@pytest.mark.parametrize("text, country, place", [
    # the border and the attacker's home town are not where it happened
    ("Pakistani officials said a roadside bomb killed three soldiers near the Afghan border.", "Pakistan", "Pakistan"),
    ("A man from Qalqilya stabbed two people at a bus stop in Netanya, police said.", "Israel", "Netanya"),
    # a place named only as a venue still places the event when the text names no other
    ("A rocket hit the arrivals hall of the Kandahar International Airport, wounding six.", "Afghanistan", "Kandahar"),
    # a dateline with its agency is where the report was filed
    ("QUETTA (APP) - Militants attacked a levies post in Kech district on Sunday, killing two guards.", "Pakistan", "Kech"),
    # a venue whose name opens with its town, the only other place its country
    ("Gunmen stormed the Islamabad District Judicial Complex on Tuesday, killing two guards, Pakistan's "
     "interior minister said.", "Pakistan", "Islamabad"),
    # a capital that speaks is its government
    ("Kabul said at least 46 people were killed when militants bombed a market in Khost province.",
     "Afghanistan", "Khost"),
    # a landmark a distance is measured from
    ("Suicide bombers hit the wall of Bannu Cantonment, about 200 kms southwest of Peshawar, killing nine people.",
     "Pakistan", "Bannu"),
])
def test_an_events_place_is_where_it_happened(events, text, country, place):
    (row,) = attacks(events(text))
    assert (row["country"], row["place"]) == (country, place)


@pytest.mark.parametrize("text", [
    "More than 120 attacks have struck Balochistan this year, according to a security think tank.",
    "Dozens of bombings rocked the tribal districts in 2023, officials said.",
])
def test_a_verb_said_of_a_count_of_attacks_is_no_event(events, text):
    assert attacks(events(text, dt.date(2024, 1, 10))) == []


def test_a_bare_plural_with_a_yearly_toll_is_not_an_event(events):
    text = ("Most of the fighters move between Khost and Paktika.\n\n"
            "Last year was the worst since 2014, with 940 people killed in militant attacks.")
    assert attacks(events(text)) == []


@pytest.mark.parametrize("text", [
    "Several gunmen stormed a hostel, killing 20 students and wounding another 15.",
    "Twin blasts tore through a market, killing 11 people.",
])
def test_attackers_and_twin_blasts_with_casualties_stay_events(events, text):
    (row,) = attacks(events(text))
    assert row["killed"] in (11, 20)


# -- one incident told over several sentences (pipeline/assembly.py) ---------------------------------
def test_a_bombing_told_over_several_sentences_is_one_row(events):
    text = ("A suicide bomber struck a rally in Khar on Sunday, killing at least 40 people. "
            "The bomber detonated a vest packed with ball bearings near the stage. "
            "The death toll rose to 54 on Monday, hospital officials said. "
            "The Islamic State Khorasan Province claimed responsibility for the bombing.")
    (row,) = attacks(events(text, dt.date(2023, 7, 31)))
    assert row["place"] == "Khar" and row["country"] == "Pakistan"
    assert row["killed"] == 54  # the document's latest total
    assert row["actor_ids"] == ["iskp"]


def test_an_earlier_attack_recalled_with_its_own_place_stays_apart(events):
    text = ("A bomb exploded in a market in Quetta on Tuesday, killing six people.\n\n"
            "It came a week after a suicide bombing at a mosque in Peshawar killed 30 worshippers.")
    rows = attacks(events(text, dt.date(2024, 3, 6)))
    assert sorted((r["place"], r["killed"]) for r in rows) == [("Peshawar", 30), ("Quetta", 6)]


def test_a_sentence_without_a_date_goes_on_about_the_incident_its_paragraph_is_dated_at(events):
    text = ("On 14 March 2024, a suicide bomber killed 20 people at a cattle market in Bannu.\n\n"
            "The district has seen violence before, including a bombing in Bannu in May 2015.\n\n"
            "Traders had gathered at the market on 14 March 2024. Shortly after noon, a bomber "
            "walked into the crowd and detonated a vest.")
    rows = sorted(attacks(events(text, mentions=True)[0]), key=lambda r: str(r["date_start"]))
    assert [str(r["date_start"]) for r in rows] == ["2015-05-01", "2024-03-14"]
    mentions = events(text, mentions=True)[1]
    detonated = next(m for m in mentions if m["trigger"] == "detonated")
    assert detonated["event_id"] == rows[1]["event_id"]  # the 2024 bombing's, not the one of 2015


def test_two_attacks_by_different_groups_stay_apart(events):
    text = ("BLA militants attacked a convoy near Turbat on Monday. "
            "TTP militants attacked a police post near Turbat on Monday.")
    rows = attacks(events(text))
    assert sorted(a for r in rows for a in r["actor_ids"]) == ["bla", "ttp"] and len(rows) == 2


def test_a_wiki_heading_is_no_event(events):
    assert attacks(events("== Attack ==\n\nGunmen attacked a checkpoint in Bannu on Sunday.")) != []
    assert all("==" not in r["trigger"] for r in events("== Attack ==\n\nThe town was quiet."))
    assert attacks(events("== Attack ==\n\nThe town was quiet.")) == []


def test_every_trigger_is_an_event_mention_linked_to_its_incident_or_saying_why_not(events):
    text = ("== Attack ==\n\nA suicide bomber struck a rally in Khar on Sunday, killing 40 people. "
            "The blast was heard across the town. The Islamic State Khorasan Province claimed the attack.\n\n"
            "Militants carried out 71 attacks in the province last year.")
    rows, mentions = events(text, dt.date(2023, 7, 31), mentions=True)
    (incident,) = attacks(rows)
    linked = [m for m in mentions if m["event_id"] == incident["event_id"]]
    assert {m["trigger"] for m in linked} >= {"bomber", "blast", "attack"}
    assert all(m["factuality"] == "asserted" for m in linked)
    assert {(m["trigger"], m["factuality"], m["event_id"]) for m in mentions if m["event_id"] is None} >= {
        ("Attack", "heading", None), ("attacks", "statistical", None)}
    assert all(text[m["start_char"]:m["end_char"]].find(m["trigger"]) >= 0 for m in mentions)


@pytest.mark.parametrize("text, killed", [
    ("Gunmen raided a village in Kurram on Friday. Ten men were shot to death and two were wounded.", 10),
    ("A man stabbed four people to death at a bus station in Quetta on Monday.", 4),
])
def test_killed_to_death_counts_the_dead(events, text, killed):
    assert [r["killed"] for r in attacks(events(text))] == [killed]


@pytest.mark.parametrize("text, killed", [
    ("A police constable was gunned down by militants in Dera Ismail Khan on Tuesday.", 1),
    ("A woman was stabbed to death at a market in Kandahar on Sunday.", 1),
    ("Gunmen killed a shopkeeper in Quetta on Friday.", 1),
    ("Gunmen on a motorcycle shot dead a shopkeeper outside his store in Chaman on Friday, officials said.", 1),
    # "shot" parsed as a noun, "dead" under "said"
    ("Gunmen attacked a checkpoint in Bannu on Sunday.", None),          # nobody said killed
    ("A suicide bomber blew himself up at a checkpoint in Bannu.", None),  # the bomber is no victim
])
def test_one_person_killed_without_a_number_is_one(events, text, killed):
    assert [r["killed"] for r in attacks(events(text))] == [killed]


@pytest.mark.parametrize("text", [
    "Gunmen killed a teacher and his driver near Turbat on Sunday.",
    "Unidentified gunmen shot dead a polio worker and the policeman guarding him near Khar on Monday.",
])
def test_one_person_and_another_named_definitely_are_two(events, text):
    assert [r["killed"] for r in attacks(events(text))] == [2]


def test_a_toll_of_many_attacks_in_the_next_sentence_is_not_the_incidents(events):
    text = ("QUETTA: Gunmen shot dead a traffic warden in Quetta on Monday. According to police figures, 52 "
            "officers have been killed in targeted attacks in the city since 2022.")
    assert [(r["killed"], str(r["date_start"])) for r in attacks(events(text, dt.date(2025, 5, 6)))] == [(1, "2025-05-05")]


def test_a_country_that_says_whose_strike_it_was_is_not_where_it_was(events):
    (row,) = events("A Taliban official said a suspected U.S. drone strike in eastern Afghanistan killed at least "
                    "11 militants on Tuesday.", dt.date(2019, 5, 8))
    assert (row["event_type"], row["place"], row["killed"]) == ("MILITARY_OPERATION", "Afghanistan", 11)


def test_a_source_who_tells_of_the_strike_is_neither_its_target_nor_its_day(events):
    text = ("A suspected drone strike killed at least 9 militants in Paktika province on Sunday. Abdul Karim, the "
            "governor of Barmal district, told reporters on Monday that the drone strike had hit a compound.")
    rows = events(text, dt.date(2022, 5, 4))
    assert [(r["event_type"], str(r["date_start"]), r["killed"]) for r in rows] == [("MILITARY_OPERATION", "2022-05-01", 9)]


def test_a_number_of_attackers_is_no_tally_of_attacks(events):
    rows = attacks(events("About 30 gunmen took over a police post in Kunar, killing 4 officers.", dt.date(2021, 6, 2)))
    assert [r["killed"] for r in rows] == [4]


def test_taking_someone_into_custody_is_an_arrest(events):
    rows = events("Hours after the blast, police took two suspected facilitators into custody in Quetta.",
                  dt.date(2025, 3, 4))
    assert [r["event_type"] for r in rows] == ["ARREST"]


def test_strikes_a_country_carried_out_are_its_operation(events):
    rows = events("Last month, Afghanistan conducted strikes on posts in Kurram, killing three soldiers.",
                  dt.date(2025, 1, 20))
    assert [r["event_type"] for r in rows] == ["MILITARY_OPERATION"]


@pytest.mark.parametrize("text, kinds", [
    # the raid of an arrest: one incident, the arrest
    ("QUETTA: The Counter-Terrorism Department carried out an operation in Quetta on Sunday. Three suspects "
     "were arrested and explosives were seized, a spokesman said.", ["ARREST"]),
    # an operation in which militants were killed stays an operation beside the arrests
    ("Security forces killed five militants in an operation in Tank on Monday. Two suspects were also arrested.",
     ["ARREST", "MILITARY_OPERATION"]),
])
def test_an_operation_that_only_made_an_arrest_is_the_arrest(events, text, kinds):
    assert sorted(r["event_type"] for r in events(text, dt.date(2025, 9, 2))) == kinds


def test_the_day_a_later_sentence_says_the_attack_took_place_dates_it(events):
    text = ("Unidentified militants attacked a levies post in Kech district, killing two guards, officials said.\n\n"
            "The attack took place on May 3. The militants fled towards the mountains.")
    (row,) = attacks(events(text, dt.date(2025, 5, 5)))
    assert (str(row["date_start"]), row["killed"]) == ("2025-05-03", 2)


def test_the_day_a_later_sentence_says_the_attackers_staged_it_dates_it(events, nlp):
    # the model's lemmatizer reads "staged" as "stag" (pipeline.yml verb_lemmas puts it right)
    assert [t.lemma_ for t in nlp("Gunmen staged the raid.") if t.lower_ == "staged"] == ["stage"]
    text = ("The governor condemned the attack on the police station in Zahedan.\n\n"
            "A police officer said four gunmen staged the raid shortly after midnight on Friday, killing four policemen.")
    (row,) = attacks(events(text, dt.date(2024, 6, 8)))
    assert (str(row["date_start"]), row["killed"]) == ("2024-06-07", 4)


@pytest.mark.parametrize("sentence, noun, named_again", [
    ("Local media reports say it was a suicide attack.", "attack", True),
    ("Officials said this was the deadliest bombing in the city since 2019.", "bombing", True),
    ("The attack on the convoy was carried out by two bombers.", "attack", False),
    ("There was a second attack on the post at night.", "attack", False),
])
def test_an_incident_said_of_it_is_the_incident_told_before(nlp, sentence, noun, named_again):
    from pipeline.events import said_of_it
    doc = nlp(sentence)
    assert said_of_it(next(t for t in doc if t.lower_ == noun)) is named_again


@pytest.mark.parametrize("text", [
    "Police in Quetta arrested them on Monday, officials said.",
    "Police made an arrest in a raid near Wana on Monday.",
])
def test_a_pronoun_or_a_day_is_no_target(events, text):
    (row,) = events(text, dt.date(2025, 3, 4))
    assert row["target"] is None


def test_the_day_a_source_spoke_gives_way_to_the_day_the_attack_was_made(events):
    text = ("PESHAWAR – Seven policemen were martyred in an attack on a police station in Lakki Marwat district, "
            "said police officials on Thursday.\n\n"
            "The militants stormed the police station on 12 March 2025, officials added.")
    rows = attacks(events(text, dt.date(2025, 3, 13)))
    assert [(str(r["date_start"]), r["killed"]) for r in rows] == [("2025-03-12", 7)]


def test_the_number_of_attacks_is_no_casualty(events):
    (row,) = attacks(events("At least 30 people were killed and 80 others were injured in 2 suicide bombings at a "
                            "market in Quetta on Monday."))
    assert (row["killed"], row["wounded"]) == (30, 80)


def test_an_event_is_read_from_its_verb_not_a_plural_instrument(events):
    (row,) = attacks(events("TTP militants, with rockets and grenades, attacked a police post in Tank on Monday, "
                            "killing 6 policemen."))
    assert (row["trigger"], row["killed"], row["actor_ids"]) == ("attacked", 6, ["ttp"])


# -- incidents of a document without a publication date, types, and words that name something else ----
def test_a_day_without_a_year_takes_the_year_of_the_story_not_of_a_year_recalled_in_passing(events):
    text = ("On 3 March 2016, gunmen attacked a police station in Kohat, killing five officers. "
            "The district had been calm since 2011.\n\n"
            "On 5 March, soldiers raided a hideout in Hangu and arrested two suspects.")
    (arrest,) = [r for r in events(text) if r["event_type"] == "ARREST"]
    assert str(arrest["date_start"]) == "2016-03-05"


@pytest.mark.parametrize("text, kind", [
    ("A drone strike hit a militant hideout in North Waziristan on Monday.", "MILITARY_OPERATION"),
    ("A drone strike killed TTP commander Qari Zubair Ahmad in Paktika on Monday.", "TARGETED_KILLING"),
])
def test_a_strike_is_a_targeted_killing_only_when_its_sentence_names_a_person(events, text, kind):
    assert [r["event_type"] for r in events(text)] == [kind]


@pytest.mark.parametrize("text, kind", [
    ("An aid worker was injured when a bomb exploded near a security post in Chaman on Friday.", "AID"),
    ("After the blast in Chaman on Friday, a rescue operation by the army went on through the night.",
     "MILITARY_OPERATION"),
])
def test_a_trigger_word_that_names_something_else_is_no_incident(events, text, kind):
    rows, mentions = events(text, mentions=True)
    assert kind not in {r["event_type"] for r in rows}
    assert {(m["event_type"], m["factuality"]) for m in mentions if m["event_type"] == kind} == {(kind, "other-sense")}


@pytest.mark.parametrize("text, arrested", [
    ("Three of the suspects, said to belong to the BLA, were arrested at a house in Turbat on Saturday.", True),
    ("Police arrested four of the militants during a search in Turbat on Saturday.", True),
    ("Police captured two of the moments of the raid in Turbat on video on Saturday.", False),
])
def test_a_number_of_people_taken_is_an_arrest(events, text, arrested):
    rows = events(text, dt.date(2020, 12, 1))
    assert ("ARREST" in {r["event_type"] for r in rows}) is arrested


def test_a_bus_going_somewhere_is_placed_where_it_was_attacked(events):
    (row,) = attacks(events("Gunmen fired on a bus travelling to Gilgit near Chilas on Sunday, killing nine."))
    assert row["place"] == "Chilas"


def test_militants_who_tried_to_storm_a_camp_are_its_attackers(events):
    (row,) = attacks(events("The raid began on 3 May, when 12 TTP militants tried to storm a police camp "
                            "near Kohat.", dt.date(2016, 5, 4)))
    assert row["actor_ids"] == ["ttp"]


def test_the_story_goes_on_in_a_later_paragraph_that_names_only_the_province(events):
    text = ("A suicide bomber struck a railway platform in Quetta on 9 November, killing 26 people.\n\n"
            "Officials in Balochistan said the bomber had detonated his vest among waiting passengers.")
    assert len(attacks(events(text, dt.date(2024, 11, 10)))) == 1


def test_a_similar_attack_recalled_without_a_date_is_another_incident(events):
    text = ("Gunmen stormed a mosque in Hangu on Friday, killing five worshippers.\n\n"
            "A similar attack in Hangu killed three people, police said.")
    assert len(attacks(events(text, dt.date(2023, 9, 30)))) == 2


def test_the_attack_an_accusation_speaks_of_is_the_one_already_told(events):
    text = ("A car bomb hit a school bus in Khuzdar on 21 May, killing eight children.\n\n"
            "Officials accused a foreign agency of orchestrating the attack amid tensions over a dispute "
            "that began in April.")
    assert len(attacks(events(text, dt.date(2025, 5, 22)))) == 1


def test_a_similar_attack_recalled_twice_is_one_other_incident(events):
    text = ("Gunmen stormed a mosque in Hangu on Friday, killing five worshippers.\n\n"
            "It came hours after a similar attack in Mastung killed 50 people.\n\n"
            "Police said the Hangu assault began after a similar attack in Mastung District.")
    assert sorted(r["place"] for r in attacks(events(text, dt.date(2023, 9, 30)))) == ["Hangu", "Mastung"]


@pytest.mark.parametrize("text", ["A bomb hit a bus of Baloch labourers in Hub on Monday, killing four.",
                                  "A bomb hit a bus in Hub, in the Pakistani province of Balochistan, killing four."])
def test_a_people_is_never_the_place(events, text):
    (row,) = attacks(events(text, dt.date(2024, 5, 7)))
    assert row["place"] == "Hub" and row["province"] == "Balochistan"


def test_a_claim_of_the_attack_goes_to_the_story_not_to_an_attack_recalled_before_it(events):
    text = ("A suicide bomber struck a Shia mosque in Kandahar on Friday, killing 60 worshippers.\n\n"
            "It came a week after a bombing at a mosque in Kunduz killed 40 people.\n\n"
            "The Islamic State Khorasan Province claimed responsibility for the attack.")
    rows = {r["place"]: r["actor_ids"] for r in attacks(events(text, dt.date(2021, 10, 16)))}
    assert rows == {"Kandahar": ["iskp"], "Kunduz": []}


def test_a_second_verb_of_the_army_is_its_operation_not_an_attack(events):
    rows = events("On 15 June the army intensified air strikes in North Waziristan and bombed six militant hideouts.",
                  dt.date(2014, 6, 16))
    assert {r["event_type"] for r in rows} == {"MILITARY_OPERATION"}


@pytest.mark.parametrize("span, day", [("hours after", "2023-09-29"), ("a week after", "2023-09-22"),
                                       ("two days after", "2023-09-27")])
def test_an_incident_recalled_hours_or_days_after_is_dated_from_the_story(events, span, day):
    text = (f"On 29 September, a suicide bomber struck a mosque in Hangu, killing five worshippers.\n\n"
            f"The blast came {span} a similar attack in Mastung killed 50 people.")
    rows = {r["place"]: r for r in attacks(events(text, dt.date(2023, 9, 30)))}
    assert str(rows["Mastung"]["date_start"]) == day and rows["Mastung"]["date_source"] == "recalled"


@pytest.mark.parametrize("text, killed, dead_attackers", [
    ("Two suicide bombers blew themselves up at a checkpoint in Kabul on Monday, killing 12 people.", 12, 2),
    ("A gunman opened fire in a market in Peshawar on Monday, killing 4 people. The gunman was shot dead by police.", 4, 1),
])
def test_attackers_who_died_are_counted_apart(events, text, killed, dead_attackers):
    (row,) = attacks(events(text, dt.date(2024, 5, 7)))
    assert (row["killed"], row["perpetrators_killed"]) == (killed, dead_attackers)


@pytest.mark.parametrize("text, killed, dead_attackers", [
    ("Al-Shabaab fighters stormed an army camp near Kismayo on Monday. The army said seven Shabaab fighters "
     "were killed. Two soldiers died in the attack.", 2, 7),
    ("TTP militants attacked a checkpoint in Tank on Monday, killing four policemen. Three TTP militants were "
     "killed in the exchange of fire.", 4, 3),
    # members of another group than the attackers are its victims
    ("Islamic State gunmen attacked a Taliban checkpoint in Jalalabad on Monday, killing three Taliban fighters.", 3, None),
])
def test_members_of_the_attacking_group_killed_are_counted_apart(events, text, killed, dead_attackers):
    (row,) = attacks(events(text, dt.date(2024, 5, 7)))
    assert (row["killed"], row["perpetrators_killed"]) == (killed, dead_attackers)


def test_a_suicide_bomber_caught_alive_is_not_counted_dead(events):
    rows = events("Police arrested a suicide bomber near a mosque in Quetta on Monday before he could strike.",
                  dt.date(2024, 5, 7))
    assert all(r["perpetrators_killed"] is None for r in rows)


@pytest.mark.parametrize("text, killed", [
    ("A car bomb exploded in a market in Cotabato on Monday. Six soldiers, 6 civilians and a police officer were killed.", 13),
    ("Fifteen police personnel and a driver were killed when rebels detonated a mine near Gadchiroli on Monday.", 16),
])
def test_a_single_person_in_a_list_of_the_dead_counts_one(events, text, killed):
    assert [r["killed"] for r in attacks(events(text, dt.date(2019, 5, 2)))] == [killed]


@pytest.mark.parametrize("text", [
    "A man stabbed two women at a station in Marseille on Sunday before he was shot dead by police.",
    "A man stabbed two women at a station in Marseille on Sunday. Police shot him dead.",
])
def test_an_attacker_killed_by_the_police_is_counted_apart(events, text):
    (row,) = attacks(events(text, dt.date(2017, 10, 2)))
    assert row["perpetrators_killed"] == 1


@pytest.mark.parametrize("text, wounded", [
    ("A man stabbed 3 people at a bus stop in Lahore on Monday.", 3),
    ("Gunmen opened fire on a patrol in Quetta on Monday. Three officers were shot and injured.", 3),
    ("A rocket hit the arrivals hall of an airport in Jazan on Monday, injuring over two dozen travellers.", 24),
    ("A gunman opened fire on a mosque in Karachi on Monday, wounding a man.", 1),
])
def test_wounded_from_stabbings_coordinated_verbs_dozens_and_one_victim(events, text, wounded):
    assert [r["wounded"] for r in attacks(events(text, dt.date(2019, 6, 13)))] == [wounded]


def test_stabbed_to_death_is_killed_not_wounded(events):
    (row,) = attacks(events("A man stabbed 4 people to death at a market in Lahore on Monday.", dt.date(2019, 6, 13)))
    assert (row["killed"], row["wounded"]) == (4, None)


@pytest.mark.parametrize("text, actor", [
    ("A gunman killed three shoppers at a market in Kohat on Monday. The gunman was a member of the TTP.", "ttp"),
    ("A bomb killed six people at a bus stop in Quetta on Monday. Police said the BLA was responsible for the blast.", "bla"),
    ("A bomb killed six people at a bus stop in Quetta on Monday; the BLA was later confirmed responsible.", "bla"),
])
def test_membership_and_responsibility_name_the_attacker(events, text, actor):
    assert [r["actor_ids"] for r in attacks(events(text, dt.date(2022, 3, 8)))] == [[actor]]


def test_a_series_of_attacks_with_a_toll_is_one_incident(events):
    rows = attacks(events("Nearly 50 people were killed in a series of suicide attacks on army posts.",
                          dt.date(2016, 5, 24)))
    assert [r["killed"] for r in rows] == [50]


def test_the_dateline_city_is_where_the_report_was_filed_not_the_place_of_the_attack(events):
    text = ("PESHAWAR, Pakistan — Gunmen shot dead a policeman guarding a vaccination team in Bajaur district "
            "on Wednesday, officials said.")
    (row,) = attacks(events(text, dt.date(2025, 11, 27)))
    assert row["location"].startswith("Bajaur") and row["province"] == "Khyber Pakhtunkhwa"


@pytest.mark.parametrize("caption", [
    "Police guard the site of an earlier blast in Karachi, Pakistan, 3 May 2024. EPA/JOHN DOE",
    "Rescue workers carry a stretcher at a hospital in Karachi after an earlier blast. \u2014 AFP/File",
])
def test_a_photo_captions_place_is_where_the_picture_was_taken_not_the_attack(events, caption):
    text = (f"{caption}\n\nFour killed in bomb attack on passenger bus\n\nA bomb ripped through a passenger bus "
            "on Friday, killing four people, police said. The blast took place near a bus stand in Turbat.")
    (row,) = attacks(events(text, dt.date(2024, 5, 4)))
    assert row["location"].startswith("Turbat")


@pytest.mark.parametrize("text, kind", [
    # an assassination names its victim by what he was: a group's killing unless the state did it
    ("Last month militants were behind the assassination of a party official in a village of Bajaur.", "ATTACK"),
    ("Unknown men assassinated a retired police officer near his home in Quetta on Monday.", "ATTACK"),
    # a strike with no person named stays an operation
    ("A drone strike hit a compound in a village of North Waziristan on Monday.", "MILITARY_OPERATION"),
])
def test_an_assassination_of_someone_not_named_is_an_attack(events, text, kind):
    assert [r["event_type"] for r in events(text, dt.date(2023, 7, 31))] == [kind]


def test_a_village_the_gazetteer_lacks_places_an_attack_told_first_in_a_country(events):
    text = ("Four policemen were killed in an ambush in northwest Pakistan on Monday, officials said. Gunmen with "
            "rifles attacked a police van patrolling the village of Zargai Kandao, 80 km from the Afghan border.")
    (row,) = attacks(events(text, dt.date(2022, 11, 16)))
    assert row["location"] == "Zargai Kandao, Pakistan" and row["killed"] == 4


@pytest.mark.parametrize("text, places", [
    # a claim of an attack with a place of its own elsewhere: another incident
    ("The Taliban attacked a checkpoint in Faryab on Tuesday, killing seven soldiers. The Taliban claimed they "
     "were behind a roadside bombing that targeted a patrol in Kunduz.", ["Faryab", "Kunduz"]),
    # ... at the same place: the one told
    ("Militants attacked a checkpoint in Bannu on Tuesday, killing five soldiers. The TTP claimed responsibility "
     "for an attack on a checkpoint in Bannu.", ["Bannu"]),
])
def test_a_claimed_attack_placed_elsewhere_is_another_incident(events, text, places):
    rows = attacks(events(text, dt.date(2019, 12, 24)))
    assert [r["location"].split(",")[0] for r in rows] == places


def test_the_killing_of_someone_not_told_before_is_another_incident(events):
    """"the assassination of a party official": "the" with an "of" naming someone new opens an incident."""
    text = ("A bomber blew himself up at a rally in Khar on Sunday, killing 40 people. In May, the same cell was "
            "behind the assassination of a party official in the village of Inayat Killi.")
    rows = events(text, dt.date(2023, 8, 1))
    assert [(r["killed"], r["date_start"].month) for r in rows] == [(40, 7), (None, 5)]


def test_a_place_the_attack_was_near_is_not_the_one_it_occurred_in(events):
    text = ("At least six people were killed when militants attacked a police station in northwestern Pakistan on "
            "Monday, officials said. Reports differ on the attack that occurred in the city of Bannu, near the "
            "militant stronghold of North Waziristan.")
    (row,) = attacks(events(text, dt.date(2010, 6, 1)))
    assert row["location"].startswith("Bannu")


@pytest.mark.parametrize("second", [
    "In addition to the blast in Mastung, an explosion hit a mosque at a police station in Hangu, injuring seven "
    "people, police said.",
    "Apart from the bombing in Mastung, a grenade attack on a police post in Hangu wounded seven policemen.",
])
def test_an_incident_set_beside_the_one_told_is_another(events, second):
    text = f"A bomb exploded near a mosque in Mastung on Friday, killing 52 people. {second}"
    rows = attacks(events(text, dt.date(2023, 9, 29)))
    assert [(r["location"].split(",")[0], r["killed"], r["wounded"]) for r in rows] == [
        ("Mastung", 52, None), ("Hangu", None, 7)]


def test_the_datelines_town_does_not_refine_an_attack_placed_in_its_country(events):
    """"Kabul, (AFP ...) ... in northern Afghanistan": the town the report was filed from is not where
    the attack was; the town a later sentence naming it gives is."""
    text = ("Kabul, (AFP - 13th Oct, 2023) A suicide bomber blew himself up in a mosque in northern Afghanistan on "
            "Friday, killing seven people, officials said.\n\nThere was no claim for the blast, which hit worshippers "
            "at a mosque in Pol-i-Khomri, the capital of Baghlan province.")
    (row,) = attacks(events(text, dt.date(2023, 10, 13)))
    assert row["location"].startswith("Pol-i-Khomri") and row["killed"] == 7


def test_where_a_source_is_is_not_where_the_incident_was(events):
    text = ("An air strike hit a compound in the southern province of Helmand on Sunday, killing 12 people. A US "
            "official, who is in Kabul, said the strike came after a long firefight with militants in the compound.")
    rows = events(text, dt.date(2019, 9, 23))
    assert rows and all(r["location"].startswith("Helmand") for r in rows)


def test_where_the_attacker_was_is_no_source_speaking(events):
    text = ("A stabbing attack at a shrine killed two clerics and wounded another. The attacker, a foreigner who was "
            "illegally in Iran, was arrested immediately after the attack.")
    assert [r["location"] for r in attacks(events(text, dt.date(2022, 4, 6)))] == ["Iran"]


@pytest.mark.parametrize("text, kind", [
    ("Afghan and Pakistani border forces exchanged fire at the Chaman crossing on Sunday, killing two civilians.",
     "MILITARY_OPERATION"),
    ("Militants and policemen exchanged fire for hours in Bannu on Sunday, leaving three policemen dead.", "ATTACK"),
])
def test_sides_that_exchanged_fire_fought_an_incident(events, text, kind):
    rows = events(text, dt.date(2024, 3, 5))
    assert [(r["event_type"], r["killed"]) for r in rows] == [(kind, 2 if "civilians" in text else 3)]
    assert rows[0]["target"] != "fire"


def test_what_was_fired_is_no_target(events):
    (row,) = attacks(events("Gunmen opened fire on a police van in Bannu on Monday, killing two policemen.",
                            dt.date(2024, 3, 5)))
    assert row["target"] == "a police van"
    (row,) = attacks(events("Two polio workers were killed when gunmen opened fire in Lakki Marwat on Monday.",
                            dt.date(2024, 3, 5)))
    assert row["target"] != "fire"


def test_forces_that_responded_to_the_attack_fought_in_it(events):
    text = ("Gunmen stormed a hotel in Kabul on Saturday night, taking guests hostage.\n\nCommandos were dropped onto "
            "the roof to neutralize the attackers. Later, army soldiers responded to the attack and exchanged gunfire "
            "with gunmen in the hotel.\n\nOfficials said the attack was over by Sunday morning, with four attackers "
            "and 18 others killed.")
    assert [r["event_type"] for r in events(text, dt.date(2018, 1, 21))] == ["ATTACK"]


def test_a_force_the_model_takes_for_a_person_names_no_one(events):
    text = ("Troops, with support from the Air Force, launched airstrikes on militant hideouts in Sambisa forest "
            "in Borno State, Nigeria, on Sunday, killing 30 militants.")
    assert {r["event_type"] for r in events(text, dt.date(2025, 9, 8))} == {"MILITARY_OPERATION"}


@pytest.mark.parametrize("text, place", [
    ("A shopkeeper was shot dead by unidentified men in Karachi's Lyari area late on Friday.", "Lyari"),
    ("Two terrorists were killed in an exchange of fire with police in Dera Ismail Khan's Kulachi tehsil.", "Kulachi"),
])
def test_a_place_a_town_owns_is_where_the_incident_was(events, text, place):
    (row,) = events(text, dt.date(2024, 3, 5))
    assert row["location"].split(",")[0] == place
    assert "Dera Ismail Khan" in row["location"] or place == "Lyari"


@pytest.mark.parametrize("text, killed", [
    ("A Levies official embraced martyrdom and two others were hurt in a grenade attack on a post in Turbat.", 1),
    ("A soldier lost his life when militants attacked a post in Zhob on Monday.", 1),
    ("A soldier risked his life when militants attacked a post in Zhob on Monday.", None),
    ("Militants attacked a train near Sibi on Monday. In the attack, the driver and a soldier lost their lives.", 2),
])
def test_one_person_dying_by_an_idiom_is_one_killed(events, text, killed):
    (row,) = attacks(events(text, dt.date(2024, 3, 5)))
    assert row["killed"] == killed


def test_a_vague_figure_of_the_story_yields_to_one_told_paragraphs_later(events):
    text = ("A bomber blew himself up in a mosque in Kabul on Monday, killing 27 people and wounding dozens of "
            "others.\n\nThe attacker entered the mosque as worshippers gathered for a ritual marking the end of "
            "mourning.\n\nA statement from the group said one of its fighters had targeted the mosque.\n\nRelations "
            "between the sects had been calm for decades, residents said.\n\nThe city police chief said 27 people "
            "were killed and 35 wounded.")
    (row,) = attacks(events(text, dt.date(2016, 11, 22)))
    assert (row["killed"], row["wounded"]) == (27, 35)


@pytest.mark.parametrize("claim", [
    "Meanwhile, Tehreek-e-Taliban Pakistan (TTP) spokesman Muhammad Khurasani claimed responsibility for the attacks.",
    "Meanwhile, Tehreek-e-Taliban Pakistan (TTP) Muhammad Khurasani shared a statement with reporters and claimed "
    "responsibility for the attacks.",
])
def test_a_group_named_before_its_spokesman_claims_the_attacks(events, claim):
    text = ("Two suicide bombers attacked a police station in Bara on Thursday, killing three policemen. Earlier, "
            f"militants shot dead two policemen in Peshawar on Wednesday night. {claim}")
    assert [r["actor_ids"] for r in attacks(events(text, dt.date(2023, 7, 21)))] == [["ttp"], ["ttp"]]


def test_the_incident_an_attack_avenges_is_another(events):
    text = ("A suicide bomber detonated his vest in a mosque in Peshawar on Monday, killing 32 people. The TTP "
            "claimed the attack and said it was revenge for the August 2022 killing of one of its leaders by a "
            "roadside mine in Paktika.")
    rows = attacks(events(text, dt.date(2023, 1, 30)))
    main = next(r for r in rows if r["killed"] == 32)
    assert main["date_start"] == dt.date(2023, 1, 30) and main["target"] != "his vest"


def test_people_taken_hostage_are_an_attack(events):
    (row,) = events("Militants took 15 laborers hostage at a construction site in Tank on Friday.", dt.date(2024, 3, 5))
    assert row["event_type"] == "ATTACK" and row["location"].startswith("Tank")


def test_a_group_that_says_it_had_no_part_is_not_the_attacker(events):
    text = ("Gunmen shot dead a policeman in Bajaur on Wednesday. The TTP said in a statement that it had no part "
            "in the shooting and that it does not target vaccinators.")
    assert [r["actor_ids"] for r in attacks(events(text, dt.date(2025, 11, 27)))] == [[]]


def test_the_militants_an_operation_killed_are_its_toll(events):
    rows = events("Security forces killed 8 militants in an operation in Jani Khel on Tuesday.", dt.date(2025, 8, 20))
    assert [(r["event_type"], r["killed"]) for r in rows] == [("MILITARY_OPERATION", 8)]


def test_an_incident_the_same_day_takes_the_storys_day(events):
    text = ("Gunmen shot dead a policeman in Bajaur district on Wednesday.\n\n"
            "The same day as the shooting, a roadside bomb wounded three soldiers in the Tirah valley.")
    rows = {r["location"].split(",")[0]: str(r["date_start"]) for r in attacks(events(text, dt.date(2025, 11, 27)))}
    assert set(rows.values()) == {"2025-11-26"} and len(rows) == 2


def test_the_toll_in_the_paragraph_after_the_lead_is_the_storys_and_an_older_attack_keeps_its_own(events):
    text = ("A suicide bomber blew himself up at the gate of a seminary in Kabul on Monday evening.\n\n"
            "Hospital staff said at least 11 bodies had been brought in and 27 wounded people were being treated.\n\n"
            "The area has been struck repeatedly. In September 2022, a suicide bomber killed more than 50 people "
            "at a tuition centre in the same neighbourhood.")
    rows = sorted((str(r["date_start"])[:7], r["killed"], r["wounded"]) for r in attacks(events(text, dt.date(2025, 6, 3))))
    assert rows == [("2022-09", 50, None), ("2025-06", 11, 27)]


def test_a_killing_three_days_before_the_story_is_its_own_incident_dated_from_it(events):
    text = ("A suicide bomber struck a seminary in Kabul on Monday, killing 11 students.\n\n"
            "Monday's attack came three days after a Taliban commander was shot dead by gunmen in Kunduz city.")
    rows = {r["location"].split(",")[0]: str(r["date_start"]) for r in attacks(events(text, dt.date(2025, 6, 3)))}
    assert rows == {"Kabul": "2025-06-02", "Kunduz": "2025-05-30"}


def test_a_group_sentence_before_any_attack_is_read_without_failing(events):
    text = ("The Islamic State Khorasan Province said on Monday it would keep up its campaign. "
            "A bomb killed six people at a market in Jalalabad on Monday.")
    assert [r["actor_ids"] for r in attacks(events(text, dt.date(2022, 3, 8)))] == [[]]  # and no failed step


def test_an_arrest_hours_after_the_blast_is_dated_the_storys_day(events):
    text = ("A car bomb hit a convoy near Mastung on Monday, killing nine soldiers.\n\n"
            "Hours after the explosion, police in Quetta arrested two men suspected of supplying the car.")
    (arrest,) = [r for r in events(text, dt.date(2025, 10, 14)) if r["event_type"] == "ARREST"]
    assert str(arrest["date_start"]) == "2025-10-13"


def test_an_incident_the_day_before_the_bombing_is_dated_from_that_bombing(events):
    text = ("A car bomb killed 12 people at a bus stand in Quetta on 9 June.\n\n"
            "On 14 June, a suicide bomber blew himself up at a shrine in Sibi, killing seven. The day before "
            "the bombing, an explosion claimed by the group tore through a police post in Turbat, killing two.")
    rows = {r["place"]: r for r in attacks(events(text, dt.date(2024, 6, 20)))}
    assert (str(rows["Turbat"]["date_start"]), rows["Turbat"]["date_source"]) == ("2024-06-13", "recalled")


@pytest.mark.parametrize("claim, actors", [
    ("The Islamic State Khorasan Province has stepped up its campaign this year. Last week, an explosion "
     "claimed by the group tore through a market in Kandahar, killing 12 people.", ["iskp"]),
    ("The Islamic State Khorasan Province has stepped up its campaign this year. Last week, an explosion "
     "claimed by a group tore through a market in Kandahar, killing 12 people.", []),   # no group named before
])
def test_an_incident_claimed_by_the_group_takes_the_group_named_before(events, claim, actors):
    (row,) = attacks(events(claim, dt.date(2022, 3, 8)))
    assert row["actor_ids"] == actors


@pytest.mark.parametrize("text, kinds", [
    ("Gunmen attacked a village near Gubio on Friday. The attackers rounded up men in the fields and shot them.",
     {"ATTACK"}),
    ("Boko Haram has killed tens of thousands of people since 2009.", set()),
    ("The air force said its jets had struck militant hideouts in the Sambisa forest on Friday.", {"MILITARY_OPERATION"}),
])
def test_militants_arrest_nobody_a_period_toll_is_no_incident_and_jets_are_the_state(events, text, kinds):
    assert {r["event_type"] for r in events(text, dt.date(2025, 9, 6))} == kinds


@pytest.mark.parametrize("text, kinds", [
    ("Violence fell in the province last year, the think tank said. The army and police killed at least 185 "
     "insurgents in 2019, its report added.", set()),
    ("The army and police killed at least 185 insurgents in Mastung in 2019, the report added.",
     {"MILITARY_OPERATION"}),   # a place of its own: one operation's toll, perhaps
    ("In 2019, gunmen killed 123 passengers on a highway near Ormara.", {"ATTACK"}),
    ("The monitor counted 730 attacks across the region in 2019. Those attacks claimed over 900 lives.", set()),
])
def test_a_years_tally_and_a_sum_of_counted_attacks_are_no_incidents(events, text, kinds):
    assert {r["event_type"] for r in events(text, dt.date(2020, 1, 10))} == kinds, text


def test_a_single_blast_with_a_huge_toll_is_still_an_incident(events):
    rows = attacks(events("A truck bomb in Mogadishu left 587 people killed and more than 300 injured.", dt.date(2017, 10, 15)))
    assert [r["killed"] for r in rows] == [587]


def test_a_headline_strike_is_the_targeted_killing_the_body_tells(events):
    text = ("Drone strike kills Pakistani Taliban commander in North Waziristan\n\n"
            "A drone strike on Sunday killed Qari Saifullah Mehsud, a senior TTP commander, in Datta Khel, officials said.")
    assert [r["event_type"] for r in events(text, dt.date(2025, 8, 19))] == ["TARGETED_KILLING"]


@pytest.mark.parametrize("text, actors", [
    ("Al-Shabaab, which is linked to al-Qaeda, claimed the bombing of a hotel in Mogadishu on Monday.", ["al-shabaab"]),
    ("The TTP was named in an army statement on Monday. The US Africa Command said it had carried out an airstrike "
     "near Jilib on Sunday, killing five fighters.", []),
    ("The TTP said in June it would fight on. A suicide bomber hit a convoy in Mir Ali on Monday, killing five "
     "soldiers.\n\nA faction of another group claimed that bombing.", []),
])
def test_an_affiliation_a_named_speaker_or_a_faction_credits_no_other_group(events, text, actors):
    rows = events(text, dt.date(2025, 9, 9))
    assert [a for r in rows if r["event_type"] in ("ATTACK", "MILITARY_OPERATION") for a in r["actor_ids"]] == actors


@pytest.mark.parametrize("text", [
    "For years, Pakistan's co-operation on counter-terrorism with the army was praised in Washington.",
    "His praise was striking because officials had long accused the government of backing militants.",
])
def test_part_of_another_word_or_an_adjective_is_no_trigger(events, text):
    assert events(text, dt.date(2025, 8, 21)) == []


def test_one_of_its_citizens_killed_is_one(events):
    (row,) = attacks(events("One of its citizens was killed by ISKP in Kabul in January.", dt.date(2025, 8, 21)))
    assert row["killed"] == 1


def test_a_gerund_title_with_a_subtitle_is_a_heading(events):
    assert events("Targeting the TTP: A Cross-Border Security Challenge\n\nThe border has been tense.",
                  dt.date(2025, 8, 21)) == []


def test_one_of_the_attackers_shot_dead_is_counted_apart(events):
    (row,) = attacks(events("Two gunmen stormed a hotel in Hurghada on Friday, stabbing three tourists. One of the "
                            "assailants was shot dead by guards.", dt.date(2016, 1, 9)))
    assert row["perpetrators_killed"] == 1


@pytest.mark.parametrize("text, killed, wounded", [
    ("A 500-pound bomb killed 12 people and wounded 30 at a market in Quetta.", 12, 30),
    ("Gunmen killed five soldiers 13 kilometers from Miranshah, wounding two.", 5, 2),
    ("A suicide bomber killed 40 people in Peshawar; half of them were policemen.", 40, None),
    ("The bombing in Quetta killed 9 people and destroyed Rs. 1.5m worth of shops.", 9, None),
])
def test_measures_money_and_fractions_are_no_casualty_counts(events, text, killed, wounded):
    (row,) = attacks(events(text))
    assert (row["killed"], row["wounded"]) == (killed, wounded)


@pytest.mark.parametrize("text, expected", [
    ("On May 2, gunmen shot dead a shopkeeper near the bazaar in Dera Ismail Khan, and last week militants "
     "ambushed an army patrol in the Jandola area, killing three soldiers.",
     [("2024-05-02", 1), ("2024-04-29", 3)]),
    ("In March 2023, a suicide bomber killed 12 people at a rally in Quetta, and in June 2022 a series of "
     "explosions near a court there killed 30.",
     [("2023-03-01", 12), ("2022-06-01", 30)]),
])
def test_two_incidents_of_one_sentence_each_keep_their_own_date_and_toll(events, text, expected):
    rows = attacks(events(text, dt.date(2024, 5, 9)))
    assert [(r["date_start"].isoformat(), r["killed"]) for r in rows] == expected


def test_one_coordinated_incident_without_dates_of_its_own_stays_one(events):
    rows = attacks(events("Militants stormed a police post in Tank on Sunday and shot dead two constables.",
                          dt.date(2024, 5, 9)))
    assert [(r["date_start"].isoformat(), r["killed"]) for r in rows] == [("2024-05-05", 2)]


@pytest.mark.parametrize("update, killed", [
    ("The death toll climbed to 19 on Thursday after two of the wounded died in hospital, officials said.", 19),
    ("A wounded guard died on Wednesday, raising the number of martyred policemen to eight.", 8),
    ("In 2019, a similar bombing at the same market raised the death toll to 40.", 7),  # dated before: another incident
])
def test_a_toll_update_further_down_the_story_raises_its_total(events, update, killed):
    text = ("Seven policemen were martyred when militants attacked a checkpost in Lakki Marwat on Tuesday night.\n\n"
            "The attackers fled into the hills after an hour-long exchange of fire.\n\n"
            "Police said the post had been attacked before.\n\n" + update)
    rows = attacks(events(text, dt.date(2024, 5, 9)))
    assert rows[0]["killed"] == killed


def test_martyred_is_killed_not_wounded(events):
    (row,) = attacks(events("Three soldiers were martyred and two others injured when a roadside bomb hit their "
                            "vehicle in Kech on Monday.", dt.date(2024, 5, 9)))
    assert (row["killed"], row["wounded"]) == (3, 2)


def test_the_speakers_after_a_list_of_victims_are_not_counted(events):
    (row,) = attacks(events("Militants killed nine villagers who were collecting firewood near Gwoza on Friday, "
                            "residents and a local chief said.", dt.date(2024, 5, 9)))
    assert row["killed"] == 9


def test_a_series_the_story_is_set_against_is_no_incident(events):
    rows = attacks(events("The shooting is the latest in a series of attacks on polio teams in the district. A "
                          "vaccinator was shot dead in Bajaur on Monday.", dt.date(2024, 5, 9)))
    assert [(r["date_start"].isoformat(), r["killed"]) for r in rows] == [("2024-05-06", 1)]


def test_gunmen_rounding_up_villagers_is_no_arrest(events):
    rows = events("The gunmen arrived on motorcycles, rounded up the villagers and shot them near Konduga on "
                  "Saturday.", dt.date(2024, 5, 9))
    assert "ARREST" not in [r["event_type"] for r in rows]


def test_a_toll_said_before_the_first_trigger_is_the_storys(events):
    (row,) = attacks(events("At least 14 people died and 40 were injured in the city centre on Friday. The blast "
                            "targeted a crowded bus stop in Hyderabad.", dt.date(2024, 5, 11)))
    assert (row["killed"], row["wounded"]) == (14, 40)


def test_wounded_another_n_counts_the_wounded(events):
    (row,) = attacks(events("Three suicide bombers attacked a fish market in Maiduguri on Sunday. The blasts killed "
                            "over 20 people and wounded another 52.", dt.date(2024, 5, 11)))
    assert (row["killed"], row["wounded"]) == (20, 52)


def test_a_later_attack_with_a_far_other_toll_is_another_incident(events):
    rows = attacks(events("ISKP has claimed several attacks. These include the bombing of a Kabul hotel which killed "
                          "90 people. On 3 May, a school in Kabul was bombed by the group, killing five.",
                          dt.date(2024, 5, 11)))
    assert sorted(r["killed"] for r in rows) == [5, 90]


def test_an_incident_takes_the_day_it_was_first_told_not_the_day_of_a_toll_update(events):
    rows = attacks(events("Gunmen storm guest house in Baidoa\n\nGunmen blasted their way into a guest house in "
                          "Baidoa on Tuesday night, in the worst attack in the town this year.\n\nBy Thursday the "
                          "regional government said 11 people had died, all of them shot dead by the attackers.",
                          dt.date(2024, 5, 9)))
    assert [(r["date_start"].isoformat(), r["killed"]) for r in rows] == [("2024-05-07", 11)]


@pytest.mark.parametrize("text, kind", [
    ("Dubai police handed him over to FIA officials at Karachi airport on Monday.", "EXTRADITION"),
    ("Pakistan handed over a senior ISKP commander to US officials on Monday.", "EXTRADITION"),
    ("Britain on Monday handed over armoured vehicles and radios worth $3 million to the Punjab police.", "AID"),
    ("The army handed over control of the town to the police on Monday.", None),
])
def test_what_is_handed_over_says_whether_it_is_an_extradition(events, text, kind):
    assert [r["event_type"] for r in events(text, dt.date(2025, 12, 2))] == ([kind] if kind else [])


@pytest.mark.parametrize("text, province", [
    ("On 3 March 2012, a bomb exploded in a market in Miranshah, North Waziristan, killing 11 people.", "Federally Administered Tribal Areas"),
    ("On 3 March 2021, a bomb exploded in a market in Miranshah, North Waziristan, killing 11 people.", "Khyber Pakhtunkhwa"),
])
def test_an_attack_in_the_tribal_areas_before_the_merger_is_placed_in_fata(events, text, province):
    (row,) = attacks(events(text, dt.date(2021, 3, 4)))
    assert row["province"] == province and province in row["location"]


@pytest.mark.parametrize("claim, actor", [
    ("The Islamic State's Khorasan branch said on its Telegram channel that it had planted the device.", "iskp"),
    ("Al-Shabaab said in a statement that its fighters had detonated the car bomb.", "al-shabaab"),
    ("The TTP said it had planted the explosives.", "ttp"),
])
def test_a_group_that_says_it_planted_or_set_off_the_bomb_is_its_actor(events, claim, actor):
    (row,) = attacks(events("A bomb exploded in a crowded market in Jalalabad on Monday, killing nine people.\n\n" + claim,
                            dt.date(2024, 5, 7)))
    assert actor in row["actor_ids"]


def test_the_strike_named_again_is_the_air_strike_not_an_attack(events):
    rows = events("The U.S. Africa Command said it had carried out an air strike near Jilib on Sunday, killing five "
                  "al-Shabaab fighters. The strike was conducted in coordination with the Somali government, it said.",
                  dt.date(2025, 9, 9))
    assert [r["event_type"] for r in rows] == ["MILITARY_OPERATION"]


def test_a_strike_with_a_place_of_its_own_is_not_named_again(events):
    rows = events("Jets carried out an air strike near Jilib on Sunday, killing five fighters. On Monday the strike "
                  "on a market in Baidoa killed four traders.", dt.date(2025, 9, 9))
    assert len(rows) == 2


def test_a_siege_ended_a_day_after_it_began_is_one_incident(events):
    rows = attacks(events("Troops ended a siege at a hotel in Kismayo early Tuesday after al-Shabaab fighters stormed "
                          "it on Monday night, killing nine people.", dt.date(2025, 9, 9)))
    assert len(rows) == 1


@pytest.mark.parametrize("text, kind, killed", [
    ("Security forces killed 11 militants in an exchange of fire in Datta Khel on Monday.", "MILITARY_OPERATION", 11),
    ("Troops chased the raiders into the hills on Sunday and killed 12 insurgents near Dikwa.", "MILITARY_OPERATION", 12),
    ("Police killed all five attackers after a six-hour siege at a hotel in Kismayo on Monday.", "ATTACK", None),
    ("Gunmen stormed a hotel in Kismayo on Monday. In the battle that followed, soldiers killed all six militants.",
     "ATTACK", None),
])
def test_state_forces_killing_militants_is_an_operation_but_killing_the_attackers_is_not(events, text, kind, killed):
    rows = events(text, dt.date(2025, 1, 20))
    assert [(r["event_type"], r["killed"]) for r in rows] == [(kind, killed)]


def test_an_incident_recalled_in_a_clause_weeks_before_is_another(events):
    rows = attacks(events("The bombing in Quetta on Friday came weeks after militants stormed a checkpost in Turbat "
                          "on 2 April, killing six soldiers.", dt.date(2025, 5, 3)))
    assert sorted(r["date_start"].isoformat() for r in rows) == ["2025-04-02", "2025-05-02"]


@pytest.mark.parametrize("text, kind", [
    ("Unidentified men hurled a hand grenade at a police station in Turbat on Sunday, wounding two constables.", "ATTACK"),
    ("Militants fired two rockets at an army camp in Zhob on Monday.", "ATTACK"),
    ("Troops shelled militant hideouts in the Tirah valley on Monday, the army said.", "MILITARY_OPERATION"),
    ("Police fired tear gas at protesters in Lahore on Monday.", None),
    ("Soldiers fired warning shots near the border post on Monday.", None),
])
def test_grenades_rockets_and_shelling_are_attacks_or_operations_tear_gas_is_neither(events, text, kind):
    assert [r["event_type"] for r in events(text, dt.date(2025, 1, 20))] == ([kind] if kind else [])


@pytest.mark.parametrize("text, kind", [
    ("A minibus ran over people queueing for a bus in Lahore on Monday, killing five.", "ATTACK"),
    ("A man drove a truck into a crowd of shoppers at a market in Kabul on Monday, killing five.", "ATTACK"),
    ("A bus plunged into a ravine in Swat on Monday, killing five passengers.", None),
    ("A truck ran over a motorcyclist on the highway near Swat on Monday, killing him.", None),
])
def test_a_vehicle_driven_into_people_is_an_attack_a_road_accident_is_not(events, text, kind):
    assert [r["event_type"] for r in events(text, dt.date(2025, 1, 20))] == ([kind] if kind else [])


@pytest.mark.parametrize("text, kind", [
    ("A radicalised Islamist stabbed four people to death at a police station in Lyon on Monday.", "ATTACK"),
    ("Baloch gunmen attacked a bus in Kalat on Monday.", "ATTACK"),
    ("Pakistani jets struck hideouts in Paktika on Monday.", "MILITARY_OPERATION"),
    ("A US strike hit a militant hideout near Idlib on Monday.", "MILITARY_OPERATION"),   # "US" tagged a place
    ("A Kabul strike by the group killed four people on Monday.", "ATTACK"),   # a town's name says where, not who
])
def test_a_creed_or_people_is_no_state_a_nation_is(events, text, kind):
    assert [r["event_type"] for r in events(text, dt.date(2025, 1, 20))] == [kind]


@pytest.mark.parametrize("text, kind", [
    ("Nine soldiers were killed when rebels triggered a powerful explosive device near their truck in Bijapur.", "ATTACK"),
    ("Militants planted a roadside bomb near the school in Mastung on Monday.", "ATTACK"),
    ("A gunman fired shots at the embassy gate in Bishkek on Monday, wounding a guard.", "ATTACK"),
    ("Police set up a checkpoint near the bomb disposal van on Monday.", None),
])
def test_a_device_set_off_or_shots_fired_at_someone_are_attacks(events, text, kind):
    assert [r["event_type"] for r in events(text, dt.date(2025, 1, 20))] == ([kind] if kind else [])


def test_a_year_before_an_incidents_name_dates_it_when_the_model_left_it_out(nlp):
    """The model may read "the 2014 ... attack" as part of a name and give no date row for it."""
    from pipeline.event_time import dates_in

    doc = nlp("The curfew followed the 2012 Bacha Khan Airport attack in Peshawar, which the Taliban claimed.")
    (trigger,) = [t for t in doc if t.lower_ == "attack"]
    (year,) = dates_in(trigger, [], own=False)
    assert (year["start"], year["end"], doc.text[year["start_char"]:year["end_char"]]) == (
        dt.date(2012, 1, 1), dt.date(2012, 12, 31), "2012")
    given = {"value": "2012", "start": dt.date(2012, 1, 1), "end": dt.date(2012, 12, 31),
             "start_char": year["start_char"], "end_char": year["end_char"]}
    assert dates_in(trigger, [given], own=False) == [given]  # a year the model found is not given twice
    doc = nlp("Police said 2012 was calm, and gunmen attack a checkpoint in Peshawar on most nights now.")
    (trigger,) = [t for t in doc if t.lower_ == "attack"]
    assert dates_in(trigger, [], own=False) == []


@pytest.mark.parametrize("text, target", [
    ("Later attacks in the city included a school massacre in 2016.", "school"),
    ("The minister recalled the 2019 Quetta mosque bombing.", "mosque"),
    ("Police said a suicide bombing killed four people in Quetta.", None),   # how, not what
])
def test_a_kind_of_place_before_the_incidents_noun_is_its_target(events, text, target):
    (row,) = attacks(events(text))
    assert row["target"] == target


@pytest.mark.parametrize("text, actors", [
    ("On 3 May 2022, a bomb exploded at a shrine in Herat, killing nine people. Since then IS-K has claimed "
     "several attacks in the north. These include a bombing at a Mazar-i-Sharif mosque that killed 31 people.",
     ["iskp"]),
    ("On 3 May 2022, a bomb exploded at a shrine in Herat, killing nine people. Since then IS-K has claimed "
     "several attacks in the north. Among them was a bombing at a Mazar-i-Sharif mosque that killed 31 people.",
     ["iskp"]),
    ("On 3 May 2022, a bomb exploded at a shrine in Herat, killing nine people. Since then IS-K has led an insurgency "
     "in the north and has claimed several attacks there. These include a bombing at a Mazar-i-Sharif mosque that "
     "killed 31 people.", ["iskp"]),                                   # the claim's verb shares the subject
    ("On 3 May 2022, a bomb exploded at a shrine in Herat, killing nine people. The TTP and the BLA have claimed "
     "many attacks. These include a bombing in Quetta.", []),          # two groups: whose it was is unsaid
])
def test_an_incident_listed_among_the_claimed_attacks_of_the_sentence_before_takes_its_group(events, text, actors):
    rows = attacks(events(text))
    (listed,) = [r for r in rows if r["date_start"] is None]
    assert listed["actor_ids"] == actors


def test_an_attack_found_to_be_tied_to_a_group_names_it_a_suspect(events):
    rows = attacks(events("Eight people were injured in a grenade attack on a bar in Puchong on Monday. The attack was "
                          "first thought to be a business dispute but was later found to be tied to the Islamic State "
                          "group.", dt.date(2016, 6, 29)))
    assert [r["actor_ids"] for r in rows] == [["islamic-state"]]


def test_several_explosions_named_the_attack_are_one_incident(events):
    rows = attacks(events("Several explosions followed by gunfire occurred near a cafe and a police post. The attack involved "
                          "seven men and was directed by ISIL.", dt.date(2016, 1, 15)))
    assert [r["actor_ids"] for r in rows] == [["islamic-state"]]


def test_the_city_unnamed_is_the_story_s_town(events):
    rows = events("KABUL, Afghanistan — A bomb exploded outside a school on Monday, killing six pupils.\n\n"
                  "The Islamic State group said one of its fighters had carried it out.\n\nThe Taliban said "
                  "security had been tightened.\n\nLate on Tuesday, police raided a house in the city's seventh "
                  "district and arrested two men.", dt.date(2025, 6, 4))
    (arrest,) = [r for r in rows if r["event_type"] == "ARREST"]
    assert arrest["place"] == "Kabul"


@pytest.mark.parametrize("text, place", [
    # a later sentence on the same blast names the town inside the district, by another spelling
    ("A bomb tore through a wedding party in Bajur district on Friday, killing nine guests.\n\n"
     "The wedding was being held in a village outside Khar when the blast happened, police said.", "Khar"),
    # a town inside the district its seat's name stands for, in the same sentence
    ("Gunmen stormed a levies post in DI Khan's Paharpur area overnight, killing four guards.", "Paharpur"),
    # ... the seat written out, nearer the deed than the town
    ("Four guards were killed as gunmen stormed a levies post in Dera Ismail Khan's Paharpur area overnight.",
     "Paharpur"),
])
def test_a_town_inside_the_district_named_first_places_the_incident(events, text, place):
    (row,) = attacks(events(text, dt.date(2024, 5, 4)))
    assert row["place"] == place and row["province"] == "Khyber Pakhtunkhwa"


@pytest.mark.parametrize("text", [
    "Three gunmen stormed a levies checkpoint near Turbat on Friday. One attacker's grenade went off when "
    "the police opened fire after coming under attack, officials said.",
    "Militants ambushed a police van in Lakki Marwat on Monday, and the police opened fire, a spokesman said.",
])
def test_police_firing_back_inside_an_attack_is_no_operation_of_its_own(events, text):
    rows = events(text, dt.date(2024, 2, 3))
    assert [r["event_type"] for r in rows] == ["ATTACK"]


def test_police_opening_fire_on_their_own_is_still_an_operation(events):
    rows = events("Police opened fire on a gang of kidnappers near Kashmore on Friday, officials said.", dt.date(2024, 2, 3))
    assert [r["event_type"] for r in rows] == ["MILITARY_OPERATION"]


@pytest.mark.parametrize("text", [
    "Police recovered two IEDs, a hand grenade and detonators from a hideout in Quetta on Monday, a spokesman said.",
    "The raid ended with the seizure of a bomb and two grenades, the CTD said on Monday.",
])
def test_explosives_found_or_taken_are_no_attack(events, text):
    assert attacks(events(text, dt.date(2024, 6, 4))) == []


def test_a_search_after_an_abduction_is_no_operation_of_its_own(events):
    rows = events("Gunmen abducted four labourers from a construction site near Kalat on Sunday. Security forces "
                  "launched a search operation in the area, officials said.", dt.date(2024, 6, 4))
    assert [r["event_type"] for r in rows] == ["ATTACK"]


def test_a_workers_strike_named_again_in_the_document_is_no_attack(events):
    text = ("Shopkeepers in Quetta observed a strike on Tuesday to protest against extortion demands.\n\n"
            "\"Our members were angry because the chamber did not stand with us in this strike,\" a union "
            "leader said.\n\nThe strike was a success, with every market of the city closed.")
    assert attacks(events(text, dt.date(2024, 4, 9))) == []


def test_a_military_strike_keeps_its_reading_beside_a_workers_strike(events):
    text = ("Traders observed a strike in Peshawar on Monday.\n\n"
            "Separately, a US drone strike killed four militants in North Waziristan on Monday.")
    rows = events(text, dt.date(2024, 4, 9))
    assert [r["event_type"] for r in rows] == ["MILITARY_OPERATION"]


def test_a_kind_of_crime_a_protest_stands_against_is_no_incident(events):
    text = ("The jirga announced a sit-in against the rising lawlessness, targeted killing and extortion in the "
            "district. Traders held a protest against extortion, kidnapping and targeted killing in Peshawar on Sunday.")
    assert events(text, dt.date(2024, 5, 6)) == []


def test_a_figurative_hit_is_no_attack(events):
    text = "The vaccination drive in Karachi hit another snag on Monday as health workers refused to take part."
    assert attacks(events(text, dt.date(2024, 5, 6))) == []


@pytest.mark.parametrize("agent", ["armed men", "masked men"])
def test_people_the_text_calls_armed_are_attackers(events, agent):
    (row,) = attacks(events(f"Five villagers were killed by {agent} near Djibo on Saturday.", dt.date(2019, 9, 23)))
    assert row["killed"] == 5


@pytest.mark.parametrize("weapon", ["A suicide van", "A booby-trapped motorcycle", "An explosives-laden lorry"])
def test_a_vehicle_made_a_weapon_that_kills_is_an_attack(events, weapon):
    (row,) = attacks(events(f"{weapon} killed 23 people outside a court in Mardan on Tuesday.", dt.date(2021, 3, 3)))
    assert (row["killed"], row["date_start"]) == (23, dt.date(2021, 3, 2))


def test_a_vehicle_that_kills_without_a_weapons_word_is_no_attack(events):
    assert attacks(events("A speeding van killed 3 people outside a court in Mardan on Tuesday.", dt.date(2021, 3, 3))) == []


@pytest.mark.parametrize("later, rows", [
    ("The Jalalabad Crown Nightclub shootings was carried out by a teenager who had pledged loyalty to the group.", 2),
    ("The Kabul bombing was carried out by a teenager who had pledged loyalty to the group.", 1),
])
def test_a_definite_noun_named_after_another_town_is_another_incident(events, later, rows):
    text = ("A suicide truck killed 60 people and wounded about 90 at a market in Kabul on Friday.\n\n"
            "The blast, which struck during the evening rush, was the deadliest in the city this year.\n\n" + later)
    assert len(attacks(events(text, dt.date(2024, 6, 8)))) == rows


LONE_STORY = ("Gunmen stormed the central jail of Kandahar, leaving 20 people dead, officials said on Monday.\n\n"
              "The assault began on Sunday night with a car bomb at the gate.\n\n"
              "There were 900 inmates in the jail at the time, a security source said.\n\n")


@pytest.mark.parametrize("later, wounded", [
    ("According to the governor, 400 escaped inmates were caught again. More than 40 people were injured.", 40),
    ("In 2019, 35 people were injured in Herat province, officials recalled.", None),   # another day's, another province
    ("More than 4,000 people have been injured in attacks in the province since 2019.", None),   # many incidents'
])
def test_a_lone_storys_missing_figure_comes_from_a_later_sentence_that_tells_nothing_else(events, later, wounded):
    (row,) = attacks(events(LONE_STORY + later, dt.date(2024, 6, 10)))
    assert (row["killed"], row["wounded"]) == (20, wounded)


ATTACK_THEN_FORCES = ("Gunmen stormed a district court in Mardan on Tuesday, killing nine people, police said.\n\n"
                      "The assault began with a grenade thrown at the gate.\n\n")


def test_forces_killing_the_attackers_end_the_attack_told_before(events):
    text = ATTACK_THEN_FORCES + "Security forces killed four of the attackers in a clearing operation that lasted until dawn."
    rows = events(text, dt.date(2021, 3, 3))
    assert [(r["event_type"], r["killed"], r["perpetrators_killed"]) for r in rows] == [("ATTACK", 9, 4)]


@pytest.mark.parametrize("later", [
    "According to the police chief, security forces later killed four militants in Swat.",
    "In Swat, security forces killed four of the attackers in a clearing operation that lasted until dawn.",
    "Police raided hideouts in Mardan overnight, killing four militants, one of them the driver who took the gunmen there.",
])
def test_an_operation_elsewhere_or_against_militants_stays_an_operation(events, later):
    rows = events(ATTACK_THEN_FORCES + later, dt.date(2021, 3, 3))
    assert [(r["event_type"], r["killed"]) for r in rows] == [("ATTACK", 9), ("MILITARY_OPERATION", 4)]


def test_a_summary_of_several_incidents_told_one_by_one_is_no_row_of_its_own(events):
    text = ("Eleven people have been killed in two attacks in northern Burkina Faso, officials said on Tuesday.\n\n"
            "Seven people were killed by armed men on Sunday night at a market in Djibo, a security source said.\n\n"
            "Four others were shot dead on Monday in the village of Arbinda.")
    rows = attacks(events(text, dt.date(2019, 9, 24)))
    assert sorted(r["killed"] for r in rows) == [4, 7]


def test_a_summary_told_alone_stays_the_documents_incident(events):
    text = ("Two drone strikes on Tuesday killed eight militants in North Waziristan, officials said.\n\n"
            "The army has stepped up its campaign in the tribal districts since January.")
    rows = events(text, dt.date(2024, 5, 8))
    assert [(r["event_type"], r["killed"]) for r in rows] == [("MILITARY_OPERATION", 8)]


def test_a_definite_noun_beside_the_verb_an_event_is_read_from_points_back(events):
    text = ("KABUL, Afghanistan: Gunmen have shot and killed at least two people in eastern Parwan province, "
            "including a district judge, an Afghan official says.\n\n"
            "A police spokesman said Saturday the judge, known as Mawlawi Sadiq, was the target.\n\n"
            "The Saturday attack was carried out by two men on a motorbike who shot the judge as he left a mosque "
            "near his home, the spokesman said.\n\n"
            "Nobody has claimed the attack in Parwan, but police said three suspects were detained.")
    rows = attacks(events(text, dt.date(2023, 6, 3)))
    assert len(rows) == 1 and rows[0]["killed"] == 2  # one row, though "shot" is read before "The Saturday attack"


def test_an_incident_recalled_hours_before_keeps_its_own_toll_and_place(events):
    text = ("Two suicide bombers stormed a police compound in Bara on Thursday, killing four people and wounding 11.\n\n"
            "The attack came hours after militants fatally shot three police officers and wounded two others in an "
            "overnight gun attack on a checkpoint near Peshawar.")
    rows = sorted(attacks(events(text, dt.date(2023, 2, 2))), key=lambda r: r["place"])
    assert [(r["place"], r["killed"]) for r in rows] == [("Bara", 4), ("Peshawar", 3)]


def test_wounded_told_with_also_paragraphs_later_join_the_story(events):
    text = ("Militants attacked a check post in Lakki Marwat district on Monday, killing six soldiers.\n\n"
            "The soldiers fought back for two hours before reinforcements arrived.\n\n"
            "The martyred soldiers were from Karak and Bannu districts.\n\n"
            "Four more soldiers were also wounded during the exchange of fire with the attackers.")
    (row,) = attacks(events(text, dt.date(2024, 3, 5)))
    assert (row["killed"], row["wounded"]) == (6, 4)


def test_claimants_a_colon_lists_after_unnamed_groups_are_the_actors(events):
    text = ("A suicide bomber rammed a police van in Quetta on Monday, killing nine officers.\n\n"
            "Two groups claimed the bombing: the Pakistani Taliban and Jamaat-ul-Ahrar.")
    (row,) = attacks(events(text, dt.date(2023, 3, 7)))
    assert sorted(row["actor_ids"]) == ["jua", "ttp"]


def test_an_incident_recalled_against_a_dated_clause_is_dated_from_it_and_placed_by_its_object(events):
    text = ("Security forces killed six militants in North Waziristan on Tuesday, the military said.\n\n"
            "The region was the centre of an offensive the army launched in June 2014, days after militants "
            "attacked Karachi airport.")
    rows = attacks(events(text, dt.date(2025, 7, 16)))
    assert [(r["place"], str(r["date_start"])[:7]) for r in rows] == [("Karachi", "2014-05")]


def test_an_operation_an_attack_avenges_is_the_offensive_a_later_section_names(events):
    text = ("Gunmen stormed a police academy near Lahore on 12 March 2010, killing 18 recruits. The attack, claimed "
            "by the TTP in retaliation for the army's Operation Rah-e-Nijat, shocked the country.\n\n"
            "== Background ==\n\n"
            "In October 2009, the army launched a major offensive against militants in South Waziristan. "
            "The offensive, codenamed Operation Rah-e-Nijat, followed months of air strikes.")
    rows = [r for r in events(text) if r["event_type"] == "MILITARY_OPERATION"]
    assert len(rows) == 1 and rows[0]["place"] == "South Waziristan"
    assert str(rows[0]["date_start"])[:7] == "2009-10" and "Rah-e-Nijat" in text[rows[0]["start_char"]:rows[0]["end_char"]]


def test_a_named_campaign_that_unnamed_strikes_led_up_to_is_a_row_of_its_own(events):
    text = ("After the airport siege, the air force struck militant hideouts in North Waziristan on 10 June 2014, "
            "killing 25 militants. These strikes culminated in Operation Zarb-e-Azb, a ground offensive against "
            "militants in North Waziristan.")
    rows = [r for r in events(text, dt.date(2014, 6, 20)) if r["event_type"] == "MILITARY_OPERATION"]
    assert len(rows) == 2 and sorted(r["killed"] or 0 for r in rows) == [0, 25]


def test_the_attack_in_a_town_named_later_places_it_over_the_dateline(events):
    text = ("Roadside bomb kills three in southwest Pakistan\n\n"
            "QUETTA, Pakistan — A bomb hidden on a motorcycle exploded near a police station on Saturday, killing "
            "three people, police said.\n\n"
            "Nobody has claimed the attack in Pishin, a district of Balochistan.")
    (row,) = attacks(events(text, dt.date(2024, 8, 24)))
    assert row["place"] == "Pishin" and row["killed"] == 3


def test_attackers_identified_as_members_of_a_group_are_its_perpetrators(events):
    text = ("Gunmen kidnapped 12 workers of a mining company in Lakki Marwat on Thursday. The assailants, "
            "identified as members of the Tehrik-i-Taliban Pakistan, set the workers' van on fire.")
    (row,) = attacks(events(text, dt.date(2024, 10, 11)))
    assert row["actor_ids"] == ["ttp"]


@pytest.mark.parametrize("named, actors", [
    ("as the chief planner of the bombing", ["ttp"]),
    ("as one of the planners of the bombing", ["ttp"]),
    ("as one of the dead", []),      # named among the victims: no doer
])
def test_a_member_of_a_group_identified_as_the_mind_behind_the_attack_names_its_doer(events, named, actors):
    text = ("A bomb hit a van carrying engineers near Besham on Monday, killing six people. The counter-terrorism "
            f"department identified Abdul Wali, a senior TTP commander, {named}.")
    (row,) = attacks(events(text, dt.date(2024, 3, 27)))
    assert list(row["actor_ids"]) == actors


def test_a_verb_that_qualifies_counted_attacks_is_no_incident(events):
    text = ("Since the ceasefire collapsed in 2022, the province has seen a sharp rise in the number of attacks "
            "targeting police stations.")
    assert attacks(events(text, dt.date(2025, 1, 28))) == []


def test_explosives_listed_as_recovered_are_no_attack(events):
    text = ("The CTD arrested five suspects in Multan on Monday. The spokesman said that explosives, an IED bomb, "
            "four detonators and a pistol were recovered from the suspects.")
    assert attacks(events(text, dt.date(2024, 5, 7))) == []


@pytest.mark.parametrize("sentence, noun, several", [
    ("Six Taliban members were killed in armed attacks on their forces in the two provinces.", "attacks", True),
    ("Nine people died in two attacks in the north.", "attacks", True),
    ("Twin blasts killed ten people in Quetta.", "blasts", False),
    ("Two gunmen attacked a checkpoint in Kunar.", "gunmen", False),
    ("The group carried out several attacks, including the bombing of a mosque.", "attacks", False),
])
def test_a_plural_incident_noun_counted_as_several(nlp, config, sentence, noun, several):
    from pipeline.assembly import counted_several
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == noun)
    people = frozenset(config.events.words["perpetrator"])
    assert counted_several(token, people) is several


def test_the_place_of_a_motive_is_not_where_the_attack_was(events):
    text = ("A man stabbed three people at a festival in Solingen on Friday night. The group said the attacker "
            "carried out the stabbing on Friday to avenge Muslims in Palestine.")
    rows = attacks(events(text, dt.date(2024, 8, 25)))
    assert [r["place"] for r in rows] == ["Solingen"]


def test_a_night_attack_told_over_by_the_next_morning_is_one_row(events):
    text = ("On 3 May 2019, gunmen stormed a hotel in Kabul, killing 20 people.\n\n"
            "Officials said the attack was over by the morning of 4 May, with three attackers and at least 20 "
            "others killed.")
    rows = attacks(events(text))
    assert len(rows) == 1 and str(rows[0]["date_start"]) == "2019-05-03"


def test_a_venue_named_after_its_town_places_the_attack_in_that_town_over_the_province(events):
    text = ("Militants stormed the naval aviation base on 22 May 2011, near the Faisal Air Force Base of Karachi, "
            "Sindh, killing ten servicemen.")
    (row,) = attacks(events(text))
    assert row["place"] == "Karachi" and row["province"] == "Sindh"


@pytest.mark.parametrize("text", [
    "The interior minister asked Kabul to arrest and hand over the TTP leaders hiding in Kunar.",
    "Traders observed a shutterdown strike in Bajaur district on Monday against the lawlessness.",
    "Security officials said a sanitisation operation was under way in the area to clear any remaining militants.",
    "The army chief reaffirmed the army's commitment to eliminating the khwarij from the tribal districts.",
])
def test_requests_shutdowns_sweeps_and_commitments_are_no_incident(events, text):
    assert events(text, dt.date(2024, 12, 26)) == []


def test_the_states_term_for_militants_killed_makes_an_operation_not_a_killing(events):
    rows = events("During the operation in Sararogha, troops neutralised thirteen khwarij, the ISPR said.",
                  dt.date(2024, 12, 25))
    assert [(r["event_type"], r["killed"]) for r in rows] == [("MILITARY_OPERATION", 13)]


def test_a_group_that_assassinates_makes_an_attack_and_the_named_victim_is_its_target(events):
    text = ("Unidentified gunmen have assassinated a religious teacher in Nangarhar province, officials said.\n\n"
            "The gunmen shot dead Mawlavi Abdul Rahim near his home in the Kama district, the governor's office said.")
    rows = events(text, dt.date(2024, 7, 3))
    assert [(r["event_type"], r["target"]) for r in rows] == [("ATTACK", "Mawlavi Abdul Rahim")]


def test_condolences_for_those_killed_in_the_blast_are_no_incident(events):
    text = ("The prime minister condemned the bombing and expressed condolences to the families of those martyred "
            "in the bomb explosion, his office said in Islamabad.")
    assert events(text, dt.date(2025, 1, 5)) == []


@pytest.mark.parametrize("text, kinds", [
    ("Gunmen abducted six workers in Khuzdar on Thursday. As soon as the incident was reported, security forces "
     "launched a joint operation.", ["ATTACK"]),
    ("Gunmen abducted six workers in Khuzdar on Thursday. After the attack, security forces launched an operation "
     "and killed three militants.", ["ATTACK", "MILITARY_OPERATION"]),
])
def test_an_operation_launched_after_the_incident_with_nothing_found_is_its_search(events, text, kinds):
    assert sorted(r["event_type"] for r in events(text, dt.date(2025, 10, 24))) == kinds


def test_the_militants_own_campaign_is_no_military_operation(events):
    text = "The insurgents justify their violent campaign, saying they fight for the independence of the province."
    assert events(text, dt.date(2025, 1, 5)) == []


@pytest.mark.parametrize("text, kind", [
    ("One killed, several injured in Afghanistan's Mazar-i-Sharif blast", "ATTACK"),
    ("Pakistan's air strikes killed eight people in Khost on Monday.", "MILITARY_OPERATION"),
])
def test_a_countrys_possessive_before_a_town_says_where_not_whose(events, text, kind):
    assert [r["event_type"] for r in events(text, dt.date(2023, 3, 11))] == [kind]


def test_militants_gunned_down_in_an_operation_make_one_operation_that_holds_its_arrest(events):
    text = ("Four militants were gunned down while a fifth was captured wounded in an intelligence-based "
            "operation in Kech district, the military said on Friday.")
    rows = events(text, dt.date(2025, 2, 7))
    assert [(r["event_type"], r["killed"], r["place"]) for r in rows] == [("MILITARY_OPERATION", 4, "Kech")]


@pytest.mark.parametrize("text, kinds", [
    ("Three insurgents were killed in a gun battle with police in Zhob on Sunday.", ["MILITARY_OPERATION"]),
    ("Militants clashed with border guards in Chaman on Sunday, wounding two of them.", ["ATTACK"]),
    ("Gunmen stormed a hotel in Gwadar on Sunday. The four gunmen were later killed in an exchange of fire "
     "with security forces.", ["ATTACK"]),
])
def test_a_fight_that_state_forces_fight_is_an_operation_and_one_a_group_starts_an_attack(events, text, kinds):
    assert [r["event_type"] for r in events(text, dt.date(2025, 3, 3))] == kinds


@pytest.mark.parametrize("text, row", [
    ("Security forces launched an operation against militants in Tank district on Monday, the army said.\n\n"
     "During an intense exchange of fire, five militants were gunned down.", ("MILITARY_OPERATION", 5)),
    ("Militants attacked a police post in Kulachi on Monday night, killing two constables.\n\n"
     "In the ensuing exchange of fire, three militants were killed.", ("ATTACK", 2)),
])
def test_a_fight_with_no_side_named_goes_on_with_the_incident_told_before_it(events, text, row):
    assert [(r["event_type"], r["killed"]) for r in events(text, dt.date(2025, 3, 4))] == [row]


def test_the_day_an_operation_took_place_over_the_day_the_military_announced_it(events):
    text = ("Security forces killed six militants in an operation in Awaran district, the military said on "
            "Thursday. The operation took place last night, it said.")
    (row,) = events(text, dt.date(2025, 3, 13))
    assert row["date_start"] == dt.date(2025, 3, 12)


def test_gunned_down_counts_the_killed(events):
    (row,) = events("Gunmen gunned down two policemen in Dera Ismail Khan on Monday.", dt.date(2025, 3, 4))
    assert (row["event_type"], row["killed"]) == ("ATTACK", 2)


@pytest.mark.parametrize("text, place", [
    ("Militants fired rockets at a checkpost in the Tirah valley on Friday.", "Tirah"),
    ("Four soldiers were killed by a roadside bomb in the Tirah valley of the Khyber tribal district.", "Tirah"),
    ("Two policemen were shot dead by militants in Balochistan’s Kech District, officials said on Tuesday.", "Kech"),
])
def test_an_attack_in_a_valley_or_a_district_named_with_its_kind_word_is_placed_there(events, text, place):
    (row,) = events(text, dt.date(2025, 3, 8))
    assert row["place"] == place


def test_an_incident_recalled_days_before_a_story_dated_by_publication_is_dated_back(events):
    text = ("Gunmen shot dead a police officer in Quetta, police said.\n\n"
            "The killing came three days after a bomb in Pishin killed two soldiers.")
    rows = events(text, dt.date(2024, 5, 10))
    assert sorted((r["place"], r["date_start"]) for r in rows) == [
        ("Pishin", dt.date(2024, 5, 7)), ("Quetta", dt.date(2024, 5, 10))]


@pytest.mark.parametrize("text", [
    "A bomb in Kandahar killed the district governor, Abdul Wali Sarhadi, and two bodyguards on Monday.",
    "The blast killed two soldiers and the driver of their vehicle in Kech on Monday.",
    "Gunmen killed Abdul Wali Sarhadi and two guards in Kandahar on Monday.",
])
def test_a_definite_or_named_person_listed_with_a_count_of_killed_is_added_once(events, text):
    (row,) = events(text, dt.date(2024, 5, 14))
    assert row["killed"] == 3


@pytest.mark.parametrize("text, rows", [
    ("Unidentified gunmen shot dead a school teacher and two others in separate incidents of violence in Khyber Pakhtunkhwa, police "
     "said on Friday.\n\nIn Bannu, gunmen shot dead constable Ali Khan near his home on Thursday night. In Lakki "
     "Marwat, two shopkeepers were killed by unidentified attackers on Friday morning.",
     [("Bannu", 1), ("Lakki Marwat", 2)]),
    ("A series of attacks on police posts killed five people in Khyber Pakhtunkhwa, officials said.\n\n"
     "In Tank, a bomb killed two policemen at a checkpost. In Lakki Marwat, a roadside bomb killed three constables.",
     [("Lakki Marwat", 3), ("Tank", 2)]),
])
def test_a_sentence_summing_up_separate_incidents_told_after_it_is_no_row(events, text, rows):
    assert sorted((r["place"], r["killed"]) for r in events(text, dt.date(2024, 10, 25))) == rows


def test_shot_dead_before_a_title_and_name_is_one_killed(events):
    (row,) = events("In Bannu, gunmen shot dead constable Ali Khan near his home on Thursday night.", dt.date(2024, 10, 25))
    assert row["killed"] == 1


def test_clashes_between_civilians_are_no_attack_nor_when_told_again(events):
    text = ("Traders shut their shops in Karachi on Tuesday. Clashes broke out between the supporters of the "
            "chamber of commerce and traders near the market.\n\nThe clashes were unfortunate, the chamber's "
            "president said.")
    assert events(text, dt.date(2025, 1, 7)) == []


def test_a_counter_terror_operation_is_a_military_operation_with_its_own_toll(events):
    text = ("Gunmen shot dead a constable in Bannu on Monday, police said.\n\n"
            "Last week, two policemen were killed during a counter-terror operation in Karak district.")
    rows = events(text, dt.date(2025, 12, 1))
    assert sorted((r["event_type"], r["place"], r["killed"]) for r in rows) == [
        ("ATTACK", "Bannu", 1), ("MILITARY_OPERATION", "Karak", 2)]


@pytest.mark.parametrize("text", [
    "Police arrested three suspects in Quetta on Monday. The arrested terrorists are members of Tehreek-e-Taliban "
    "Pakistan and Daesh, officials said.",
    "Police arrested two TTP militants in Peshawar on Monday.",
])
def test_the_group_of_the_ones_arrested_is_not_the_arrests_actor(events, text):
    (row,) = events(text, dt.date(2025, 2, 4))
    assert (row["event_type"], row["actor_ids"]) == ("ARREST", [])


@pytest.mark.parametrize("text, actors", [
    ("Gunmen attacked a checkpost in Tank on Monday, killing two policemen.\n\nMore than 200 attacks have hit the "
     "province this year, most of them claimed by the TTP.", {"Tank": []}),
    ("A suicide bomber killed four people at a market in Kabul on Monday.\n\nISKP has staged a string of attacks on "
     "Shia mosques over the past year. In March, a bomber killed ten worshippers at a mosque in Herat.",
     {"Kabul": [], "Herat": ["iskp"]}),
])
def test_a_group_named_with_a_count_of_attacks_claims_only_the_example_told_right_after(events, text, actors):
    assert {r["place"]: r["actor_ids"] for r in events(text, dt.date(2025, 6, 3))} == actors


def test_officers_named_by_their_force_who_kill_militants_make_an_operation_in_the_area_of_the_city(events):
    text = ("KARACHI: Counter-terrorism officers killed three suspected militants in a shootout in the Gulbai "
            "area of the city on Sunday, police said.")
    (row,) = events(text, dt.date(2025, 7, 21))
    assert (row["event_type"], row["killed"], row["location"]) == (
        "MILITARY_OPERATION", 3, "Gulbai, Karachi, Sindh, Pakistan")


@pytest.mark.parametrize("response, kinds", [
    ("In response, army officers shot dead two of the attackers' accomplices.", ["ATTACK"]),
    # a fight with "the attackers" told before is their attack's
    ("During the exchange of fire between the police and the attackers, one officer was killed.", ["ATTACK"]),
    # ... a fight with militants of the forces' own finding is their operation
    ("In a separate raid, an exchange of fire between troops and terrorists left four terrorists dead in Bannu.",
     ["ATTACK", "MILITARY_OPERATION"]),
])
def test_forces_answering_an_attack_in_response_are_part_of_it(events, response, kinds):
    text = ("Militants attacked a check post in Kurram on Thursday night, killing three soldiers, the army said.\n\n"
            + response)
    assert sorted(r["event_type"] for r in events(text, dt.date(2025, 2, 14))) == kinds


@pytest.mark.parametrize("text, killed", [
    ("A local commander of the group, Mullah Abdul Ghani, was killed along with two of his bodyguards when a drone "
     "struck his car in Shawal on Sunday.", 3),
    ("Gunmen killed a tribal elder along with three of his sons in Kurram on Sunday.", 4),
    ("Gunmen killed five soldiers along with two civilians in Kurram on Sunday.", 7),
])
def test_one_person_killed_along_with_a_count_is_added_to_it(events, text, killed):
    (row,) = events(text, dt.date(2025, 8, 19))
    assert row["killed"] == killed


def test_an_attack_hours_after_a_statement_is_dated_by_the_statements_day(events):
    text = ("A drone strike killed a militant commander in Datta Khel on Sunday, officials said. In a statement on "
            "Monday, the group confirmed his death.\n\nHours after the statement, militants attacked a checkpost "
            "near Mir Ali, killing two soldiers.")
    rows = {r["place"]: r["date_start"] for r in events(text, dt.date(2025, 8, 20))}
    assert rows["Mir Ali"] == dt.date(2025, 8, 18)


def test_a_village_told_next_is_where_the_incident_was_and_a_groups_province_claims_it(events):
    text = ("KHAR: Gunmen shot dead two health workers in the Mamund tehsil of Bajaur district on Monday, officials "
            "said. The team had been visiting homes in the village of Darra Kandao when two men opened fire on them."
            "\n\nLater in the evening, the Islamic State's Pakistan province claimed the killings.")
    (row,) = events(text, dt.date(2025, 4, 22))
    assert (row["location"], row["killed"], row["actor_ids"]) == (
        "Darra Kandao, Mamund, Bajaur Agency, Khyber Pakhtunkhwa, Pakistan", 2, ["ispp"])


@pytest.mark.parametrize("text, target", [
    ("Police on Tuesday arrested a suspected militant in a raid in Sukkur, officials said. During the raid, police "
     "arrested the suspect – identified as Gul Hassan – with explosives.", "Gul Hassan"),
    ("A wanted militant commander was extradited to Pakistan from Qatar on Monday, officials said. The suspect, "
     "Abdul Qadir Mengal, had been on the run for six years.", "Abdul Qadir Mengal"),
    ("Gunmen shot dead a shopkeeper in Quetta on Monday, police said. The deceased was identified as Noor Ahmed.",
     "Noor Ahmed"),
    ("A suicide bomber killed three policemen at a checkpost in Quetta on Monday, police said. The bomber was "
     "identified as Noor Ahmed.", "three policemen"),
    # every name of the list; the first may be tagged an organisation
    ("Police arrested two suspects in a raid in Quetta on Monday. The suspects were identified as Karim Dad and "
     "Jan Baloch.", "Karim Dad, Jan Baloch"),
    ("Gunmen kidnapped three officials in Tank on Monday. The kidnapped officials were identified as Deputy "
     "Director Amir Khan, Inspector Wali and Sher Zaman, a clerk.", "Deputy Director Amir Khan, Inspector Wali, Sher Zaman"),
    # the active voice: "sources identified the victim as X"
    ("Gunmen shot dead a young man in Kabul on Sunday, local sources said. The sources identified the victim as "
     "Habib Rahman, a shopkeeper.", "Habib Rahman"),
])
def test_the_person_a_later_sentence_identifies_is_the_incidents_target(events, text, target):
    (row,) = events(text, dt.date(2025, 3, 4))
    assert row["target"] == target


@pytest.mark.parametrize("text, target", [
    # "identified as" where the parse loses the names: read from the words, a title between
    ("A policeman was martyred in a gun attack by suspected militants in Bannu on Wednesday, police said.\n\n"
     "They said that the martyred cop, identified as police constable Imran Ali was deputed to guard the health "
     "workers.", "Imran Ali"),
    ("Two policemen were martyred when unidentified gunmen opened fire on a vaccination team in Mardan on Monday."
     "\n\nThe victims, identified as police constables Tariq and Nadir Shah, were on security duty for the team, "
     "said the district police officer.", "Tariq, Nadir Shah"),
    # the named dead of the attack's own sentences, an age between commas (one tagged an organisation)
    ("Two health workers have been shot dead in Swabi. Rubina Bibi, 28, was killed on the spot and Sadia Gul, 30, "
     "was critically injured and died later in hospital.", "Rubina Bibi, Sadia Gul"),
    # "opened fire on X" where the parse lost the object
    ("Unidentified gunmen on Saturday killed a prominent lawyer in Charsadda.\n\nA police officer said that two "
     "gunmen on a motorcycle opened fire on Ahmad Jan Yousafzai while he was driving his car on Saturday.",
     "Ahmad Jan Yousafzai"),
    # never an attacker's name, nor one who lived
    ("A suicide bomber killed two policemen at a checkpost in Quetta on Monday. The bomber, Noor Ahmed, was "
     "killed on the spot.", "two policemen"),
    ("Gunmen killed two policemen at a checkpost in Quetta on Monday. Constable Noor Ahmed was not killed but "
     "wounded.", "two policemen"),
])
def test_the_named_dead_of_an_attack_are_its_target(events, text, target):
    (row,) = events(text, dt.date(2025, 3, 4))
    assert row["target"] == target


def test_a_quarter_named_with_its_kind_word_is_one_place_in_the_datelines_town(events):
    text = ("KARACHI: The Counter-Terrorism Department arrested a suspected militant during a raid in the Jodia "
            "Bazaar area on Tuesday, officials said.\n\nAn official said the team raided a house in Jodia Bazaar "
            "and arrested the suspect with a pistol and hand grenades.")
    (row,) = events(text, dt.date(2025, 3, 4))
    assert row["location"] == "Jodia Bazaar, Karachi, Sindh, Pakistan"


@pytest.mark.parametrize("text, killed", [
    ("A local journalist was shot dead alongside her driver by unidentified attackers in Jalalabad on Thursday.", 2),
    ("A tribal elder was gunned down along with his son in Khost on Monday.", 2),
    ("Gunmen killed a tribal elder together with his driver in Khost on Monday.", 2),
    ("A tribal elder was gunned down along with his two guards in Khost on Monday.", 3),  # counted by the tolls
    ("A shopkeeper was shot dead alongside other traders in Khost on Monday.", 1),  # how many others: not said
    # "shot dead a shopkeeper", parsed with the shopkeeper under "dead"
    ("PESHAWAR: Gunmen on Saturday shot dead a shopkeeper in Shah Qabool area of the provincial capital.", 1),
    # a person named before, then "him" or "her"
    ("Noor Khan, a tribal elder, was in his car in Khost on Monday when gunmen opened fire, killing him.", 1),
    ("Rahila Noori, a journalist, was on her way to work in Khost on Monday when a gunman shot her dead along "
     "with her driver.", 2),
])
def test_one_killed_alongside_another_person_is_two_killed(events, text, killed):
    (row,) = events(text, dt.date(2025, 3, 4))
    assert row["killed"] == killed


def test_a_firing_incident_is_an_attack_and_the_next_sentence_near_an_unknown_station_goes_on_with_it(events):
    text = ("Militants attacked a checkpost in Bara on Tuesday, killing a soldier, officials said.\n\nSeparately, two "
            "cops were martyred and two injured in a firing incident in the Pishtakhara area of Peshawar last night. "
            "Police said that unidentified armed men opened fire on the cops at the checkpoint near Sufaid Dheri "
            "Model Town Police Station and fled.")
    rows = sorted((r["location"], r["killed"]) for r in events(text, dt.date(2025, 3, 4)))
    assert rows == [("Bara, Khyber Agency, Khyber Pakhtunkhwa, Pakistan", 1),
                    ("Pishtakhara, Peshawar, Khyber Pakhtunkhwa, Pakistan", 2)]


def test_the_arrested_men_named_again_bring_no_place_of_their_own(events):
    text = ("Police arrested four men in the Lyari area of Karachi on Monday. According to a spokesperson, the "
            "arrested men were involved in several killings in Manghopir and are also accused of killing a cleric "
            "in the Baldia Town area of Karachi.")
    (row,) = events(text, dt.date(2025, 3, 4))
    assert row["location"] == "Lyari, Karachi, Sindh, Pakistan"


@pytest.mark.parametrize("said", [
    "Hospital officials said his body has now been handed over to relatives.",
    "His body was carried to a clinic in Charsadda and then handed over to kin.",  # the verb before it has it
])
def test_a_body_handed_over_is_no_extradition(events, said):
    text = "Gunmen shot dead a local politician in Peshawar on Saturday. " + said
    assert [r["event_type"] for r in events(text, dt.date(2025, 3, 4))] == ["ATTACK"]


@pytest.mark.parametrize("text, actors", [
    # a bare "Taliban" in Pakistan, in a story that names the Pakistani Taliban: the TTP, one incident
    ("Taliban militants attacked a police station in Bannu on Monday, killing five policemen. Three suicide "
     "bombers blew themselves up at the gate, police said. Pakistani Taliban spokesman Ahsanullah Ahsan claimed "
     "responsibility for the attack.", [["ttp"]]),
    # no TTP named: the text does not decide
    ("Taliban militants attacked a police station in Bannu on Monday, killing five policemen.", [["taliban"]]),
    # a bare "Taliban" that denies is not the TTP that claims
    ("Gunmen attacked a college in Charsadda on Monday, killing 12 students. The Pakistani Taliban claimed "
     "responsibility. The Taliban denied any part in the attack.", [["ttp"]]),
    # in Afghanistan, the Taliban
    ("Taliban militants attacked a police station in Kunduz on Monday, killing five policemen. The Pakistani "
     "Taliban were not involved, officials said.", [["taliban"]]),
])
def test_a_bare_taliban_in_pakistan_is_the_ttp_the_story_names(events, text, actors):
    assert [list(r["actor_ids"]) for r in events(text, dt.date(2012, 12, 4))] == actors


def test_the_incident_a_deadliest_one_is_measured_from_is_another(events):
    text = ("In the deadliest terror strike in Jammu and Kashmir since the 2019 Pulwama attack, 28 people were killed "
            "and over a dozen injured when gunmen opened fire in Pahalgam on Tuesday.")
    rows = sorted((str(r["date_start"]), r["location"], r["killed"]) for r in events(text, dt.date(2025, 4, 23)))
    assert rows == [("2019-01-01", "Pulwama, Jammu and Kashmir, India", None),
                    ("2025-04-22", "Pahalgam, Jammu and Kashmir, India", 28)]


def test_a_participle_on_an_incidents_noun_is_part_of_its_mention(events):
    text = ("A U.S. drone strike targeting a vehicle at a militant compound killed at least four militants, including "
            "commander Qari Zahid Mehsud, in the North Waziristan tribal region on Friday, officials said.")
    rows = [(r["event_type"], r["location"], r["killed"]) for r in events(text, dt.date(2013, 11, 2))]
    assert rows == [("TARGETED_KILLING", "North Waziristan, Federally Administered Tribal Areas, Pakistan", 4)]


def test_one_quarter_spelt_in_one_word_or_two_is_one_place(events):
    text = ("PESHAWAR: Gunmen on Saturday shot dead a shopkeeper in Shah Qabool area of the provincial capital.\n\n"
            "Assailants riding a motorcycle opened fire on the shop of Imran Ali in the Shahqabool area, police said.")
    (row,) = events(text, dt.date(2019, 6, 29))
    assert (row["killed"], row["target"]) == (1, "Imran Ali")


def test_one_more_with_an_ordinal_is_one_person(events):
    (row,) = events("Two policemen were killed on Monday in a bomb blast targeting their patrol in Quetta. A third "
                    "policeman was injured in the same attack, which was not immediately claimed.", dt.date(2025, 3, 4))
    assert (row["killed"], row["wounded"]) == (2, 1)


@pytest.mark.parametrize("text, rows", [
    ("Insurgents raided the town of Mocimboa da Praia in Cabo Delgado province on Wednesday, killing at least 10 people.",
     [("ATTACK", 10)]),
    ("Security forces raided a militant hideout in Bajaur on Monday, killing three terrorists.", [("MILITARY_OPERATION", 3)]),
    # a unit by its name raids, and arrests: the arrest, one row
    ("Acting on a tip-off, the CTD raided the hideouts of terrorists in four cities of Punjab on Monday and arrested "
     "nine suspects.", [("ARREST", None)]),
])
def test_a_raid_is_typed_by_who_raided(events, text, rows):
    assert [(r["event_type"], r["killed"]) for r in events(text, dt.date(2025, 3, 4))] == rows


@pytest.mark.parametrize("text, place", [
    # a name the gazetteer lacks, placed in the one its apposition names
    ("At least 30 people were killed in Kadhimiya, a northern district of the Iraqi capital, when two bombs went off.",
     "Kadhimiya, Baghdad, Iraq"),
    # a town the gazetteer knows, in the same province as the capital that describes it
    ("Up to 40 people were killed in Sadr City, a suburb of the Iraqi capital, when two bombs went off.",
     "Sadr City, Baghdad, Iraq"),
])
def test_a_place_in_an_apposition_describes_the_place_before_it(events, text, place):
    (row,) = events(text, dt.date(2016, 7, 4))
    assert row["location"] == place


def test_one_wounded_who_died_is_not_counted_wounded(events):
    (row,) = events("Gunmen opened fire on lawyer Ahmad Jan Yousafzai in Charsadda on Saturday. A police officer said "
                    "Yousafzai was critically wounded and died en route to a hospital.", dt.date(2025, 3, 4))
    assert (row["killed"], row["wounded"]) == (1, None)


def test_operations_summed_up_as_the_military_spoke_give_way_to_each_and_earlier_in_the_day_is_that_day(events):
    text = ("Security forces killed five terrorists during two operations in South Waziristan, the ISPR said on "
            "Tuesday.\n\nAn intelligence-based operation was carried out in Wana, where four terrorists were killed. "
            "In a separate operation in Angoor Adda, one more terrorist was killed.\n\nEarlier in the day, militants "
            "shot dead two policemen in Tank.")
    rows = sorted((r["event_type"], r["place"], r["killed"], r["date_start"]) for r in events(text, dt.date(2025, 12, 3)))
    assert [r[:3] for r in rows] == [("ATTACK", "Tank", 2), ("MILITARY_OPERATION", "Angoor Adda", 1),
                                     ("MILITARY_OPERATION", "Wana", 4)]
    assert rows[0][3] == dt.date(2025, 12, 2)


def test_a_khyber_town_the_gazetteer_lacks_is_placed_from_the_configured_towns(events):
    text = ("Two suicide bombers attacked a police compound in north-west Pakistan on Thursday, killing four "
            "officers.\n\nThe attack occurred in the Bara area, police said.")
    (row,) = events(text, dt.date(2023, 10, 20))
    assert row["location"] == "Bara, Khyber Agency, Khyber Pakhtunkhwa, Pakistan"


def test_a_venue_named_after_a_town_in_the_district_of_its_seat_places_the_attack_there(events):
    text = ("PESHAWAR, Pakistan — A suicide bomber rammed a vehicle into a police station in northwest Pakistan "
            "on Tuesday, killing 12 officers, officials said.\n\nThe attack targeted Daraban police station in "
            "Dera Ismail Khan, local officials said.")
    (row,) = events(text, dt.date(2023, 12, 12))
    assert row["location"] == "Daraban, Dera Ismail Khan, Khyber Pakhtunkhwa, Pakistan"


@pytest.mark.parametrize("sentence, actors", [
    ("A TTP-claimed bomb attack killed four policemen in Tank on Monday.", ["ttp"]),
    ("A Taliban-planted mine killed four soldiers in Helmand on Monday.", ["taliban"]),
    ("The TTP took credit for a bombing that killed four policemen in Tank on Monday.", ["ttp"]),
    ("An al-Qaeda-linked group, the Sahel Brigade, stormed a base in Dori on Monday, killing four soldiers.", []),
    # a group's name before its man's, who claims: the group claims
    ("Tehreek-e-Taliban Pakistan (TTP) Ahmad Khan emailed reporters and claimed a bombing that killed four "
     "policemen in Tank on Monday.", ["ttp"]),
    ("A bomb killed TTP commander Ahmad Khan and four policemen in Tank on Monday.", []),
    # a claimant with an insert between dashes, which the parser takes for the insert's subject
    ("A bomb killed four policemen in Tank on Monday. The militant group Tehreek-e-Jihad Pakistan, or TJP — "
     "believed to be an offshoot of the TTP — claimed responsibility for the attack.", ["tjp"]),
])
def test_a_hyphened_claim_a_deed_or_a_groups_man_names_the_actor_and_an_affiliation_does_not(events, sentence, actors):
    (row,) = attacks(events(sentence, dt.date(2024, 5, 7)))
    assert row["actor_ids"] == actors


def test_an_incident_recalled_by_the_deaths_of_its_clause_takes_that_clauses_year(events):
    rows = events("A suicide bomber struck outside a ministry in Kabul on Monday, killing one person.\n\n"
                  "In 2023, six civilians were killed near the foreign ministry in another bombing.", dt.date(2025, 1, 14))
    assert sorted((r["date_start"], r["killed"]) for r in attacks(rows)) == [
        (dt.date(2023, 1, 1), 6), (dt.date(2025, 1, 13), 1)]


def test_state_forces_that_assault_a_hideout_make_an_operation(events):
    rows = events("Government forces assaulted a militant hideout in Takhar province late on Friday, killing three "
                  "fighters.", dt.date(2024, 5, 7))
    assert [(r["event_type"], r["killed"]) for r in rows] == [("MILITARY_OPERATION", 3)]


def test_a_participle_that_goes_on_about_habitual_attacks_is_no_incident(events):
    rows = events("Violence has fallen since 2021, but the group has staged regular attacks, targeting officials, "
                  "diplomats and aid workers across the country.", dt.date(2024, 5, 7))
    assert attacks(rows) == []


def test_an_attack_a_group_also_claimed_is_another_incident(events):
    rows = events("A suicide bomber struck a ministry in Kabul on Thursday, killing one person.\n\n"
                  "The Islamic State group claimed responsibility for the bombing on Saturday. It also claimed an attack "
                  "on a bank in Kunduz on Wednesday that killed eight people.", dt.date(2025, 2, 15))
    assert sorted((r["killed"], r["location"].split(",")[0]) for r in attacks(rows)) == [(1, "Kabul"), (8, "Kunduz")]


def test_an_arrest_by_a_group_that_governs_is_an_arrest(events):
    rows = events("Taliban forces arrested nine members of the Islamic State group in Badakhshan province this week, "
                  "a spokesman said.", dt.date(2024, 5, 7))
    assert [(r["event_type"], r["location"]) for r in rows] == [("ARREST", "Badakhshan, Afghanistan")]
    rows = events("The Taliban have arrested nine members of the Islamic State group in Badakhshan province this week.",
                  dt.date(2024, 5, 7))
    assert [r["event_type"] for r in rows] == ["ARREST"]



@pytest.mark.parametrize("text, word, generic", [
    ("Pakistani airstrikes kill 46 in Afghanistan", "airstrikes", False),   # whose: one state's strikes
    ("Civilians are often killed in airstrikes.", "airstrikes", True),      # a kind of event
])
def test_a_states_adjective_makes_plural_strikes_some_strikes_not_a_kind(nlp, config, catalog, text, word, generic):
    specificity = EventExtractor(nlp, config, catalog).specificity
    doc = nlp(text)
    assert specificity.generic(next(t for t in doc if t.text == word)) is generic


@pytest.mark.parametrize("headline, killed, wounded", [
    ("Six police gunned down in Tank attack", 6, None),           # counted victims, as headlines write them
    ("2 police killed in Faryab explosion", 2, None),             # a place the model tags NORP is no state
    ("Five people killed, 12 injured in Quetta blast", 5, 12),    # each count with its own word
])
def test_a_headline_of_victims_is_an_attack_with_its_counts(events, headline, killed, wounded):
    rows = events(headline, dt.date(2024, 5, 7))
    assert [(r["event_type"], r["killed"], r["wounded"]) for r in rows] == [("ATTACK", killed, wounded)]


def test_the_counted_doers_of_a_killing_are_not_its_dead(events):
    rows = events("Two soldiers killed three militants in a raid in Khost on Monday.", dt.date(2024, 5, 7))
    assert [(r["event_type"], r["killed"]) for r in rows] == [("MILITARY_OPERATION", 3)]


def test_the_counted_agents_of_a_passive_killing_are_not_its_dead(events):
    rows = events("A trader was shot dead near the market in Quetta on Monday by four men riding motorcycles.",
                  dt.date(2024, 5, 7))
    assert [(r["event_type"], r["killed"]) for r in rows] == [("ATTACK", 1)]


def test_a_participle_after_deeds_in_general_is_no_incident(events):
    rows = events("The two slain men were involved in terrorist activities targeting security forces, the "
                  "military said.", dt.date(2024, 5, 7))
    assert attacks(rows) == []


@pytest.mark.parametrize("text, actors", [
    # the story names the branch: the parent's claim in its country is the branch's too
    ("A suicide bomber struck outside a ministry in Kabul on Wednesday, killing six. The Islamic State group "
     "claimed the attack. ISKP has stepped up its campaign this year.", ["iskp", "islamic-state"]),
    # named alone, the parent stays alone
    ("A suicide bomber struck outside a ministry in Kabul on Wednesday, killing six. The Islamic State group "
     "claimed the attack.", ["islamic-state"]),
    # and a branch operates only where it does
    ("A car bomb killed 12 people in Raqqa, Syria, on Wednesday. The Islamic State group claimed the attack. ISKP has "
     "stepped up its campaign in Afghanistan this year.", ["islamic-state"]),
])
def test_a_parents_claim_is_its_branchs_where_the_branch_operates_and_is_named(events, text, actors):
    (row,) = attacks(events(text, dt.date(2024, 5, 9)))
    assert row["actor_ids"] == actors


def test_a_series_claimed_in_a_count_credits_each_example_told_after_it(events):
    rows = events("The BLF claimed responsibility for eight attacks across Balochistan in the past week. In Panjgur, "
                  "its fighters attacked a Frontier Corps post on Tuesday, killing two soldiers. In Kachhi, the group "
                  "said it blew up a railway track on Wednesday.", dt.date(2024, 5, 11))
    assert [(r["location"].split(",")[0], r["actor_ids"]) for r in attacks(rows)] == [
        ("Panjgur", ["blf"]), ("Kachhi", ["blf"])]


@pytest.mark.parametrize("text, kind, killed", [
    ("Four children were killed when a suspected quadcopter dropped explosives on a house in Mir Ali on Tuesday.",
     "ATTACK", 4),
    ("A drone dropped two bombs on a militant hideout in Datta Khel on Friday, killing three fighters.",
     "MILITARY_OPERATION", 3),
])
def test_explosives_dropped_from_the_air_are_an_incident(events, text, kind, killed):
    rows = events(text, dt.date(2025, 5, 16))
    assert [(r["event_type"], r["killed"]) for r in rows] == [(kind, killed)]


@pytest.mark.parametrize("text, killed", [
    ("Why Gunmen Killed Kano Rice Farmers, Residents - Governor", None),   # a title-case plural, tagged a name
    ("Gunmen killed Maulana Abdul Rauf in Kano on Tuesday.", 1),
])
def test_a_plural_of_people_in_a_headline_is_no_one_person(events, text, killed):
    (row,) = attacks(events(text, dt.date(2020, 12, 2)))
    assert row["killed"] == killed


@pytest.mark.parametrize("text", [
    "The police chief of Kunar was killed on Tuesday when a bomb exploded in his car in Asadabad.",
    "The governor of Balkh province was killed in an explosion at his office in Mazar-i-Sharif on Thursday.",
])
def test_a_holder_of_an_office_killed_is_one_dead(events, text):
    (row,) = attacks(events(text, dt.date(2025, 3, 14)))
    assert row["killed"] == 1


@pytest.mark.parametrize("text, kind, killed", [
    ("Security forces killed five members of the TTP in a raid in Bannu on Monday.", "MILITARY_OPERATION", 5),
    ("Taliban special forces killed nine Islamic State operatives in a raid in Kabul on Friday.",
     "MILITARY_OPERATION", 9),
    ("Gunmen killed five members of a family in Bannu on Monday.", "ATTACK", 5),
])
def test_a_groups_men_killed_by_state_forces_are_an_operations_dead(events, text, kind, killed):
    rows = events(text, dt.date(2024, 5, 7))
    assert [(r["event_type"], r["killed"]) for r in rows] == [(kind, killed)]


def test_the_same_toll_told_again_in_another_paragraph_is_the_same_incident(events):
    rows = events("KABUL: A former minister has condemned the killing of 12 travellers in Daikundi province.\n\n"
                  "He said: \"With sorrow I received the news that armed men shot and killed 12 of our citizens on the "
                  "Daikundi-Bamyan road.\"\n\nLocal sources said gunmen on motorcycles shot dead 12 travellers in the "
                  "Nawur area of Daikundi yesterday afternoon.", dt.date(2024, 9, 13))
    assert [(r["killed"], r["date_start"]) for r in attacks(rows)] == [(12, dt.date(2024, 9, 12))]


def test_the_names_a_clause_gives_the_arrested_are_in_the_target(events):
    (row,) = events("The CTD arrested five terrorists who were identified as Karim, Yasir, Nadeem, Bilal and Umer in "
                    "Okara on Monday.", dt.date(2024, 5, 7))
    assert row["event_type"] == "ARREST" and row["target"].endswith("identified as Karim, Yasir, Nadeem, Bilal and Umer")


@pytest.mark.parametrize("text, kinds", [
    ("Member states reported that the TTP received weapons and funding from the Taliban.", []),
    ("The United States provided $300 million in military aid to Pakistan in 2010.", ["AID"]),
    # help that is no aid between states: no word of money, arms or security, or a kind of care
    ("The remains were sent for identification, for which the registry's assistance would be sought.", []),
    ("The wounded security guards were taken to the hospital for medical assistance.", []),
    ("Security forces handed over financial assistance to the families of the victims on Monday.", []),
    ("The provincial government promised a compensation package for the relatives of the dead on Monday.", []),
    ("The United States announced a $450 million military aid package for Pakistan on Tuesday.", ["AID"]),
])
def test_aid_is_between_states_and_a_groups_funding_is_none(events, text, kinds):
    assert [r["event_type"] for r in events(text, dt.date(2024, 5, 7))] == kinds


@pytest.mark.parametrize("text, arrests", [
    # a verb of arrest whose object is nobody is no arrest
    ("A video recorded by a tourist surfaced, capturing the chilling moments of the shooting in Quetta.", 0),
    ("Police captured two suspects and arrested a facilitator in Quetta on Monday.", 1),
])
def test_an_arrest_takes_somebody(events, text, arrests):
    assert [r["event_type"] for r in events(text, dt.date(2025, 4, 23))].count("ARREST") == arrests


def test_the_one_a_source_told_is_no_target_of_a_strike(events):
    (row,) = events("Villagers told Ahmed Khan, a local reporter, that a drone strike hit a house in Datta Khel on "
                    "Monday, killing three people.")
    assert row["event_type"] == "MILITARY_OPERATION"


def test_a_later_sentence_that_names_the_attack_again_gives_its_wounded(events):
    (row,) = attacks(events(
        "Gunmen ambushed a police van in Lakki Marwat on Monday, killing three constables.\n\n"
        "The van was carrying prisoners to a court. Its driver escaped unhurt. The road was closed for hours.\n\n"
        "The district police chief visited the site.\n\n"
        "Two other constables were injured in the attack and taken to a hospital in Bannu."))
    assert (row["killed"], row["wounded"]) == (3, 2)


def test_an_operation_with_nothing_of_its_own_beside_an_attack_is_talk_of_it(events):
    rows, mentions = events('Gunmen killed four policemen at a checkpoint in Tank on Sunday. Their bodies were taken '
                            'to Dera Ismail Khan.\n\n"Security forces and police are carrying out a joint operation," '
                            'the officer said.', mentions=True)
    assert [r["event_type"] for r in rows] == ["ATTACK"]
    assert {m["trigger"]: m["factuality"] for m in mentions}["operation"] == "unspecified"


def test_a_note_of_one_incident_with_nothing_else_keeps_its_row(events):
    assert [r["event_type"] for r in events("A car bomb exploded outside a school as a convoy drove through.")] \
        == ["ATTACK"]


@pytest.mark.parametrize("text", [
    "District officer assassinated in roadside attack\n\nGunmen ambushed the car of a district officer in Bannu on "
    "Tuesday, killing him and two guards.",
    "In a roadside attack on Tuesday, a district officer was assassinated in Bannu.",
])
def test_a_killing_done_in_an_attack_is_that_attack(events, text):
    assert [r["event_type"] for r in events(text, published=dt.date(2025, 12, 3))] == ["ATTACK"]


def test_a_killing_whose_doer_acts_in_an_operation_keeps_the_doers_type(events):
    (row,) = events("In another operation, BLA fighters targeted an army patrol in the Buleda area of Kech.")
    assert row["event_type"] == "ATTACK" and row["actor_ids"] == ["bla"]


def test_a_headline_joins_the_leads_incident_told_by_the_same_noun(events):
    rows = events("Three killed in Datta Khel strike\n\nOfficials said the drone strike hit a house in Datta Khel "
                  "on Monday, killing three people.\n\nA provincial minister said the attack was a crime.",
                  published=dt.date(2025, 5, 20))
    assert [(r["event_type"], r["killed"]) for r in rows] == [("MILITARY_OPERATION", 3)]


def test_the_militarys_sent_to_hell_counts_the_dead(events):
    (row,) = events("Troops conducted an intelligence-based operation near Spinwam on Monday. After an exchange of "
                    "fire, four terrorists were sent to hell, the military said.")
    assert (row["event_type"], row["killed"]) == ("MILITARY_OPERATION", 4)


def test_a_day_told_later_narrows_a_vague_date(events):
    (row,) = events("Earlier this week, an army major and two soldiers were martyred during an IBO in Bannu district, "
                    "the military said. A press release said that troops had carried out an IBO on October 30 in the "
                    "general area of Bakka Khel.", published=dt.date(2024, 11, 2))
    assert (row["date_start"], row["date_end"], row["killed"]) == (dt.date(2024, 10, 30), dt.date(2024, 10, 30), 3)


@pytest.mark.parametrize("text, killed", [
    ("Another terrorist was killed in an IBO in the Spinwam area of North Waziristan, the military said.", 1),
    ("Two terrorists were killed during an IBO in the general area of Datta Khel on Sunday.", 2),
])
def test_the_militarys_ibo_is_an_operation(events, text, killed):
    (row,) = events(text, published=dt.date(2024, 11, 2))
    assert (row["event_type"], row["killed"]) == ("MILITARY_OPERATION", killed)


def test_an_example_among_a_groups_other_claimed_attacks_is_its_own_incident(events):
    rows = events("A bomb hit a police vehicle in Asadabad on Thursday, killing an officer and wounding nine others. "
                  "No one claimed the attack. The Islamic State Khorasan Province has claimed some of the most recent "
                  "attacks, including a bombing at a mosque in Kunduz province last week that killed 60 people.",
                  published=dt.date(2021, 10, 14))
    got = sorted((r["location"].split(",")[0], r["killed"], tuple(r["actor_ids"])) for r in attacks(rows))
    assert got == [("Asadabad", 1, ()), ("Kunduz", 60, ("iskp",))]


@pytest.mark.parametrize("text", [
    "Tank: three policemen martyred in attack on checkpoint\n\nAt least three policemen were martyred in an attack "
    "on a checkpoint in Tank district, an official told reporters on Monday.\n\nThe district borders South "
    "Waziristan.\n\nMilitants launched the attack at dawn, the official said.\n\n\"Three policemen were martyred, "
    "and five others were injured,\" he said.",
    "Gunmen Attack Village in Zamfara, Killing 14\n\nGunmen on motorcycles attacked a village in Zamfara state "
    "early on Sunday, killing 14 people, residents said.\n\nThe village lies near the forest.\n\nThe attackers "
    "stole cattle before fleeing.\n\nAt least 14 people died in the assault, police said. Five others were wounded, "
    "including a child.",
])
def test_a_later_sentence_restating_the_dead_gives_the_wounded(events, text):
    (row,) = attacks(events(text, published=dt.date(2025, 3, 10)))
    assert row["wounded"] == 5


@pytest.mark.parametrize("text, published, day", [
    ("QUETTA, Feb 5 (Reuters) - Gunmen shot dead two policemen in Quetta on Tuesday evening, police said.",
     dt.date(2025, 2, 5), dt.date(2025, 2, 4)),
    ("PESHAWAR, Pakistan, Nov 15 (AP) — A bomb tore through a police van in Peshawar on Thursday, killing three.",
     dt.date(2024, 11, 15), dt.date(2024, 11, 14)),
])
def test_a_datelines_date_is_the_reports_not_the_incidents(events, text, published, day):
    (row,) = attacks(events(text, published=published))
    assert row["date_start"] == day


def test_the_day_a_toll_rose_is_not_the_day_of_the_attack(events):
    rows = events("Toll from attack on police station rises to 12\n\nThe death toll from a militant attack on a "
                  "police station in Tank rose to 12 on Saturday after two wounded officers died. Militants stormed "
                  "the station on Thursday night.", published=dt.date(2025, 11, 15))
    (row,) = attacks(rows)
    assert row["date_start"] == dt.date(2025, 11, 13) and row["killed"] == 12


def test_the_victim_named_as_the_possessor_of_the_killing_is_the_target(events):
    (row,) = attacks(events("Unknown gunmen killed a former soldier outside his house in Gardez on Friday night.\n\n"
                            "No one has claimed responsibility for Abdul Rahim Safi's killing, local sources said.",
                            published=dt.date(2024, 3, 2)))
    assert row["target"] == "Abdul Rahim Safi"


def test_a_headline_passive_without_was_names_the_victim_not_the_doer(events):
    rows = events("Former soldier shot dead in Khost province\n\nUnknown gunmen killed a former soldier near his "
                  "home in Khost province on Friday night.", published=dt.date(2024, 3, 2))
    assert [r["event_type"] for r in rows] == ["ATTACK"]


def test_the_attackers_named_again_place_the_ambush_told_first(events):
    rows = events("PESHAWAR, Pakistan (AP) — Gunmen ambushed a police vehicle in the northwest, killing two officers "
                  "and wounding two, an official said Saturday.\n\nPolice officer Anwar Khan said the attackers shot "
                  "and killed a deputy superintendent and a constable in Lakki Marwat district.\n\nIn a separate "
                  "incident, in the province's Bajaur district, a police officer was killed on Saturday in a roadside "
                  "blast.", published=dt.date(2024, 4, 6))
    got = sorted((r["location"].split(",")[0], r["killed"]) for r in attacks(rows))
    assert got == [("Bajaur Agency", 1), ("Lakki Marwat", 2)]


def test_a_lead_placed_only_by_a_dateline_line_is_the_attack_placed_next(events):
    """A town's name in capitals on a line of its own above the story is its dateline: the lead placed
    only by it ("in western Afghanistan") is the attack the next paragraph places in a district."""
    text = ("KABUL\n\nA gunman stormed a mosque in western Afghanistan and killed six worshippers, officials said "
            "on Tuesday.\n\nThe spokesman said the gunman opened fire on worshippers in the Injil district of Herat "
            "province on Monday night, killing six people.")
    (row,) = events(text, dt.date(2024, 4, 30))
    assert (row["location"], row["date_start"], row["killed"]) == (
        "Injil, Herat, Afghanistan", dt.date(2024, 4, 29), 6)


def test_an_incident_in_the_province_lies_in_the_province_told_before(events):
    text = ("Separate blasts in Balochistan province killed eleven people, officials said on Friday.\n\n"
            "A bomb near a border crossing with Afghanistan in the province killed six labourers on Thursday night.")
    rows = [r for r in events(text, dt.date(2025, 9, 19)) if r["killed"] == 6]
    assert [r["location"] for r in rows] == ["Balochistan, Pakistan"]


def test_an_arrest_in_intelligence_based_operations_is_one_arrest(events):
    (row,) = events("The Counter Terrorism Department on Tuesday arrested four terrorists in separate "
                    "intelligence-based operations (IBO) in Quetta.", dt.date(2022, 11, 9))
    assert (row["event_type"], row["location"]) == ("ARREST", "Quetta, Balochistan, Pakistan")


@pytest.mark.parametrize("text, place, day", [
    # ANI's dateline; the operation the military says was conducted on Monday night, in an area of
    # "the district" named before
    ("Bannu [Pakistan], March 12 (ANI): Security forces killed six terrorists during an intelligence-based "
     "operation in Khyber Pakhtunkhwa's Bannu district, the military said.\n\nThe military said that on Monday "
     "night the troops conducted the operation in the Jani Khel area of the district.",
     "Jani Khel, Bannu, Khyber Pakhtunkhwa, Pakistan", dt.date(2025, 3, 10)),
    # the day a site reported, quoting the military, is not the operation's
    ("Pakistani troops have killed eight terrorists in an operation in North Waziristan district, Geo News reported "
     "quoting the military on Thursday. The security forces conducted the operation on Tuesday night on the "
     "reported presence of terrorists.", "North Waziristan, Khyber Pakhtunkhwa, Pakistan", dt.date(2025, 3, 11)),
    # with no day of its own, the dateline's day, not the day the page was published
    ("PESHAWAR, March 12 (Reuters) - Security forces killed six terrorists during an operation in Bannu district, "
     "the military said.", "Bannu, Khyber Pakhtunkhwa, Pakistan", dt.date(2025, 3, 12)),
])
def test_an_operation_is_dated_by_the_day_it_was_conducted_and_placed_in_the_area_of_the_district(
        events, text, place, day):
    (row,) = events(text, dt.date(2025, 3, 13))
    assert (row["event_type"], row["location"], row["date_start"]) == ("MILITARY_OPERATION", place, day)


def test_a_year_that_qualifies_another_noun_after_the_verb_of_carrying_out_does_not_date_the_incident(events):
    rows = events("A gunman opened fire in a shopping mall in Lahore, killing nine people. The massacre was "
                  "conducted on the anniversary of the 2011 attacks on the city.", dt.date(2025, 3, 13))
    # the massacre is today's; "the 2011 attacks on the city" is a past incident of its own, not a count
    assert sorted((r["date_start"], r["killed"]) for r in rows) == [(dt.date(2011, 1, 1), None),
                                                                    (dt.date(2025, 3, 13), 9)]


def test_a_claim_names_the_day_of_the_explosions_that_killed_and_the_story_told_next_is_them(events):
    """The day a group claimed is the claim's; the clause on the incident noun ("the explosions that
    killed dozens ... on Thursday") dates it, and the paragraph telling the explosions that day is it."""
    text = ("Islamic State claims deadly bombing at a shrine: reports\n\nMilitant group says it carried out lethal "
            "attack near the shrine of a saint.\n\nThe Islamic State on Friday claimed responsibility for the deadly "
            "explosions that killed dozens of pilgrims near the shrine on Thursday.\n\nOfficials said that two "
            "explosions occurred Thursday at a shrine in the city of Mazar-i-Sharif, where hundreds of pilgrims had "
            "gathered.")
    (row,) = events(text, dt.date(2025, 3, 14))
    assert (row["location"], row["date_start"], row["actor_ids"]) == (
        "Mazar-i-Sharif, Balkh, Afghanistan", dt.date(2025, 3, 13), ["islamic-state"])


def test_the_group_whose_affiliate_claimed_is_no_actor(events):
    text = ("Gunmen stormed a restaurant on a beach in Mogadishu on Friday night, killing 20 people.\n\n"
            "Al-Shabaab, al-Qaeda's affiliate in East Africa, said on Saturday that its fighters carried out the attack.")
    (row,) = attacks(events(text, dt.date(2024, 8, 3)))
    assert row["actor_ids"] == ["al-shabaab"]


def test_the_incident_since_which_an_attack_is_the_deadliest_is_another(events, nlp, config):
    text = ("A car bomb killed 20 people at a market in Mogadishu on Friday. It was the deadliest attack in the city "
            "since twin truck bombs killed 100 people near a ministry in October 2022.")
    rows = sorted((str(r["date_start"]), r["killed"]) for r in attacks(events(text, dt.date(2024, 8, 3))))
    assert rows == [("2022-10-01", 100), ("2024-08-02", 20)]
    # the date of the "since" clause is not the superlative noun's, nor are its triggers one incident with it
    doc = nlp("It was the deadliest attack in the city since twin truck bombs killed 100 people in October 2022.")
    dates = list(normalize.date_rows("d", doc, dt.date(2024, 8, 3), normalize.build_matcher(nlp.vocab, config.figures)))
    attack, bombs = (next(t for t in doc if t.text == word) for word in ("attack", "bombs"))
    assert event_time.dates_in(attack, dates, own=False) == []
    assert [d["value"] for d in event_time.dates_in(bombs, dates, own=False)] == ["2022-10"]
    assert event_time.Recall(frozenset(), set()).separate(attack, bombs, dates)


def test_a_spokesmans_surname_is_no_place(events):
    text = ("Police spokesman Abdifatah Aden said three people were killed when a bomb went off at a market in "
            "Mogadishu on Friday. Aden said one of the attackers was captured.")
    rows = events(text, dt.date(2024, 8, 3))
    assert rows and all("Yemen" not in (r["location"] or "") for r in rows)


def test_an_attack_on_the_night_of_a_day_is_dated_that_day(events):
    text = ("No fewer than 30 people were killed in an explosion on a beach in Mogadishu, police said.\n\n"
            "The militants are believed to be behind the attack on the night of Friday, 2 August, 2024.")
    (row,) = attacks(events(text))
    assert row["date_start"] == dt.date(2024, 8, 2)


def test_an_attack_a_claim_names_with_a_date_of_its_own_is_another_incident(events):
    text = ("Gunmen killed four foreign tourists in Bamyan province on Friday, officials said.\n\n"
            "The Islamic State's Khorasan branch claimed an attack that injured foreign engineers at a hotel in Kabul "
            "in 2022.")
    rows = sorted((str(r["date_start"]), r["location"], r["actor_ids"]) for r in attacks(events(text, dt.date(2024, 5, 18))))
    assert rows == [("2022-01-01", "Kabul, Afghanistan", ["iskp"]), ("2024-05-17", "Bamyan, Afghanistan", [])]


@pytest.mark.parametrize("text, day", [
    ("A suicide bomb and gun assault on a building in Kabul killed at least 28 people, in the most deadly single "
     "attack in the capital since 2011.", dt.date(2025, 3, 13)),
    ("The army has been carrying out a major offensive against fighters in North Waziristan since June 15.",
     dt.date(2024, 6, 15)),
])
def test_a_since_phrase_dates_what_has_gone_on_since_not_the_incident_it_measures(events, text, day):
    (row,) = events(text, dt.date(2025, 3, 13))
    assert row["date_start"] == day


def test_the_attack_told_right_after_an_air_strike_is_that_strike_but_not_after_an_attack(events):
    text = ("Pakistani jets bombed a house in Paktika province late on Monday, killing five people, Afghan officials "
            "said.\n\nThe attack occurred at midnight in the Barmal district, a spokesman said.")
    (row,) = events(text, dt.date(2025, 3, 14))
    assert (row["event_type"], row["killed"]) == ("MILITARY_OPERATION", 5) and row["location"].startswith("Barmal")
    text = ("A bomb killed 20 people at a market in Mogadishu, police said.\n\nSecurity forces killed three militants "
            "in an operation near the market on Saturday.\n\nAl-Shabaab said it carried out the attack on the night "
            "of Friday, 2 August, 2024.")
    rows = {r["event_type"]: r for r in events(text, dt.date(2025, 3, 14))}
    assert (rows["ATTACK"]["date_start"], rows["ATTACK"]["actor_ids"]) == (dt.date(2024, 8, 2), ["al-shabaab"])


def test_the_area_an_official_names_for_the_attack_and_the_bombing_it_follows(events):
    """"X, an area 40 kilometres from Y" is where; "Y's deputy commissioner" is the speaker's seat; the
    bombing an attack "follows" is another incident, dated by its own clause; "the check-post" is the
    one attacked before."""
    text = ("Seven soldiers were killed in an overnight attack on a check-post in Kalat district, officials said.\n\n"
            "The attack follows a deadly suicide bombing last week at the railway station in Quetta that killed 26 "
            "people.\n\n\"Militants attacked the check-post in Sher Khanzai, an area 40 kilometres from Kalat town,\" "
            "Kalat's deputy commissioner told reporters.")
    rows = sorted((r["location"], r["killed"], r["date_start"]) for r in attacks(events(text, dt.date(2025, 3, 14))))
    assert rows == [("Quetta, Balochistan, Pakistan", 26, dt.date(2025, 3, 3)),
                    ("Sher Khanzai, Kalat, Balochistan, Pakistan", 7, dt.date(2025, 3, 14))]


def test_what_an_attack_follows_is_an_incident_recalled_against_it(nlp):
    doc = nlp("The latest attack on security forces follows a deadly suicide bombing last week at the railway station.")
    attack, bombing = (next(t for t in doc if t.text == word) for word in ("attack", "bombing"))
    recall = event_time.Recall(frozenset(), set())
    assert recall.recalled(bombing) and not recall.recalled(attack)
    verb, subject = event_time.followed(bombing)
    assert (verb.lemma_, subject.text) == ("follow", "attack")


@pytest.mark.parametrize("claim, credited", [
    # "the attacks": every attack of the story told before, not only the last one
    ("A TTP spokesman claimed responsibility for the attacks in a message to reporters.", {"Kohat", "Hangu"}),
    ("The TTP claimed both attacks.", {"Kohat", "Hangu"}),
    # one attack named: the last one told, as before
    ("The TTP claimed responsibility for the attack in Hangu.", {"Hangu"}),
])
def test_a_plural_claim_takes_in_each_attack_told_before_it(events, claim, credited):
    rows = events("Gunmen killed three policemen at a checkpoint in Kohat district on Monday. "
                  "Later on Monday, a roadside bomb killed two soldiers in Hangu district. "
                  "In 2019, a bomb attack killed 20 people in Parachinar. " + claim,
                  published=dt.date(2024, 5, 7))
    claimed = {r["location"].split(",")[0] for r in attacks(rows) if r["actor_ids"] == ["ttp"]}
    assert claimed == credited


def test_a_plural_claim_in_a_text_without_days_takes_in_one_incident_only(events):
    # an analysis naming no day tells no wave of attacks: "the attacks" may be all those of a year
    rows = events("Gunmen killed three policemen at a checkpoint in Kohat district. A roadside bomb killed two "
                  "soldiers in Hangu district. Responsibility for the attacks has been claimed by the TTP.")
    assert len([r for r in attacks(rows) if r["actor_ids"] == ["ttp"]]) == 1


@pytest.mark.parametrize("claim, day", [
    # an incident with no day of its own takes the day of its claim, up to two days before the paper's
    ("Al-Shabaab claimed responsibility for the attack late on Friday via a radio station.", dt.date(2024, 8, 2)),
    ("Al-Shabaab claimed the attack on Friday.", dt.date(2024, 8, 2)),
    # the paper's day itself, or a claim that says nothing of when: the paper's day
    ("Al-Shabaab claimed responsibility for the attack on Saturday.", dt.date(2024, 8, 3)),
    ("Al-Shabaab claimed responsibility for the attack.", dt.date(2024, 8, 3)),
])
def test_an_incident_without_a_day_takes_its_claims(events, claim, day):
    (row,) = attacks(events("Several people were killed in an attack on a beach in Mogadishu, officials said. " + claim,
                            dt.date(2024, 8, 3)))
    assert row["date_start"] == day


def test_an_incident_with_a_day_of_its_own_keeps_it_whatever_its_claim_says(events):
    (row,) = attacks(events("Several people were killed in an attack on a beach in Mogadishu on Thursday. "
                            "Al-Shabaab claimed responsibility for the attack on Friday.", dt.date(2024, 8, 3)))
    assert row["date_start"] == dt.date(2024, 8, 1)


def test_the_convoy_that_came_under_attack_in_an_area_of_the_district_is_the_attack_told_before(events):
    # where the convoy was going is no place of the attack; "the convoy came under attack" names it
    # again, in an area the gazetteer knows only by its province
    text = ("The death toll from Thursday's attack on a supply convoy bound for Parachinar in Kurram district has "
            "risen to 10, officials said.\n\nA day ago, a security official was killed and four others were "
            "injured when the convoy, carrying food to Parachinar, came under attack in the Bagan area.")
    (row,) = attacks(events(text, dt.date(2025, 1, 18)))
    assert (row["location"].split(",")[0], row["date_start"], row["killed"]) == ("Bagan", dt.date(2025, 1, 16), 10)


def test_an_attack_recalled_months_before_is_dated_to_its_month_and_joins_its_own_telling(events):
    # "three months after a similar attack" dates it to a month; "workers from Sindh" came from there;
    # "the Kalat attack" is the story's, and "the third such attack this year" dates nothing
    text = ("Gunmen shot dead 14 bus passengers in Balochistan's Kalat district after checking their identity "
            "cards, police said on Monday. The Kalat attack came about three months after a similar attack on "
            "workers from Sindh. In May, six labourers were pulled off a coach near Turbat and shot dead. It was "
            "the third such attack this year.")
    rows = attacks(events(text, dt.date(2024, 8, 26)))
    assert sorted((r["date_start"], r["location"].split(",")[0], r["killed"]) for r in rows) == [
        (dt.date(2024, 5, 1), "Turbat", 6), (dt.date(2024, 8, 26), "Kalat", 14)]


def test_a_state_that_kills_a_named_man_kills_him_where_the_strike_was_and_a_dated_plural_is_one_attack(events):
    # the country that killed is who did it, not where; "the September 11, 2001 attacks" is one dated attack
    text = ("The United States killed al-Qaeda leader Hamza Rahimi in a precision strike in the centre of Kabul, "
            "the president said on Monday. Rahimi had helped plan the September 11, 2001 attacks that killed "
            "nearly 3,000 people.")
    rows = {r["event_type"]: r for r in events(text, dt.date(2022, 8, 2))}
    killing, attack = rows["TARGETED_KILLING"], rows["ATTACK"]
    assert killing["location"].startswith("Kabul") and killing["target"].endswith("Hamza Rahimi")
    assert (attack["date_start"], attack["killed"]) == (dt.date(2001, 9, 11), 3000)


@pytest.mark.parametrize("text, places", [
    # a count of attacks in as many places: one incident at each, the toll told of them all is none's
    ("Earlier this month, 12 soldiers were killed in two attacks on the army in the Zhob and Kohlu areas of "
     "Balochistan.", ["Kohlu", "Zhob"]),
    ("Five policemen were killed in three attacks in Bannu, Tank and Karak on Monday.", ["Bannu", "Karak", "Tank"]),
    # two attacks in one place, or a count that differs from the places named: one row
    ("Two soldiers were killed in two blasts in Quetta on Monday.", ["Quetta"]),
    ("Five policemen were killed in three attacks in Bannu and Tank on Monday.", ["Bannu"]),
])
def test_a_count_of_attacks_in_as_many_places_is_that_many_incidents(events, text, places):
    rows = attacks(events(text, dt.date(2023, 7, 20)))
    assert sorted(r["location"].split(",")[0] for r in rows) == places
    assert len(rows) == 1 or all(r["killed"] is None for r in rows)


@pytest.mark.parametrize("text, kind", [
    # state forces that resort to or engage in firing: an operation of that state
    ("At least ten people were killed after Afghan border forces resorted to unprovoked firing at troops in Chaman "
     "on Friday.",
     "MILITARY_OPERATION"),
    ("At least ten people were killed after militants resorted to indiscriminate firing at troops in Chaman on "
     "Friday.", "ATTACK"),
])
def test_the_doer_of_a_deed_resorted_to_types_it(events, text, kind):
    assert [r["event_type"] for r in events(text, dt.date(2017, 5, 5))] == [kind]


@pytest.mark.parametrize("text, kind, killed", [
    # an attack no group did that left militants dead: a state's strike, and they are its toll
    ("An attack on a tunnel complex in Nangarhar with the largest weapon the US military ever used left 36 Islamic State "
     "militants dead.", "MILITARY_OPERATION", 36),
    ("A suicide attack on a police station in Bannu left four policemen dead.", "ATTACK", 4),
    ("A TTP attack on a checkpoint in Bannu left four militants dead.", "ATTACK", None),
])
def test_an_attack_that_left_militants_dead_is_an_operation(events, text, kind, killed):
    (row,) = events(text, dt.date(2017, 4, 15))
    assert (row["event_type"], row["killed"]) == (kind, killed)


@pytest.mark.parametrize("text, kinds", [
    # a group that overruns a district or a post attacks it; an overrun of costs is no incident
    ("The Taliban overran a district centre in Jawzjan province on Monday.", ["ATTACK"]),
    ("The project suffered a cost overrun in Kabul last year.", []),
])
def test_overrunning_a_place_is_an_attack(events, text, kinds):
    assert [r["event_type"] for r in events(text, dt.date(2019, 7, 1))] == kinds



def test_a_summary_stays_while_fewer_attacks_than_it_counts_are_told(events):
    # "two attacks", one of them told: the summary's toll is not lost with it
    text = ("At least 62 people were killed in two attacks by ISWAP fighters in Borno State. The fighters overran "
            "army positions in Monguno, killing 20 soldiers.")
    assert 62 in [r["killed"] for r in attacks(events(text, dt.date(2020, 6, 16)))]


def test_a_town_an_incident_takes_is_not_given_up_for_its_district(nlp, config):
    """An incident placed by default in a district takes the town a later report of it gives, and keeps
    it when a third report gives only the district again (Khar, then "the Bajaur district")."""
    doc = nlp("Gunmen attacked a rally. The blast was in Khar. The bombing was in Bajaur district.")
    resolver = PlaceResolver(Gazetteer.load(), config.places, ordinary_words(config.pipeline.model), nlp.vocab,
                             common_words(config.pipeline.model))
    where = {p.text: p for p in resolver.resolve(doc)}
    sents = list(doc.sents)

    def event(index, place, here):
        token = sents[index].root
        return Event("ATTACK", token, sents[index], "test", mentions=[token], where=where[place],
                     place=where[place].chain(), placed_here=here)

    into = event(0, "Bajaur", False)
    absorb(into, event(1, "Khar", True))
    absorb(into, event(2, "Bajaur", True))
    assert into.place[0] == "Khar"


def test_a_captions_place_is_not_given_up_for_a_country_named_as_an_adjective(nlp, config):
    """A photo caption's town is where the picture was taken, most often of the incident itself: a later
    mention placed only by "the withdrawal of U.S. troops" does not move it to the United States."""
    doc = nlp("Mourners gather near a school in Kabul on Sunday. AFP/Jane Doe\n\n"
              "The blasts come as U.S. troops leave the country.")
    resolver = PlaceResolver(Gazetteer.load(), config.places, ordinary_words(config.pipeline.model), nlp.vocab,
                             common_words(config.pipeline.model))
    where = {p.text: p for p in resolver.resolve(doc)}
    assert where["Kabul"].origin and where["U.S."].demonym
    sents = list(doc.sents)
    into, other = (Event("ATTACK", s.root, s, "test", mentions=[s.root], where=where[name], place=where[name].chain(),
                         placed_here=True) for s, name in ((sents[0], "Kabul"), (sents[-1], "U.S.")))
    absorb(into, other)
    assert into.place[0] == "Kabul"


@pytest.mark.parametrize("text, place", [
    ("Militants stormed a police post in Mastung district, south of Quetta, killing three policemen.",
     "Mastung, Balochistan, Pakistan"),
    ("Gunmen ambushed a patrol in Lahij governorate, north of Aden, on Monday, killing four soldiers.",
     "Lahij, Yemen"),
    # no place named before the direction: the landmark is the nearest the text gives
    ("Gunmen attacked an army base, east of Aden, killing two guards.", "Aden, Yemen"),
])
def test_a_landmark_after_a_direction_does_not_place_the_incident_named_before_it(events, text, place):
    (row,) = attacks(events(text, dt.date(2024, 3, 5)))
    assert row["location"] == place


def test_the_day_of_the_opening_sentence_that_places_the_incident_dates_it(events):
    text = ("Yesterday's morning service ended in grief at St Mary's Church in Ikare, Ondo State.\n\n"
            "Gunmen attacked the church during the morning service and shot several worshippers dead.")
    (row,) = attacks(events(text, dt.date(2022, 6, 13)))
    assert (str(row["date_start"]), row["location"]) == ("2022-06-12", "Ikare, Ondo, Nigeria")


def test_one_attack_followed_by_another_are_two_incidents_of_those_a_count_told(events):
    text = ("Insurgents loyal to the Islamic State mounted two attacks in Cabo Delgado province this week. "
            "Their assault on Mueda on March 3 was followed three days later, on March 6, by an attack on the "
            "village of Mucojo.")
    rows = sorted(attacks(events(text, dt.date(2025, 3, 8))), key=lambda r: str(r["date_start"]))
    assert [(str(r["date_start"]), r["location"].split(",")[0], tuple(r["actor_ids"])) for r in rows] == [
        ("2025-03-03", "Mueda", ("islamic-state",)), ("2025-03-06", "Mucojo", ("islamic-state",))]


def test_the_town_an_attack_was_on_is_its_place(events):
    (row,) = attacks(events("Militants said the attack on Macomia began at dawn and lasted four hours.",
                            dt.date(2025, 3, 8)))
    assert row["location"] == "Macomia, Cabo Delgado, Mozambique"


def test_an_attack_followed_by_another_stays_apart_with_no_day_to_tell_them_apart(events):
    text = ("Islamic State fighters carried out two attacks in Cabo Delgado province. The attack on Mueda (see our "
            "report of last week) was followed by the attack on the village of Mucojo, in the district of Quissanga.")
    rows = attacks(events(text, None))
    assert sorted(r["location"].split(",")[0] for r in rows) == ["Mucojo", "Mueda"]


def test_an_assault_followed_by_blasts_is_one_incident(events):
    text = ("In the deadliest attack this year, 20 soldiers were killed after militants attacked a post in Daraban."
            "\n\nThe military said six militants stormed the post in the early hours of Tuesday in Daraban.\n\n"
            "The assault was followed by two explosions when the attackers drove a car packed with explosives at "
            "the gate.")
    assert len(attacks(events(text, dt.date(2023, 12, 13)))) == 1


@pytest.mark.parametrize("text", [
    "The two brothers were kidnapped in October 2012 while hiking in Wardak. Their mother showed a picture of her "
    "kidnapped sons to reporters in Toronto on June 4, 2014.",
    "Their mother showed a picture of her kidnapped sons to reporters in Toronto on June 4, 2014. The two "
    "brothers were kidnapped in October 2012 while hiking in Wardak.",
])
def test_a_participle_that_describes_people_tells_no_incident_of_its_own(events, text):
    (row,) = attacks(events(text, dt.date(2017, 10, 13)))
    assert str(row["date_start"]) == "2012-10-01"


def test_a_participle_that_describes_people_alone_is_no_incident(events):
    text = ("Their mother showed a picture of her kidnapped sons to reporters in Toronto on June 4, 2014. "
            "They asked the government for help.")
    rows = events(text, dt.date(2017, 10, 13), mentions=True)
    assert attacks(rows[0]) == [] and [m["factuality"] for m in rows[1]] == ["unspecified"]


def test_an_incident_placed_by_its_dateline_takes_the_place_the_text_gives_it(events):
    text = ("ISLAMABAD (AP) — A soldier and two insurgents were killed overnight in a military operation in the "
            "northwest, officials said.\n\nThe army said on Friday its troops had begun an operation in Datta Khel "
            "on intelligence about militants.")
    rows = events(text, dt.date(2023, 9, 2))
    assert [(r["event_type"], r["location"]) for r in rows] == [
        ("MILITARY_OPERATION", "Datta Khel, North Waziristan, Khyber Pakhtunkhwa, Pakistan")]


def test_where_a_later_noun_says_the_incident_happened_places_it(events):
    text = ("Security forces raided a hideout in Tirah valley early Friday, killing a militant.\n\n"
            "A bomber rammed a police convoy in the northwest of the country on Thursday, killing six policemen. "
            "The bombing took place in Lakki Marwat district, officials said.")
    rows = attacks(events(text, dt.date(2023, 9, 2)))
    assert [(r["killed"], r["location"]) for r in rows] == [(6, "Lakki Marwat, Khyber Pakhtunkhwa, Pakistan")]


def test_a_quarter_the_gazetteer_lacks_that_a_later_noun_names_leaves_the_datelines_town(events):
    text = ("PARACHINAR, Pakistan, June 23: Two bombs went off minutes apart in a crowded bazaar on Friday, "
            "killing nine people.\n\nOfficials said one of the bombs had gone off in Tori Market.")
    (row,) = attacks(events(text, dt.date(2017, 6, 23)))
    assert "Parachinar, Kurram" in row["location"]


def test_the_toll_of_people_killed_beside_an_incident_recalled_after_them(events):
    """The participle that describes the dead ("is among nine people killed by a bomber") tells its incident
    in their clause: the toll and the place are there, not in the recalled shooting after it."""
    text = ("Senior cleric Mufti Rahimullah is among at least nine people killed by a suicide bomber in Khost, two "
            "weeks after a judge was gunned down in the same district.")
    rows = sorted(attacks(events(text, dt.date(2023, 6, 7))), key=lambda r: str(r["date_start"]))
    assert [(r["killed"], r["place"] or None) for r in rows][-1] == (9, "Khost")



@pytest.mark.parametrize("text, kind, killed", [
    ("QUETTA: A drone fired two missiles on Tuesday at the compound of militant commander Abdul Wali, a fugitive "
     "who is blamed for the deaths of hundreds of people.", "MILITARY_OPERATION", None),
    ("Security forces killed Sher Khan, a commander who was wanted for the murder of 14 policemen, in a raid near "
     "Bannu on Friday, officials said.", "TARGETED_KILLING", 1),
    ("Gunmen shot dead Ali Raza, a lawyer who was responsible for the prosecution of 12 militants, in Quetta on Monday.",
     "ATTACK", 1),
    # the clause on the bomber holds the trigger: the toll is the incident's
    ("A suicide bomber who was responsible for the attack killed 14 people at a market in Bannu on Friday.", "ATTACK", 14),
])
def test_the_deaths_a_person_is_blamed_for_are_not_the_incidents_toll(events, text, kind, killed):
    rows = events(text, dt.date(2022, 5, 10))
    assert [(r["event_type"], r["killed"]) for r in rows] == [(kind, killed)]


@pytest.mark.parametrize("text, kind, actors", [
    ("U.S. drone attack hits militant chief's house in Khost, killing him and two guards", "MILITARY_OPERATION", []),
    # a drone alone says no state: militants fly quadcopters too
    ("A drone attack targeted a police station in Bannu on Monday, wounding three constables. The TTP claimed the attack.",
     "ATTACK", ["ttp"]),
    # a people's adjective before the attackers says who they are, not that a state sent them
    ("Two Afghan men attacked worshippers at a shrine in Herat with knives on Friday, killing three.", "ATTACK", []),
])
def test_a_countrys_attack_that_does_something_is_its_operation(events, text, kind, actors):
    assert [(r["event_type"], r["actor_ids"]) for r in events(text, dt.date(2021, 3, 2))] == [(kind, actors)]


def test_the_arrest_of_a_bomber_is_placed_where_he_was_caught_not_where_he_meant_to_strike(events):
    text = ("The army foiled a plot by insurgents to carry out a bombing in Quetta city. Officials said a teenage "
            "bomber had been detained before he could stage a bombing inside the city. The young bomber was detained "
            "in a dawn raid in Mastung district, the statement added.")
    rows = events(text, dt.date(2020, 3, 2))
    assert [(r["event_type"], r["place"]) for r in rows if r["event_type"] == "ARREST"] == [("ARREST", "Mastung")]
    assert "Quetta" not in {r["place"] for r in rows}  # the plot's city: no incident's place


def test_the_day_and_place_a_later_sentence_gives_the_incident_date_and_place_it(events):
    text = ("QUETTA: A roadside bomb hit a Frontier Corps pickup in Kech district, killing three soldiers, officials "
            "said on Friday.\n\nThe incident occurred late on Thursday in the Buleda area of the district, a corps "
            "spokesman added.")
    rows = events(text, dt.date(2013, 5, 24))
    assert [(str(r["date_start"]), r["place"], r["killed"]) for r in rows] == [("2013-05-23", "Buleda", 3)]


def test_a_claim_the_parse_leaves_without_a_subject_goes_to_the_name_before_it(events):
    # a run-on sentence: the small model leaves "claimed" with no subject
    text = ("A bomb went off at a sports hall in Herat and a second bomber blew himself up when rescuers came, "
            "in all 14 were killed, three reporters were among the dead and Islamic State later claimed the bombing.")
    rows = attacks(events(text, dt.date(2019, 9, 6)))
    assert rows and any("islamic-state" in (r["actor_ids"] or []) for r in rows)


@pytest.mark.parametrize("text", [
    "Army jets carried out an air strike in Kunar on Friday, targeting a compound.",
    "The US conducted a drone strike in Kabul on Friday, targeting a car it believed carried militants.",
])
def test_a_clause_telling_how_a_strike_was_done_is_the_same_operation(events, text):
    rows = events(text, dt.date(2021, 9, 4))
    assert [r["event_type"] for r in rows] == ["MILITARY_OPERATION"]


@pytest.mark.parametrize("text, places", [
    ("A suicide bomber struck a police convoy in Quetta, and gunmen attacked a checkpoint in Turbat.",
     ["Quetta", "Turbat"]),
    ("Gunmen shot dead a shopkeeper in Peshawar, while in Bannu a roadside bomb struck a police van.",
     ["Bannu", "Peshawar"]),
    ("Militants attacked a checkpoint in Zhob and killed four soldiers.", ["Zhob"]),  # one subject: one
    ("A bomb exploded near a mosque in Quetta, and the blast wounded twelve people in Balochistan.", ["Quetta"]),
])
def test_coordinated_clauses_with_their_own_doers_and_places_are_incidents_apart(events, text, places):
    rows = attacks(events(text, dt.date(2024, 5, 9)))
    assert sorted(r["place"] for r in rows) == places


def test_the_toll_in_the_paragraph_before_the_first_trigger_is_the_storys(events):
    # web pages give each sentence a paragraph: the toll comes first, the incident's noun after it
    text = ("A spokesman for the city's main hospital said nineteen people had died and more "
            "than 40 were injured.\n\n"
            "The explosion tore into a packed bus terminal during the evening rush, a police officer said.\n\n"
            "No group has owned up to the bombing.")
    (row,) = attacks(events(text, dt.date(2023, 6, 5)))
    assert (row["killed"], row["wounded"]) == (19, 40)


@pytest.mark.parametrize("text, place", [
    ("In 2016, gunmen abducted travellers from two Lahore-bound coaches in Zhob and shot dead nine of them.", "Zhob"),
    ("Gunmen stopped a coach on a mountain road and shot dead six passengers; it was on its way to the harbour "
     "town of Gwadar.", None),
    ("Militants ambushed a lorry plying between Quetta and Chaman, killing its driver.", None),
    ("A roadside bomb struck a police van heading to the Kili area of Pishin, killing two constables.", "Pishin"),
])
def test_the_ends_of_a_journey_place_no_incident(events, text, place):
    (row,) = attacks(events(text, dt.date(2019, 4, 18)))
    assert row["place"] == place


@pytest.mark.parametrize("text, target, perpetrators", [
    ("Troops killed nine attackers when they stormed an army camp in Zhob on Monday, the military said.",
     "an army camp", 9),
    ("Soldiers shot dead seven militants belonging to a banned outfit operating from across the border when "
     "they raided a checkpoint in Tank.", "a checkpoint", 7),
])
def test_forces_killing_attackers_when_they_struck_is_the_attack_itself(events, text, target, perpetrators):
    rows = events(text, dt.date(2024, 7, 16))
    assert [(r["event_type"], r["target"], r["perpetrators_killed"]) for r in rows] == [("ATTACK", target, perpetrators)]


def test_an_operation_a_day_after_an_attack_is_no_answer_to_it(events):
    rows = events("Troops killed six militants in North Waziristan on Tuesday, a day after militants attacked "
                  "a checkpoint in Bannu.", dt.date(2024, 7, 16))
    assert sorted(r["event_type"] for r in rows) == ["ATTACK", "MILITARY_OPERATION"]


def test_the_place_a_statement_was_put_out_is_no_incidents(events):
    (row,) = attacks(events("A roadside bomb killed two soldiers in Kurram district, according to a statement "
                            "the army put out in Rawalpindi.", dt.date(2024, 7, 16)))
    assert row["place"] == "Kurram"


def test_a_highlight_bullets_count_gives_way_to_the_bodys(events):
    text = ("Blast at a shrine in Sehwan kills 30\n\n"
            "\u2022 Bomber gunned down one guard at the gate, wounded another, then blew himself up\n\n"
            "\u2022 No group has owned up to it so far\n\n"
            "SEHWAN: At least 30 devotees died and 80 were hurt when a bomber set off his vest in the "
            "shrine on Thursday evening, police said.")
    (row,) = attacks(events(text, dt.date(2017, 2, 17)))
    assert (row["killed"], row["wounded"]) == (30, 80)


@pytest.mark.parametrize("text, target", [
    ("A blast killed four people in Herat on Sunday. Four people including Karim Dad, a district official, "
     "were killed, the ministry said.", "Karim Dad"),
    ("A bomb hit a car in Herat on Sunday. Gul Khan and three of his guards were killed, police said.", "Gul Khan"),
])
def test_a_person_named_among_the_dead_is_the_target(events, text, target):
    (row,) = attacks(events(text, dt.date(2021, 1, 10)))
    assert row["target"] == target


def test_two_blasts_heard_near_one_place_are_one_incident_not_a_summary(events):
    text = ("Two explosions and bursts of gunfire were reported near a police academy in Jalalabad on Wednesday, "
            "residents said.\n\n\"We heard a huge blast and then shooting,\" a shopkeeper told reporters.")
    rows = attacks(events(text, dt.date(2021, 11, 3)))
    assert [r["place"] for r in rows] == ["Jalalabad"]


def test_the_news_of_a_page_without_a_date_is_no_attack_of_a_year_told_after_it(events):
    text = ("Two explosions and bursts of gunfire were reported near a police academy in Jalalabad on Wednesday, "
            "residents said.\n\n\"We heard a huge blast,\" a shopkeeper said.\n\n"
            "Militants stormed the same academy in 2018, killing 19 cadets.")
    rows = sorted(attacks(events(text)), key=lambda r: str(r["date_start"]))
    assert [(str(r["date_start"])[:4], r["killed"]) for r in rows] == [("2018", 19), ("None", None)]


def test_a_district_the_gazetteer_lacks_joins_the_incident_of_its_province_told_before(events):
    text = ("Gunmen attacked a checkpoint in Kabul in May 2014, killing two guards.\n\n"
            "Up north in Balkh province, an officer told reporters on 18 September 2014 that seven policemen had "
            "died when a colleague opened fire on them at a post.\n\n"
            "Zia Ahmad, police chief of Shor Kalan Dara district, said a constable was hurt after the firing "
            "late on 17 September.")
    rows = sorted(attacks(events(text)), key=lambda r: str(r["date_start"]))
    assert [(r["province"], r["killed"], r["wounded"]) for r in rows] == [("Kabul", 2, None), ("Balkh", 7, 1)]


@pytest.mark.parametrize("text, target", [
    ("Gunmen raided a seaside hotel in Kismayo late on Sunday, leaving nine dead. Survivors said the raid "
     "opened with a car bomb at the gate before the attackers ran into the lobby of the Sahil Hotel.", "Sahil Hotel"),
    ("Gunmen raided a seaside hotel in Kismayo late on Sunday, leaving nine dead. Survivors said the raid "
     "opened with a car bomb near the Central Mosque.", "a seaside hotel"),
])
def test_the_name_the_story_gives_the_place_attacked_is_its_target(events, text, target):
    (row,) = attacks(events(text, dt.date(2022, 8, 20)))
    assert row["target"] == target


@pytest.mark.parametrize("text, published, actors", [
    # a group that claimed in a participle
    ("A suicide bomber killed 20 people at a bus stand in Mardan on Sunday. After claiming "
     "the bombing, the Jamaatul Ahrar warned on Monday of more attacks.", dt.date(2016, 3, 28), ["jua"]),
    # an attacker identified by authorities as a group's fighter
    ("A bomber killed 12 worshippers at a church in Homs on Sunday. More than 30 were hurt when the "
     "attacker, identified by officials as an Islamic State member, fired on the crowd before blowing "
     "himself up.", dt.date(2025, 6, 23), ["islamic-state"]),
    # a police rank, no sectarian group
    ("SSP (Operations) Tariq Khan died on the spot when a bomber struck the rally in Lahore on Monday.",
     dt.date(2017, 2, 14), []),
])
def test_the_doers_of_a_lone_attack(events, text, published, actors):
    (row,) = attacks(events(text, published))
    assert row["actor_ids"] == actors


def test_a_lead_placed_by_its_country_and_a_body_placed_by_its_town_are_one_incident(events):
    text = ("Bomber strikes mourners at a hospital\n\n"
            "More than 60 people have died in Afghanistan in a bombing at a clinic that mourners had filled.\n\n"
            "Staff Reporter\n\n"
            "An unknown number of doctors were killed when a bomber set off his vest by the entrance of a clinic "
            "in Ghazni, where crowds had gathered after a funeral.")
    rows = attacks(events(text))
    assert [(r["place"], r["killed"]) for r in rows] == [("Ghazni", 60)]


@pytest.mark.parametrize("text", [
    "Commandos began a large clearance operation after armed men hijacked a passenger train in Bolan district.",
    "Troops shot dead 20 gunmen while the operation went into a third day after the hijacking of a train in "
    "Bolan district.",
])
def test_an_operation_launched_after_a_hijacking_is_part_of_it(events, text):
    rows = events(text, dt.date(2025, 3, 12))
    assert [r["event_type"] for r in rows] == ["ATTACK"]


def test_what_a_strike_hit_told_again_in_the_passive_is_that_strike(events):
    text = ("At least 12 fighters were killed on Friday when a drone fired two missiles at a hideout near Datta Khel, "
            "officials said. One official said the hideout was hit in the Spalga area. Villagers said the hideout "
            "was flattened in the attack.")
    rows = events(text, dt.date(2014, 6, 13))
    assert [r["event_type"] for r in rows] == ["MILITARY_OPERATION"]


def test_a_doubled_t_of_targeted_still_tells_the_attack_and_its_doers(events, nlp):
    assert [t.lemma_ for t in nlp("Militants targetted a convoy.") if t.lower_ == "targetted"] == ["target"]
    text = ("Fighters of the Jaish-e-Mohammed targetted a paramilitary convoy near Anantnag on Monday. At least "
            "nine of the troops died in the blast.")
    (row,) = attacks(events(text, dt.date(2019, 3, 5)))
    assert (row["actor_ids"], row["killed"]) == (["jem"], 9)


def test_a_lead_in_the_present_on_an_undated_page_is_no_bombing_of_a_month_told_back_to(events):
    text = ("Two bombers blow themselves up by the bus station in Kirkuk, killing at least nine people, police say.\n\n"
            "The city has seen few bombings since 2019. The March 2019 bombing also hit the bus station "
            "and killed 17 people.")
    rows = sorted(attacks(events(text)), key=lambda r: str(r["date_start"]))
    assert [(str(r["date_start"])[:7], r["killed"]) for r in rows] == [("2019-03", 17), ("None", 9)]


def test_an_incident_told_back_to_last_year_on_an_undated_page_is_no_news_of_the_day(events):
    text = ("At least 20 have been killed and over 50 injured after a bombing at a market in Mardan. The TTP "
            "claimed the bombing.\n\n"
            "Last year, the group wounded over 30 people and killed nine with two bombs at a bus stand in Mardan.")
    rows = sorted(attacks(events(text)), key=lambda r: r["killed"])
    assert [(r["killed"], r["wounded"], r["actor_ids"]) for r in rows] == [(9, 30, ["ttp"]), (20, 50, ["ttp"])]


def test_a_bombing_dated_to_a_month_years_back_is_not_the_news_of_the_day(events):
    text = ("Two bombers blow themselves up by a fruit market in Kirkuk, killing at least 11 people, police say.\n\n"
            "The city has seen few such bombings since the war. The March 2017 bombing also hit the fruit market "
            "and killed 20 people.")
    rows = sorted(attacks(events(text, dt.date(2021, 1, 21))), key=lambda r: str(r["date_start"]))
    assert [(str(r["date_start"])[:7], r["killed"]) for r in rows] == [("2017-03", 20), ("2021-01", 11)]


def test_what_else_happened_at_the_same_place_is_another_incident_with_its_own_doers(events):
    text = ("An assault on an army camp in Chad on Thursday evening left at least 40 soldiers dead.\n\n"
            "Thursday's attack hit a camp in the eastern Chadian town of Bir Zagoura, officials said, near the "
            "same lake where Boko Haram killed nearly 30 soldiers in two raids in March and June.")
    rows = sorted(attacks(events(text)), key=lambda r: r["killed"])
    assert [(r["killed"], r["actor_ids"]) for r in rows] == [(30, ["boko-haram"]), (40, [])]


def test_the_toll_after_the_storys_noun_named_again_is_not_the_one_measured_from(events):
    text = ("KANO, Nigeria -- A car bomb went off on Friday morning at a crowded bus park in the city, killing at "
            "least 41 people, police said. It was the deadliest bombing in Kano since a 2014 blast killed "
            "hundreds.\n\n"
            "The blast tore through the market hour as traders set up their stalls. At least 88 people were "
            "hurt, a hospital director said, and dozens queued to give blood.")
    rows = sorted(attacks(events(text, dt.date(2021, 5, 8))), key=lambda r: r["killed"])
    assert [(r["killed"], r["wounded"]) for r in rows] == [(41, 88), (100, None)]




@pytest.mark.parametrize("text, day", [
    ("Kenya on Friday marked the second anniversary of the group's worst attack, a raid on a college in the north "
     "that killed 148 people.", "2017-04-19"),
    ("Mourners gathered on Friday, the 10th anniversary of the bombing that left 60 dead in a Peshawar bazaar.",
     "2009-04-19"),
    ("A bomb left 12 dead in a Peshawar bazaar on Friday, weeks before the anniversary of an older bombing.",
     "2019-04-19"),
])
def test_an_incident_named_by_its_anniversary_is_dated_that_many_years_back(events, text, day):
    rows = attacks(events(text, dt.date(2019, 4, 20)))
    assert [str(r["date_start"]) for r in rows][:1] == [day]


def test_a_day_named_as_anothers_anniversary_dates_the_incident_told_on_it(events):
    text = ("Two bombers blew themselves up among mourners in Kerbala on January 3, the fourth anniversary of the "
            "killing of a commander, killing 40 people.")
    rows = attacks(events(text, dt.date(2024, 1, 4)))
    assert [str(r["date_start"]) for r in rows] == ["2024-01-03"]


@pytest.mark.parametrize("text, expected", [
    ("Insurgents who had taken control of Macomia town on Monday morning withdrew after dark.", [("ATTACK", None)]),
    ("Troops regained control of the town on Friday.", []),
    ("The Taliban took control of the country in 2021.", []),
    ("The convoy that was ambushed near Bannu carried troops.", [("ATTACK", "The convoy")]),
])
def test_a_town_seized_by_force_is_attacked_and_a_doer_is_no_target(events, text, expected):
    assert [(r["event_type"], r["target"]) for r in events(text, dt.date(2020, 3, 24))] == expected


@pytest.mark.parametrize("text, actors", [
    ("Fighters of TTP splinter group Lashkar Al-Khair rammed a truck against the gate of a fort in Bannu on Tuesday, "
     "killing 12 people.", []),
    ("The Lashkar Al-Khair, a faction of the banned Hafiz Gul Bahadur outfit, said it carried out the bombing of the fort in Bannu "
     "that killed 12.", []),
    ("Jamaat-ul-Ahrar, a TTP faction, claimed the bombing in Lahore that killed 12.", ["jua"]),
    ("A TTP splinter group claimed the bombing in Bannu that killed 12.", ["ttp"]),   # unnamed: still the TTP's
])
def test_a_group_named_only_as_a_named_factions_parent_is_no_doer(events, text, actors):
    (row,) = attacks(events(text, dt.date(2025, 3, 5)))
    assert row["actor_ids"] == actors


def test_an_attack_told_without_a_date_is_not_the_one_told_by_its_year(events):
    text = ("Within hours of the truce, gunmen stormed the district courts in Quetta, killing 11 people.\n\n"
            "The courts themselves had been bombed in 2009 during a lawyers' rally, police recalled.")
    rows = sorted(attacks(events(text)), key=lambda r: str(r["date_start"]))
    assert [(str(r["date_start"])[:4], r["killed"]) for r in rows] == [("2009", None), ("None", 11)]


def test_a_toll_and_place_told_days_before_the_story_are_not_the_storys(events):
    text = ("GAO: At least 10 soldiers died today when gunmen attacked their camp in the north, officials said.\n\n"
            "This latest attack happened two days after 31 villagers were killed when their bus ran over a mine in "
            "Douentza, a UN toll said.")
    (row,) = attacks(events(text))
    assert row["killed"] == 10 and "Douentza" not in row["location"]


def test_a_claimed_blast_days_before_the_story_is_its_own_incident(events):
    text = ("Gunmen stopped two buses near Pasni and shot dead 11 passengers, officials said.\n\n"
            "The attack came six days after a suicide explosion claimed by the Islamic State in provincial capital Quetta.")
    rows = sorted(attacks(events(text)), key=lambda r: r["location"])
    assert [(r["location"].split(",")[0], r["actor_ids"]) for r in rows] == [("Pasni", []), ("Quetta", ["islamic-state"])]


@pytest.mark.parametrize("text, killed, wounded", [
    ("More than 90 people at prayer were killed or hurt by the blast inside a Kunduz mosque on Friday.", None, None),
    ("The bombing left 60 people dead or injured at the market in Kunduz on Friday.", None, None),
    ("The bombing killed 12 people and wounded 30 at the market in Kunduz on Friday.", 12, 30),
])
def test_the_dead_and_the_hurt_counted_together_give_neither_figure(events, text, killed, wounded):
    (row,) = attacks(events(text, dt.date(2021, 10, 9)))
    assert (row["killed"], row["wounded"]) == (killed, wounded)


@pytest.mark.parametrize("text", [
    "The group admitted to Saturday's shooting spree at a bar in Izmir, which left 12 people dead and nearly 40 wounded.",
    "Police said Saturday's shooting rampage at a bar in Izmir left 12 people dead and 40 wounded.",
])
def test_a_shooting_spree_is_the_attack_and_no_victim_of_its_own(events, text):
    assert [(r["killed"], r["wounded"]) for r in attacks(events(text))] == [(12, 40)]


def test_a_spree_coordinated_with_a_count_is_no_single_victim(events):
    rows = attacks(events("The militants said in a message that they were behind a New Year's shooting "
                          "spree at a bar in Izmir that left 12 people dead and nearly 40 wounded."))
    assert [(r["killed"], r["wounded"]) for r in rows] == [(12, 40)]


@pytest.mark.parametrize("later, parts", [
    # the doer named again with "the": the story's gunman, though his sentence gives a year
    ("The lone gunman, still on the run, shot a doorman outside the bar in the first minutes of 2019 "
     "before he went in.", 1),
    # a definite noun alone may name an earlier attack
    # an incident named by its year is another one
    ("The 2016 attack on the same bar killed three.", 2),
])
def test_a_later_sentence_with_a_year_that_names_the_attack_again_is_the_same_attack(events, later, parts):
    rows = attacks(events("A gunman opened fire in a crowded bar in Izmir on Monday, killing 12 people. " + later))
    assert len(rows) == parts


def test_the_figures_of_the_main_clause_are_not_a_strike_told_hours_before(events):
    rows = events("Eleven soldiers were killed when militants stormed an army post in Marib province, officials said, "
                  "hours after a drone strike near Sanaa.")
    assert [(r["event_type"], r["killed"]) for r in rows] == [("ATTACK", 11), ("MILITARY_OPERATION", None)]


def test_a_city_the_model_takes_for_a_person_makes_no_strike_a_targeted_killing(events):
    rows = events("Two men were killed in a drone strike east of Sanaa on Monday.")
    assert [r["event_type"] for r in rows] == ["MILITARY_OPERATION"]


def test_places_counted_in_the_subject_of_a_kill_verb_are_no_victims(events):
    rows = attacks(events("Bomb blasts at four churches and two beach hotels killed 90 people and wounded 200 on Sunday."))
    assert [(r["killed"], r["wounded"]) for r in rows] == [(90, 200)]


def test_a_date_in_a_clause_about_the_country_does_not_date_the_attack(events):
    rows = attacks(events("Bomb blasts at three churches killed 90 people. There were no claims of responsibility for "
                          "the attacks in a nation that was at war with rebels until 2009."))
    assert [r["date_start"] for r in rows] == [None]


def test_the_noun_before_a_generic_blast_shares_its_reading(events):
    rows = attacks(events("Bomb blasts at three churches killed 90 people on Sunday. The country fought rebels until "
                          "2009, a time when car bomb explosions in the capital were common.", dt.date(2019, 4, 22)))
    assert [(str(r["date_start"])[:10], r["killed"]) for r in rows] == [("2019-04-21", 90)]


@pytest.mark.parametrize("text, told", [
    ("Suicide attacks at a chemical plant near Basra kill at least 14 workers.", True),
    ("Gunmen raid hotel in Mogadishu, kill 9.", True),
    ("Roadside bombs kill 300 people a year in the province.", False),
])
def test_a_plural_in_the_present_with_a_toll_is_one_incident_unless_a_rate(events, text, told):
    assert bool(attacks(events(text))) == told


def test_attackers_counted_in_the_subject_are_no_dead_of_theirs(events):
    (row,) = attacks(events("The six-hour siege of a hotel in Mogadishu by five gunmen left 12 people dead."))
    assert (row["killed"], row["perpetrators_killed"]) == (12, None)


def test_what_a_since_phrase_counts_is_the_incident_it_dates_from(events):
    rows = events("The army has waged a crackdown on militants since the 2009 market bombing in the town that "
                  "killed 90 people.")
    assert {(r["event_type"], r["killed"]) for r in rows} == {("MILITARY_OPERATION", None), ("ATTACK", 90)}


def test_a_weekday_after_a_town_is_no_part_of_its_name(events):
    (row,) = attacks(events("Two gunmen stormed a hotel in the resort town of Sousse Friday, killing 27 people."))
    assert row["location"].split(",")[0] == "Sousse"


def test_two_incidents_told_in_one_sentence_in_two_countries_are_two(events):
    rows = attacks(events("It was a day of bloodshed, with a suicide bomber killing 13 people at a mosque in Kuwait City "
                          "and a gunman killing four people at a railway station in Lyon, France."))
    assert sorted((r["location"].split(",")[0], r["killed"]) for r in rows) == [("Kuwait City", 13), ("Lyon", 4)]


@pytest.mark.parametrize("text", [
    # a unit named by its task is a state's force, its raid an operation
    "Officials said an anti-terror squad raided two houses in Banten province overnight.",
    "Officials said a counter-terrorism unit raided two houses in Banten province overnight.",
    # militants killed in a state's raid, its force named before the noun
    "Three suspected jihadists were shot dead in a police raid in the port of Antwerp on Monday night.",
    "At least 14 militants have been killed in army raids in Kunar province, officials said.",
])
def test_a_raid_by_a_states_unit_is_its_operation(events, text):
    assert [r["event_type"] for r in events(text)] == ["MILITARY_OPERATION"]


def test_attacks_a_cell_was_planning_are_intended(events):
    rows = events("Police raided an Islamist cell planning attacks on synagogues on Friday.", dt.date(2015, 1, 17))
    assert [r["event_type"] for r in rows] == ["MILITARY_OPERATION"]


def test_arrests_listed_with_a_campaign_in_the_perfect_are_its_record(events):
    rows = events("The army has waged long campaigns in the valley, arrested suspects and razed houses of militants.")
    assert [r for r in rows if r["event_type"] == "ARREST"] == []


@pytest.mark.parametrize("text, actors", [
    ("Ansar Beit el-Maqdes claimed the bombing of an army bus in Arish on Thursday.", ["is-sinai"]),
    ("Police blamed Jemaah Anshorut Daulah for the bombing of a church in Surabaya on Sunday.", ["jad"]),
    # the province of that name is no group
    ("A roadside bomb hit an army bus in North Sinai province on Thursday.", []),
])
def test_groups_of_egypt_and_indonesia(events, text, actors):
    assert [r["actor_ids"] for r in attacks(events(text))] == [actors]


def test_a_city_police_title_places_no_second_incident(events):
    rows = attacks(events("Three guards were killed when bombers attacked a paramilitary headquarters in Quetta on Monday. "
                          "Quetta Capital City police chief Ali Khan told reporters the raiders meant to storm the "
                          "compound in a coordinated strike. The Jamaat-ul-Ahrar claimed the attack."))
    assert [(r["location"].split(",")[0], r["actor_ids"]) for r in rows] == [("Quetta", ["jua"])]


def test_the_group_said_to_be_behind_an_attack_is_its_suspected_doer(events):
    rows = attacks(events("The BLA is a separatist group in Balochistan. In May 2024, the outfit was behind a hijacking "
                          "of a passenger bus in Mastung, which left 12 people dead."))
    assert [r["actor_ids"] for r in rows] == [["bla"]]


def test_a_claim_whose_group_is_described_by_its_record_still_claims_the_story(events):
    rows = attacks(events("Two foreign engineers were killed in a car bombing near the airport in Karachi. The separatist "
                          "Balochistan Liberation Army, which over the years has struck at foreigners with many attacks, "
                          "said it carried out the bombing."))
    assert [r["actor_ids"] for r in rows] == [["bla"]]


def test_the_groups_own_words_about_its_deed_are_the_story_dated_by_its_day_not_the_statements(events):
    rows = attacks(events("Two foreign engineers were killed in a car bombing near the airport in Karachi. The BLA "
                          "said it carried out the bombing. In a statement put out on Monday, the outfit "
                          "said it had struck a convoy of foreign engineers leaving the airport. The blast happened "
                          "shortly before midnight on Sunday.", dt.date(2024, 10, 7)))
    assert [(str(r["date_start"])[:10], r["location"].split(",")[0], r["actor_ids"]) for r in rows] == \
        [("2024-10-06", "Karachi", ["bla"])]


@pytest.mark.parametrize("text, place", [
    # the speaker's seat is no place of the incident where the sentence places it elsewhere
    ("The embassy in Islamabad said its staff rode in a convoy that was attacked near Karachi airport.", "Karachi"),
    # ... but it is the place where the sentence names no other
    ("Police in Quetta said a blast on Monday left two people dead.", "Quetta"),
])
def test_where_a_speaker_sits(events, text, place):
    assert [r["location"].split(",")[0] for r in attacks(events(text))] == [place]


def test_a_lead_summing_up_separate_shootings_gives_way_to_each_told_after_it(events):
    text = ("QUETTA: Five more people were shot dead in separate firing incidents across the city on Monday.\n\n"
            "In the first incident, two men on a motorbike attacked a rickshaw on Spinny Road, killing three passengers.\n\n"
            "In another incident, a shopkeeper was shot dead on Jinnah Road.\n\n"
            "Elsewhere, gunmen killed a traffic warden near Sariab Road.")
    rows = attacks(events(text, dt.date(2013, 3, 5)))
    assert sorted(r["killed"] for r in rows) == [1, 1, 3]
    assert all(r["location"] and r["location"].startswith(("Quetta", "Sariab")) or "Quetta" in r["location"]
               for r in rows)


def test_an_incident_nothing_else_places_is_placed_at_the_town_the_report_is_filed_from(events):
    text = ("PESHAWAR: Mourners gathered on Tuesday for the funeral prayers of the victims.\n\n"
            "Traders closed their shops and the streets were empty.\n\n"
            "Police said extra officers had been sent to the markets.\n\n"
            "The first attack took place on Circular Road where armed men ambushed a van and killed four people.")
    rows = attacks(events(text, dt.date(2013, 3, 5)))
    assert [r["location"].split(",")[0] for r in rows] == ["Peshawar"]


def test_an_attack_recalled_hours_before_and_one_told_on_another_day_are_two(events):
    text = ("Twin suicide blasts left three policemen dead Thursday in Bannu district. The blasts came hours "
            "after a night attack in which militants, carrying rifles, shot up a police post in the city of Kohat, "
            "killing two constables and injuring as many more. The TTP also owned that night shooting, "
            "its spokesman said. Tuesday, a suicide car bomber of the TTP hit an army truck in Kohat, wounding five "
            "soldiers and one passer-by.")
    rows = sorted(attacks(events(text, dt.date(2023, 7, 20))), key=lambda r: str(r["date_start"]))
    kohat = [(str(r["date_start"])[:10], r["killed"], r["wounded"], r["actor_ids"]) for r in rows
             if r["location"].startswith("Kohat")]
    assert kohat == [("2023-07-18", None, 6, ["ttp"]), ("2023-07-20", 2, 2, ["ttp"])]


def test_a_campaign_militants_wage_is_no_states_operation(events):
    assert events("Islamabad had asked that Kabul rein in TTP insurgents who have waged a long campaign against "
                  "the state.") == []


def test_a_spokesman_who_wrote_a_post_makes_no_strike_a_targeted_killing(events):
    rows = events('"Air strikes also hit Kunar, where four civilians were hurt," Mujahid wrote on X on Monday.')
    assert [r["event_type"] for r in rows] == ["MILITARY_OPERATION"]


@pytest.mark.parametrize("judged", [
    "The commander said those responsible were judged to be ISIS gunmen.",
    "The commander said the bombers were thought to be with IS, the Islamic State.",
])
def test_attackers_judged_to_be_a_groups_men_name_it_the_suspect(events, judged):
    rows = attacks(events("A suicide bomber killed 13 soldiers at a gate of Kabul airport on Thursday. " + judged))
    assert [r["actor_ids"] for r in rows] in ([["islamic-state"]], [["iskp"]])


def test_one_strike_on_a_named_leader_told_as_a_killing_and_an_attack_is_one(events):
    text = ("The United States killed the militia's leader Abu Karim in an air strike near Dalbandin, officials "
            "said on Sunday. Kerry said Karim's car was attacked near Dalbandin.")
    rows = events(text, dt.date(2016, 5, 23))
    assert [r["event_type"] for r in rows] == ["TARGETED_KILLING"]


@pytest.mark.parametrize("text", [
    # troops on the move "when they were ambushed": its victims, not the doers of an operation
    "Forty Frontier Corps soldiers were driving back to their camp when they were ambushed near the village of "
    "Gharibabad, officials said.",
    # soldiers a group claims to have captured: no arrest
    "Fighters overran an army post near Boni in Mali on Monday. Nine soldiers died in the fighting and three "
    "captured, JNIM claimed.",
])
def test_what_is_done_to_troops_is_an_attack_no_operation_nor_arrest(events, text):
    assert [r["event_type"] for r in events(text)] == ["ATTACK"]


def test_a_later_sentence_placing_the_blast_in_a_quarter_of_the_lead_town_joins_it(events):
    rows = events("A suicide bomber rammed a car into a police van near Sheranpur on Monday, killing nine officers. "
                  "The bombing in Sheranpur's Kalakot area also left at least six people injured.")
    (row,) = attacks(rows)
    assert (row["killed"], row["wounded"]) == (9, 6)
    assert row["location"].startswith("Kalakot")


@pytest.mark.parametrize("text", [
    "Gunmen shot dead 14 villagers in the town of Djibo on Monday, the newest in a wave of attacks by JNIM.",
    "Gunmen shot dead 14 villagers in the town of Djibo on Monday, the newest in a chain of raids by an "
    "armed group, Jama'at Nusrat al-Islam wal-Muslimin (JNIM).",
])
def test_the_group_a_series_is_told_of_is_the_doer_of_its_latest(events, text):
    assert attacks(events(text))[0]["actor_ids"] == ["jnim"]


def test_a_countrys_first_suicide_bombing_in_years_is_no_state_operation(events):
    rows = events("ISIS claimed a bombing at a bus station in Kirkuk on Sunday that killed 19 people, "
                  "Iraq's first suicide bombing in two years.")
    assert [r["event_type"] for r in rows] == ["ATTACK"]


def test_the_wounded_confirmed_as_such(events):
    (row,) = attacks(events("Gunmen stormed a hotel in Mogadishu, where 12 guests were killed and 20 were "
                            "confirmed as injured, police said."))
    assert (row["killed"], row["wounded"]) == (12, 20)


def test_the_side_of_a_clash_in_which_soldiers_fell_is_the_attacker_not_the_operations(events):
    (attack,) = events("Nine soldiers died in a gun battle with Abu Sayyaf fighters in Indanan on Tuesday.")
    assert attack["event_type"] == "ATTACK" and attack["actor_ids"] == ["abu-sayyaf"]
    (operation,) = events("Troops killed seven militants in a gun battle with the TTP in Tirah on Tuesday.")
    assert operation["event_type"] == "MILITARY_OPERATION" and operation["actor_ids"] == []


@pytest.mark.parametrize("text", [
    "Markets stayed shut across the valley on Friday during a three-day strike called by the separatists.",
    "Shops were closed in Srinagar as a strike called by traders entered its second day.",
])
def test_a_shutdown_strike_is_no_attack(events, text):
    assert attacks(events(text)) == []


def test_nigerias_islamic_state_branch_by_its_acronym(events):
    (row,) = attacks(events("ISWAP fighters stormed an army base in Marte on Saturday, killing seven soldiers."))
    assert row["actor_ids"] == ["islamic-state"]


@pytest.mark.parametrize("headline", [
    "52, mostly students, killed and 80 hurt as suicide bomber strikes Kabul school",  # the model's DATE for "52"
    "Fifty-two people, mainly students, were killed and 80 hurt when a suicide bomber struck a Kabul school.",
])
def test_a_count_with_its_part_set_off_by_commas(events, headline):
    (row,) = attacks(events(headline))
    assert (row["killed"], row["wounded"]) == (52, 80)


def test_a_group_named_by_what_it_is_known_as_is_the_claimant_not_the_word_before_it(events):
    rows = events("A suicide bomber struck a market in Mardan on Sunday. A Taliban outfit known as "
                  "Jamaat-ul Ahrar claimed the bombing.")
    assert attacks(rows)[0]["actor_ids"] == ["jua"]


def test_the_country_that_conducted_an_operation_is_not_where_it_was(events):
    (row,) = events("On Tuesday the US Army ran a counterterrorism operation on a senior al Qaeda target "
                    "in Yemen.")
    assert row["event_type"] == "MILITARY_OPERATION"
    assert row["location"].startswith("Yemen") and row["actor_ids"] == []


def test_a_group_that_took_control_of_a_camp_is_its_attacker(events):
    (row,) = attacks(events("Jama\u00b4at Nusrat al-Islam wal Muslimeen took control of the Tessit camp "
                            "in Mali on Sunday, the group said."))
    assert row["actor_ids"] == ["jnim"]


def test_two_weekdays_of_a_page_without_its_date_are_two_incidents(events):
    rows = events("A bomb tore through a bus station in Quetta on Tuesday, killing 11 people. On Saturday, "
                  "a blast at a bazaar killed four people, police said on Sunday.")
    assert sorted(r["killed"] for r in attacks(rows)) == [4, 11]


def test_the_place_of_one_more_incident_told_next_is_not_the_first_ones(events):
    rows = events("A suicide bomber targeted Balochistan on Monday, and nine were killed. Also, one more "
                  "incident took place in Turbat, where a grenade hit a shop.")
    assert sorted(r["location"].split(",")[0] for r in attacks(rows)) == ["Balochistan", "Turbat"]


def test_the_people_a_later_sentence_lists_among_the_arrested_are_the_arrests_target(events):
    (row,) = events("Police in Lahore arrested four suspected militants on Monday. Among the arrested men are "
                    "Sher Khan, Noor Wali and Tariq Khan, a spokesman said.")
    assert row["event_type"] == "ARREST" and row["target"] == "Sher Khan, Noor Wali, Tariq Khan"


def test_the_car_that_went_off_is_no_group_told_before(events):
    rows = events("Gunmen stormed a temple in Kabul on Saturday, killing two guards. A Taliban spokesman said the "
                  "attackers meant to drive a van packed with explosives into the yard, but it exploded early.")
    assert "taliban" not in attacks(rows)[0]["actor_ids"]


def test_attackers_said_to_be_from_a_group_are_its_men(events):
    rows = events("Gunmen stormed a temple in Kabul on Saturday, killing two guards. A ministry spokesman said the "
                  "attackers were from the Islamic State.")
    assert attacks(rows)[0]["actor_ids"] != []


def test_the_group_of_a_leader_a_headline_says_was_killed_is_not_the_doer(events):
    rows = events("Al-Shabaab commander Hassan Ali killed in US air strike\n\nA senior al-Shabaab commander, Hassan "
                  "Ali, was killed in a US air strike near Jilib in Somalia on Friday, officials said.")
    assert all("al-shabaab" not in r["actor_ids"] for r in rows)

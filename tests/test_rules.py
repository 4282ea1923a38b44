"""Mentions after the model and the rules: linking, context rules, and the model's errors overridden."""
import pytest

from pipeline.tuning import explain


def ents(nlp, catalog, sentence):
    return {(r["text"], r["label"], r["entity_id"]) for r in explain(nlp, catalog, sentence)}


@pytest.mark.parametrize("sentence, expected", [
    ("Responsibility was claimed by the Tehrik-e-Taliban Pakistan (Fitna al-Khawarij).",
     {("Tehrik-e-Taliban Pakistan", "MILITANT_GROUP", "ttp"), ("Fitna al-Khawarij", "MILITANT_GROUP", "ttp")}),
    ("The Tehreek-e-Taliban Pakistan (TTP) is active in the tribal areas.",
     {("Tehreek-e-Taliban Pakistan (TTP)", "MILITANT_GROUP", "ttp")}),
    ("Lashkar-i-Islam and the Hafiz Gul Bahadur Group (HGBG) were named.",
     {("Lashkar-i-Islam", "MILITANT_GROUP", "lei"), ("Hafiz Gul Bahadur Group (HGBG)", "MILITANT_GROUP", "hgbg")}),
    ("Its branch, Wilayat Khorasan, grew after 2015.", {("Wilayat Khorasan", "MILITANT_GROUP", "iskp")}),
    ("The Islamic State Central Africa Province claimed the raid on the town.",
     {("Islamic State Central Africa Province", "MILITANT_GROUP", "islamic-state")}),
    ("The army launched Operation Zarb-e-Azb in 2014.", {("Operation Zarb-e-Azb", "OPERATION", "op-zarb-e-azb")}),
])
def test_group_and_operation_spellings_link_to_one_entry(nlp, catalog, sentence, expected):
    assert expected <= ents(nlp, catalog, sentence)


def test_bare_taliban_is_afghan_unless_made_pakistani(nlp, catalog):
    assert ("Taliban", "MILITANT_GROUP", "taliban") in ents(nlp, catalog, "Defectors from the Taliban joined it.")
    found = ents(nlp, catalog, "India is supporting Pakistani Taliban and Baloch separatists.")
    assert ("Pakistani Taliban", "MILITANT_GROUP", "ttp") in found
    assert not any(e[2] == "taliban" for e in found)


def test_is_is_a_group_only_as_a_name(nlp, catalog):
    assert ("IS", "MILITANT_GROUP", "islamic-state") in ents(nlp, catalog, "IS claimed the bombing in Kabul.")
    assert not any(e[2] for e in ents(nlp, catalog, "This IS the deadliest attack this year."))
    assert not any(e[2] for e in ents(nlp, catalog, "WHY THE ATTACK IS A TURNING POINT FOR KABUL"))


@pytest.mark.parametrize("sentence, person", [
    ("That also helped Field Marshal Asim Munir, Pakistan's army chief, to score an invitation.", "Asim Munir"),
    ("Lieutenant General Ahmed Sharif Chaudhry, the military spokesman, says so.", "Ahmed Sharif Chaudhry"),
    ("This included the 2003 arrest of Khalid Sheikh Mohammed in Rawalpindi.", "Khalid Sheikh Mohammed"),
    ("It included the capture of Abu Zubaydah in Faisalabad in 2002.", "Abu Zubaydah"),
])
def test_people_are_one_person_each(nlp, catalog, sentence, person):
    people = {e[0] for e in ents(nlp, catalog, sentence) if e[1] == "PERSON"}
    assert people == {person}


def test_defined_abbreviation_gives_both_forms(nlp, catalog):
    found = ents(nlp, catalog, "It met obligations under the Financial Action Task Force (FATF) framework.")
    assert {("Financial Action Task Force", "ORG", None), ("FATF", "ORG", None)} <= found


def test_a_groups_abbreviation_given_in_brackets_is_that_group_in_the_whole_document(nlp, catalog):
    found = ents(nlp, catalog, "Troops raided a camp of the Abu Sayyaf Group (ASG) in Basilan. "
                               "Two ASG men were caught, and the ASG has not said a word.")
    assert ("Abu Sayyaf Group", "MILITANT_GROUP", "abu-sayyaf") in found
    assert {r for r in found if r[0] == "ASG"} == {("ASG", "MILITANT_GROUP", "abu-sayyaf")}
    plain = ents(nlp, catalog, "The ASG told the court on Monday that the case was weak.")
    assert ("ASG", "MILITANT_GROUP", "abu-sayyaf") not in plain  # an Additional Solicitor General


def test_organisation_loses_the_and_its_owner(nlp, catalog):
    found = {e[0] for e in ents(nlp, catalog, "He was head of America's Central Command, according to the U.S. State Department.")}
    assert "Central Command" in found and "U.S. State Department" in found


def test_a_listed_place_is_never_a_person(nlp, catalog):
    found = ents(nlp, catalog, "Quetta was quiet on Tuesday after the blast.")
    assert ("Quetta", "PERSON", None) not in found


def test_a_listed_place_tagged_an_organisation_is_a_place(nlp, catalog):
    found = ents(nlp, catalog, "Security forces eliminated five terrorists in an operation in Tank on Monday.")
    assert ("Tank", "GPE", None) in found


def test_cased_ruler_matches_what_spacys_token_matcher_would(nlp, catalog):
    """Acronym patterns go to a PhraseMatcher on ORTH: the matches must equal the token Matcher's."""
    from spacy.matcher import Matcher

    from pipeline.rules import RULER, exact_tokens

    ruler = nlp.get_pipe(RULER)
    exact = [p for p in catalog.patterns if p.get("id") and exact_tokens(p["pattern"])]
    assert len(exact) > 20 and len(ruler.cased) == len({(p["label"], p["id"]) for p in exact})
    reference = Matcher(nlp.vocab)
    for p in exact:
        reference.add(ruler._create_label(p["label"], p["id"]), [p["pattern"]])
    text = ("ISIS-K and IS fighters clashed with the TTP near Bannu; the is-k cell, isis and ttp (lower case) "
            "are not acronyms. The BLA and BLF denied it. IS claimed it, said ISKP. TTP-JA and ISIS - K.")
    doc = nlp(text)
    expected = set(reference(doc))
    assert len(expected) >= 6
    assert set(ruler.cased(doc)) == expected
    assert expected <= set(ruler.match(doc))


@pytest.mark.slow
def test_patterns_test_shows_dates_figures_places_and_events_of_a_sentence(capsys):
    from pipeline.cli import main
    from tests.conftest import ROOT

    sentence = ("Gunmen from the Tehreek-e-Taliban Pakistan killed two policemen and wounded 3 others in "
                "Bannu district on Monday, police said. The group did not say whether it would strike again.")
    assert main(["patterns", "test", sentence, "--published", "2025-03-05", "--config", str(ROOT / "configs")]) == 0
    shown = capsys.readouterr().out
    sections = dict(part.split(":\n", 1) for part in shown.split("\n\n")[1:])
    assert "Tehreek-e-Taliban Pakistan       MILITANT_GROUP  ttp" in shown
    assert "Monday  2025-03-03  day" in sections["dates"]                 # the Monday before publication
    assert "two   2      2    2     policemen" in sections["figures"]
    assert "Bannu  Bannu  district  Bannu     Khyber Pakhtunkhwa  Pakistan" in sections["places"]
    assert "strike   ATTACK      hypothetical" in sections["event_mentions"]  # no incident
    rows = sections["events"].splitlines()
    assert len(rows) == 2 and rows[1].split()[:4] == ["ATTACK", "killed", "2025-03-03", "sentence"]
    assert rows[1].split()[-6:] == ["ttp", "two", "policemen", "2", "3", "-"]  # actors, target, killed, wounded

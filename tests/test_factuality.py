"""Factuality of trigger mentions: tables of (sentence, trigger word, label), made up in the style
of wire copy. ASSERTED rows are incidents the text reports and must stay "asserted" (a dropped
incident is lost for good); the other rows say why a mention is no incident."""
from __future__ import annotations

import shutil
from collections import Counter

import pytest

from pipeline.config import ConfigError, load_config
from pipeline.factuality import LABELS, FactualityCues, factuality, label_mentions
from tests.conftest import ROOT

ASSERTED = [
    ("At least 40 people were killed when a bomb exploded at a rally in Khar.", "exploded"),
    ("At least 40 people were killed when a bomb exploded at a rally in Khar.", "bomb"),
    ("The attack, claimed by the Islamic State Khorasan Province, killed 44 people.", "attack"),
    ("Militants stormed a police station in Lakki Marwat on Sunday night.", "stormed"),
    ("Police said militants attacked a checkpoint in North Waziristan.", "attacked"),
    ("Security forces foiled an attack on a power plant in Tarbela.", "attack"),
    ("A foiled attack on the airport led to a week-long curfew.", "attack"),
    ("The attack, which was planned in a safe house across the border, killed 12 people.", "attack"),
    ("Blast kills 12 in Quetta", "Blast"),
    ("Suicide bomber strikes police van in Peshawar", "strikes"),
    ("12 killed in Quetta blast", "blast"),
    ("Gunmen attack bus carrying Hazara miners in Mach", "attack"),
    ("The convoy had been ambushed twice before it reached Parachinar.", "ambushed"),
    ("The bomber had detonated his vest near the main gate.", "detonated"),
    ("Two soldiers were wounded in the ambush near Turbat.", "ambush"),
    ("The Tehreek-e-Taliban Pakistan denied any role in the bombing.", "bombing"),
    ("The TTP denied carrying out the attack, which killed 27 policemen.", "attack"),
    ("No group has claimed responsibility for the blast so far.", "blast"),
    ("The Taliban did not claim the attack, but officials blamed the group.", "attack"),
    ("The bombing did not cause any casualties, police said.", "bombing"),
    ("No one was hurt in the explosion, which damaged a school.", "explosion"),
    ("The attack could have killed hundreds had the gate not held.", "attack"),
    ("The blast could be heard across the city.", "blast"),
    ("The bombing may have been carried out by a splinter group.", "bombing"),
    ("Investigators believe the attackers planned the assault for months.", "assault"),
    ("The man who planned the Peshawar school massacre was killed in 2016.", "massacre"),
    ("Militants vowed revenge after an attack on their commander in Khost.", "attack"),
    ("Security was tightened across Kabul after the bombing.", "bombing"),
    ("Hundreds of mourners attended the funeral of a policeman in Bannu, where a bomb exploded on Friday.", "exploded"),
    ("The government will compensate the families of those killed in the attack.", "attack"),
    ("Officials will investigate the bombing, the minister said.", "bombing"),
    ("Who carried out the attack on the hotel?", "attack"),
    ("Pakistan condemned the attack in Kabul that killed 19 worshippers on Friday.", "attack"),
    ("A suicide bomber struck a rally of the JUI-F in Bajaur, killing 63 people.", "struck"),
    ("Gunmen opened fire on protesters in Quetta, killing three.", "opened"),
    ("The blast ripped through the mosque during Friday prayers.", "blast"),
    ("The explosion was the deadliest in the province since 2018.", "explosion"),
    ("Police arrested two men suspected of involvement in the bombing.", "bombing"),
    ("Two attackers were shot dead and a third blew himself up.", "blew"),
    ("The hijackers took 400 passengers hostage on the Jaffar Express.", "took"),
    ("Twin blasts killed 73 people at a Shia mosque in Kunduz.", "blasts"),
    ("Militants kidnapped five engineers from a construction site near Gwadar.", "kidnapped"),
    ("A drone strike killed the commander in his compound on Tuesday.", "strike"),
    ("An explosive device went off near a police vehicle in Dera Ismail Khan.", "device"),
    ("It was the third attack on Chinese nationals this year.", "attack"),
    ("Since the attack, the school has reopened under heavy guard.", "attack"),
    ("A gunman shot dead a polio worker in Bajaur on Monday.", "shot"),
    ("The attack on the Army Public School killed 149 people, most of them children.", "attack"),
    ("According to the police, the bomber was a teenager.", "bomber"),
    ("The group said its fighters had ambushed an army patrol.", "ambushed"),
    ("Witnesses said the gunmen stormed the building shouting slogans.", "stormed"),
    ("Residents said they heard two explosions before dawn.", "explosions"),
    ("The militants were killed after they attacked a checkpoint.", "attacked"),
    ("A rocket hit a house in Khost, killing a child.", "hit"),
    ("The attackers detonated a car bomb outside the gate and then entered the compound.", "detonated"),
    ("Officials fear the death toll from the blast could rise.", "blast"),
]

NOT_ASSERTED = [
    # negated
    ("There was no attack on the base, the army said.", "attack", "negated"),
    ("Militants did not attack the convoy, officials said.", "attack", "negated"),
    ("The group has never attacked civilians in Kabul.", "attacked", "negated"),
    ("No explosion was reported in the area.", "explosion", "negated"),
    ("Police found no sign of a bombing at the site.", "bombing", "negated"),
    ("The army denied reports of an attack on its post in Kurram.", "attack", "negated"),
    ("Officials denied that there had been an explosion at the depot.", "explosion", "negated"),
    ("The gunmen did not storm the building.", "storm", "negated"),
    ("Residents said the attack never happened.", "attack", "negated"),
    ("Militants did not manage to detonate the device.", "detonate", "negated"),
    # hypothetical
    ("Militants could attack the convoy on its way to Parachinar.", "attack", "hypothetical"),
    ("If the talks fail, the TTP might attack government offices.", "attack", "hypothetical"),
    ("Officials fear an attack on the polling stations.", "attack", "hypothetical"),
    ("Police were put on alert over a possible attack in Lahore.", "attack", "hypothetical"),
    ("Did militants strike the convoy, or was it an accident?", "strike", "hypothetical"),
    ("Was the explosion an accident or a bombing?", "bombing", "hypothetical"),
    ("A suicide bombing would devastate the fragile peace in the valley.", "bombing", "hypothetical"),
    ("Security forces should target the hideouts before winter.", "target", "hypothetical"),
    ("The risk of an attack on foreign nationals remains high.", "attack", "hypothetical"),
    ("Barriers were set up to prevent attacks on the university.", "attacks", "hypothetical"),
    ("If militants attack the school, the guards are instructed to lock the gates.", "attack", "hypothetical"),
    ("An attack may happen at any time, the advisory said.", "attack", "hypothetical"),
    # intended
    ("The TTP vowed to attack security forces across Khyber Pakhtunkhwa.", "attack", "intended"),
    ("The group threatened to bomb the offices of the newspaper.", "bomb", "intended"),
    ("Police said the men were planning an attack on a church in Lahore.", "attack", "intended"),
    ("The cell was plotting to kidnap a Chinese engineer.", "kidnap", "intended"),
    ("The FBI arrested a man over a plot to bomb a synagogue.", "bomb", "intended"),
    # the parse hangs the plot's infinitive on the verb of foiling
    ("The army foiled a plot by insurgents to storm a jail in Quetta.", "storm", "intended"),
    # a foiled attack that was only being planned is a plot (a foiled attempt stays an attack)
    ("The raid thwarted a bombing that was being prepared against the parliament.", "bombing", "intended"),
    ("Police foiled a bomb attack planned for the capital.", "bomb", "intended"),
    ("ISKP retains the capability and intent to attack Western targets.", "attack", "intended"),
    ("The group will attack anyone who cooperates with the government, its spokesman said.", "attack", "intended"),
    ("The militants warned of more attacks if the operation continued.", "attacks", "intended"),
    ("The Baloch Liberation Army has threatened attacks on Chinese projects.", "attacks", "intended"),
    ("The suspects intended to ambush a police patrol in Bannu.", "ambush", "intended"),
    ("Al-Qaeda urged its followers to attack Jewish targets.", "attack", "intended"),
    ("Intelligence agencies warned that the group is preparing a major assault.", "assault", "intended"),
    # generic
    ("ISKP mainly targets Shia Muslims and the Taliban.", "targets", "generic"),
    ("Militants often attack convoys on the Kurram road.", "attack", "generic"),
    ("Suicide bombings are a hallmark of the group.", "bombings", "generic"),
    ("The TTP usually attacks police stations at night.", "attacks", "generic"),
    ("Such attacks are rare in the capital.", "attacks", "generic"),
    ("Insurgents frequently ambush supply trucks in the province.", "ambush", "generic"),
    ("Separatists regularly blow up gas pipelines in Dera Bugti.", "blow", "generic"),
    ("Kidnappings for ransom are common in the tribal districts.", "kidnappings", "generic"),
    ("The group typically uses roadside bombs against military vehicles.", "bombs", "generic"),
    ("Militants in the region tend to attack soft targets.", "attack", "generic"),
    ("Gunmen target Hazara shopkeepers in Quetta.", "target", "generic"),
    ("The losses were heavier than in previous attacks on army posts.", "attacks", "generic"),
    ("Officials compared the blast with past bombings in the old city.", "bombings", "generic"),
    ("Officials said the men killed in the raid were linked to recent bombings in the city.", "bombings", "generic"),
    # statistical
    ("The province saw 71 attacks in the first half of the year.", "attacks", "statistical"),
    ("Attacks in Balochistan rose by 20 percent last year.", "Attacks", "statistical"),
    ("1,081 people were killed in terrorist attacks in 2024.", "attacks", "statistical"),
    ("The number of suicide bombings has doubled since 2021.", "bombings", "statistical"),
    ("Dozens of attacks were recorded in Khyber Pakhtunkhwa in March.", "attacks", "statistical"),
    ("The report counted 306 terrorist attacks across the country.", "attacks", "statistical"),
    ("There was a sharp rise in attacks on polio workers in 2023.", "attacks", "statistical"),
    ("Bombings accounted for 60 percent of civilian deaths in 2022.", "Bombings", "statistical"),
    ("Hundreds of kidnappings go unreported every year.", "kidnappings", "statistical"),
    ("Attacks by the group have declined sharply since 2019.", "Attacks", "statistical"),
    ("More than 2,000 people died in militant attacks during the decade.", "attacks", "statistical"),
    # heading
    ("Attack on the Army Public School", "Attack", "heading"),
    ("Reactions to the bombing:", "bombing", "heading"),
    ("2014 Peshawar school massacre", "massacre", "heading"),
    ("Timeline of attacks", "attacks", "heading"),
    ("Suicide bombing at Quetta mosque", "bombing", "heading"),
    ("Aftermath of the attack", "attack", "heading"),
    ("Attacks on Chinese nationals in Pakistan:", "Attacks", "heading"),
    # reported-elsewhere
    ("Thousands protested against the blast in Quetta.", "blast", "reported-elsewhere"),
    ("Villagers staged a sit-in on the main road against the drone strikes.", "drone", "reported-elsewhere"),
    ("Students carried banners with slogans against suicide bombings.", "bombings", "reported-elsewhere"),
    ("Political leaders condemned the attack on the rally.", "attack", "reported-elsewhere"),
    ("The families of the victims began a hunger strike outside the press club.", "strike", "reported-elsewhere"),
    ("Traders observed a strike across the city on Monday.", "strike", "reported-elsewhere"),
    ("Protests erupted in several cities after the bombing.", "bombing", "reported-elsewhere"),
    ("Transporters went on strike to demand better security.", "strike", "reported-elsewhere"),
    ("Students held a rally to denounce the killing of their teacher.", "killing", "reported-elsewhere"),
    ("The UN Security Council strongly condemned the terrorist attack in Kerman.", "attack", "reported-elsewhere"),
    ("Hazara families staged a sit-in with the coffins to protest the massacre.", "massacre", "reported-elsewhere"),
    ("Doctors called a strike after a colleague was beaten.", "strike", "reported-elsewhere"),
    ("The attack was condemned by the United States and the European Union.", "attack", "reported-elsewhere"),
    ("Mourners gathered for a vigil for the victims of the bombing.", "bombing", "reported-elsewhere"),
]

#: Written after the rules, and measured before any rule was changed for them (see the report).
HELDOUT = [
    ("Gunmen on motorcycles shot dead three customs officials in Kech district on Wednesday.", "shot", "asserted"),
    ("A roadside bomb struck a vehicle carrying Levies personnel, killing two.", "bomb", "asserted"),
    ("The blast shattered windows of nearby shops, witnesses said.", "blast", "asserted"),
    ("Officials said the bomber, aged around 15, had been radicalised in Afghanistan.", "bomber", "asserted"),
    ("The militants had abducted the engineers from their camp two days earlier.", "abducted", "asserted"),
    ("Police said the assailants fled after the shooting.", "shooting", "asserted"),
    ("At least nine passengers were kidnapped from a bus on the highway.", "kidnapped", "asserted"),
    ("The hostage-taking ended after commandos stormed the train.", "stormed", "asserted"),
    ("A car packed with explosives rammed into the gate of the cantonment.", "rammed", "asserted"),
    ("The Balochistan Liberation Army said it carried out the attack on the naval base.", "attack", "asserted"),
    ("Pakistan blamed the bombing on militants operating from Afghan soil.", "bombing", "asserted"),
    ("Two policemen guarding a polio team were shot in Mardan.", "shot", "asserted"),
    ("The assault on the airport lasted nearly six hours.", "assault", "asserted"),
    ("The explosion left a crater two metres deep.", "explosion", "asserted"),
    ("A grenade was hurled at a police station in Swabi late on Saturday.", "grenade", "asserted"),
    ("The attack is the deadliest on Chinese citizens in Pakistan.", "attack", "asserted"),
    ("Authorities have not identified the gunmen who attacked the bus.", "attacked", "asserted"),
    ("Rescue workers pulled bodies from the rubble after the explosion.", "explosion", "asserted"),
    ("Hundreds of people were wounded in the bombing of the market.", "bombing", "asserted"),
    ("Security officials say the attackers entered the base through a drain.", "attackers", "asserted"),
    ("Islamabad said the attack had been planned in Afghanistan.", "attack", "asserted"),
    ("Militants ambush troops in South Waziristan", "ambush", "asserted"),
    ("Suicide blast hits Friday prayers in Peshawar", "blast", "asserted"),
    ("The victims of the blast were buried on Sunday.", "blast", "asserted"),
    ("Five suspects were arrested in connection with the attack.", "attack", "asserted"),
    ("The army did not say how many soldiers died in the ambush.", "ambush", "asserted"),
    ("Militants did not attack the polling station, the commissioner said.", "attack", "negated"),
    ("The suspected blast turned out to be a gas cylinder; there was no bombing.", "bombing", "negated"),
    ("Officials said no attack had taken place in the district.", "attack", "negated"),
    ("The police chief denied that a bombing had occurred.", "bombing", "negated"),
    ("There were no reports of an explosion in the cantonment.", "explosion", "negated"),
    ("The gunmen never opened fire, according to the inquiry.", "opened", "negated"),
    ("If the army enters the valley, the fighters could ambush the troops.", "ambush", "hypothetical"),
    ("A strike on the dam might cause floods downstream.", "strike", "hypothetical"),
    ("Experts warned an attack on the pipeline could cripple supplies.", "attack", "hypothetical"),
    ("Officials feared a suicide attack during the Ashura procession.", "attack", "hypothetical"),
    ("Could the bombing have been prevented?", "bombing", "hypothetical"),
    ("Embassies were closed amid fears of a terrorist attack.", "attack", "hypothetical"),
    ("The militants may target the hydropower project, analysts said.", "target", "hypothetical"),
    ("The TTP has vowed to kill judges who convict its members.", "kill", "intended"),
    ("The men were plotting a bombing at a cricket stadium.", "bombing", "intended"),
    ("The commander ordered his men to prepare an assault on the town.", "assault", "intended"),
    ("ISKP threatened attacks on Shia processions in a new video.", "attacks", "intended"),
    ("The group will strike again, its leader warned.", "strike", "intended"),
    ("The suspect told police he intended to blow up a bridge.", "blow", "intended"),
    ("Militants often kidnap truck drivers for ransom on this road.", "kidnap", "generic"),
    ("The group mostly attacks security forces, not civilians.", "attacks", "generic"),
    ("Roadside bombings are the main threat to convoys in the region.", "bombings", "generic"),
    ("Such bombings typically follow the arrest of a senior commander.", "bombings", "generic"),
    ("Kidnappers generally target the children of wealthy traders.", "target", "generic"),
    ("Attacks on health workers are frequent in the tribal belt.", "Attacks", "generic"),
    ("The country recorded 1,524 attacks in 2023, a think tank said.", "attacks", "statistical"),
    ("The number of kidnappings rose sharply last year.", "kidnappings", "statistical"),
    ("Suicide attacks increased by 50 percent in 2023.", "attacks", "statistical"),
    ("More than 500 people were killed in bombings in 2014.", "bombings", "statistical"),
    ("Scores of attacks on schools have been recorded since 2008.", "attacks", "statistical"),
    ("Major attacks in Pakistan since 2014", "attacks", "heading"),
    ("The Jaffar Express hijacking", "hijacking", "heading"),
    ("Background: the Quetta bombings", "bombings", "heading"),
    ("Lawyers boycotted courts in protest against the killing of a colleague.", "killing", "reported-elsewhere"),
    ("Shopkeepers observed a complete strike in Parachinar.", "strike", "reported-elsewhere"),
    ("The families went on a hunger strike outside parliament.", "strike", "reported-elsewhere"),
    ("Hundreds rallied in Karachi to condemn the bombing.", "bombing", "reported-elsewhere"),
    ("India and the United States condemned the attack in the strongest terms.", "attack", "reported-elsewhere"),
    ("Demonstrators marched to the press club to protest the assassination.", "assassination", "reported-elsewhere"),
    ("A candlelight vigil was held for the victims of the school massacre.", "massacre", "reported-elsewhere"),
    # a second batch, written to break the rules
    ("Police said they could not rule out that the attack was carried out by the TTP.", "attack", "asserted"),
    ("The bombing, which officials said could have been far worse, killed nine people.", "bombing", "asserted"),
    ("If the toll is confirmed, the blast would be the deadliest this year.", "blast", "asserted"),
    ("Militants who attacked a checkpoint on Friday could face the death penalty.", "attacked", "asserted"),
    ("The TTP, which has often attacked police, claimed the bombing on Monday.", "bombing", "asserted"),
    ("No one has been arrested over the bombing.", "bombing", "asserted"),
    ("Police have yet to identify the bomber.", "bomber", "asserted"),
    ("The attack was not the first on the base.", "attack", "asserted"),
    ("Witnesses described a huge explosion that shook buildings across the bazaar.", "explosion", "asserted"),
    ("Officials feared the toll from Friday's bombing would rise.", "bombing", "asserted"),
    ("Hospitals could barely cope after the blast.", "blast", "asserted"),
    ("A bomb that failed to explode was defused by police near the shrine.", "bomb", "asserted"),
    ("The kidnapping of the two engineers has not been claimed by any group.", "kidnapping", "asserted"),
    ("The TTP, which has often attacked police, claimed the bombing on Monday.", "attacked", "generic"),
    ("Officials said it was unclear whether a bomb had caused the fire.", "bomb", "hypothetical"),
    ("The group has threatened to carry out more suicide bombings.", "bombings", "intended"),
    ("Security agencies received threats of attacks on Muharram processions.", "attacks", "intended"),
    ("Any attack on our forces will be met with a strong response, the minister said.", "attack", "generic"),
    ("The militants planned to bomb the parade, police said.", "bomb", "intended"),
    ("An attack on the dam is feared.", "attack", "hypothetical"),
    ("There has not been a major attack in the city since 2019.", "attack", "negated"),
    ("No bombing has taken place in the capital this year.", "bombing", "negated"),
    ("Pakistan has seen a surge in militant attacks since the Taliban takeover.", "attacks", "statistical"),
    ("Bomb attacks usually increase ahead of elections.", "attacks", "generic"),
    ("The rally was called to protest against the bombing.", "bombing", "reported-elsewhere"),
    ("Shops remained closed in Quetta on Monday as traders went on strike.", "strike", "reported-elsewhere"),
    ("A shutter-down strike was observed in Parachinar.", "strike", "reported-elsewhere"),
    ("Kidnappings of foreigners have fallen since 2015.", "Kidnappings", "statistical"),
    ("Security forces would respond to any attack with full force.", "attack", "generic"),
]


@pytest.fixture(scope="module")
def cues(config):
    return config.events.factuality


@pytest.fixture(scope="module")
def label(nlp, cues):
    def run(sentence: str, word: str) -> str:
        doc = nlp(sentence)
        token = next(t for t in doc if t.text == word or t.lower_ == word.lower())
        return factuality(token, token.sent, cues)
    return run


def measure(label, rows):
    """Labels of the rows, and for "not asserted" as one class: precision, recall, and the share of
    asserted rows labelled otherwise; the share of not-asserted rows given their own label (labels
    overlap: "any attack" under "would respond" is generic and hypothetical); per label: precision
    and recall."""
    got = [(want, label(sentence, word)) for sentence, word, want in rows]
    flagged = [(w, g) for w, g in got if g != "asserted"]
    real = [(w, g) for w, g in got if w != "asserted"]
    asserted = [(w, g) for w, g in got if w == "asserted"]
    report = {"precision": sum(w != "asserted" for w, _ in flagged) / max(len(flagged), 1),
              "recall": sum(g != "asserted" for _, g in real) / max(len(real), 1),
              "label_accuracy": sum(g == w for w, g in real) / max(len(real), 1),
              "false_not_asserted": sum(g != "asserted" for _, g in asserted) / max(len(asserted), 1),
              "labels": {}}
    for name in LABELS[1:]:
        predicted = [w for w, g in got if g == name]
        expected = [g for w, g in got if w == name]
        report["labels"][name] = (sum(w == name for w in predicted) / max(len(predicted), 1),
                                  sum(g == name for g in expected) / max(len(expected), 1), len(expected))
    return report, [(row, g) for row, (w, g) in zip(rows, got) if w != g]


def table():
    return [(s, w, "asserted") for s, w in ASSERTED] + NOT_ASSERTED


@pytest.mark.parametrize("rows, name", [(table, "development"), (lambda: HELDOUT, "held-out")])
def test_rates_on_the_tables(label, rows, name):
    report, wrong = measure(label, rows())
    print(f"\n{name}: precision {report['precision']:.2f} recall {report['recall']:.2f} "
          f"false not-asserted {report['false_not_asserted']:.3f} label accuracy {report['label_accuracy']:.2f}")
    for kind, (p, r, n) in report["labels"].items():
        print(f"  {kind:20} precision {p:.2f} recall {r:.2f} ({n} rows)")
    for row, got in wrong:
        print(f"  wrong: {got!r} for {row}")
    assert report["false_not_asserted"] < 0.05
    assert report["precision"] >= 0.95 and report["recall"] >= 0.9
    assert report["label_accuracy"] >= 0.85


def test_every_label_has_many_rows():
    counts = Counter(want for _, _, want in table() + HELDOUT)
    assert set(counts) == set(LABELS)
    assert min(counts.values()) >= 10 and counts["asserted"] >= 50


@pytest.mark.parametrize("sentence, word", [
    ("At least 40 people were killed when a bomb exploded at a rally in Khar.", "exploded"),
    ("The attack, claimed by the Islamic State Khorasan Province, killed 44 people.", "attack"),
    ("Militants stormed a police station in Lakki Marwat on Sunday night.", "stormed"),
    ("Police said militants attacked a checkpoint in North Waziristan.", "attacked"),
    ("A foiled attack on the airport led to a week-long curfew.", "attack"),
    ("Blast kills 12 in Quetta", "Blast"),
    ("12 killed in Quetta blast", "blast"),
    ("Gunmen attack bus carrying Hazara miners in Mach", "attack"),
    ("The bomber had detonated his vest near the main gate.", "detonated"),
])
def test_news_of_an_incident_stays_asserted(label, sentence, word):
    assert label(sentence, word) == "asserted"


@pytest.mark.parametrize("sentence, word", [
    ("The TTP denied carrying out the attack, which killed 27 policemen.", "attack"),
    ("The Taliban did not claim the attack, but officials blamed the group.", "attack"),
    ("The bombing did not cause any casualties, police said.", "bombing"),
])
def test_denied_involvement_or_a_negated_consequence_leaves_the_attack_real(label, sentence, word):
    assert label(sentence, word) == "asserted"


def test_attackers_counted_are_not_a_count_of_attacks(label):
    sentence = "Around 13:00, 4 bombers arrived at the mosque gate and blew up their explosives."
    assert label(sentence, "bombers") == "asserted"


def test_were_able_to_launch_attacks_says_they_did(label):
    assert label("The Taliban were able to launch an attack on the capital in January.", "attack") == "asserted"
    assert label("The Taliban are able to launch an attack on the capital.", "attack") == "intended"


def test_wikitext_heading_but_not_a_sentence_glued_to_one(label):
    assert label("== The bombing ==", "bombing") == "heading"
    assert label("== Aftermath == Following the explosion, police cordoned off the area.", "explosion") == "asserted"


def test_label_mentions_labels_every_trigger_of_a_document(nlp, cues):
    doc = nlp("Gunmen stormed a hotel in Kabul on Monday. The Taliban vowed more attacks. "
              "Leaders condemned the assault.")
    triggers = [t for t in doc if t.lower_ in ("stormed", "attacks", "assault")]
    assert [(t.text, got) for t, got in label_mentions(doc, triggers, cues)] == [
        ("stormed", "asserted"), ("attacks", "intended"), ("assault", "reported-elsewhere")]


def test_without_cues_only_headings_are_told_apart(nlp):
    doc = nlp("Militants did not attack the convoy.")
    assert factuality(doc[3], doc[:], FactualityCues()) == "asserted"


def test_the_cues_are_read_from_events_yml(cues):
    assert "vow" in cues.intent and "no" in cues.negation and cues.max_incident_count == 3


@pytest.mark.parametrize("old, new, message", [
    ("intent: [vow,", "intent: [Vow,", "factuality.intent.0: a cue is one lower-case word, not blank (got 'Vow')"),
    ("  hypothetical: [possible,", "  hypothetical: [sit-in, possible,",
     "factuality.hypothetical.0: spaCy splits a hyphenated word into several tokens: give one part (got 'sit-in')"),
    ("  max_incident_count: 3", "  max_incident_count: 0", "factuality.max_incident_count: Input should be greater"),
])
def test_a_bad_cue_is_refused_with_its_place(tmp_path, old, new, message):
    configs = tmp_path / "configs"
    shutil.copytree(ROOT / "configs", configs)
    path = configs / "events.yml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    line = next(i for i, ln in enumerate(path.read_text().split("\n"), 1) if new.strip() in ln)
    with pytest.raises(ConfigError) as err:
        load_config(configs)
    assert str(err.value).startswith(f"{path}:{line}: ") and message in str(err.value)


def test_a_past_verb_with_its_own_subject_is_asserted_under_a_promise(nlp, cues):
    """The model may hang "stormed" under "promised" as its complement; a past deed stays a deed."""
    sentence = ("When the army launched the operation on 15 June, a week after militants stormed the airport, "
                "commanders promised to clear the area.")
    doc = nlp(sentence)
    stormed = next(t for t in doc if t.text == "stormed")
    assert factuality(stormed, stormed.sent, cues) == "asserted"


@pytest.mark.parametrize("sentence, word", [
    ("Officials suggest that the group is covertly backed by a rival state to strike against its enemies.", "strike"),
    ("Two gunmen were recruited by the network to attack the checkpoint.", "attack"),
])
def test_a_purpose_infinitive_is_intended(label, sentence, word):
    assert label(sentence, word) == "intended"


def test_what_grenades_were_used_to_attack_was_attacked(label):
    assert label("A group of fighters arrived in trucks and used grenades to attack an army convoy in Borno.",
                 "attack") == "asserted"


@pytest.mark.parametrize("sentence, word, expected", [
    ("The network continues to target Shia pilgrims and aid workers.", "target", "generic"),
    ("The group keeps attacking polio teams across the province.", "attacking", "generic"),
    ("The fighters continued to attack the post until dawn on Monday.", "attack", "asserted"),
    ("The minister vowed to go on eliminating terrorism from the region.", "eliminating", "intended"),
    ("Police praised the force for its role in eliminating terrorism.", "eliminating", "generic"),
    ("The army said it eliminated three militants near the border.", "eliminated", "asserted"),
    ("Raids will go on until the last fighter is eliminated, the army said.", "eliminated", "hypothetical"),
    ("Troops held the compound until the last gunman was killed on Sunday.", "killed", "asserted"),
    ("The country has stepped up efforts to capture the group's leaders this year.", "capture", "intended"),
    ("Police arrested two men in a drive against extortion on Monday.", "arrested", "asserted"),
    ("A suicide bomber drove a car packed with explosives into the convoy on Monday.", "bomber", "asserted"),
    ("Police arrested a suspect in a bid to stop the killings on Monday.", "arrested", "asserted"),
    ("The insurgency has hit Chad and Cameroon the hardest, but it has spread south too.", "hit", "generic"),
    ("Militancy has struck Khyber Pakhtunkhwa harder than any other province.", "struck", "generic"),
    ("Sectarian violence killed 12 people in Kurram on Friday, officials said.", "killed", "asserted"),
    ("The violence hit a wedding party in the village on Friday, killing nine guests.", "hit", "asserted"),
    ("The court ruling eliminated the party from the coming polls.", "eliminated", "generic"),
    ("The group has been attacking the party's offices for the past three years.", "attacking", "generic"),
    ("The group has been attacking the convoy since dawn on Monday.", "attacking", "asserted"),
])
def test_habits_abstractions_and_what_lies_ahead(label, sentence, word, expected):
    assert label(sentence, word) == expected


@pytest.mark.parametrize("sentence, word, expected", [
    ("Officials said the men were involved in multiple attacks on security forces.", "attacks", "generic"),
    ("Police said the commander had a role in bombings across the district.", "bombings", "generic"),
    ("The cell was responsible for attacks on polio teams, police said.", "attacks", "generic"),
    # the story's own attack, named with an article, is still the incident
    ("Two of the men involved in the attack were killed on Friday.", "attack", "asserted"),
    ("Police said the group was responsible for the bombing of the market.", "bombing", "asserted"),
])
def test_a_record_of_past_attacks_is_no_incident(label, sentence, word, expected):
    assert label(sentence, word) == expected


@pytest.mark.parametrize("sentence, word, expected", [
    # a bare plural with no time or number of its own, told in another tense than the simple past: a class
    ("Senators on Tuesday said that attacks on pilgrims had shaken public confidence.", "attacks", "generic"),
    ("Elders said that operations alone had not brought peace to the valley.", "operations", "generic"),
    ("Shopkeepers said they were living in fear of targeted killings and extortion.", "targeted", "hypothetical"),
    ("Bombings were reported across the old city after midnight, residents said.", "bombings", "asserted"),
    ("Explosions rocked the bazaar as worshippers left the mosque.", "explosions", "asserted"),
    ("The airfield became a hub for drone strikes, allowing flights over the border.", "strikes", "generic"),
    # said of the counted ones; carried out, though it was also planned; an until ahead of a reported "would"
    ("The group claimed over 200 attacks last year, most of them targeting the police.", "targeting", "statistical"),
    ("The court found the two men guilty of planning and carrying out a bombing in a bazaar.", "bombing", "asserted"),
    ("He said raids would go on until the last fighter was eliminated.", "eliminated", "hypothetical"),
])
def test_classes_of_incidents_counted_ones_and_deeds_carried_out(label, sentence, word, expected):
    assert label(sentence, word) == expected


@pytest.mark.parametrize("sentence, word", [
    ("KARACHI, Pakistan — Gunmen on a motorcycle shot dead a shopkeeper in Lyari on Friday, police said.", "Gunmen"),
    ("Dozens of militants armed with rifles attacked a levies post near Zhob late on Sunday.", "attacked"),
])
def test_a_dateline_s_parse_or_a_crowd_of_attackers_leaves_the_attack_real(label, sentence, word):
    assert label(sentence, word) == "asserted"


@pytest.mark.parametrize("sentence, word, expected", [
    ("Police set up pickets on Monday to halt bombings of girls' schools.", "bombings", "hypothetical"),
    ("Police stepped up patrols on Monday to halt attacks on the highway.", "attacks", "hypothetical"),
])
def test_measures_to_halt_attacks_are_no_attack(label, sentence, word, expected):
    assert label(sentence, word) == expected


@pytest.mark.parametrize("sentence", [
    "The chamber of commerce backed the strike at first, then withdrew.",
    "The bar council extended the strike for another week on Monday.",
])
def test_a_strike_someone_backs_or_extends_is_a_workers_strike(label, sentence):
    assert label(sentence, "strike") == "reported-elsewhere"


@pytest.mark.parametrize("sentence, word, expected", [
    # a record over a period that a dated turn opens: the date is the period's start, not an incident's day
    ("The TTP has mounted bold attacks in the tribal districts since the talks collapsed in November 2022.",
     "attacks", "generic"),
    ("The group has staged bombings in the capital since the army withdrew in March 2019.", "bombings", "generic"),
    # a count or a day of its own keeps it an incident
    ("The TTP has mounted two attacks in Bannu since the talks collapsed on Monday.", "attacks", "asserted"),
])
def test_attacks_since_a_dated_turn_are_a_record(label, sentence, word, expected):
    assert label(sentence, word) == expected


@pytest.mark.parametrize("sentence, word", [
    ("The families wrote to the chief minister on Monday, demanding the arrest of the killers.", "arrest"),
    ("The family urged the arrest of the gunmen who shot the teacher.", "arrest"),
])
def test_an_arrest_asked_for_is_not_presupposed_by_its_the(label, sentence, word):
    assert label(sentence, word) == "intended"


def test_an_operation_decided_on_is_not_yet_launched(label):
    assert label("The apex committee decided on Tuesday to launch an operation against militants in the southern "
                 "districts.", "operation") == "intended"


@pytest.mark.parametrize("sentence, word, expected", [
    ("The young doctors' association said the strike would continue until the case was withdrawn.", "strike",
     "reported-elsewhere"),
    ("The strike continued a campaign of raids on the group's commanders.", "strike", "asserted"),
])
def test_a_plain_strike_that_goes_on_is_a_stoppage(label, sentence, word, expected):
    assert label(sentence, word) == expected


def test_a_count_of_attacks_in_words_is_a_count(label):
    assert label("The group claimed responsibility for eight attacks across the province last week.",
                 "attacks") == "statistical"


@pytest.mark.parametrize("sentence, word, want", [
    ("Villagers staged a sit-in on the main road against the drone strikes.", "drone", "reported-elsewhere"),
    ("Elders passed a resolution against the bombings of girls' schools.", "bombings", "reported-elsewhere"),
    ("Militants launched an attack against a checkpoint in Bannu on Monday.", "attack", "asserted"),
])
def test_an_incident_that_something_is_against_is_told_elsewhere(label, sentence, word, want):
    assert label(sentence, word) == want


def test_incidents_someone_is_linked_to_are_a_record(label):
    assert label("Officials said the men killed in the raid were linked to recent bombings in the city.",
                 "bombings") == "generic"


@pytest.mark.parametrize("sentence, word, want", [
    # a bare plural given as an example of a kind
    ("Activists said the campaign had brought abuses such as illegal detentions and arrests of students in Turbat.",
     "arrests", "generic"),
    ("Activists said the campaign had brought abuses such as illegal detentions and arrests of students in Turbat.",
     "detentions", "generic"),
    # what a group has been doing; the past perfect progressive tells a scene, not a habit
    ("The TTP, along with other groups, has been targeting security staff and a judge in the district.", "targeting",
     "generic"),
    ("The gunmen had been shooting at the post for an hour when troops arrived on Monday.", "shooting", "asserted"),
    # what a group has done over a period, to a kind of target: a habit; over a day, to named ones: a deed
    ("The group is based in Kunar but it has also attacked aid workers and police in other provinces in recent "
     "years.", "attacked", "generic"),
    ("The group has attacked two police posts in Kunar since Monday.", "attacked", "asserted"),
    # "all" before a bare plural is the whole kind; with "the" or a number it is the ones told
    ("Officials called it the mother of all bombs.", "bombs", "generic"),
    ("All the attacks were claimed by the group on Monday.", "attacks", "asserted"),
    # more of a kind of attack: a trend over many
    ("Since the withdrawal, the group has stepped up its attacks across the north and killed dozens.", "attacks",
     "statistical"),
    # the attack an alert asks to prevent has not happened; a foiled one is an attack
    ("The authority told the police to tighten security measures to prevent the attack.", "attack", "hypothetical"),
    ("Police prevented a terrorist attack in Quetta on Monday.", "attack", "asserted"),
])
def test_examples_of_a_kind_habits_and_attacks_to_prevent_are_no_incidents(label, sentence, word, want):
    assert label(sentence, word) == want



@pytest.mark.parametrize("sentence", [
    "Over the years the group has built a steady income from kidnapping for ransom and from taxing traders.",
    "The network earns millions of dollars from kidnapping for ransom and extortion.",
])
def test_a_crime_that_money_comes_from_is_a_kind_not_an_incident(label, sentence):
    assert label(sentence, "kidnapping") == "generic"


@pytest.mark.parametrize("sentence, word, want", [
    ("A weak cabinet that is largely dependent on donor aid struggled to pay its soldiers.", "aid", "generic"),
    ("The province has long relied on military aid from its neighbour.", "aid", "generic"),
    ("The United States delivered military aid worth $40 million to the army on Monday.", "aid", "asserted"),
])
def test_aid_something_depends_on_is_a_state_of_affairs(label, sentence, word, want):
    assert label(sentence, word) == want


def test_people_who_died_from_shelling_died_in_an_incident(label):
    assert label("Two villagers died from shelling in Kurram on Monday.", "shelling") == "asserted"


@pytest.mark.parametrize("sentence, word, want", [
    ("The assembly passed a law that allows the detention of suspects for ninety days.", "detention", "hypothetical"),
    ("The new law permits the arrest of suspects without a warrant.", "arrest", "hypothetical"),
    ("A security lapse allowed militants to attack the base on Monday.", "attack", "asserted"),
])
def test_a_power_to_arrest_is_no_arrest(label, sentence, word, want):
    assert label(sentence, word) == want

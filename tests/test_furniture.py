"""Web pages saved as text: site furniture, MediaWiki headings, datelines, sidecar manifests and lines
a source repeats. Every text here is our own, written in the forms real dumps take."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline import furniture, repeats
from pipeline.clean import clean_text
from pipeline.cli import main
from pipeline.header import parse_dateline, read_header, wire_date
from tests.conftest import ROOT


def clean(raw, boilerplate, is_word, **kw):
    return clean_text(raw, boilerplate=boilerplate, is_word=is_word, **kw)


@pytest.mark.parametrize("line, furniture_", [
    ("3 hours ago", True), ("Updated 25 mins ago", True), ("an hour ago", True), ("10:45 AM PKT", True),
    ("A A A", True), ("A- A+", True), ("Font Size", True), ("Text size: Small Medium Large", True),
    ("By AMIR KHAN", True), ("By Staff Reporter | Dawn", True), ("By Sana Jamal and Ali Raza", True),
    ("0", True), ("12", True),
    ("var s = document.createElement('script'); s.async = true;", True),
    ("window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}", True),
    # article text stays
    ("By the time police arrived, the attackers had fled towards the hills.", False),
    ("By Tuesday evening the toll had risen to 14, hospital officials said.", False),
    ("Two hours ago, residents said, a second blast shook the market.", False),
    ("2025", False), ("The attack came at 10:45 am on Friday.", False),
    ("He said; the rest is unclear.", False),
])
def test_furniture_lines_by_their_form(line, furniture_):
    assert furniture.is_furniture(line) is furniture_


@pytest.mark.parametrize("line, expected", [
    ("= 2016 Quetta hospital bombing =", (1, "2016 Quetta hospital bombing")),
    ("==Background==", (2, "Background")),
    ("=== Victims ===", (3, "Victims")),
    ("x = y + z", None), ("== unbalanced =", None), ("A line with = in it", None),
])
def test_mediawiki_headings(line, expected):
    assert furniture.wiki_heading(line) == expected


def test_a_mediawiki_article_gives_its_title_and_section_breaks_not_headings(boilerplate, is_word):
    raw = ("= Bombing of a bus in Mastung =\n\nA roadside bomb struck a bus carrying pilgrims near Mastung on "
           "Monday, killing eleven people.\n\n==Attack==\nThe bomb was planted under a culvert and set off by "
           "remote control.\n== Aftermath ==\n\nThe provincial government announced a day of mourning.\n")
    doc = clean(raw, boilerplate, is_word)
    assert doc.title == "Bombing of a bus in Mastung"
    assert "=" not in doc.text and "Attack\n" not in doc.text and "Aftermath" not in doc.text
    assert doc.text.split("\n\n") == ["Bombing of a bus in Mastung",
                                      "A roadside bomb struck a bus carrying pilgrims near Mastung on Monday, "
                                      "killing eleven people.",
                                      "The bomb was planted under a culvert and set off by remote control.",
                                      "The provincial government announced a day of mourning."]


SAVED_PAGE = """Skip to content
Home | Pakistan | World | Sports
Militants storm police post in Lakki Marwat
By NADIR KHAN
2 hours ago
A A A
LAKKI MARWAT, Pakistan, March 4, 2025 (AP) — Militants stormed a police post in Lakki Marwat before dawn on Tuesday, killing two constables, police said.

A police official at the scene said the post was targeted from two sides. PHOTO: FILE

A police official at the scene said the post was targeted from two sides. PHOTO: FILE

The attackers fled after a gunfight that lasted about an hour, the official said.

Latest Stories
Flood relief reaches upper Swat
Cricket board names new Test captain
Rupee slides as reserves fall below...

No group has claimed the attack, but the Pakistani Taliban have struck police in the district before.

Share this article
Facebook Twitter WhatsApp Email
Read more: Two soldiers martyred in North Waziristan raid
Reader Comments (3)
Sami: terrible news, may they rest in peace
"""


def test_a_saved_page_loses_its_furniture_and_keeps_every_article_sentence(boilerplate, is_word):
    doc = clean(SAVED_PAGE, boilerplate, is_word)
    assert doc.title == "Militants storm police post in Lakki Marwat"
    assert doc.published == dt.date(2025, 3, 4) and doc.found_date  # from the wire dateline
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == doc.title
    assert paragraphs[1].startswith("LAKKI MARWAT, Pakistan, March 4, 2025 (AP) — Militants stormed")
    for kept in ("The attackers fled after a gunfight", "No group has claimed the attack"):
        assert sum(p.startswith(kept) for p in paragraphs) == 1
    for junk in ("Skip to", "Home |", "NADIR", "ago", "A A A", "PHOTO", "Latest Stories", "Flood relief",
                 "Cricket", "Rupee", "Share", "Facebook", "Read more", "Comments", "Sami"):
        assert junk not in doc.text, junk


@pytest.mark.parametrize("paragraphs, kept", [
    # a sidebar of three or more headlines in the middle of an article goes, whatever their case
    (["Gunmen shot dead a trader in Quetta on Sunday.", "Flood relief reaches Swat", "Rupee slides again",
      "Budget talks stall...", "Police have opened an inquiry."],
     ["Gunmen shot dead a trader in Quetta on Sunday.", "Police have opened an inquiry."]),
    # one or two headings stay (an article's own section heading and subheading)
    (["Gunmen shot dead a trader.", "Aftermath", "Reaction in Quetta", "Shops closed for a day."],
     ["Gunmen shot dead a trader.", "Aftermath", "Reaction in Quetta", "Shops closed for a day."]),
    # list items and table rows are data
    (["The dead were:", "- Constable Ali Khan", "- Constable Zahid Shah", "- Driver Imran Ahmed"],
     ["The dead were:", "- Constable Ali Khan", "- Constable Zahid Shah", "- Driver Imran Ahmed"]),
    (["| Date | Place |", "| 4 March | Kohat |", "| 5 March | Bannu |"],
     ["| Date | Place |", "| 4 March | Kohat |", "| 5 March | Bannu |"]),
])
def test_headline_runs(paragraphs, kept):
    assert furniture.drop_headline_runs(paragraphs) == kept


LEAD = "The group's spokesman claimed the attack, saying its fighters had seized weapons from the post."
BODY = ["Gunmen attacked a checkpoint in Zabul on Tuesday, killing five soldiers, officials said.", LEAD,
        "The ministry said an investigation was under way."]


@pytest.mark.parametrize("paragraphs, kept", [
    # a lead shown above the byline and printed again in the body: the body's copy stays
    ([LEAD, "Associated Press", *BODY], ["Associated Press", *BODY]),
    # a line that is no running text, or a lead printed again at the very end, stays where it is
    (["Associated Press", *BODY, "Associated Press"], ["Associated Press", *BODY, "Associated Press"]),
    ([*BODY, "More follows.", "And more.", "Then more.", "Still more.", BODY[0]],
     [*BODY, "More follows.", "And more.", "Then more.", "Still more.", BODY[0]]),
])
def test_a_lead_printed_above_the_body_and_again_in_it_is_kept_once(paragraphs, kept):
    assert furniture.drop_teasers(paragraphs) == kept


@pytest.mark.parametrize("line, expected", [
    ("QUETTA, February 4, 2025 — Gunmen opened fire on a bus.", dt.date(2025, 2, 4)),
    ("ISLAMABAD, Pakistan, Feb. 4, 2025 (AP) — The interior ministry said", dt.date(2025, 2, 4)),
    ("Kabul, 4 Feb 2025 (AFP): Two explosions hit the city.", dt.date(2025, 2, 4)),
    ("DERA ISMAIL KHAN, March 9, 2024 - Police said", dt.date(2024, 3, 9)),
    ("PESHAWAR: Militants attacked a checkpoint.", None),           # a place, no date
    ("PESHAWAR, Jan 21 (Reuters) - Militants attacked", None),      # no year: not a full date
    ("On February 4, 2025 — the day of the attack — shops closed.", None),
    ("The attack, February 4, 2025 — a Tuesday — shocked the city.", None),
])
def test_wire_datelines(line, expected):
    assert wire_date(line) == expected


@pytest.mark.parametrize("lines, expected", [
    # the year of a full date the text gives up to a month before the dateline's day (a photo caption)
    (["Police guard a shrine in Sukkur, Pakistan, 27 October 2022. EFE-EPA/A. Khan",
      "Islamabad, Oct 28 (EFE).- A bomb went off near a shrine."], dt.date(2022, 10, 28)),
    (["Security officials patrol a market in Peshawar, Pakistan, on December 30, 2024, after a blast there. AFP/Staff",
      "PESHAWAR, Jan 2 (Reuters) - Militants attacked a post."],
     dt.date(2025, 1, 2)),
    # no full date, or one too far before, gives no year
    (["PESHAWAR, Jan 21 (Reuters) - Militants attacked a post."], None),
    (["A file photo of March 2, 2019.", "PESHAWAR, Jan 21 (Reuters) - Militants attacked a post."], None),
    # no agency: no wire dateline
    (["Security officials patrol a market in Peshawar, Pakistan, on December 30, 2024, after a blast there. AFP/Staff",
      "On Jan 2 - the day of the attack - shops closed."], None),
])
def test_a_wire_dateline_without_a_year_takes_the_year_of_a_date_just_before(lines, expected):
    assert read_header(lines).published == expected


@pytest.mark.parametrize("line, expected", [
    ("2025-02-04", dt.date(2025, 2, 4)),
    ("Tuesday, February 4, 2025", dt.date(2025, 2, 4)),
    ("Published : Tuesday, 4 February, 2025", dt.date(2025, 2, 4)),
    ("Published: June 18, 2011", dt.date(2011, 6, 18)),
])
def test_date_lines_above_the_body(line, expected):
    assert parse_dateline(line) == expected


def test_of_two_date_lines_above_the_body_the_earlier_is_the_articles(boilerplate, is_word):
    """A site prints the day it is read above the headline, the article's own date under it."""
    raw = ("Tuesday August 16, 2022\n\nFour soldiers killed\n\nJanuary 25, 2022\nFour soldiers killed\n\n"
           "KIRKUK: Four soldiers were killed on Monday when a bomb hit their patrol, a military source said.\n")
    cleaned = clean_text(raw, boilerplate=boilerplate, is_word=is_word)
    assert cleaned.published == dt.date(2022, 1, 25)
    assert "2022" not in cleaned.text


@pytest.mark.parametrize("raw, published, source", [
    # a caption with its credit (a line the boilerplate patterns drop) dates an article nothing else dates
    ("Seven dead as blasts hit funeral\n\nPolicemen at the site of the blasts in Kabul on June 3, 2017. PHOTO: "
     "REUTERS\n\nKABUL (AFP) - Explosions rocked a funeral in Kabul on Saturday, killing seven people.\n",
     dt.date(2017, 6, 3), "caption"),
    # a date line above the body comes first
    ("Seven dead as blasts hit funeral\n\nJune 4, 2017\n\nPolicemen at the site in Kabul on June 3, 2017. PHOTO: "
     "REUTERS\n\nKABUL (AFP) - Explosions rocked a funeral in Kabul on Saturday, killing seven people.\n",
     dt.date(2017, 6, 4), "dateline"),
    # a date in the body's words is no caption
    ("Seven dead as blasts hit funeral\n\nExplosions rocked a funeral in Kabul on June 3, 2017, killing seven "
     "people.\n", None, "dateline"),
])
def test_a_photo_captions_date_dates_an_article_nothing_else_dates(boilerplate, is_word, raw, published, source):
    cleaned = clean_text(raw, boilerplate=boilerplate, is_word=is_word)
    assert (cleaned.published, cleaned.date_from if cleaned.published else "dateline") == (published, source)


def test_a_date_line_without_a_headline_is_still_the_published_date(boilerplate, is_word):
    raw = ("Tuesday, February 4, 2025\n\nGunmen opened fire on a passenger van near Turbat on Monday night, "
           "killing four people, officials said.\n")
    doc = clean(raw, boilerplate, is_word)
    assert doc.published == dt.date(2025, 2, 4) and "2025" not in doc.text


def test_lines_a_source_repeats_are_dropped_and_sentences_need_more():
    pages = [("folder:site", f"Mirror Daily\nHome | World\nStory {i} body text that is unique.\n"
                             "Police said the investigation continues.\nTrending now\n") for i in range(10)]
    pages += [("folder:site", "Mirror Daily\nA different page.\nNo group has claimed responsibility for it.\n")]
    pages += [("folder:site", f"Mirror Daily\nPage {i}.\nNo group has claimed responsibility for it.\n")
              for i in range(3)]
    drop = repeats.repeated(repeats.count(pages))["folder:site"]
    assert repeats.is_repeated("Mirror Daily", drop) and repeats.is_repeated("  home | WORLD ", drop)
    assert repeats.is_repeated("Police said the investigation continues.", drop)     # 10 of 14: over half
    assert not repeats.is_repeated("No group has claimed responsibility for it.", drop)  # 4 of 14: a sentence
    assert not repeats.is_repeated("Story 3 body text that is unique.", drop)
    few = repeats.repeated(repeats.count(pages[:2]))
    assert few == {}  # two documents say nothing about a source


def test_a_source_is_its_name_then_its_host_then_its_folder():
    assert repeats.source_of("a/b.txt", "Dawn", "https://www.dawn.com/x") == "source:dawn"
    assert repeats.source_of("a/b.txt", None, "https://www.dawn.com/x") == "host:dawn.com"
    assert repeats.source_of("a/b.txt", None, None) == "folder:a"
    assert repeats.source_of("b.txt", None, None) == "folder:"


def write_dump(raw, pages):
    for name, text in pages.items():
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        (raw / name).write_text(text, encoding="utf-8")


BODY = ("Security forces killed three militants in an exchange of fire in Bajaur district on Monday, "
        "the military's media wing said in a statement.\n")


def test_a_manifest_gives_what_text_files_cannot_and_names_bad_rows(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    write_dump(raw, {"site/a.txt": "Raid in Bajaur\n\n" + BODY, "site/b.txt": "Second raid\n\n" + BODY.replace("three", "four"),
                     "site/manifest.csv": "path,published,url,source,title,notes\n"
                                          "a.txt,2025-03-10,https://example.org/a,Example News,,x\n"
                                          "b.txt,10/03/2025,,,Second raid in Bajaur,\n"
                                          "gone.txt,2025-03-11,,,,\n"})
    assert main(["clean", "--raw", str(raw), "--out", str(out), "--config", str(ROOT / "configs")]) == 0
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_id")
    assert list(docs.index) == ["site/a.txt", "site/b.txt"]  # the manifest is no article
    a, b = docs.loc["site/a.txt"], docs.loc["site/b.txt"]
    assert (a.published, a.published_source, a.url, a.source) == (dt.date(2025, 3, 10), "manifest",
                                                                  "https://example.org/a", "Example News")
    assert b.title == "Second raid in Bajaur" and pd.isna(b.published)  # a date that is not ISO: unknown
    rejects = pd.read_parquet(out / "rejects.parquet")
    assert rejects.to_dict("records") == [{"source_id": "site/manifest.csv:4",
                                           "reason": "manifest row names no file under RAW: 'gone.txt'"}]


def test_a_manifest_fills_only_what_a_jsonl_record_lacks_and_a_bad_one_is_a_reject(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    write_dump(raw, {"feed.jsonl": '{"id": "r1", "text": "%s", "published": "2025-01-02"}\n'
                                   '{"id": "r2", "text": "%s"}\n' % (BODY.strip(), BODY.strip().replace("three", "five")),
                     "manifest.jsonl": '{"path": "feed.jsonl", "published": "2025-05-05", "source": "Wire"}\n',
                     "sub/manifest.csv": "file,date\nx.txt,2025-01-01\n", "sub/x.txt": "Raid\n\n" + BODY})
    assert main(["clean", "--raw", str(raw), "--out", str(out), "--config", str(ROOT / "configs")]) == 0
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_id")
    assert docs.loc["r1"].published == dt.date(2025, 1, 2) and docs.loc["r1"].published_source == "jsonl"
    assert docs.loc["r2"].published == dt.date(2025, 5, 5) and docs.loc["r2"].published_source == "manifest"
    assert set(docs.source[["r1", "r2"]]) == {"Wire"}
    assert pd.isna(docs.loc["sub/x.txt"].published_source)
    rejects = pd.read_parquet(out / "rejects.parquet")
    assert rejects.source_id.tolist() == ["sub/manifest.csv"]
    assert rejects.reason[0] == "manifest not read: ValueError: a manifest needs a 'path' column"


PARAGRAPH = ("Police said the gunmen fled on motorcycles after the shooting at the bazaar, and a search of the "
             "nearby villages went on into the night.")


def test_a_list_of_other_stories_that_closes_the_page_goes():
    closing = ["- Flood waters cut the highway near Sukkur", "- Court grants bail to former minister: Report",
               "- Two traders shot dead in Turbat"]
    assert furniture.drop_closing_list([PARAGRAPH, *closing]) == [PARAGRAPH]
    assert furniture.drop_closing_list([PARAGRAPH, *closing[:2]]) == [PARAGRAPH, *closing[:2]]  # two: a short list
    sentences = ["- The driver was killed.", "- Two guards were hurt.", "- The shop was burnt."]
    assert furniture.drop_closing_list([PARAGRAPH, *sentences]) == [PARAGRAPH, *sentences]  # the article's own


@pytest.mark.parametrize("inset, dropped", [
    ("Cabinet Approves New Tax Package Ahead Of Budget Talks With Lenders", True),
    ("Singer Wins Award for Her First Album After a Long Break", True),
    ("Funeral prayers were offered for the two officers in the afternoon", False),   # a sentence's case
    ("What Happened Next", False),   # an article's own short heading
    ("Gul Khan, Sara Bibi, Amir Shah, Noor Jahan and Their Lawyer", False),   # the names under a photo
])
def test_another_storys_headline_between_paragraphs_goes(inset, dropped):
    kept = furniture.drop_inset_headlines([PARAGRAPH, inset, PARAGRAPH.replace("Police", "Officials")])
    assert (inset not in kept) is dropped


@pytest.mark.parametrize("raw, title, section, published", [
    (" date 2021-03-04 Toggle Menu\nGunmen kill two policemen in Kohat\n\nTwo policemen were shot dead on "
     "Wednesday near a checkpoint, officials said.", "Gunmen kill two policemen in Kohat", None, dt.date(2021, 3, 4)),
    ("World\n\nGunmen kill two policemen in Kohat\n\nTwo policemen were shot dead on Wednesday near a "
     "checkpoint, officials said.", "Gunmen kill two policemen in Kohat", "World", None),
    (" date 2017-03-09 By Sana Malik\n| QUETTA, Pakistan, March 9\nQUETTA, Pakistan, March 9 Two policemen were "
     "shot dead on Thursday near a checkpoint, officials said.", None, None, dt.date(2017, 3, 9)),
    ("|\n\nGunmen kill two policemen in Kohat\n\nTwo policemen were shot dead on Wednesday near a "
     "checkpoint, officials said.", "Gunmen kill two policemen in Kohat", None, None),
    ("Frontier Wire | @frontierwire | 4 Mar 2021, 09:15 am Print\n\nTwo policemen were shot dead on Wednesday "
     "near a checkpoint in Kohat, officials said.\n\nThe attackers escaped.", None, None, dt.date(2021, 3, 4)),
    # the site's name, then its section, above the headline
    ("FrontierPost\nPakistan\n\nGunmen kill two policemen in Kohat\n\nTwo policemen were shot dead on Wednesday "
     "near a checkpoint, officials said.", "Gunmen kill two policemen in Kohat", "Pakistan", None),
    # a stamp with a promotion after it, then the site's trail of sections above the headline
    (" date 2021-03-04 Sign up for alerts\n\nFrontier Wire » Pakistan\nGunmen kill two policemen in Kohat\n\nTwo "
     "policemen were shot dead on Wednesday near a checkpoint, officials said.", "Gunmen kill two policemen in Kohat",
     "Frontier Wire » Pakistan", dt.date(2021, 3, 4)),
    # a date stamp and the headline on one short line
    (" date 2021-03-04 Gunmen kill two policemen in Kohat\n\nTwo policemen were shot dead on Wednesday near a "
     "checkpoint, officials said.\n\nThe attackers escaped.", "Gunmen kill two policemen in Kohat", None, dt.date(2021, 3, 4)),
])
def test_the_headline_under_a_date_line_or_a_section_label(boilerplate, is_word, raw, title, section, published):
    cleaned = clean(raw, boilerplate, is_word)
    assert (cleaned.title, cleaned.section, cleaned.published) == (title, section, published)


@pytest.mark.parametrize("furniture_line", [
    "We use cookies and similar tools to understand how you browse this site, to show you content you may like "
    "and to measure our audience, as set out in our privacy notice and cookie policy. By staying on the site "
    "you give your consent to their use.",
    "Accept our revised privacy and cookie terms",
    "For round-the-clock coverage of the province, click here",
    "Read Also: Flood waters cut the highway near Sukkur",
    "Troops on patrol near the border in 2020Image source, Getty Images",
    "A message from our editor-in-chief",
    "Do not have an account with the Frontier Wire? Register",
])
def test_banners_links_and_appeals_go_and_the_story_stays(boilerplate, is_word, furniture_line):
    story = "Two policemen were shot dead on Wednesday near a checkpoint in Kohat, officials said."
    rest = "The attackers escaped on a motorcycle towards the hills, and a search was launched at dusk."
    cleaned = clean(f"Gunmen kill two policemen in Kohat\n\n{story}\n\n{rest}\n\n{furniture_line}\n\nMore words "
                    "follow here in a closing paragraph that is part of the page.", boilerplate, is_word)
    assert furniture_line[:20] not in cleaned.text and story in cleaned.text and rest in cleaned.text


@pytest.mark.parametrize("line, dropped", [
    ("Comments are closed on this story.", True),
    ("Header image: Rescue workers at the site of the blast. — AFP", True),
    ("Enjoyed this report? Share it with a friend.", True),
    ("The day's top stories delivered to your inbox", True),
    ("Previous Article", True),
    ("Join our WhatsApp channel", True),
    ("Click to share on Facebook (Opens in new window)", True),
    ("Advertisement - Scroll to continue", True),
    ("Disclaimer: The opinions expressed here are the writer's own.", True),
    ("This story has been published from a wire agency feed without modifications to the text.", True),
    ("Associated Press writers Sana Malik in Quetta and Tom Reed in Kabul contributed to this report.", True),
    ("The writer is a researcher on security affairs based in Islamabad.", True),
    ("Posted in Pakistan", True),
    ("Our Correspondent", True),
    ("Web Desk", True),
    ("Follow the Frontier Wire on WhatsApp", True),
    ("Read this report in Pashto", True),
    ("list of 3 items", True),
    ("Your browser does not support the video tag.", True),
    ("Story continues below advertisement", True),
    ("(With inputs from agencies)", True),
    ("Edited By: Sana Malik", True),
    ("(Reporting by Sana Malik in Quetta; Editing by Tom Reed)", True),
    ("Representational image", True),
    ("Source: Frontier Wire and news agencies", True),
    ("Read: Heavy rain to lash Karachi from Thursday", True),
    ("Watch: Mourners gather outside the hospital", True),
    ("Be the first to comment", True),
    ("Please enter your comment!", True),
    ("Please enter your name", True),
    ("- Frontier Desk - https://frontierdesk.example.org -", True),
    ("Home » News » Pakistan » Gunmen kill two policemen in Kohat…", True),
    ("Copyright © 2019 Frontier Wire. All rights reserved. No part of this page may be copied or sold.", True),
    ("icon-facebook icon-x icon-telegram", True),
    ("Mourners carry a coffin in Quetta. Credit: Reuters File Photo", True),
    ("News code: 40211", True),
    ("- Sponsored Advert -", True),
    ("Your free trial of Frontier Wire has ended", True),
    ("To continue reading the story, start a subscription today.", True),
    ("Unlimited access to every archive and weekly digest", True),
    ("Already a member?", True),
    ("Want to read the whole story?", True),
    ("Placeholder while article actions load", True),
    ("Box of analysis by Sana Malik, correspondent in Quetta", True),
    ("IMAGE: Rescue workers carry a wounded man on a stretcher away from the market in Kohat after the blast on "
     "Sunday evening, as relatives wait outside the hospital gate. Photograph: Sana Malik/Frontier Wire", True),
    ("Mourners carry a coffin in Zhob on Friday. (Sana Malik/FWA-EFE/REX/Frontier)", True),
    ("Analysis by the bomb squad showed the device weighed ten kilograms.", False),
    ("Gain unlimited access to the Frontier Wire archive and more...", True),
    ("This gallery requires JavaScript.", True),
    ("Please enable JavaScript to view the comments.", True),
    ("Type to search", True),
    ("[Video not loading? Watch it on our channel]", True),
    ("Mourners carry coffins in Quetta on Friday. More photos at frontierwire.example/gallery12/.", True),
    ("Sana Malik (@sanamalik_fw) 3 hours ago", True),
    ("Want to read the whole report first, the judge told the lawyers.", False),
    ("More photos at the scene were taken by police, the report said.", False),
    ("The attackers had studied the base and knew where to search for the guards.", False),
    ("The bank gave credit: Rs 5 lakh to the families of the dead.", False),
    ("Police said the attackers had unlimited access to the compound for an hour.", False),
    ("For 6 months no bus reached the town, the elders said.", False),
    # the story's own sentences stay
    ("Read: the full statement, the spokesman said, would follow on Monday.", False),
    ("Please enter the building through the side gate, the notice said.", False),
    ("Reporting by local journalists was banned after the raid.", False),
    ("Sources said the bomber was a teenager from the tribal districts.", False),
    ("With help from the army, police drew up a new plan for the city.", False),
    ("The writer of the threatening letter was arrested on Monday, police said.", False),
    ("Police said they would share the evidence with the court in Quetta.", False),
    ("Our correspondent in Quetta said the blast was heard across the city.", False),
    ("The disclaimer was issued by the army on Monday.", False),
    ("Comments made by the minister angered the families of the dead.", False),
    ("Reporters from three channels contributed footage of the attack to the inquiry.", False),
    ("Posted in Peshawar since 2019, the officer had survived two attacks.", False),
])
def test_page_furniture_lines_go_and_story_lines_stay(boilerplate, line, dropped):
    assert (boilerplate.drop_lines([line]) == []) is dropped


def test_the_headline_under_a_next_or_previous_link_is_another_storys(boilerplate):
    lines = ["The attackers escaped towards the hills, police said.", "", "Previous Article", "",
             "Flood waters cut the highway near Sukkur", "", "Next Article", "", "Court grants bail to former minister",
             "", "Related Posts"]
    assert [line for line in boilerplate.drop_lines(lines) if line] == [
        "The attackers escaped towards the hills, police said.", "Related Posts"]


def test_a_paywall_box_ends_the_article(boilerplate, is_word):
    body = "\n\n".join(f"Paragraph {i} of the court's ruling on the appeal was read out in full on Monday." for i in range(6))
    raw = (f"Court bails former minister\n\n{body}\n\nYou have reached your monthly limit of free articles.\n\n"
           "Already subscribed? Log in\n\nRs 900 for three months, billed quarterly.\n\nRs 3,000 a year.")
    cleaned = clean(raw, boilerplate, is_word)
    assert "Paragraph 5" in cleaned.text and "billed quarterly" not in cleaned.text and "Log in" not in cleaned.text


def test_a_stamp_line_in_the_body_goes_and_the_story_stays(boilerplate, is_word):
    body = "\n\n".join(f"Paragraph {i} of the story about the blast at the bazaar went on at some length here." for i in range(8))
    raw = f"Blast hits bazaar in Kohat\n\n{body}\n\nFirst Published: Mar 14, 2024 10:15 IST\n\nParagraph 8 closes it."
    cleaned = clean(raw, boilerplate, is_word)
    assert "First Published" not in cleaned.text and "Paragraph 8 closes it." in cleaned.text


def test_a_stamp_line_further_down_dates_an_article_the_top_leaves_undated(boilerplate, is_word):
    body = "\n\n".join(f"Paragraph {i} of the story about the blast at the bazaar went on at some length here." for i in range(8))
    raw = f"Blast hits bazaar in Kohat\n\n{body}\n\nPublished: 14 March 2024 10:15 AM\n\nParagraph 8 closes it."
    cleaned = clean(raw, boilerplate, is_word)
    assert cleaned.published == dt.date(2024, 3, 14) and "Published:" not in cleaned.text


@pytest.mark.parametrize("first, title, published", [
    # a menu of the site's editions after its date stamp: the stamp dates the article, the menu goes
    (" date 2019-02-14 English हिन्दी Hindi বাংলা Bengali ગુજરાતી Gujarati தமிழ் Tamil اردو Urdu",
     "Three soldiers killed in Kupwara gunfight", dt.date(2019, 2, 14)),
    ("English Español Français Deutsch Русский العربية", "Three soldiers killed in Kupwara gunfight", None),
])
def test_a_menu_of_the_sites_editions_in_other_languages_goes(boilerplate, is_word, first, title, published):
    raw = (f"{first}\nThree soldiers killed in Kupwara gunfight\n\nThree soldiers were killed in a gunfight with "
           "militants in Kupwara on Thursday, officials said.\n\nThe statement was issued in English, Urdu, Hindi and "
           "Kashmiri.\n")
    cleaned = clean(raw, boilerplate, is_word)
    assert (cleaned.title, cleaned.published) == (title, published)
    assert "Bengali" not in cleaned.text and "Español" not in cleaned.text
    assert cleaned.text.endswith("The statement was issued in English, Urdu, Hindi and Kashmiri.")


def test_more_news_on_the_subject_ends_the_article(boilerplate, is_word):
    body = "\n\n".join(f"Paragraph {i} tells how the car bomb struck the convoy near the ministry in Kabul." for i in range(5))
    raw = (f"Car bomb hits convoy in Kabul\n\n{body}\n\nMore News On The Kabul Convoy Bombing\n\n"
           "Suicide bomber kills 12 in Jalalabad\n\nMore news on the talks, the envoy said, would come in March.")
    cleaned = clean(raw, boilerplate, is_word)
    assert cleaned.text.endswith("Paragraph 4 tells how the car bomb struck the convoy near the ministry in Kabul.")


@pytest.mark.parametrize("line, caption", [
    ("Mourners carry a coffin in Quetta on Sunday.\u2014Jane Roe / Daily Star", True),
    ("Rescuers search the rubble of the hall in Kabul. (AP Photo/John Doe)", True),
    ("Police cordon off the area after the blast in Kandahar. EFE-EPA/A. KHAN", True),
    ("Soldiers inspect a burnt truck after the blast near Sopore | Photo from AP", True),
    # article text stays
    ("Five men died when the device went off, an officer told reporters (AFP).", False),
    ("The ratio fell to 3/4 of last year's level, the bank said.", False),
    ("He said the 24/7 helpline had received hundreds of calls.", False),
])
def test_a_photo_caption_ends_in_its_credit(line, caption):
    assert furniture.is_caption(line) is caption


def test_a_pages_notices_labels_and_embedded_posts_are_dropped(boilerplate, is_word):
    raw = ("Share:\n\nGunmen shot dead two policemen at a checkpoint in Tank on Monday, officials said.\n\n"
           "Powered by automated translation\n\n"
           "The attackers fled on a motorbike. #Tank pic.twitter.com/AbCdEf12 \u2014 A Reporter (@areporter) May 4, 2023"
           "\n\nMore to follow\u2026\n\nThis translation may contain errors.\n\nMore about:\n\n"
           "Sources: Wire Desk; City Times\n\nSend us your tips and story ideas at: tips@example.org\n")
    doc = clean(raw, boilerplate, is_word)
    assert doc.text.split("\n\n") == ["Gunmen shot dead two policemen at a checkpoint in Tank on Monday, officials said.",
                                      "The attackers fled on a motorbike. #Tank \u2014 A Reporter (@areporter) May 4, 2023"]


def test_a_caption_above_the_story_goes_and_still_dates_it(boilerplate, is_word):
    raw = ("Relatives mourn outside a hospital in Peshawar on March 4, 2022. (AP Photo/John Doe)\n\n"
           "Gunmen stormed a mosque in Peshawar, killing a guard, police said.\n")
    doc = clean(raw, boilerplate, is_word)
    assert doc.text == "Gunmen stormed a mosque in Peshawar, killing a guard, police said."
    assert doc.published == dt.date(2022, 3, 4)


@pytest.mark.parametrize("line, expected", [
    (" date 2024-10-07 (FEEDCO- Gulf News Agency) KABUL, Oct 7 (GNA) \u2013 A bomb went off.",
     " date 2024-10-07 KABUL, Oct 7 (GNA) \u2013 A bomb went off."),
    ("(WireHub- City Times) A bomb went off.", "A bomb went off."),
    ("(Reuters) - A bomb went off.", "(Reuters) - A bomb went off."),   # an agency's own mark stays
    ("(AFP - 13th Oct, 2023) A bomb went off.", "(AFP - 13th Oct, 2023) A bomb went off."),
])
def test_an_aggregators_feed_mark_goes(line, expected):
    assert furniture.without_feed_mark(line) == expected


def test_a_caption_on_the_line_of_the_date_stamp_goes_and_the_stamp_dates_the_article(boilerplate, is_word):
    raw = (" date 2019-02-14 Soldiers search the wreckage after the blast near Awantipora | Photo from REUTERS\n\n"
           "Militants rammed a car bomb into a convoy near Awantipora on Thursday, killing 40 troopers.\n")
    doc = clean(raw, boilerplate, is_word)
    assert doc.published == dt.date(2019, 2, 14) and "REUTERS" not in doc.text and doc.text.startswith("Militants")


PROSE = "The attackers escaped on a motorcycle towards the hills, and a search was launched in the district at dusk."
MORE = "Two guards and a driver were among the dead, police said, and the wounded were taken to the city hospital."


@pytest.mark.parametrize("caption", [
    "A man weeps beside the coffin of his brother outside a hospital in Zhob on Sunday. (FWA)",
    "Rescue workers carry a wounded man from the market in Kohat. / AP",
    "Soldiers patrol a road near the border post in Chitral, May 3, 2021. Sana Malik, REUTERS",
    "Militants pose beside a captured armoured car in a picture released by the group. (Frontier Wire Agency)",
])
def test_a_caption_closed_by_a_bare_credit_near_the_top_goes(caption):
    assert furniture.drop_captions(["Gunmen kill two in Kohat", caption, PROSE, MORE]) == ["Gunmen kill two in Kohat", PROSE, MORE]


def test_the_caption_printed_again_without_its_credit_goes_with_it():
    bare = "Soldiers patrol a road near the border post in Chitral, May 3, 2021."
    credited = f"{bare} Sana Malik, REUTERS"
    assert furniture.drop_captions(["Title of the story", bare, credited, PROSE, MORE]) == ["Title of the story", PROSE, MORE]


def test_an_agency_mark_closing_the_article_or_far_down_it_stays():
    closing = "The bodies were handed over to the families after the autopsy, the police said. (FWA)"
    assert furniture.drop_captions([PROSE, MORE, closing]) == [PROSE, MORE, closing]
    far = [PROSE, MORE, PROSE + " Again.", MORE + " Again.", PROSE + " Once more.", closing, MORE]
    assert furniture.drop_captions(far) == far


@pytest.mark.parametrize("paragraph, dropped", [
    ("Rescue workers search the rubble of the market in Kohat, Pakistan, Feb. 11, 2023.", True),
    ("Police officers stand guard outside the district court in Mardan, March 4, 2021.", True),
    ("Gunmen killed four people in Kohat on Feb. 11, 2023.", False),          # prose: "on" before the day
    ("Police stood guard all night. The court reopened in Mardan, March 4, 2021.", False),   # two sentences
])
def test_a_sentence_alone_closed_by_a_day_after_a_comma_is_a_wire_photos_caption(paragraph, dropped):
    kept = furniture.drop_captions([PROSE, paragraph, MORE, PROSE + " Again."])
    assert (paragraph not in kept) is dropped


def test_a_wire_photos_caption_and_its_cut_off_copy_go_from_their_paragraph():
    caption = "Rescue workers search the rubble of the market in Kohat, Pakistan, Feb. 11, 2023."
    kept = furniture.drop_captions([PROSE, MORE, f"{caption}\n{caption[:60]}", MORE + " Again."])
    assert kept == [PROSE, MORE, MORE + " Again."]


@pytest.mark.parametrize("line, dropped", [
    ("Provincial Governor Sana Malik", True),
    ("Pakistani Interior Minister Tom Reed", True),
    ("Army Chief General Asim Khan", True),
    ("Attack on the police station", False),      # an article's own section heading
    ("President of the bar council", False),
])
def test_a_portraits_caption_between_two_paragraphs_goes(boilerplate, line, dropped):
    kept = furniture.drop_captions([PROSE, line, MORE], boilerplate.portrait)
    assert (kept == [PROSE, MORE]) is dropped


def test_an_agencys_sign_off_closing_the_article_goes_and_its_sentence_stays(boilerplate, is_word):
    cleaned = clean(f"Gunmen kill two in Kohat\n\n{PROSE}\n\n{MORE} (AP)", boilerplate, is_word)
    assert cleaned.text.endswith(MORE) and "(AP)" not in cleaned.text


def test_a_byline_glued_to_its_date_dates_the_article(boilerplate, is_word):
    cleaned = clean(f"Gunmen kill two in Kohat\n\nSana Malik3 March 2014\n\n{PROSE}\n\n{MORE}", boilerplate, is_word)
    assert cleaned.published == dt.date(2014, 3, 3) and "Malik3" not in cleaned.text


AGENCY_CAPTIONS = """Gunmen storm a police post in Tank

Police officers stand guard outside the post after the attack. \u2014APP

Relatives carry the coffin of a policeman in Tank on Sunday.
Relatives carry the coffin of a policeman in Tank on Sunday. PHOTO: AFP

The provincial governor visits the wounded in hospital [File: AP]

Rescue workers search the rubble of the station in Tank, on Sunday.—Courtesy Rescue 1122

Nadia Khan in Peshawar and agencies

, , , , , ,

This story is more than 3 years old

AP Photo

Published: undefined

Firefighters douse a burning van near the post.
Firefighters douse a burning van near the post. Photograph: Jane Roe/Reuters

Gunmen stormed a police post in Tank on Saturday night, killing three officers, police said.

The attackers fled before dawn, the district police chief told reporters. -AFP

Edited by Sam Roe

The Daily Post is on WhatsApp Channel - follow us there
"""


def test_captions_closed_by_an_agencys_credit_and_bylines_with_agencies_go(boilerplate, is_word):
    doc = clean(AGENCY_CAPTIONS, boilerplate, is_word)
    for junk in ("stand guard", "coffin", "governor visits", "rubble", "Nadia Khan", ", ,", "years old", "AP Photo", "undefined",
                 "Firefighters", "Edited by", "WhatsApp"):
        assert junk not in doc.text, junk
    assert "killing three officers" in doc.text
    assert "The attackers fled before dawn" in doc.text  # a paragraph of the article that says who told it


def test_a_sentence_dated_by_its_weekday_and_day_is_prose_not_a_wire_caption(boilerplate, is_word):
    raw = ("Protests go on in Kano\n\nSoldiers stand guard outside the emir's palace in Kano, Dec. 5, 2021.\n\n"
           "Traders across the north kept their shops shut in protest on Monday, Dec. 6, 2021.\n\n"
           "The protests began on Friday in several cities, organisers said.\n")
    doc = clean(raw, boilerplate, is_word)
    assert "kept their shops shut" in doc.text
    assert "Soldiers stand guard" not in doc.text

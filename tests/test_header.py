"""Titles, kickers and datelines, from the PDF-to-markdown layout and from plain dumps."""
import datetime as dt

import pytest

from pipeline.header import headline, parse_dateline, read_header


@pytest.mark.parametrize("line, expected", [
    ("August 21st 2025", dt.date(2025, 8, 21)),
    ("31 January 2023", dt.date(2023, 1, 31)),
    ("March 12, 2025", dt.date(2025, 3, 12)),
    ("By Staff Reporter | 6 March 2025", dt.date(2025, 3, 6)),
    ("*Analysis* | **Published 15 June 2024**", dt.date(2024, 6, 15)),
    ("Updated: 2024-01-05", dt.date(2024, 1, 5)),
    ("Updated At : 04:10 PM Mar 02, 2025 IST", dt.date(2025, 3, 2)),   # "at", then a clock time before the date
    ("Posted at 10:15 am, March 3, 2024", dt.date(2024, 3, 3)),
    ("March 3, 2025 09:41 am | Updated 10:02 am PKT - Quetta", dt.date(2025, 3, 3)),  # a time, a site's update mark
    ("By Our Correspondent | Security forces said on Monday that 12 militants were killed in 2024 | Quetta", None),
    ("The Daily Courier, 2024-02-09", dt.date(2024, 2, 9)),  # the source, then the date
    ("Frontier Wire - 9 February 2024", dt.date(2024, 2, 9)),
    ("Kabul Desk, February 9, 2024", dt.date(2024, 2, 9)),
    ("Web Desk Published March 4, 2025 Updated March 4, 2025 06:10pm", dt.date(2025, 3, 4)),  # a byline, then stamps
    ("By News Desk Published: 12 May 2023", dt.date(2023, 5, 12)),
    ("2023-06-14T09:05:12+05:00 Web Desk", dt.date(2023, 6, 14)),  # a site's ISO stamp, then its byline
    ("2023-06-14 18:40 Staff Reporter", dt.date(2023, 6, 14)),
    ("date 2023-06-14 (Last Updated On: June 14, 2023)", dt.date(2023, 6, 14)),  # a keyword, a stamp, a note
    ("(Last Updated On: March 9, 2023)", dt.date(2023, 3, 9)),  # a site's stamp in brackets
    ("Quetta 14-Feb-2024", dt.date(2024, 2, 14)),       # a town, a space, the day first
    ("Dera Ismail Khan 3 March 2024", dt.date(2024, 3, 3)),
    ("Thu, 08-09-2022 10:15 AM, Aden", dt.date(2022, 9, 8)),  # the weekday settles day and month
    ("Thursday 09/06/2022", dt.date(2022, 6, 9)),
    ("Wednesday, 13.03.2024 10:20", dt.date(2024, 3, 13)),
    ("Frontier Wire | @frontierwire | 4 Mar 2021, 09:15 am Print", dt.date(2021, 3, 4)),  # a bar with a date
    ("April 2, 2024 / 09:40 AM / Updated an hour ago", dt.date(2024, 4, 2)),
    ("Friday 5 April 2024 11:02, UK", dt.date(2024, 4, 5)),
    ("Written by Sana Malik on April 2, 2024", dt.date(2024, 4, 2)),
    ("By Sana Malik April 2, 2024 09:40 am", dt.date(2024, 4, 2)),
    ("Date: 05.04.2024", dt.date(2024, 4, 5)),                 # dots: the day first
    ("Troops detained him on April 2, 2024.", None),             # a sentence of the story
    ("Chapter 3 of the 2024 report", None),
    ("2023-06-31T09:05:12Z", None),                    # no such day
    ("The minister published a report in 2023 on the attacks of the year before", None),
    ("Peshawar, 2024", None),
    ("2025", None),                                      # a year alone is no dateline
    ("In 2024 alone, 1,081 people were killed in attacks", None),
    ("Between 2002 and 2018 the United States gave Pakistan more than $33 billion", None),
    ("", None),
])
def test_parse_dateline(line, expected):
    assert parse_dateline(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("# Ten years after Zarb-e-Azb", "Ten years after Zarb-e-Azb"),
    ("From Al-Qaeda to ISIS-K: Tracing the Evolution", "From Al-Qaeda to ISIS-K: Tracing the Evolution"),
    ("QUETTA - Gunmen from the Balochistan Liberation Army (BLA) blew up a section of track and stormed it.", None),
    ("ends with a comma,", None),
    ("lower-case start of a sentence", None),
])
def test_headline(line, expected):
    assert headline(line) == expected


def test_span_header_of_pdf_dump(seed_text):
    head = read_header(seed_text("002").split("\n"))
    assert head.title == "Pakistan is critical in the fight against Islamic State terrorism"
    assert head.section == "Asia | Terror trade"
    assert head.published == dt.date(2025, 8, 21)


def test_plain_header_drops_repeated_headline(seed_text):
    lines = seed_text("003").split("\n")
    head = read_header(lines)
    assert head.title.startswith("From Al-Qaeda to ISIS-K")
    assert head.consumed == {0, 2}


def test_plain_header_without_dateline(seed_text):
    head = read_header(seed_text("000").split("\n"))
    assert head.title.startswith("Pakistan on the map of the global war on terror")
    assert head.published is None


@pytest.mark.parametrize("first, title", [
    ("Home Latest News Gunmen Storm Checkpoint Near Quetta", "Gunmen Storm Checkpoint Near Quetta"),   # breadcrumb glued
    ("Gunmen Storm Checkpoint Near Quetta | The Daily Courier", "Gunmen Storm Checkpoint Near Quetta"),  # site's name
    ("Why Gunmen Stormed the Checkpoint - Governor", "Why Gunmen Stormed the Checkpoint - Governor"),   # the headline's own dash
    ("Gunmen Storm Checkpoint \u2013 Near Quetta | Courier", "Gunmen Storm Checkpoint - Near Quetta"),   # printed below
])
def test_a_breadcrumb_or_site_name_around_the_headline_is_left_out(first, title):
    below = "Gunmen Storm Checkpoint - Near Quetta" if "\u2013" in first else "Gunmen Storm Checkpoint Near Quetta"
    lines = [first, "", below, "", "Gunmen stormed a checkpoint near Quetta on Monday."]
    head = read_header(lines)
    assert head.title == title and 0 in head.consumed   # the first line is the header's, not the body's


@pytest.mark.parametrize("first, title", [
    (" date 2021-03-03 March 3, 2021 14", None),   # the day again and a count of comments: no headline
    (" date 2021-03-03 Gunmen storm checkpoint near Quetta", "Gunmen storm checkpoint near Quetta"),
])
def test_a_stamp_line_with_the_day_again_holds_no_headline(first, title):
    head = read_header([first, "", "Gunmen stormed a checkpoint near Quetta on Monday, killing four soldiers.", "",
                        "The attackers fled."])
    assert head.title == title and str(head.published) == "2021-03-03"


def test_known_title_is_not_guessed_again():
    lines = ["Blast in Quetta", "", "Blast in Quetta", "", "A bomb went off on Monday."]
    head = read_header(lines, title="Blast in Quetta")
    assert head.title == "Blast in Quetta" and head.consumed == {0, 2}


def test_no_title_when_the_dump_starts_with_body_text():
    lines = ["A bomb exploded near a police station in Quetta on Monday, killing twelve people, officials said.",
             "The BLA claimed it."]
    assert read_header(lines).title is None


@pytest.mark.parametrize("first, published, body", [
    # a page's date stamp glued to the front of its first paragraph: the date, and the paragraph without it
    (" date 2024-03-09 QUETTA - Two soldiers were killed when a roadside bomb hit their vehicle in Kech.",
     dt.date(2024, 3, 9), "QUETTA - Two soldiers were killed when a roadside bomb hit their vehicle in Kech."),
    ("Published: 2024-03-09T08:15:00+05:00 Two soldiers were killed when a roadside bomb hit their vehicle.",
     dt.date(2024, 3, 9), "Two soldiers were killed when a roadside bomb hit their vehicle."),
    # a stamp and a byline only: a dateline line of its own, taken whole
    ("2024-03-09 18:40 Staff Reporter", dt.date(2024, 3, 9), None),
    # no such day, or a year in a sentence: the line stays as it is
    ("date 2024-02-31 Two soldiers were killed when a roadside bomb hit their vehicle in Kech.", None,
     "date 2024-02-31 Two soldiers were killed when a roadside bomb hit their vehicle in Kech."),
    ("In 2024 two soldiers were killed when a roadside bomb hit their vehicle in Kech district.", None,
     "In 2024 two soldiers were killed when a roadside bomb hit their vehicle in Kech district."),
])
def test_a_date_stamp_opening_the_body_is_the_published_day(first, published, body):
    lines = [first, "", "The Balochistan Liberation Army claimed the attack."]
    head = read_header(lines)
    assert head.published == published
    kept = [line for line in head.body(lines) if line.strip()]
    assert kept[0] == body if body is not None else kept[0].startswith("The Balochistan")


@pytest.mark.parametrize("last, published", [
    ("Published in Dawn, March 13th, 2024", dt.date(2024, 3, 13)),
    ("Published in The Frontier Post, January 5th, 2023.", dt.date(2023, 1, 5)),
    ("The inquiry's findings were published in Dawn, March 13th, 2024", None),   # a sentence of the story
])
def test_a_print_editions_note_under_the_article_dates_it_and_goes(last, published):
    body = ["Two policemen were shot dead on Tuesday near a checkpoint in Kohat, officials said.",
            "The attackers fled towards the hills.", "A search of the nearby villages went on into the night.",
            "Shops in the bazaar stayed shut the next morning.", "The two officers were buried in their villages.",
            "No group had said it carried out the attack."]
    lines = ["Gunmen kill two policemen in Kohat", *body, last]
    head = read_header(lines)
    assert head.published == published
    assert (len(lines) - 1 in head.consumed) is (published is not None)


@pytest.mark.parametrize("first, published", [
    ("LAKKI MARWAT, Pakistan, March 4, 2025 (AP) — Militants stormed a police post before dawn.", dt.date(2025, 3, 4)),
    # the date alone before the dash opens the body as a dateline does
    ("June 11, 2021 – Three labourers were shot dead near a dam site in Kech, police said.", dt.date(2021, 6, 11)),
    ("11 June 2021 (AFP) — Three labourers were shot dead near a dam site in Kech.", dt.date(2021, 6, 11)),
    # a date that opens a sentence of the story is no dateline
    ("June 11, 2021 was the day three labourers were shot dead near a dam site in Kech.", None),
    ("June 11, 2021 - the day three labourers were shot dead near a dam site in Kech.", None),
])
def test_a_dateline_opening_the_body_dates_the_article(first, published):
    lines = ["Labourers shot dead in Kech", "", first, "", "No group said it carried out the killings."]
    assert read_header(lines).published == published

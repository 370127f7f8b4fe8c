"""The cleaner on the text of whole web pages: the body block, the lines around it, page furniture.

Every page here is written for these tests in the style of news and blog sites (a section menu,
a byline, share buttons, captions, related links, a footer around an article); none is taken
from the evaluation data.
"""
from __future__ import annotations

import pytest

from evfacts.clean_body import GOOD, NEAR, SHORT, features, find_body, page_stop_words, skeleton
from evfacts.cleaner import clean_text

MENU_LINES = ["Home", "World", "Business", "Markets", "Tech", "Autos", "Opinion", "Video", "Podcasts",
                  "Search", "Sign In", "Subscribe"]
MENU = "\n".join(MENU_LINES)
BODY = [
    ("Battery maker Voltera said on Monday it would build a second plant in Ohio, doubling its output of "
    "cells for electric pickups by the end of next year."),
    ("The company expects the factory to employ about 1,400 people once it reaches full production, "
    "Chief Executive Dana Ruiz told reporters at the site."),
    "Voltera shares rose 3% in early trading after the announcement, while rivals were little changed.",
    ("Analysts said the move would help the company win orders from carmakers that want batteries made "
    "close to their assembly lines in North America."),
]
FOOTER_LINES = ["More from Business", "Carmakers brace for a slower year", "Why chip prices keep falling",
                    "Five charts on the housing market", "About Us", "Contact", "Careers", "Privacy Policy",
                    "Terms of Use", "© 2025 Example Daily Media"]
FOOTER = "\n".join(FOOTER_LINES)


def page(*middle: str, head: str = MENU, foot: str = FOOTER) -> str:
    return "\n".join([head, *middle, foot]) + "\n"


def decisions(text: str, **kw) -> dict[str, tuple[bool, str]]:
    return {d.text: (d.keep, d.rule) for d in clean_text(text, **kw).lines}


# ------------------------------------------------------------------------------------ line features

@pytest.mark.parametrize("line, kind", [
    (BODY[0], GOOD),
    ("Die Stadt will bis zum Jahr 2030 alle Busse auf Strom umstellen, sagte der Bürgermeister am Dienstag.", GOOD),
    ("Voltera shares rose 3% in early trading.", NEAR),  # a short full sentence
    ("Shares rose 3%.", SHORT),
    ("Business", SHORT),
    ("Carmakers brace for a slower year", SHORT),  # a teaser headline: no sentence
    ("Nov. 19, 2025 8:03 am ET", SHORT),
])
def test_prose_class_of_a_line(line, kind):
    stops = page_stop_words([line])
    assert features(line, stops).kind(bool(stops)) == kind


def test_stop_words_of_the_page_language():
    german = [("Die Regierung hat am Montag einen neuen Plan für die Ladeinfrastruktur vorgestellt, der bis "
              "2030 eine Million Ladepunkte vorsieht.")]
    assert "der" in page_stop_words(german) and "die" in page_stop_words(german)
    assert page_stop_words(["東京 電力 発表 計画"]) == frozenset()  # no list covers it: sentence marks decide


@pytest.mark.parametrize("line, shape", [
    ("September 5 – Seattle, WA @ White River Amphitheatre", "–,@"),
    ("12) Roger Waters – The Wall (DVD)", "d)–()"),
    ("Plain words", ""),
])
def test_skeleton(line, shape):
    assert skeleton(line) == shape


# ------------------------------------------------------------------------------------ the body block

def test_body_is_the_longest_run_of_prose():
    text = page(*BODY)
    lines = [l for l in text.splitlines() if l.strip()]
    body = find_body(lines)
    assert body is not None
    assert lines[body.start] == BODY[0] and lines[body.end] == BODY[-1]


def test_no_prose_no_body():
    assert find_body(["Home", "World", "Business"]) is None


def test_menus_and_footer_around_the_body_are_dropped():
    got = decisions(page(*BODY))
    for line in BODY:
        assert got[line][0] is True
    for line in MENU.splitlines() + FOOTER.splitlines():
        assert got[line][0] is False, line
    assert got["World"][1] == "outside-body"
    assert got["Five charts on the housing market"][1] == "related-list"  # under "More from Business"


def test_headline_above_the_body_is_the_title():
    got = clean_text(page("Voltera to double battery output with second Ohio plant", "By Dana Whitfield",
                          "Nov. 19, 2025 8:03 am ET", *BODY))
    assert got.title == "Voltera to double battery output with second Ohio plant"
    kept = {d.text for d in got.kept}
    assert "By Dana Whitfield" not in kept and "Nov. 19, 2025 8:03 am ET" not in kept


@pytest.mark.parametrize("inside", [
    "Shares rose 3%.",  # a one-line paragraph
    "The Bull Case",  # a heading between two paragraphs
    "Apple: $2.4 million",  # a figure
    "Ingredients:",  # a list lead-in
    "What comes next?",
])
def test_short_body_lines_are_kept(inside):
    got = decisions(page(BODY[0], BODY[1], inside, BODY[2], BODY[3]))
    assert got[inside][0] is True, got[inside]


@pytest.mark.parametrize("inside", [
    # near misses of the furniture cues: body sentences that share a word with them
    "The company said it would leave a comment period open until June.",
    "Photo sales at the agency rose 12% last year, the company said.",
    "The plant will turn left-over cells into packs for buses.",
    "Shares of Voltera closed at $41.20, down 2%, three hours after the announcement.",
    "Readers who have a tip can still call the newsroom, the editor said.",
    "The company will send updates to investors every quarter, it said.",
    "Ruiz joined the board after the company raised $300 million in 2021.",
    "About 1,400 people will work at the plant.",
    "By Tuesday, March 4, the company had sold 300 cars.",
    "By comparison, sales at rivals rose 2%.",
    "Click-through rates on its ads fell 4%, the company said.",
    "Caption contests drew 2,000 entries last year, organisers said.",
    "Ruiz joined the company in 2015 and has run its cell business since 2019, when sales were small.",
])
def test_body_sentences_near_furniture_cues_are_kept(inside):
    got = decisions(page(BODY[0], BODY[1], inside, BODY[2], BODY[3]))
    assert got[inside][0] is True, got[inside]


def test_author_box_after_the_article_is_dropped():
    box = "Dana joined Example Daily in March 2019. She has been reporting on energy since 2012."
    got = decisions(page(*BODY, box))
    assert got[box] == (False, "author-box")


def test_comments_after_the_article_are_dropped():
    comments = ["Leave a Reply", "Alex Moreau on March 3, 2025 at 6:34 pm said:",
                "I drove past the site last week and the new hall already looks enormous, honestly.",
                "Hi Alex, thanks for reading and for the note about the hall, we will follow up on it."]
    got = decisions(page(*BODY, *comments))
    for line in comments:
        assert got[line][0] is False, line
    assert got[comments[-1]][1] == "comment-section"


def test_a_section_page_of_teasers_is_cut_to_the_story():
    teasers = [("DETROIT: Carmakers said on Tuesday that orders for electric pickups slowed in the autumn, "
               "as buyers waited for new tax credits to take effect."),
               "Charging firms expand along highways",
               ("DENVER: A charging network operator said it would add 300 fast chargers along interstate "
               "highways in the Mountain West by the end of next year.")]
    story = [("CLEVELAND: " + BODY[0]), *BODY[1:]]
    got = decisions(page(*teasers, "Share", "Print", "Email", *story))
    assert got[teasers[0]][0] is False and got[teasers[2]][0] is False
    for line in story:
        assert got[line][0] is True


def test_a_heading_and_its_one_line_paragraph_after_the_body_are_kept():
    got = decisions(page(*BODY, "Bottom Line", "Voltera looks cheap after the dip."))
    assert got["Bottom Line"][0] is True and got["Voltera looks cheap after the dip."][0] is True


def test_a_heading_over_a_sub_heading_is_kept():
    got = decisions(page(BODY[0], BODY[1], "Funds in Focus", "Example Battery Index Fund (XBAT)", BODY[2], BODY[3]))
    assert got["Funds in Focus"][0] is True and got["Example Battery Index Fund (XBAT)"][0] is True


@pytest.mark.parametrize("edge", ["Shares rose 3%.", "Gold was flat at $2,055.20."])
def test_one_line_paragraph_after_the_last_one_is_kept(edge):
    got = decisions(page(*BODY, edge))
    assert got[edge][0] is True


@pytest.mark.parametrize("inside, rule", [
    ("Share", "share-cue"),
    ("Advertisement", "promo-cue"),
    ("Loading...", "spinner"),
    ("Media playback is unsupported on your device", "spinner"),
    ("Image 4 of 5", "gallery-counter"),
    ("1 2 3 4 5", "gallery-counter"),
    ("Leave a comment", "comment-prompt"),
    ("Alex Moreau on March 3, 2025 at 6:34 pm said:", "comment-prompt"),
    ("Comments are subject to our community guidelines, which can be viewed here.", "comment-prompt"),
    ("We may earn a commission when you buy through links on our site.", "affiliate-disclosure"),
    ("Already a subscriber? Sign in", "account-wall"),
    ("To read the full story, subscribe now.", "account-wall"),
    ("Skip to main content", "navigation-cue"),
    ("Jump to navigation", "skip-link"),
    ("See also: Carmakers brace for a slower year", "related-cue"),
    ("Lesen Sie auch: Warum Strom teurer wird", "see-also"),
    ("The plant's first production line in Lordstown. (Photo: Dana Whitfield/Example Daily)", "caption-credit"),
    ("Workers at the site on Monday. Photo by Sam Ortiz/Getty Images", "caption-credit"),
    ("Photograph: Example Wire", "caption-credit"),
    ("In this March 3, 2025, file photo, workers assemble battery packs at the plant.", "caption-credit"),
    ("This artist's rendering provided by Voltera shows the planned plant.", "caption-credit"),
    ("Dana Ruiz, left, and Sam Ortiz tour the site.", "caption-credit"),
    ("32M ago", "gallery-counter"),
    ("(3:05)", "gallery-counter"),
    ("Lascia un commento", "comment-prompt"),
    ("Get the latest updates right in your inbox.", "subscribe-cue"),
    ("Join our EV Forums to keep talking batteries!", "subscribe-cue"),
    ("Have a tip? Email the newsroom.", "contact"),
    ("PUBLISHED: 09:01, Tue, Mar 4, 2025 | UPDATED: 11:43, Tue, Mar 4, 2025", "date-stamp"),
    ("Show more sharing options", "spinner"),
    ("Every day we send an email with the top stories from Example Daily.", "subscribe-cue"),
    ("I agree that Example Sports can send me the Morning Drive newsletter.", "subscribe-cue"),
    ("Get breaking battery news and the latest updates on charging, prices and more!", "subscribe-cue"),
    ("As you comment, please be respectful of other commenters.", "comment-prompt"),
    ("These statements have not been evaluated by the Food and Drug Administration.", "disclaimer-cue"),
    ("Voltera and PowerCell are registered trademarks of Voltera Inc.", "copyright"),
    ("About Dana Whitfield", "author-bio"),
    ("Written by Jo Lee, MS, RD on March 4, 2025", "byline"),
    ("By Jo Lee on Monday, March 3rd, 2025 at 11:04 a.m.", "byline"),
    ("Click to print (Opens in new window)", "share-cue"),
    ("Media captionWhat the new plant will build", "caption-credit"),
    ("Like this article?", "subscribe-cue"),
    ("Submit to Example Social (Opens in new window)", "share-cue"),
    ("Close extra sharing options", "spinner"),
    ("You are signed in as", "spinner"),
    ("Tempo de leitura: 2 minutos", "reading-time"),
    ("9:24 pm ET", "reading-time"),
    ("Toggle caption", "ui-word"),
    ("Read Later", "ui-word"),
    ("Station Info", "ui-line"),  # two words that are not alone between two paragraphs
    ("Wednesday November 19, 2025", "ui-line"),  # a date inside the body: a comment's
])
def test_page_furniture_inside_the_body_is_dropped(inside, rule):
    got = decisions(page(BODY[0], BODY[1], inside, "Print", BODY[2], BODY[3]))
    assert got[inside] == (False, rule)


def test_a_list_introduced_with_a_colon_goes_with_the_body():
    items = ["Euro zone inflation figures for January", "Bank of England policy meeting and quarterly report",
             "U.S. weekly jobless claims and factory orders"]
    got = decisions(page(*BODY, "Key events that could move markets on Thursday:", *items))
    for line in ["Key events that could move markets on Thursday:", *items]:
        assert got[line][0] is True, line


def test_a_table_under_its_heading_after_the_body_goes_with_it():
    rows = ["June 9 – Tampa, FL @ Bay Arena", "June 12 – Atlanta, GA @ Peach Hall (formerly Civic Hall)",
            "June 14 – Raleigh, NC @ Oak Pavilion", "June 17 – Nashville, TN @ River Stage – Downtown"]
    got = decisions(page(*BODY, "Voltera Plant Tour Dates", *rows))
    for row in ["Voltera Plant Tour Dates", *rows]:
        assert got[row][0] is True, row


def test_headlines_of_other_stories_inside_the_body_are_dropped():
    links = ["Carmakers brace for a slower year in Europe", "Why chip prices keep falling this winter",
             "Inside the race to recycle old battery packs"]
    got = decisions(page(BODY[0], BODY[1], *links, BODY[2], BODY[3]))
    for line in links:
        assert got[line] == (False, "link-list"), line


@pytest.mark.parametrize("items", [
    ["6 tbsp fruit pectin powder", "8 ripe pears, cored and peeled", "1 jar of honey, or 1 1/2 cups"],
    ["Ceres Robotics, Palo Alto, California", "Tyvak Systems, Irvine, California", "Blue Moon Labs, Austin, Texas"],
    ["Cells from the Ohio plant", "Packs from the Tennessee plant"],  # two lines are no list
    ["June 9 – Tampa, FL @ Bay Arena", "June 12 – St. Louis, MO @ Arch Hall", "June 14 – Raleigh, NC @ Oak Hall"],
])
def test_lists_of_the_article_are_not_link_lists(items):
    got = decisions(page(BODY[0], BODY[1], *items, BODY[2], BODY[3]))
    for line in items:
        assert got[line][0] is True, line


def test_a_list_after_a_colon_inside_the_body_is_kept():
    items = ["Building a second cell line in Ohio", "Hiring about 1,400 workers by 2027", "Opening a recycling hall"]
    got = decisions(page(BODY[0], "The company laid out three steps:", *items, BODY[2], BODY[3]))
    for line in items:
        assert got[line][0] is True, line


def test_rows_of_one_shape_after_the_body_go_with_it():
    rows = ["September 5 – Seattle, WA @ Lakeside Arena", "September 7 – Portland, OR @ Moda Hall",
            "September 9 – Boise, ID @ Ford Center"]
    got = decisions(page(*BODY, *rows))
    for row in rows:
        assert got[row][0] is True, row


def test_a_repost_headline_block_is_not_a_page_head():
    """A few lines above the body (a syndicated story's summary points) stay: no menu, no page."""
    text = "\n".join(["Voltera doubles battery output", "Second plant in Ohio", "About 1,400 jobs at the site",
                      *BODY]) + "\n"
    got = decisions(text)
    assert got["Second plant in Ohio"][0] is True and got["About 1,400 jobs at the site"][0] is True


def test_html_text_is_not_cut_to_a_body():
    """trafilatura has already cut an HTML page to its article: its short lines stay."""
    text = "\n".join([*BODY[:2], "Carmakers brace for a slower year", *BODY[2:], "Five charts on housing"]) + "\n"
    got = decisions(text, fmt="html")
    assert got["Carmakers brace for a slower year"][0] is True
    assert got["Five charts on housing"][0] is True


def test_outside_body_can_be_disabled():
    got = decisions(page(*BODY), config={"clean": {"disable": ["outside-body", "ui-line"]}})
    assert got["World"][0] is True


PORTAL = """\
Skip to navigation
Welcome, Guest | Log in | Register
Portal Home
News
Weather
Sports
Finance
Shopping
Mail
Search the web
Top Stories
City council approves new bus lanes
Storm knocks out power to 20,000 homes
Local team wins regional title
Tuesday, March 4, 2025
Council backs plan for electric buses
By Jo Lee, Staff Writer
The city council voted 7-2 on Monday night to replace half of the municipal bus fleet with electric buses by 2030.
The plan will cost about $45 million, most of it covered by a federal grant awarded last year.
"This is the biggest change to our transit system in a generation," Mayor Ana Diaz said after the vote.
Opponents said the city should wait for cheaper models.
The first 12 buses are due next spring.
Print this story
Email this story
Related links
Transit agency posts record ridership
Bus drivers ratify new contract
Most Emailed
1. Storm knocks out power to 20,000 homes
2. Where to find the best tacos downtown
3. Schools to close early on Friday
Weather
Today: Sunny, high 61
Tomorrow: Showers, high 55
About Us | Advertise | Privacy | Terms
Copyright 2025 Example Portal Inc.
"""
PORTAL_KEPT = [
    "Council backs plan for electric buses",
    ("The city council voted 7-2 on Monday night to replace half of the municipal bus fleet with electric "
     "buses by 2030."),
    "The plan will cost about $45 million, most of it covered by a federal grant awarded last year.",
    '"This is the biggest change to our transit system in a generation," Mayor Ana Diaz said after the vote.',
    "Opponents said the city should wait for cheaper models.",
    "The first 12 buses are due next spring.",
]


def test_a_portal_page_keeps_its_story_only():
    res = clean_text(PORTAL)
    assert [d.text for d in res.kept] == PORTAL_KEPT
    assert res.title == "Council backs plan for electric buses"
    assert res.published is not None and (res.published.month, res.published.day) == (3, 4)


def test_a_name_above_the_body_is_not_the_headline():
    head = [MENU, "Voltera to double battery output with second Ohio plant",
            "The battery maker is betting on electric pickups.", "By", "Dana Whitfield",
            "The Example Journal", "Nov. 19, 2025 8:03 am ET"]
    res = clean_text(page(*head[1:], *BODY))
    assert res.title == "Voltera to double battery output with second Ohio plant"


BLOG = """\
Jo's Garden Notes
Home
About
Recipes
Contact
Growing tomatoes in pots: what I learned this summer
Posted on August 14, 2024 by Jo
I tried growing tomatoes on my balcony this year, and it went better than I expected.
Here is what worked.
Pick the right pot
A 20-litre pot is the smallest I would use. Anything smaller dries out in a day when it is hot, and the plants sulk.
Water every morning
In July I watered every morning, sometimes twice. The plants gave me about 4 kg of fruit each.
That's it!
Share this:
Twitter
Facebook
Like this:
Like Loading...
Related
How I keep basil alive
My compost bin, one year on
12 Comments
Leave a Reply
Sam on August 15, 2024 at 9:12 am said:
Great tips, thanks. My tomatoes always split when it rains a lot after a dry week, any idea why?
Reply
Archives
August 2024
July 2024
Categories
Balcony
Vegetables
Blog at WordPress.com.
"""


def test_a_blog_page_keeps_its_post_with_headings_and_one_liners():
    res = clean_text(BLOG)
    kept = [d.text for d in res.kept]
    assert kept[0] == "Growing tomatoes in pots: what I learned this summer" == res.title
    assert kept[-1] == "That's it!"
    assert "Pick the right pot" in kept and "Here is what worked." in kept
    assert not any("tomatoes always split" in t for t in kept)  # a reader's comment
    assert res.published is not None and (res.published.year, res.published.month, res.published.day) == (2024, 8, 14)

"""Web pages become stories: the story alone from pages full of site chrome, its metadata, sanitised markup, and
imports that happen once. The network is a fake that answers with saved files (web_fakes.py)."""

import datetime
import json
from email.message import Message

import pytest
from django.core.management import CommandError, call_command

from newsstand.catalog.models import Edition, Story, StoryImage
from newsstand.catalog.tests.factories import EditionFactory, PublicationFactory
from newsstand.ingestion.models import ImportedItem
from newsstand.ingestion.tests.web_fakes import WEB, fake_web_install, jpeg
from newsstand.ingestion.web import fetch
from newsstand.ingestion.web.boilerplate import line_is_boilerplate
from newsstand.ingestion.web.errors import FetchError, ImportFailure, UnreadablePageError
from newsstand.ingestion.web.fetch import url_check
from newsstand.ingestion.web.importing import html_story_import
from newsstand.ingestion.web.markup import markup_sanitise
from newsstand.ingestion.web.story import html_fragment_blocks, html_story_extract
from newsstand.ingestion.web.text import text_clean

TRUTH = json.loads((WEB / "truth.json").read_text(encoding="utf-8"))
PAGES = sorted(name for name in TRUTH if not name.startswith("_"))


@pytest.fixture
def fake_web(monkeypatch):
    return fake_web_install(monkeypatch)


def text_lines(story):
    return [block["text"] for block in story.body if block["type"] != "image"]


# ---------------------------------------------------------------------------------------------------------------
# The story alone


def test_the_test_set_has_pages_of_every_kind_and_language():
    assert len(PAGES) >= 12
    assert {TRUTH[name]["language"] for name in PAGES} >= {"en", "nb", "de", "fr"}


@pytest.mark.parametrize("name", PAGES)
def test_each_page_yields_every_story_line_and_nothing_else(name):
    truth = TRUTH[name]
    story = html_story_extract((WEB / name).read_bytes())

    neutral = {text_clean(line) for line in truth["neutral"] + truth["captions"]}
    assert [line for line in text_lines(story) if line not in neutral] == [text_clean(x) for x in truth["lines"]]


@pytest.mark.parametrize("name", PAGES)
def test_each_page_gives_headline_byline_standfirst_date_and_language(name):
    truth = TRUTH[name]
    story = html_story_extract((WEB / name).read_bytes())

    assert story.headline == truth["headline"]
    assert story.byline == truth["byline"]
    assert story.standfirst == truth["standfirst"]
    assert story.published == datetime.date.fromisoformat(truth["date"])
    assert story.language == truth["language"]


def test_the_lead_picture_keeps_its_caption_and_credit_and_its_full_address():
    story = html_story_extract((WEB / "en-news-coasttimes.html").read_bytes())

    assert story.body[0] == {"type": "image", "image": 0}
    (image,) = story.images
    assert image.url == "https://coasttimes.example/images/2026/03/ferry-quay.jpg"
    assert image.caption == "The ferry Øyfjord at the quay in Nordvik."
    assert image.credit == "Bo Lens"


def test_a_quotation_keeps_its_source_apart_from_its_words():
    story = html_story_extract((WEB / "en-blog-allotment.html").read_bytes())

    (quote,) = [block for block in story.body if block["type"] == "quote"]
    assert quote["text"].startswith("Soil is not a dead thing")
    assert quote["attribution"] == "Charles Dowding"


def test_an_old_windows_page_reads_its_quotes_and_pounds_right():
    story = html_story_extract((WEB / "en-oldsite-cookies.html").read_bytes())

    assert "the country’s most visited websites a total of £2.1 million" in text_lines(story)[0]


def test_a_story_in_short_lines_inside_a_paywall_box_is_not_pruned_away():
    lines = [f"Line {n}: the wind took roof {n} off in the night." for n in range(1, 13)]
    page = (
        "<html><head><title>Storm takes twelve roofs</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Storm takes twelve roofs</h1><div class='paywall-content'>"
        + "".join(f"<p>{line}</p>" for line in lines)
        + "<div class='paywall-box'><p>Already a subscriber? Log in</p></div></div></article></body></html>"
    )

    story = html_story_extract(page.encode())

    assert text_lines(story) == lines


@pytest.mark.parametrize(
    "line",
    [
        "Start your free trial",
        "Already a subscriber? Sign in",
        "Subscribe for £1 for the first month and get unlimited access to local news. Cancel at any time.",
        "READ MORE: The streaming price war is over. Viewers lost",
        "Allerede abonnent? Logg inn",
        "Les også: Skolen i Holmvik kan bli lagt ned",
        "Jetzt abonnieren und 4 Wochen für 0,99 € testen. Danach 9,99 € im Monat, jederzeit kündbar.",
        "Mehr zum Thema",
        "Déjà abonné ? Se connecter",
        "Lire aussi La canicule de juillet a brûlé une partie des vignes du Sud-Ouest",
        "We use cookies and similar technologies to give you a better experience.",
        "Advertisement",
    ],
)
def test_calls_to_act_in_four_languages_are_boilerplate(line):
    assert line_is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "On all six sites, visitors could accept every cookie with a single click on a large “Accept all” button. "
        "Refusing them meant opening a settings page and switching off dozens of partners one by one.",
        "Shares in the company fell 9 per cent in New York trading on Thursday, wiping about $3bn off its market "
        "value. Analysts had expected it to add around 1.2 million subscribers over the quarter.",
        "The company said a cheaper plan with adverts now accounted for a third of new sign-ups in those countries.",
        "Subscriptions rose by 12 per cent last year, and the group now has more digital subscribers than print ones.",
        "Avisen har fått flere abonnenter etter at den begynte å skrive om skolen, sier redaktøren.",
        "Die Zeitung verliert seit Jahren Abonnenten, vor allem auf dem Land.",
        "Auditors found an error in the accounts for 2024.",
        "The mayor will join the discussion at the next council meeting.",
        "The town offered residents a free trial of the new bus service.",
        "She was already a member of the club when the row began.",
        "Log in problems hit the bank’s customers on Monday.",
        "Innbyggerne vil få varsler på mobilen ved flom.",
        "Det koster 99 kroner å bli abonnent på kirkebladet.",
        "Der Vertrag ist jederzeit kündbar, sagt die Verbraucherzentrale.",
        "Bürger können das Angebot vier Wochen kostenlos testen.",
        "Les utilisateurs ne pouvaient plus se connecter à Internet pendant trois heures.",
        "La promesse est restée sans engagement concret, selon l’opposition.",
    ],
)
def test_story_sentences_about_cookies_and_subscriptions_are_not_boilerplate(line):
    assert not line_is_boilerplate(line)


# ---------------------------------------------------------------------------------------------------------------
# Hostile markup

HOSTILE = """<!DOCTYPE html><html lang="en"><head><title>Harbour fire: crews work through the night</title>
<meta name="description" content="Fire crews fought a blaze at the fish plant until dawn.">
<meta name="author" content="Eve Mallory">
<script>alert('head')</script></head>
<body onload="alert('body')">
<article>
<h1>Harbour fire: crews work through the night</h1>
<p>Fire crews fought a blaze at the fish plant on the north quay until dawn on Sunday, and nobody was hurt,
the fire service said. <script>document.write('<p>alert(1) injected paragraph</p>')</script></p>
<p onclick="alert('click')">The fire started in a storeroom shortly after ten in the evening and spread to the roof
before the first engines arrived from the station on Harbour Road, eleven minutes after the alarm.</p>
<img src="x" onerror="alert('img')">
<img src="javascript:alert('src')" alt="bad">
<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj4=" alt="svg">
<iframe src="https://evil.example/frame" width="600" height="400"></iframe>
<p>Residents of the flats above the quay were woken and spent the night in the sports hall, where the Red Cross
handed out blankets and coffee. <a href="javascript:alert('link')">They were allowed home at seven</a>.</p>
<svg onload="alert('svg')"><text>alert svg text</text></svg>
<style>p { background: url("javascript:alert('css')") }</style>
<object data="https://evil.example/x.swf"></object>
<p>The plant’s owner said production would move to its second site in the south harbour until the roof is repaired,
and that none of the forty employees would lose pay while the work is done over the coming months.</p>
</article></body></html>"""


def test_scripts_handlers_javascript_links_and_frames_are_sanitised_away():
    story = html_story_extract(HOSTILE.encode(), url="https://news.example/fire")

    everything = " ".join(text_lines(story))
    assert "alert" not in everything
    assert "<" not in everything
    assert "They were allowed home at seven" in everything  # the link's words stay, its javascript: goes
    assert all(image.url.startswith("https://") for image in story.images)
    assert len(text_lines(story)) == 4


def test_hostile_feed_content_is_sanitised_the_same_way():
    body, images = html_fragment_blocks(
        "<p>Crews fought the fire all night long at the plant, the service said. <script>alert(1)</script></p>"
        '<p><img src="javascript:alert(2)"><img src="/ok.jpg" onerror="alert(3)"></p>'
        '<iframe src="https://evil.example"></iframe><p><a href="javascript:alert(4)">Nobody was hurt</a> at all '
        "in the fire, the police said on Sunday.</p>",
        base_url="https://news.example/fire",
    )

    assert "alert" not in json.dumps(body)
    assert [image.url for image in images] == ["https://news.example/ok.jpg"]


def test_markup_keeps_only_what_blocks_can_show():
    clean = markup_sanitise(
        '<div class="x"><p style="color:red" onclick="x()">A <b>bold</b> <a href="https://a.example">link</a></p>'
        '<img src="https://a.example/i.jpg" onerror="x()" width="9"><img src="javascript:x()"><table><tr><td>cell'
        "</td></tr></table><script>x()</script></div>"
    )

    assert clean == '<p>A bold link</p><img src="https://a.example/i.jpg"><img>cell'


# ---------------------------------------------------------------------------------------------------------------
# Pages that are not stories; addresses we do not fetch


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02 binary", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"],
)
def test_a_page_without_a_story_is_refused_with_a_reason(content):
    with pytest.raises(UnreadablePageError) as caught:
        html_story_extract(content)
    assert str(caught.value)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://files.example/a.html", "http://127.0.0.1/admin", "http://10.0.0.8/",
     "http://169.254.169.254/latest/meta-data/", "http://[::1]:8000/", "javascript:alert(1)", "/relative/path"],
)  # fmt: skip
def test_only_public_http_addresses_are_fetched(url):
    with pytest.raises(FetchError):
        url_check(url)


def test_private_addresses_may_be_allowed_for_an_intranet(settings):
    settings.NEWSSTAND_FETCH_ALLOW_PRIVATE = True
    url_check("http://10.0.0.8/feed.xml")
    with pytest.raises(FetchError):
        url_check("file:///etc/passwd")


class FakeResponse:
    def __init__(self, body: bytes, content_type: str = "text/html", length: str | None = None):
        self.headers = Message()
        self.headers["Content-Type"] = content_type
        if length is not None:
            self.headers["Content-Length"] = length
        self.headers["ETag"] = '"abc"'
        self._body = [body[i : i + 10] for i in range(0, len(body), 10)]

    def read(self, size: int) -> bytes:
        return self._body.pop(0) if self._body else b""

    def geturl(self) -> str:
        return "https://news.example/final"


def test_an_answer_is_read_with_its_validators():
    fetched = fetch._response_read(
        FakeResponse(b"<html>story</html>"), url="https://x", accept=fetch.PAGE_TYPES, timeout=5, max_bytes=100
    )
    assert (fetched.content, fetched.url, fetched.etag) == (
        b"<html>story</html>",
        "https://news.example/final",
        '"abc"',
    )


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (FakeResponse(b"%PDF-1.7", content_type="application/pdf"), "application/pdf"),
        (FakeResponse(b"x", length="5000000000"), "larger than"),
        (FakeResponse(b"x" * 500), "larger than"),
    ],
)
def test_a_wrong_type_or_too_large_answer_is_refused(response, message):
    with pytest.raises(FetchError, match=message):
        fetch._response_read(response, url="https://x", accept=fetch.PAGE_TYPES, timeout=5, max_bytes=100)


# ---------------------------------------------------------------------------------------------------------------
# Importing: once, into the edition of the story's date


@pytest.mark.django_db
def test_a_saved_page_becomes_a_story_in_a_draft_edition_of_its_date(fake_web):
    publication = PublicationFactory()

    outcome = html_story_import(publication=publication, source=str(WEB / "en-news-coasttimes.html"))

    story = outcome.item.story
    assert outcome.created
    assert story.headline == "Island ferry to call at two more harbours from May"
    assert story.byline == "Ann Writer"
    assert story.edition.issue_date == datetime.date(2026, 3, 4)
    assert story.edition.status == Edition.Status.DRAFT
    assert story.origin == Story.Origin.WEB
    assert story.word_count > 100
    assert outcome.item.url == "https://coasttimes.example/news/2026/03/04/island-ferry-two-more-harbours"
    assert len(outcome.item.content_hash) == 64
    picture = StoryImage.objects.get(story=story)
    assert (picture.caption, picture.credit) == ("The ferry Øyfjord at the quay in Nordvik.", "Bo Lens")
    assert (picture.width, picture.height) == (400, 300)


@pytest.mark.django_db
def test_the_same_page_is_imported_once_whether_from_a_file_or_its_address(fake_web):
    publication = PublicationFactory()
    url = "https://northernreview.example/features/the-last-lighthouse-keepers"
    first = html_story_import(publication=publication, source=str(WEB / "en-magazine-longread.html"))

    again = html_story_import(publication=publication, source=str(WEB / "en-magazine-longread.html"))
    by_address = html_story_import(publication=publication, source=url)  # no canonical address: same text

    assert not again.created
    assert not by_address.created
    assert again.item == by_address.item == first.item
    assert Story.objects.count() == 1


@pytest.mark.django_db
def test_a_story_joins_the_existing_edition_of_its_date(fake_web):
    edition = EditionFactory(issue_date=datetime.date(2026, 4, 9))

    outcome = html_story_import(publication=edition.publication, source=str(WEB / "de-zeitung-strassenbahn.html"))

    assert outcome.item.story.edition == edition
    assert outcome.item.story.language == "de"


@pytest.mark.django_db
def test_the_date_given_overrides_the_story_date(fake_web):
    publication = PublicationFactory()

    outcome = html_story_import(
        publication=publication, source=str(WEB / "fr-blog-apiculture.html"), issue_date=datetime.date(2026, 8, 1)
    )

    assert outcome.item.story.edition.issue_date == datetime.date(2026, 8, 1)


@pytest.mark.django_db
def test_an_image_that_cannot_be_fetched_is_left_out_not_the_story(fake_web):
    fake_web.images_fail = True
    publication = PublicationFactory()

    outcome = html_story_import(publication=publication, source=str(WEB / "nb-avis-fjordposten.html"))

    story = outcome.item.story
    assert not story.images.exists()
    assert all(block["type"] != "image" for block in story.body)


@pytest.mark.django_db
def test_icons_and_avatars_are_not_story_pictures(fake_web):
    fake_web.answers["https://coasttimes.example/images/2026/03/ferry-quay.jpg"] = ("image/jpeg", jpeg(64, 64))
    publication = PublicationFactory()

    outcome = html_story_import(publication=publication, source=str(WEB / "en-news-coasttimes.html"))

    assert not outcome.item.story.images.exists()


@pytest.mark.django_db
def test_a_page_that_cannot_be_fetched_leaves_nothing_behind(fake_web):
    publication = PublicationFactory()

    with pytest.raises(ImportFailure, match="404"):
        html_story_import(publication=publication, source="https://gone.example/story")
    with pytest.raises(ImportFailure, match="no file"):
        html_story_import(publication=publication, source="missing/page.html")

    assert not Edition.objects.exists()
    assert not ImportedItem.objects.exists()


@pytest.mark.django_db
def test_the_command_imports_each_page_and_reports_the_ones_it_could_not(fake_web, capsys):
    publication = PublicationFactory(slug="coast")

    with pytest.raises(CommandError, match="1 of 3"):
        call_command(
            "import_html", "coast", str(WEB / "en-news-coasttimes.html"), "https://gone.example/x",
            str(WEB / "fr-magazine-velo.html"), "--date", "2026-06-06",
        )  # fmt: skip

    output = capsys.readouterr()
    assert "Imported “Island ferry to call at two more harbours from May”" in output.out
    assert "gone.example" in output.err
    assert set(Story.objects.values_list("edition__issue_date", flat=True)) == {datetime.date(2026, 6, 6)}
    assert Story.objects.filter(edition__publication=publication).count() == 2


def test_the_command_refuses_an_unknown_publication(db):
    with pytest.raises(CommandError, match="no publication"):
        call_command("import_html", "nope", str(WEB / "en-news-coasttimes.html"))

"""Web pages → stories: fetching a page within limits, finding the story in it with trafilatura, removing the
boilerplate trafilatura keeps (subscription boxes, newsletter sign-ups, "read more" links …), and sanitising what
is left with nh3 into story blocks. No database here: services_web.py stores what this module finds."""

from __future__ import annotations

import copy
import datetime
import hashlib
import http.client
import ipaddress
import re
import socket
import time
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from http.client import HTTPMessage
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import nh3
import trafilatura
from django.conf import settings
from django.conf.global_settings import LANGUAGES
from django.utils.translation import gettext as _
from trafilatura.utils import load_html

from newsstand.catalog.blocks import Block

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})


class ImportFailure(Exception):
    """Something could not be imported; the message says what went wrong and what to do about it."""


class FetchError(ImportFailure):
    """The address could not be fetched, or what came back is not what we can use."""


class UnreadablePageError(ImportFailure):
    """The page holds no story we could find."""


# ---------------------------------------------------------------------------------------------------------------
# Fetching


@dataclass(frozen=True)
class Fetched:
    url: str
    content: bytes = b""
    content_type: str = ""
    etag: str = ""
    modified: str = ""
    not_modified: bool = False


def _setting(name: str, default: Any) -> Any:
    # Sites that have not yet added these settings get the defaults listed in the README.
    return getattr(settings, name, default)


def fetch_user_agent() -> str:
    return str(_setting("NEWSSTAND_FETCH_USER_AGENT", "") or f"Newsstand (+{settings.NEWSSTAND_BASE_URL})")


def fetch_timeout() -> float:
    return float(_setting("NEWSSTAND_FETCH_TIMEOUT", 15))


def fetch_max_bytes() -> int:
    return int(_setting("NEWSSTAND_FETCH_MAX_BYTES", 10_000_000))


def url_check(url: str) -> None:
    """Refuse what the importer must never fetch: other schemes than http(s) (file:// would read the server's own
    files) and, unless the site allows it, addresses inside the server's networks, which a publisher's staff
    could otherwise probe through a feed address."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError(_("Only http:// and https:// addresses can be imported, not “%(url)s”.") % {"url": url})
    if _setting("NEWSSTAND_FETCH_ALLOW_PRIVATE", False):
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise FetchError(_("The host of “%(url)s” could not be found; check the address.") % {"url": url}) from error
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])  # "fe80::1%eth0": no scope for the check
        if not address.is_global:
            raise FetchError(
                _("“%(url)s” points into a private network, which the importer does not fetch from.") % {"url": url}
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Every redirect target passes the same check as the first address."""

    max_redirections = 5

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        url_check(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def url_fetch(url: str, *, accept: Collection[str], etag: str = "", modified: str = "") -> Fetched:
    """GET `url` within the site's time and size limits; raise FetchError unless the answer is one of `accept`.

    With `etag`/`modified` from an earlier answer the request is conditional, and an unchanged resource comes
    back as `Fetched(not_modified=True)` without content.
    """
    url_check(url)
    headers = {"User-Agent": fetch_user_agent(), "Accept": ", ".join(accept)}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    opener = urllib.request.build_opener(_CheckedRedirects)
    timeout = fetch_timeout()
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=timeout) as response:  # noqa: S310 — url_check allows http(s) only
            return _response_read(response, url=url, accept=accept, timeout=timeout, max_bytes=fetch_max_bytes())
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(url=url, etag=etag, modified=modified, not_modified=True)
        raise FetchError(
            _("The server answered “%(status)s %(reason)s” for %(url)s.")
            % {"status": error.code, "reason": error.reason, "url": url}
        ) from error
    except TimeoutError as error:
        raise FetchError(
            _("%(url)s did not answer within %(seconds)d seconds; try again later.") % {"url": url, "seconds": timeout}
        ) from error
    except (OSError, http.client.HTTPException) as error:  # URLError, reset connections, cut-off answers
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        raise FetchError(
            _("%(url)s could not be reached (%(reason)s); try again later.") % {"url": url, "reason": reason}
        ) from error


def _response_read(response: Any, *, url: str, accept: Collection[str], timeout: float, max_bytes: int) -> Fetched:
    """The body of an HTTP answer, refused when its type is not accepted, when it is too large (by its header or by
    what actually arrives) or when it trickles in for longer than the timeout."""
    content_type = (response.headers.get_content_type() or "").lower()
    if content_type not in accept:
        raise FetchError(
            _("%(url)s gives “%(type)s”, not one of: %(accepted)s.")
            % {"url": url, "type": content_type, "accepted": ", ".join(sorted(accept))}
        )
    too_large = FetchError(
        _("%(url)s is larger than the limit of %(limit)d MB.") % {"url": url, "limit": max_bytes // 1_000_000}
    )
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise too_large
        if time.monotonic() > deadline:
            raise FetchError(
                _("%(url)s took longer than %(seconds)d seconds to send; try again later.")
                % {"url": url, "seconds": timeout}
            )
        chunks.append(chunk)
    return Fetched(
        url=response.geturl() or url,
        content=b"".join(chunks),
        content_type=content_type,
        etag=response.headers.get("ETag", "") or "",
        modified=response.headers.get("Last-Modified", "") or "",
    )


# ---------------------------------------------------------------------------------------------------------------
# What a story page holds


@dataclass(frozen=True)
class ImageRef:
    """An image of the story as the page shows it; services_web.py fetches it."""

    url: str
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class WebStory:
    """A story found in a page. Image blocks in `body` refer to `images` by index."""

    headline: str
    body: list[Block]
    images: list[ImageRef] = field(default_factory=list)
    byline: str = ""
    standfirst: str = ""
    published: datetime.date | None = None
    language: str = ""
    url: str = ""

    @property
    def content_hash(self) -> str:
        return story_content_hash(headline=self.headline, body=self.body)


def story_content_hash(*, headline: str, body: Iterable[Block]) -> str:
    """The same story text gives the same hash, however the page around it changed (whitespace and case aside)."""
    words = [headline, *(block.get("text", "") for block in body)]
    normalised = " ".join(" ".join(words).lower().split())
    return hashlib.sha256(normalised.encode()).hexdigest()


def text_clean(text: str) -> str:
    """One line of readable text: C1 control characters that old Windows pages produce are read as the
    Windows-1252 quotes and dashes they were meant to be, whitespace collapses, Unicode is NFC."""
    text = text.translate(_C1_AS_CP1252)
    return unicodedata.normalize("NFC", " ".join(text.split()))


_C1_AS_CP1252 = {code: bytes([code]).decode("cp1252", errors="ignore") or None for code in range(0x80, 0xA0)}


# ---------------------------------------------------------------------------------------------------------------
# Boilerplate: phrases in English, Norwegian, German and French


def _cues(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


# Calls to act that no story paragraph makes: subscribe, log in, sign up, accept cookies, get the app. One such
# phrase condemns a short line, so each is an imperative, a "you" or the site speaking ("our newsletter"), never
# words a story *about* subscriptions, cookies or apps would use (the test pages hold such stories as traps).
_CALLS_TO_ACTION = _cues(
    # en
    r"\b(start|begin|try|claim|get) (your|a|our) free trial\b", r"\bsubscribe (now|today|for [£€$\d])",
    r"\bsubscribe and (get|save|read)\b", r"\bsubscribe to (get|read|continue|keep reading|our)\b",
    r"\balready (a subscriber|subscribed)\?", r"\bclick here to subscribe\b",
    r"\b(sign|log) ?in to (read|continue|comment|keep reading)\b", r"\b(get|enjoy) unlimited (digital )?access\b",
    r"\bcancel any ?time\b", r"\bbecome a (subscriber|supporter)\b",
    r"\b(article|story|content) is (only )?(available )?(for|to) (subscribers|members)\b",
    r"\bsupport (our|independent) journalism\b",
    r"\bsign up (to|for) (our|the) [^.]{0,40}\b(newsletter|briefing|bulletin|digest|emails?)\b",
    r"\b(sent|delivered) (straight )?(to|in)(to)? your inbox\b", r"\bin your inbox\b",
    r"\bunsubscribe at any time\b", r"\bfollow (this )?blog\b", r"\bmore by [a-z]+ [a-z]+$", r"\bwe use cookies\b",
    r"\bpartners use cookies\b", r"\bthis (web)?site uses cookies\b", r"\baccept all cookies\b",
    r"\b(found|spotted) an? (error|mistake)\?", r"\bgot a (story|tip)( for us)?\?", r"\bhave your say\b",
    r"\bleave a (reply|comment)\b", r"\b(download|get) our app\b", r"\bturn on (push )?notifications\b",
    r"\bfollow us on\b", r"\bunlock (this (article|story)|all of our|unlimited)\b",
    r"\bcreate an? (free )?account (or|to)\b", r"\bwant to (keep|continue) reading\b",
    r"\b(subscribe|log in|sign in|register) to continue\b",
    # nb
    r"\ballerede abonnent\?", r"\blogg inn\b", r"\bkjøp abonnement\b", r"\b(kun|forbeholdt) (for )?abonnenter\b",
    r"\bførste måned for\b", r"\bmåned(en)? for 1 kr\b", r"\babonner på\b", r"\bmeld deg på\b",
    r"\b(rett|direkte) i innboksen\b", r"\bfå [^.]{0,50} i innboksen\b", r"\bles hele saken\b",
    r"\bfå tilgang til alle våre\b", r"\btilgang til alle (saker|artikler) på\b",
    r"\bvi (og våre partnere )?bruker (informasjonskapsler|cookies)\b", r"\bhar du tips\b", r"\btips oss\b",
    r"\blikte du (denne|saken)\b", r"\blegg igjen en kommentar\b", r"\bprøv [^.!?]{0,30}\bgratis\b",
    r"\bvil du lese (mer|videre|hele)\b", r"\blast ned appen\b", r"\bfølg oss på\b",
    # de
    r"\bjetzt (abonnieren|anmelden|weiterlesen|testen|gratis testen|mitglied werden|registrieren)\b",
    r"\b(bereits|schon) abonnent\?", r"\btesten sie [^.]{0,30}\b(gratis|kostenlos)\b",
    r"\bnewsletter (abonnieren|bestellen)\b", r"\bin (ihr(em)?|dein(em)?) postfach\b", r"\bjederzeit abbestellbar\b",
    r"\bkostenlos per e-mail\b", r"\bwir verwenden cookies\b", r"\bunterstütze (mich|uns|diesen blog)\b",
    r"\bkommentar schreiben\b", r"\bdiskutieren sie mit\b", r"\bregistrieren sie sich\b",
    r"\b(artikel|beitrag) vollständig lesen\b", r"\beines unserer angebote\b",
    r"\blade(n sie)? (dir|sich)? ?(die|unsere) app\b", r"\bfolgen sie (uns|dem [^.]{1,40}) auf\b",
    r"\bpush-(nachrichten|mitteilungen) aktivieren\b",
    # fr
    r"\bdéjà abonnée?s? ?\?", r"\babonnez-vous\b", r"\bje m[’']abonne\b",
    r"\b(profitez de|commencez) (notre|votre|l[’'])\s?essai gratuit\b", r"\bconnectez-vous\b",
    r"\b(article|contenu|suite) (est )?réservée? aux abonnés\b", r"\bil vous reste \d+ ?% de cet article\b",
    r"\binscrivez-vous à (la|notre) (newsletter|lettre)\b", r"\bdans votre boîte (mail|aux lettres|de réception)\b",
    r"\bnous utilisons des cookies\b", r"\bce site utilise des cookies\b", r"\blaisser un commentaire\b",
    r"\bpour lire la suite\b", r"\bvous êtes abonnée? \?", r"\bidentifiez-vous\b", r"\bactivez les notifications\b",
    r"\btéléchargez (notre|l[’'])application\b", r"\bsuivez-nous sur\b",
)  # fmt: skip

# Labels that open a line pointing elsewhere: "Read more: …", "Les også: …", "Mehr zum Thema", "Lire aussi …". Only
# at the start of a short line, where a story sentence does not use them.
_LINK_LABELS = _cues(
    r"^(read more|related( stories| articles)?|see also|also read|more from|more on this|you may also like"
    r"|recommended( for you)?|most (read|popular)|share (this|on|via)|join the (conversation|discussion)"
    r"|\d+ (comments|thoughts on)|comments \(\d+\))\b",
    r"^(les også|les mer|relaterte (saker|innlegg)|mer fra|mest lest|del (saken|artikkelen|dette)|\d+ kommentarer)\b",
    r"^(mehr zum thema|lesen sie auch|auch interessant|das könnte sie auch interessieren|ähnliche beiträge"
    r"|meistgelesen|artikel teilen|kommentare \(\d+\)|\d+ kommentare)\b",
    r"^((à )?lire aussi|sur le même sujet|articles similaires|les plus lus|partager (cet article|sur)"
    r"|\d+ commentaires)\b",
)

# Buttons and labels that are a whole line by themselves: "Subscribe", "Advertisement", "Logg inn", "Teilen:".
_BUTTON_LINES = _cues(
    r"^(subscribe|sign in|log in|share|free trial|advertisement|sponsored|comments"
    r"|bli abonnent|logg inn|del|annonse|kommentarer|få (push)?varsler"
    r"|abonnieren|anmelden|teilen|anzeige|werbung|kommentare"
    r"|s[’']abonner|se connecter|partager|publicité|commentaires)[\s\W]*$",
)

# Longest line that one phrase condemns; a line twice that long needs two phrases. A story paragraph that
# merely mentions such a phrase is longer than this, or has one phrase only.
_ONE_CUE_WORDS = 60
_LABEL_WORDS = 25


def line_is_boilerplate(text: str) -> bool:
    """True for a line that asks the reader to subscribe, sign in, sign up, share, accept cookies or read
    something else: chrome, not story."""
    words = len(text.split())
    stripped = text.strip(" \t*•–—-:|")
    if _BUTTON_LINES.search(stripped) or (words <= _LABEL_WORDS and _LINK_LABELS.search(stripped)):
        return True
    cues = len(_CALLS_TO_ACTION.findall(text))
    return (cues >= 1 and words <= _ONE_CUE_WORDS) or (cues >= 2 and words <= 2 * _ONE_CUE_WORDS)


# ---------------------------------------------------------------------------------------------------------------
# Boilerplate: the page's structure

# Words in class or id names that mark site chrome, compared whole (so "share" does not match "shareholders").
_CHROME_TOKENS = frozenset(
    {
        "ad", "ads", "advert", "adverts", "advertisement", "adslot", "anzeige", "annonse", "banner-ad",
        "breadcrumb", "breadcrumbs", "comment", "comments", "commentaires", "kommentare", "kommentarer",
        "consent", "cookie", "cookies", "cmp", "gdpr", "didomi", "samtykke",
        "footer", "menu", "nav", "navbar", "navigation", "sidebar", "toolbar", "widget-area",
        "newsletter", "nyhetsbrev", "signup", "subscribe", "subscription", "subscriptions", "abo", "abonnement",
        "abonner", "paywall", "premium-box", "offer", "upsell", "cta", "trial", "login", "register",
        "promo", "promotion", "sponsor", "sponsored", "outbrain", "taboola", "recommended", "recommendations",
        "related", "relaterte", "relatert", "aehnliche", "similaires", "lies", "mehr", "more", "readmore",
        "share", "sharing", "sharedaddy", "social", "partage", "del", "teilen",
        "popular", "most", "mest", "meistgelesen", "trending", "tags", "popup", "modal", "overlay",
        "steady", "donate", "donation", "membership", "alerts", "alertes", "varsling", "notifications",
    }
)  # fmt: skip
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"})
_CHROME_TAGS = frozenset({"nav", "aside", "footer", "form", "button", "select", "textarea", "input", "label"})
_DROP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas"})
_KEEP_TAGS = frozenset({"html", "body"})
_INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "br", "cite", "code", "em", "font", "i", "mark", "q", "s", "small", "span", "strong",
     "sub", "sup", "time", "u", "wbr"}
)  # fmt: skip
_TOKEN_SPLIT = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")

# A paragraph of story: long enough to be prose, not mostly link text, and no call to act.
_PROSE_WORDS = 15
_PROSE_MAX_LINK_SHARE = 0.3
# An element that holds this share of the page's prose is (part of) the story, whatever its class says: sites
# wrap the second half of a paywalled story in <div class="paywall">.
_STORY_SHARE = 0.15
# … or this much prose, on a long page: a few solid paragraphs are story.
_STORY_CHARS = 1200


def _tokens(element: Any) -> set[str]:
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return {token.lower() for token in _TOKEN_SPLIT.split(names) if token} | {
        part for part in names.lower().split() if part
    }


def _own_text(element: Any) -> str:
    """The element's text without that of nested blocks: a div's own words, not its paragraphs'."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag.lower() in _INLINE_TAGS:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return " ".join(" ".join(parts).split())


def _text(element: Any) -> str:
    """All the element's words, nested blocks apart by a space ("Newsletter" + "Sign up", not "NewsletterSign up")."""
    return " ".join(" ".join(element.itertext()).split())


def _link_share(element: Any, text: str) -> float:
    if not text:
        return 0.0
    linked = sum(len(_text(link)) for link in element.iter("a"))
    return min(1.0, linked / len(text))


def _prose_chars(element: Any) -> int:
    text = _own_text(element)
    if len(text.split()) < _PROSE_WORDS or _link_share(element, text) >= _PROSE_MAX_LINK_SHARE:
        return 0
    return 0 if line_is_boilerplate(text) else len(text)


class _Prose:
    """How much story prose each element of a page holds, counted once per page. The standfirst is not story
    prose: it sits in the headline's block, which goes."""

    def __init__(self, root: Any, *, standfirst: str = "") -> None:
        repeated = _fold(standfirst)
        self.own = {
            element: 0 if repeated and _fold(_text(element)) == repeated else _prose_chars(element)
            for element in _elements(root)
        }
        self.total = sum(self.own.values())

    def within(self, element: Any) -> int:
        return sum(self.own.get(node, 0) for node in element.iter())

    def holds_story(self, element: Any) -> bool:
        held = self.within(element)
        return held > 0 and (held >= _STORY_SHARE * self.total or held >= _STORY_CHARS)


def _elements(root: Any) -> Iterator[Any]:
    return (element for element in root.iter() if isinstance(element.tag, str))


def _is_hidden(element: Any) -> bool:
    style = element.get("style", "").replace(" ", "").lower()
    return element.get("hidden") is not None or element.get("aria-hidden") == "true" or "display:none" in style


def _is_chrome(element: Any) -> bool:
    """Structural cues: the element's tag, role or class/id names say it is navigation, a box or a banner."""
    tag = element.tag.lower()
    if tag in _CHROME_TAGS or element.get("role", "").lower() in _CHROME_ROLES or _is_hidden(element):
        return True
    return bool(_tokens(element) & _CHROME_TOKENS)


def _is_link_list(element: Any) -> bool:
    """A block that is mostly links: a list of other stories, a row of share buttons, "Read more: <link>"."""
    if element.tag.lower() not in {"p", "div", "ul", "ol", "li", "section", "table", "td", "span", "dl"}:
        return False
    text = _text(element)
    return bool(text) and len(text.split()) <= 80 and _link_share(element, text) >= 0.5


def _is_call_to_act(element: Any) -> bool:
    """A short block whose words ask the reader to do something: subscribe, sign up, share, read elsewhere."""
    if element.tag.lower() in _INLINE_TAGS:
        return False
    text = _text(element)
    return bool(text) and len(text.split()) <= 2 * _ONE_CUE_WORDS and line_is_boilerplate(text)


def page_chrome_prune(root: Any, *, headline: str = "", standfirst: str = "") -> None:
    """Remove, in place, what surrounds the story: navigation, banners, boxes that sell or ask, lists of links,
    and the headline's own block (kicker, byline and date lines: the story keeps those as metadata). An element
    that holds a fair share of the page's prose is never removed, whatever its class or words."""
    for element in list(_elements(root)):
        if element.tag.lower() in _DROP_TAGS and element.getparent() is not None:
            element.drop_tree()
    prose = _Prose(root)
    doomed = []
    for element in _elements(root):
        if element.tag.lower() in _KEEP_TAGS or prose.holds_story(element):
            continue
        if _is_chrome(element) or _is_link_list(element) or _is_call_to_act(element):
            doomed.append(element)
    _drop_outermost(doomed)
    _headline_block_drop(root, headline=headline, prose=_Prose(root, standfirst=standfirst))


def _drop_outermost(elements: list[Any]) -> None:
    doomed = set(elements)
    for element in elements:
        if not any(ancestor in doomed for ancestor in element.iterancestors()) and element.getparent() is not None:
            element.drop_tree()


def _headline_block_drop(root: Any, *, headline: str, prose: _Prose) -> None:
    """The block around the story's <h1> up to where the prose starts: kicker, headline, standfirst, byline, date.
    Left alone when it holds an image, which may be the story's lead picture."""
    wanted = _fold(headline)
    heading = next((h for h in root.iter("h1") if wanted and _fold(h.text_content()) == wanted), None)
    if heading is None:
        return
    block = heading
    for ancestor in heading.iterancestors():
        if ancestor.tag.lower() in {"article", "main", "body"} or prose.within(ancestor) > 0:
            break
        block = ancestor
    if block is not heading and next(block.iter("img"), None) is None and block.getparent() is not None:
        block.drop_tree()


def _fold(text: str) -> str:
    return text_clean(text).casefold()


# ---------------------------------------------------------------------------------------------------------------
# Lines around the story that trafilatura keeps: byline, date and kicker lines, headline and standfirst repeated

_MONTHS = (
    "jan(uary|uar|vier)?|feb(ruary|ruar|ruar|rier)?|mar(ch|s)?|märz|apr(il)?|avr(il)?|ma[iy]|mai|juni?|june|juin"
    "|juli?|july|juil(let)?|aug(ust)?|août|sep(t(ember|embre)?)?|o[ck]t(ober|obre)?|nov(ember|embre)?"
    "|de[cz](ember|embre)?|déc(embre)?|desember"
)
_DATE = re.compile(
    rf"\b(\d{{1,2}}[./]\s?\d{{1,2}}[./]\s?\d{{4}}|\d{{1,2}}\.?\s+({_MONTHS})\.?\s+\d{{4}}|({_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
_BYLINE_START = re.compile(
    r"^(by|von|par|av|tekst|text|texte|words by|written by|skrevet av|ein beitrag von|posted by|publié par)\b",
    re.IGNORECASE,
)


def _is_byline_line(text: str, authors: list[str]) -> bool:
    words = len(text.split())
    if words > 14:
        return False
    folded = text.casefold()
    return bool(_BYLINE_START.match(text)) or any(author.casefold() in folded for author in authors if author)


def _is_date_line(text: str) -> bool:
    return len(text.split()) <= 10 and bool(_DATE.search(text))


def _is_kicker(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) <= 3 and len(letters) >= 3 and all(c.isupper() for c in letters)


def body_lines_prune(body: list[Block], *, headline: str = "", standfirst: str = "", byline: str = "") -> list[Block]:
    """Drop text blocks that are not story: calls to act, labels, byline/date/kicker lines, and the headline or
    standfirst repeated in the body. Byline, date and kicker lines are only looked for before the first paragraph
    of prose, where pages put them."""
    authors = [name.strip() for name in re.split(r";|,| and | og | und | et ", byline) if name.strip()]
    repeated = {_fold(headline), _fold(standfirst)} - {""}
    kept: list[Block] = []
    in_header = True
    for block in body:
        text = block.get("text", "")
        if block["type"] == "image":
            kept.append(block)
            continue
        header_line = in_header and (_is_byline_line(text, authors) or _is_date_line(text) or _is_kicker(text))
        if _fold(text) in repeated or header_line or line_is_boilerplate(text):
            continue
        if block["type"] == "paragraph" and len(text.split()) >= _PROSE_WORDS:
            in_header = False
        kept.append(block)
    return kept


# ---------------------------------------------------------------------------------------------------------------
# Markup → blocks, through nh3

# What story blocks can show; nh3 removes everything else, with the contents of script and style.
_ALLOWED_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "img", "br", "figure"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def markup_sanitise(markup: str) -> str:
    """Only what a block can show survives: paragraphs, headings, quotations, list items and images with an http(s)
    address; no attribute but an image's src and alt."""
    return nh3.clean(
        markup,
        tags=_ALLOWED_TAGS,
        clean_content_tags={"script", "style", "noscript", "template", "iframe", "object", "svg", "math"},
        attributes={"img": {"src", "alt"}},
        url_schemes={"http", "https"},
        link_rel=None,
        strip_comments=True,
    )


def markup_blocks(
    markup: str, *, captions: dict[str, tuple[str, str]] | None = None
) -> tuple[list[Block], list[ImageRef]]:
    """Blocks from sanitised markup. `captions` maps an image address to its (caption, credit) on the page."""
    captions = captions or {}
    root = lxml.html.fragment_fromstring(markup_sanitise(markup) or "<p></p>", create_parent="div")
    blocks: list[Block] = []
    images: list[ImageRef] = []
    seen: set[str] = set()

    def add_text(kind: str, text: str) -> None:
        text = text_clean(text)
        if text:
            blocks.append({"type": kind, "text": text})

    def add_image(element: Any) -> None:
        src = element.get("src", "")
        if urlsplit(src).scheme in {"http", "https"} and src not in seen:
            seen.add(src)
            caption, credit = captions.get(src, (text_clean(element.get("alt", "")), ""))
            blocks.append({"type": "image", "image": len(images)})
            images.append(ImageRef(url=src, caption=caption, credit=credit))

    def walk(parent: Any) -> None:
        loose = [parent.text or ""]
        for child in parent:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag in {"p", "li", "blockquote", "figure"} or tag in _HEADINGS or tag in {"ul", "ol", "img"}:
                _loose_flush(loose, add_text)
                loose = []
            if tag in {"p", "li"}:
                for image in child.iter("img"):
                    add_image(image)
                add_text("paragraph", child.text_content())
            elif tag in _HEADINGS:
                add_text("heading", child.text_content())
            elif tag == "blockquote":
                add_text("quote", child.text_content())
            elif tag in {"ul", "ol", "figure"}:
                walk(child)
            elif tag == "img":
                add_image(child)
            elif tag == "br":
                loose.append("\n\n")
            else:
                loose.append(child.text_content())
            loose.append(child.tail or "")
        _loose_flush(loose, add_text)

    walk(root)
    return blocks, images


# Text between blocks that trafilatura or a feed leaves unwrapped: a paragraph when it reads like one, a button
# label ("Subscribe", "Share") when it does not.
_LOOSE_MIN_WORDS = 8


def _loose_flush(parts: list[str], add_text: Callable[[str, str], None]) -> None:
    for chunk in re.split(r"\n\s*\n", "".join(parts)):
        if len(chunk.split()) >= _LOOSE_MIN_WORDS:
            add_text("paragraph", chunk)


def _trafilatura_markup(body: Any) -> str:
    """Trafilatura's XML (<p>, <head>, <quote>, <list>/<item>, <graphic>; HTML tags when its fallback extractors
    answered) as the HTML that nh3 and markup_blocks read."""
    parts: list[str] = []
    for element in body:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        text = _escape(" ".join(element.itertext()))
        if tag in {"graphic", "img"}:
            parts.append(_img_html(element))
        elif tag == "head" or tag in _HEADINGS:
            parts.append(f"<h2>{text}</h2>")
        elif tag in {"quote", "blockquote"}:
            parts.append(f"<blockquote>{text}</blockquote>")
        elif tag in {"list", "ul", "ol"}:
            items = [item for item in element.iter() if item.tag in {"item", "li"}]
            parts.append("<ul>" + "".join(f"<li>{_escape(' '.join(i.itertext()))}</li>" for i in items) + "</ul>")
        elif tag in {"p", "item", "li"}:
            parts.extend(_img_html(image) for image in element.iter("graphic", "img"))
            parts.append(f"<p>{text}</p>")
        elif len(element):  # a container from a fallback extractor: its children are the blocks
            parts.append(_escape(element.text or "") + _trafilatura_markup(element))
        else:
            parts.append(f"<p>{text}</p>")
        if element.tail and element.tail.strip():
            parts.append(_escape(element.tail))
    return "".join(parts)


# Our pruning keeps at least this share of the words trafilatura alone finds (after the same line filters), or
# it is taken to have cut into the story.
_PRUNED_MIN_SHARE = 0.7


def _words(body: list[Block]) -> int:
    return sum(len(block.get("text", "").split()) for block in body)


def _img_html(element: Any) -> str:
    src, alt = element.get("src", ""), element.get("alt", "")
    return f'<img src="{_escape(src).replace(chr(34), "&quot;")}" alt="{_escape(alt).replace(chr(34), "&quot;")}">'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------------------------------------------------------
# Pages


def html_story_extract(content: bytes | str, *, url: str = "") -> WebStory:
    """The story in a web page, without the page around it. Raise UnreadablePageError when there is none."""
    try:
        tree = load_html(content)
    except (TypeError, ValueError) as error:
        raise UnreadablePageError(_("This is not an HTML page we can read.")) from error
    if tree is None:
        raise UnreadablePageError(_("This is not an HTML page we can read."))
    metadata = trafilatura.extract_metadata(copy.deepcopy(tree), default_url=url or None)
    base_url = metadata.url or url
    headline = text_clean(metadata.title or "")
    standfirst = text_clean(metadata.description or "")
    byline = text_clean(metadata.author or "")
    captions = _image_captions(tree, base_url=base_url)

    attributions = _quote_attributions(tree)
    pruned = copy.deepcopy(tree)
    page_chrome_prune(pruned, headline=headline, standfirst=standfirst)

    def story_from(root: Any) -> tuple[list[Block], list[ImageRef]]:
        extracted = _trafilatura_body(root, url=base_url)
        if extracted is None:
            return [], []
        _graphics_resolve(extracted, base_url=base_url)
        blocks, images = markup_blocks(_trafilatura_markup(extracted), captions=captions)
        blocks = _quotes_attribute(blocks, attributions)
        if not images and (lead := _lead_image(root, base_url=base_url, captions=captions)):
            blocks, images = [{"type": "image", "image": 0}, *blocks], [lead]
        pruned_lines = body_lines_prune(blocks, headline=headline, standfirst=standfirst, byline=byline)
        return images_renumber(pruned_lines, images)

    blocks, images = story_from(pruned)
    # The safety net under our pruning: should it have taken story with the chrome (a page of one-line
    # paragraphs inside <div class="paywall">, say), trafilatura alone and the line filters do better.
    plain_blocks, plain_images = story_from(tree)
    if _words(blocks) < _PRUNED_MIN_SHARE * _words(plain_blocks):
        blocks, images = plain_blocks, plain_images
    if not any(block["type"] == "paragraph" for block in blocks):
        raise UnreadablePageError(_("No story text was found in this page; is it an article?"))
    if not headline:
        raise UnreadablePageError(_("The page has no title to use as the story's headline."))
    return WebStory(
        headline=headline[:300],
        body=blocks,
        images=images,
        byline=byline[:300],
        standfirst=standfirst,
        published=_date_parse(metadata.date),
        language=_page_language(tree),
        url=base_url,
    )


def html_fragment_blocks(
    markup: str, *, base_url: str = "", headline: str = "", standfirst: str = "", byline: str = ""
) -> tuple[list[Block], list[ImageRef]]:
    """Blocks from a piece of HTML that is the story already (a feed entry's content): the same pruning,
    sanitising and line filters as a page, without trafilatura's search for the story."""
    root = lxml.html.fragment_fromstring(markup or "<p></p>", create_parent="div")
    captions = _image_captions(root, base_url=base_url)
    page_chrome_prune(root)
    _images_resolve(root, base_url=base_url)
    blocks, images = markup_blocks(lxml.html.tostring(root, encoding="unicode"), captions=captions)
    return images_renumber(body_lines_prune(blocks, headline=headline, standfirst=standfirst, byline=byline), images)


def images_renumber(body: list[Block], images: list[ImageRef]) -> tuple[list[Block], list[ImageRef]]:
    """Keep the images that image blocks still refer to, numbered in order."""
    kept: list[ImageRef] = []
    renumbered: list[Block] = []
    for block in body:
        if block["type"] == "image":
            kept.append(images[block["image"]])
            block = {"type": "image", "image": len(kept) - 1}
        renumbered.append(block)
    return renumbered, kept


def _trafilatura_body(tree: Any, *, url: str) -> Any:
    document = trafilatura.bare_extraction(
        tree, url=url or None, include_comments=False, include_tables=False, include_images=True,
        include_formatting=False, include_links=False, with_metadata=False,
    )  # fmt: skip
    if document is None or isinstance(document, dict):
        return None
    return document.body


def _graphics_resolve(body: Any, *, base_url: str) -> None:
    for graphic in body.iter("graphic", "img"):
        graphic.set("src", urljoin(base_url, graphic.get("src", "").strip()) if base_url else graphic.get("src", ""))


def _images_resolve(root: Any, *, base_url: str) -> None:
    for image in root.iter("img"):
        src = (image.get("src") or image.get("data-src") or "").strip()
        image.set("src", urljoin(base_url, src) if base_url else src)


_CREDIT_CLASS = re.compile(r"credit|copyright|photographer|byline|source|kilde|quelle", re.IGNORECASE)
_CREDIT_LABEL = r"\b(photo|foto|bild|crédit|credit|illustration)s?\s*:\s*"
_CREDIT_TEXT = re.compile(rf"\s*{_CREDIT_LABEL}(?P<credit>[^.]+)\.?$", re.IGNORECASE)


def _image_captions(root: Any, *, base_url: str) -> dict[str, tuple[str, str]]:
    """Each figure's image address → (caption, credit), read from the untouched page: pruning and trafilatura
    both drop <figcaption>."""
    found: dict[str, tuple[str, str]] = {}
    for figure in root.iter("figure"):
        image = next(figure.iter("img"), None)
        figcaption = next(figure.iter("figcaption"), None)
        if image is None or figcaption is None:
            continue
        credit = ""
        caption_element = copy.deepcopy(figcaption)
        for element in list(caption_element.iter()):
            if element is not caption_element and _CREDIT_CLASS.search(element.get("class", "")):
                credit = re.sub(f"^{_CREDIT_LABEL}", "", text_clean(_text(element)), flags=re.IGNORECASE)
                element.drop_tree()
        caption = text_clean(caption_element.text_content())
        if not credit and (match := _CREDIT_TEXT.search(caption)):
            credit = text_clean(match.group("credit"))
            caption = text_clean(caption[: match.start()])
        src = (image.get("src") or image.get("data-src") or "").strip()
        found[urljoin(base_url, src) if base_url else src] = (caption, credit)
    return found


def _lead_image(root: Any, *, base_url: str, captions: dict[str, tuple[str, str]]) -> ImageRef | None:
    """The story's picture when trafilatura found none in the text: news pages put it in a <figure> between the
    headline and the body, which trafilatura leaves out."""
    for article in root.iter("article"):
        for figure in article.iter("figure"):
            image = next(figure.iter("img"), None)
            if image is None:
                continue
            src = (image.get("src") or image.get("data-src") or "").strip()
            url = urljoin(base_url, src) if base_url else src
            if urlsplit(url).scheme in {"http", "https"}:
                caption, credit = captions.get(url, (text_clean(image.get("alt", "")), ""))
                return ImageRef(url=url, caption=caption, credit=credit)
    return None


def _quote_attributions(root: Any) -> list[str]:
    """Who each quotation on the page is by (<cite> or <footer> in a <blockquote>); trafilatura runs it into
    the quotation's text."""
    names = []
    for quote in root.iter("blockquote"):
        source = next(quote.iter("cite", "footer"), None)
        if source is not None and (name := text_clean(_text(source))):
            names.append(name)
    return names


def _quotes_attribute(body: list[Block], attributions: list[str]) -> list[Block]:
    attributed: list[Block] = []
    for block in body:
        if block["type"] == "quote":
            name = next((n for n in attributions if block["text"].endswith(n) and block["text"] != n), "")
            if name:
                text = block["text"][: -len(name)].rstrip(" —–-")
                block = {"type": "quote", "text": text, "attribution": name.lstrip("—–- ")}
        attributed.append(block)
    return attributed


def _date_parse(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


_LANGUAGE_CODES = {code for code, _name in LANGUAGES}
_LANGUAGE_ALIASES = {"no": "nb"}


def language_code(value: str) -> str:
    """A language of ours from an HTML/feed tag such as "nb-NO", "de_DE" or "no"; "" when we have none such."""
    primary = value.strip().lower().replace("_", "-").split("-")[0]
    primary = _LANGUAGE_ALIASES.get(primary, primary)
    return primary if primary in _LANGUAGE_CODES else ""


def _page_language(tree: Any) -> str:
    root = tree.getroottree().getroot()
    candidates = [root.get("lang", ""), root.get("{http://www.w3.org/XML/1998/namespace}lang", "")]
    candidates += [meta.get("content", "") for meta in root.iter("meta") if meta.get("property") == "og:locale"]
    return next((code for code in map(language_code, candidates) if code), "")

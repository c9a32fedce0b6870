"""Boilerplate around a story that trafilatura keeps or that a page wraps it in: calls to act (subscribe, sign up,
accept cookies) by their wording in English, Norwegian, German and French; site chrome by the page's structure;
and the byline, date and kicker lines around the story."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from newsstand.catalog.blocks import Block
from newsstand.ingestion.web.text import element_text, text_folded

# --- phrases -------------------------------------------------------------------------------------------------


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


# --- the page's structure ------------------------------------------------------------------------------------

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
            parts.append(element_text(child))
        parts.append(child.tail or "")
    return " ".join(" ".join(parts).split())


def _link_share(element: Any, text: str) -> float:
    if not text:
        return 0.0
    linked = sum(len(element_text(link)) for link in element.iter("a"))
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
        repeated = text_folded(standfirst)
        self.own = {
            element: 0 if repeated and text_folded(element_text(element)) == repeated else _prose_chars(element)
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
    text = element_text(element)
    return bool(text) and len(text.split()) <= 80 and _link_share(element, text) >= 0.5


def _is_call_to_act(element: Any) -> bool:
    """A short block whose words ask the reader to do something: subscribe, sign up, share, read elsewhere."""
    if element.tag.lower() in _INLINE_TAGS:
        return False
    text = element_text(element)
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
    wanted = text_folded(headline)
    heading = next((h for h in root.iter("h1") if wanted and text_folded(h.text_content()) == wanted), None)
    if heading is None:
        return
    block = heading
    for ancestor in heading.iterancestors():
        if ancestor.tag.lower() in {"article", "main", "body"} or prose.within(ancestor) > 0:
            break
        block = ancestor
    if block is not heading and next(block.iter("img"), None) is None and block.getparent() is not None:
        block.drop_tree()


# --- lines around the story: byline, date and kicker lines, headline and standfirst repeated -----------------

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
    repeated = {text_folded(headline), text_folded(standfirst)} - {""}
    kept: list[Block] = []
    in_header = True
    for block in body:
        text = block.get("text", "")
        if block["type"] == "image":
            kept.append(block)
            continue
        header_line = in_header and (_is_byline_line(text, authors) or _is_date_line(text) or _is_kicker(text))
        if text_folded(text) in repeated or header_line or line_is_boilerplate(text):
            continue
        if block["type"] == "paragraph" and len(text.split()) >= _PROSE_WORDS:
            in_header = False
        kept.append(block)
    return kept

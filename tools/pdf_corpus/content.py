"""Seeded newspaper text in English, Norwegian Bokmål, German and French, built from each language's word lists.

Everything a test edition prints comes from here: headlines, standfirsts, bylines with the language's "By" word,
paragraphs, crossheads, quotes, captions, pull quotes, sidebars, advertisements, jump lines and running-head
dates. A `|` inside a word marks where it may be hyphenated: the truth drops the marks, the producers turn them
into soft hyphens, so a line may end in "infra-" and go on with "structure". The lists are full of ligature
candidates (fi, fl, ff, ffi, ffl) and of words with real hyphens ("well-known", "Nord-Norge"), which must keep
their hyphen when a line breaks after it.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

SOFT_HYPHEN_MARK = "|"
NBSP = "\u00a0"


def plain(text: str) -> str:
    """The text as the truth has it: without hyphenation marks."""
    return text.replace(SOFT_HYPHEN_MARK, "")


@dataclass(frozen=True)
class Vocabulary:
    code: str
    by: str
    and_word: str
    photo: str  # the caption credit's label, with its punctuation: "Photo:", "Photo :"
    continued_on: str  # "{page}" is replaced
    continued_from: str
    fact_titles: tuple[str, ...]  # "{topic}" is replaced
    contents: str
    page_label: str  # "page" in the contents list: "{page}" is replaced
    quote_open: str
    quote_close: str
    says: str  # "{quote}", "{name}", "{role}" are replaced
    according_to: str  # "{clause}", "{source}" are replaced
    conjunctions: tuple[str, ...]
    weekdays: tuple[str, ...]
    months: tuple[str, ...]
    date_format: str  # "{weekday}", "{day}", "{month}", "{year}"
    sections: tuple[str, ...]
    newspapers: tuple[str, ...]
    magazines: tuple[str, ...]
    subjects: tuple[str, ...]
    predicates: tuple[str, ...]
    adverbials: tuple[str, ...]
    sources: tuple[str, ...]
    quotes: tuple[str, ...]
    roles: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    headline_subjects: tuple[str, ...]
    headline_predicates: tuple[str, ...]
    crossheads: tuple[str, ...]
    caption_subjects: tuple[str, ...]
    caption_predicates: tuple[str, ...]
    fact_labels: tuple[str, ...]
    fact_values: tuple[str, ...]
    ad_brands: tuple[str, ...]
    ad_slogans: tuple[str, ...]
    ad_offers: tuple[str, ...]


ENGLISH = Vocabulary(
    code="en",
    by="By",
    and_word="and",
    photo="Photo:",
    continued_on="Continued on page {page}",
    continued_from="Continued from page {page}",
    fact_titles=("Facts: {topic}", "Key figures: {topic}", "Background: {topic}", "Timeline: {topic}"),
    contents="Contents",
    page_label="page {page}",
    quote_open="“",
    quote_close="”",
    says="{quote} says {name}, {role}.",
    according_to="{clause}, according to {source}.",
    conjunctions=("and", "but", "while"),
    weekdays=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    months=(
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    date_format="{weekday} {day} {month} {year}",
    sections=("News", "Business", "Culture", "Sport", "Science", "Opinion", "Travel"),
    newspapers=("The Harbour Herald", "Northfield Evening Post", "The Daily Fjord", "Westgate Chronicle"),
    magazines=("Field & Office", "The Fluent Traveller", "Offshore Life", "Affinity Monthly"),
    subjects=(
        "the city council",
        "the harbour authority",
        "the ferry company",
        "the official in|ves|ti|ga|tion",
        "the hospital board",
        "a well-known architect",
        "the local fishing fleet",
        "the school district",
        "the in|fra|struc|ture com|mit|tee",
        "the finance office",
        "the mu|nic|i|pal|i|ty",
        "the county governor",
        "a group of affluent investors",
        "the trans|por|ta|tion de|part|ment",
        "the regional airline",
        "an in|ter|na|tion|al con|sor|tium",
        "the university's research team",
        "the opposition",
        "the mayor",
        "the fire brigade",
        "the coffee roastery on the quay",
        "the long-term planning office",
    ),
    predicates=(
        "approved the new budget",
        "postponed the final decision",
        "presented a difficult report",
        "signed an efficient agreement",
        "opened the first floor of the new library",
        "rejected the proposal for a toll road",
        "raised the price of the ferry tickets",
        "announced an en|vi|ron|men|tal survey",
        "found traffic flows twice as high as expected",
        "asked for more fi|nan|cial support",
        "hired fifty new staff",
        "closed the old office",
        "promised a thorough re|con|struc|tion",
        "warned of further delays",
        "took re|spon|si|bil|i|ty for the error",
        "cut the waiting lists in half",
        "moved the offices to the fjord side",
        "won the fierce debate",
        "filed a complaint with the ministry",
        "published the official figures",
    ),
    adverbials=(
        "on Tuesday",
        "last week",
        "after a long meeting",
        "in the harbour district",
        "this spring",
        "earlier this year",
        "despite strong protests",
        "for the first time since 2009",
        "in a brief statement",
        "without a vote",
        "at the town hall",
        "after months of negotiations",
        "in the coming weeks",
    ),
    sources=(
        "the ministry",
        "local police",
        "the company",
        "a spokesperson",
        "the official records",
        "people familiar with the matter",
    ),
    quotes=(
        "We have waited far too long for this",
        "This is a difficult but fair compromise",
        "The figures speak for themselves",
        "Nobody should have to wait that long",
        "We will fight this decision",
        "It is the first step of many",
        "Our staff did an efficient job under pressure",
        "The traffic in the city centre has to be reduced",
        "I am proud of what we achieved",
    ),
    roles=(
        "the mayor",
        "a local resident",
        "the project leader",
        "chief executive of the company",
        "an economist at the university",
        "the union representative",
    ),
    first_names=(
        "Anna",
        "James",
        "Fiona",
        "Oliver",
        "Sophie",
        "Duffy",
        "Ingrid",
        "Liam",
        "Griffin",
        "Maya",
        "Jean-Luc",
        "Mary-Ann",
    ),
    last_names=(
        "Berg",
        "Whitfield",
        "Coffey",
        "Flynn",
        "Ashford",
        "Moffat",
        "Clifford",
        "Hansen",
        "Griffiths",
        "Fairfax",
        "Stafford",
        "Lindqvist",
    ),
    headline_subjects=(
        "Council",
        "Harbour plan",
        "Ferry company",
        "Hospital board",
        "Rail strike",
        "Fishing fleet",
        "Office tower",
        "Airline",
        "School district",
        "Finance chief",
        "Coffee roastery",
        "Fire brigade",
        "Library",
        "Toll road",
        "Mayor",
        "Museum",
        "Bridge project",
        "Fjord cruise",
    ),
    headline_predicates=(
        "wins support",
        "faces new delay",
        "cuts prices",
        "reaches final deal",
        "under fire after audit",
        "opens first office",
        "rejects offer",
        "gets green light",
        "defies critics",
        "plans big expansion",
        "sees traffic soar",
        "braces for difficult winter",
        "in official inquiry",
        "finds missing millions",
    ),
    crossheads=(
        "Strong reactions",
        "A long road",
        "Next steps",
        "Difficult figures",
        "The first floor",
        "What happens now",
        "Traffic concerns",
    ),
    caption_subjects=("Workers", "Residents", "The mayor", "Passengers", "Fishermen", "Officials", "Students"),
    caption_predicates=(
        "inspect the new quay",
        "gather outside the town hall",
        "wait for the first ferry",
        "unload the morning catch",
        "walk through the flooded office",
        "look at the final plans",
    ),
    fact_labels=("Cost", "Start", "Completion", "Jobs", "Length", "Budget", "Passengers a year"),
    fact_values=("£40 million", "spring 2026", "2029", "about 350", "4.2 kilometres", "£12.5 million", "1.1 million"),
    ad_brands=(
        "Nordlys Coffee",
        "Fjordline Ferries",
        "Office Supplies Direct",
        "Flagship Furniture",
        "Clifftop Hotels",
        "Swiftfibre Broadband",
    ),
    ad_slogans=(
        "Wake up to something better",
        "Sail away this summer",
        "Everything for the efficient office",
        "Comfort that lasts",
        "Stay on the edge",
        "The fastest fibre in town",
    ),
    ad_offers=("Now from £19.99", "Save 30% this week", "Free delivery on all orders", "Two nights for one"),
)

NORWEGIAN = Vocabulary(
    code="nb",
    by="Av",
    and_word="og",
    photo="Foto:",
    continued_on="Fortsetter side {page}",
    continued_from="Fortsatt fra side {page}",
    fact_titles=("Fakta: {topic}", "Nøkkeltall: {topic}", "Bakgrunn: {topic}", "Tidslinje: {topic}"),
    contents="Innhold",
    page_label="side {page}",
    quote_open="«",
    quote_close="»",
    says="{quote}, sier {name}, {role}.",
    according_to="{clause}, opplyser {source}.",
    conjunctions=("og", "men"),
    weekdays=("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    months=(
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ),
    date_format="{weekday} {day}. {month} {year}",
    sections=("Nyheter", "Økonomi", "Kultur", "Sport", "Vitenskap", "Meninger", "Reise"),
    newspapers=("Fjordposten", "Vestlandsbladet", "Nordlys Dagblad", "Hamnavisa"),
    magazines=("Fjell og Fritid", "Offisielt Magasin", "Kystliv", "Fiskeflåten"),
    subjects=(
        "bystyret",
        "havnevesenet",
        "ferjeselskapet",
        "den offisielle gransk|ings|kom|mi|sjo|nen",
        "sykehusstyret",
        "en kjent arkitekt fra Nord-Norge",
        "fiskeflåten i Lofoten",
        "skolekontoret",
        "sam|ferd|sels|de|par|te|men|tet",
        "finansavdelingen",
        "kom|mu|ne|sty|ret",
        "stats|for|val|te|ren",
        "en gruppe velstående investorer",
        "fyl|kes|kom|mu|nen",
        "flyselskapet",
        "hel|se|fore|tak|et",
        "forskerne ved universitetet",
        "opposisjonen",
        "ordføreren",
        "brannvesenet",
        "kaffebrenneriet på kaia",
        "ut|dan|nings|kon|to|ret",
    ),
    predicates=(
        "vedtok det nye budsjettet",
        "utsatte den endelige beslutningen",
        "la fram en vanskelig rapport",
        "signerte en effektiv avtale",
        "åpnet første etasje i det nye biblioteket",
        "avviste forslaget om bomvei",
        "økte prisen på ferjebillettene",
        "varslet en ny miljø|un|der|sø|kel|se",
        "fant at trafikken var dobbelt så høy som ventet",
        "ba om mer økonomisk støtte",
        "ansatte femti nye medarbeidere",
        "stengte det gamle kontoret",
        "lovet en grundig opp|rus|ting",
        "advarte mot nye forsinkelser",
        "tok ansvaret for feilen",
        "halverte ventelistene",
        "flyttet kontorene til fjordsiden",
        "vant den heftige debatten",
        "klaget saken inn for departementet",
        "offentliggjorde de offisielle tallene",
    ),
    adverbials=(
        "tirsdag",
        "forrige uke",
        "etter et langt møte",
        "i havneområdet",
        "i vår",
        "tidligere i år",
        "til tross for sterke protester",
        "for første gang siden 2009",
        "i en kort uttalelse",
        "uten avstemning",
        "på rådhuset",
        "etter måneder med forhandlinger",
        "i løpet av de neste ukene",
    ),
    sources=("departementet", "politiet", "selskapet", "en talsperson", "kommunen", "e-post fra selskapet"),
    quotes=(
        "Vi har ventet altfor lenge på dette",
        "Dette er et vanskelig, men rettferdig kompromiss",
        "Tallene taler for seg selv",
        "Ingen skal måtte vente så lenge",
        "Vi kommer til å kjempe mot vedtaket",
        "Det er det første steget av mange",
        "De ansatte gjorde en effektiv jobb under press",
        "Trafikken i sentrum må ned",
        "Jeg er stolt av det vi har fått til",
    ),
    roles=(
        "ordfører",
        "nabo",
        "prosjektleder",
        "administrerende direktør i selskapet",
        "økonom ved universitetet",
        "tillitsvalgt",
    ),
    first_names=(
        "Kari",
        "Ola",
        "Ingrid",
        "Fredrik",
        "Sofie",
        "Finn",
        "Åse",
        "Øystein",
        "Leif",
        "Marte",
        "Anne-Lise",
        "Per-Olav",
    ),
    last_names=(
        "Nordmann",
        "Fjeld",
        "Offerdal",
        "Haugen",
        "Flåten",
        "Berg",
        "Søreide",
        "Fossum",
        "Eriksen",
        "Bjørnstad",
        "Hoff",
        "Lie",
    ),
    headline_subjects=(
        "Bystyret",
        "Havneplanen",
        "Ferjeselskapet",
        "Sykehusstyret",
        "Togstreiken",
        "Fiskeflåten",
        "Kontortårnet",
        "Flyselskapet",
        "Skolekontoret",
        "Finanssjefen",
        "Kaffebrenneriet",
        "Brannvesenet",
        "Biblioteket",
        "Bomveien",
        "Ordføreren",
        "Museet",
        "Bruprosjektet",
        "Fjordcruiset",
    ),
    headline_predicates=(
        "får støtte",
        "møter ny forsinkelse",
        "kutter prisene",
        "i mål med avtale",
        "får kritikk etter revisjon",
        "åpner første kontor",
        "avviser tilbudet",
        "får grønt lys",
        "trosser kritikerne",
        "planlegger stor utvidelse",
        "ser trafikken eksplodere",
        "venter vanskelig vinter",
        "i offisiell granskning",
        "finner forsvunne millioner",
    ),
    crossheads=(
        "Sterke reaksjoner",
        "En lang vei",
        "Veien videre",
        "Vanskelige tall",
        "Første etasje",
        "Hva skjer nå",
        "Bekymret for trafikken",
    ),
    caption_subjects=("Arbeidere", "Naboer", "Ordføreren", "Passasjerer", "Fiskere", "Tjenestemenn", "Studenter"),
    caption_predicates=(
        "inspiserer den nye kaia",
        "samles utenfor rådhuset",
        "venter på den første ferja",
        "losser morgenens fangst",
        "går gjennom det oversvømte kontoret",
        "ser på de endelige planene",
    ),
    fact_labels=("Kostnad", "Byggestart", "Ferdig", "Arbeidsplasser", "Lengde", "Budsjett", "Passasjerer i året"),
    fact_values=(
        "400 millioner kroner",
        "våren 2026",
        "2029",
        "rundt 350",
        "4,2 kilometer",
        "125 millioner kroner",
        "1,1 millioner",
    ),
    ad_brands=("Nordlys Kaffe", "Fjordlinjen", "Kontorfiks", "Flaggskip Møbler", "Fjellhotellene", "Fiberfart"),
    ad_slogans=(
        "Våkn opp til noe bedre",
        "Seil ut i sommer",
        "Alt til det effektive kontoret",
        "Komfort som varer",
        "Bo på toppen",
        "Byens raskeste fiber",
    ),
    ad_offers=("Nå fra 199 kr", "Spar 30 % denne uken", "Fri frakt på alt", "To netter for én"),
)

GERMAN = Vocabulary(
    code="de",
    by="Von",
    and_word="und",
    photo="Foto:",
    continued_on="Fortsetzung auf Seite {page}",
    continued_from="Fortsetzung von Seite {page}",
    fact_titles=("Fakten: {topic}", "Zahlen: {topic}", "Hintergrund: {topic}", "Chronik: {topic}"),
    contents="Inhalt",
    page_label="Seite {page}",
    quote_open="„",
    quote_close="“",
    says="{quote}, sagt {name}, {role}.",
    according_to="{clause}, teilte {source} mit.",
    conjunctions=("und", "aber"),
    weekdays=("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    months=(
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    date_format="{weekday}, {day}. {month} {year}",
    sections=("Nachrichten", "Wirtschaft", "Kultur", "Sport", "Wissenschaft", "Meinung", "Reise"),
    newspapers=("Rheinischer Bote", "Hafenblatt", "Nordsee-Kurier", "Allgemeine Fluss-Zeitung"),
    magazines=("Offizin", "Flair & Fläche", "Küstenleben", "Schiff und Hafen"),
    subjects=(
        "der Stadtrat",
        "die Hafenbehörde",
        "die Fährgesellschaft",
        "die offizielle Unter|su|chungs|kom|mis|sion",
        "der Klinikvorstand",
        "ein bekannter Architekt aus Baden-Württemberg",
        "die örtliche Fischereiflotte",
        "das Schulamt",
        "das Ver|kehrs|mi|nis|te|ri|um",
        "die Finanzabteilung",
        "die Ge|mein|de|ver|wal|tung",
        "der Landrat",
        "eine Gruppe wohlhabender Investoren",
        "der Stadt|ent|wick|lungs|aus|schuss",
        "die regionale Fluggesellschaft",
        "ein internationales Kon|sor|ti|um",
        "das Forschungsteam der Universität",
        "die Opposition",
        "die Bürgermeisterin",
        "die Feuerwehr",
        "die Kaffeerösterei am Kai",
        "das Bun|des|ver|fas|sungs|ge|richt",
    ),
    predicates=(
        "beschloss den neuen Haushalt",
        "verschob die endgültige Entscheidung",
        "legte einen schwierigen Bericht vor",
        "unterzeichnete eine effiziente Vereinbarung",
        "eröffnete das erste Stockwerk der neuen Bibliothek",
        "lehnte den Vorschlag für eine Mautstraße ab",
        "erhöhte die Preise für die Fährtickets",
        "kündigte eine Um|welt|ver|träg|lich|keits|prü|fung an",
        "stellte doppelt so viel Verkehr fest wie erwartet",
        "forderte mehr finanzielle Unterstützung",
        "stellte fünfzig neue Mitarbeiter ein",
        "schloss das alte Büro",
        "versprach eine gründliche Sa|nie|rung",
        "warnte vor weiteren Verzögerungen",
        "übernahm die Verantwortung für den Fehler",
        "halbierte die Wartelisten",
        "verlegte die Büros an das Flussufer",
        "gewann die heftige Debatte",
        "reichte eine Beschwerde beim Ministerium ein",
        "veröffentlichte die offiziellen Zahlen",
    ),
    adverbials=(
        "am Dienstag",
        "in der vergangenen Woche",
        "nach einer langen Sitzung",
        "im Hafenviertel",
        "in diesem Frühjahr",
        "Anfang des Jahres",
        "trotz heftiger Proteste",
        "zum ersten Mal seit 2009",
        "in einer kurzen Erklärung",
        "ohne Abstimmung",
        "im Rathaus",
        "nach monatelangen Verhandlungen",
        "in den kommenden Wochen",
    ),
    sources=(
        "das Ministerium",
        "die Polizei",
        "das Unternehmen",
        "ein Sprecher",
        "die Stadtverwaltung",
        "die Pressestelle",
    ),
    quotes=(
        "Wir haben viel zu lange darauf gewartet",
        "Das ist ein schwieriger, aber fairer Kompromiss",
        "Die Zahlen sprechen für sich",
        "Niemand sollte so lange warten müssen",
        "Wir werden gegen diesen Beschluss kämpfen",
        "Das ist der erste von vielen Schritten",
        "Unsere Leute haben unter Druck effizient gearbeitet",
        "Der Verkehr in der Innenstadt muss sinken",
        "Ich bin stolz auf das Erreichte",
    ),
    roles=(
        "die Bürgermeisterin",
        "ein Anwohner",
        "der Projektleiter",
        "Geschäftsführerin des Unternehmens",
        "Ökonom an der Universität",
        "der Betriebsrat",
    ),
    first_names=(
        "Anna",
        "Jürgen",
        "Friederike",
        "Stefan",
        "Sophie",
        "Ulf",
        "Jörg",
        "Claudia",
        "Till",
        "Maren",
        "Hans-Peter",
        "Eva-Maria",
    ),
    last_names=(
        "Schäfer",
        "Pfeiffer",
        "Hoffmann",
        "Kaufmann",
        "Fleischer",
        "Wolff",
        "Graf",
        "Brückner",
        "Schiffer",
        "Löffler",
        "Müller",
        "Dreyfuß",
    ),
    headline_subjects=(
        "Stadtrat",
        "Hafenplan",
        "Fährgesellschaft",
        "Klinikvorstand",
        "Bahnstreik",
        "Fischereiflotte",
        "Büroturm",
        "Fluglinie",
        "Schulamt",
        "Finanzchef",
        "Kaffeerösterei",
        "Feuerwehr",
        "Bibliothek",
        "Mautstraße",
        "Bürgermeisterin",
        "Museum",
        "Brückenprojekt",
        "Flusskreuzfahrt",
    ),
    headline_predicates=(
        "erhält Zustimmung",
        "verzögert sich erneut",
        "senkt die Preise",
        "einigt sich endgültig",
        "nach Prüfung in der Kritik",
        "eröffnet erstes Büro",
        "lehnt Angebot ab",
        "bekommt grünes Licht",
        "trotzt den Kritikern",
        "plant große Erweiterung",
        "verzeichnet Verkehrsrekord",
        "rüstet sich für schwierigen Winter",
        "im offiziellen Verfahren",
        "findet verschwundene Millionen",
    ),
    crossheads=(
        "Heftige Reaktionen",
        "Ein langer Weg",
        "Die nächsten Schritte",
        "Schwierige Zahlen",
        "Das erste Stockwerk",
        "Wie es weitergeht",
        "Sorge um den Verkehr",
    ),
    caption_subjects=("Arbeiter", "Anwohner", "Die Bürgermeisterin", "Fahrgäste", "Fischer", "Beamte", "Studierende"),
    caption_predicates=(
        "besichtigen den neuen Kai",
        "versammeln sich vor dem Rathaus",
        "warten auf die erste Fähre",
        "entladen den Fang des Morgens",
        "gehen durch das überflutete Büro",
        "betrachten die endgültigen Pläne",
    ),
    fact_labels=("Kosten", "Baubeginn", "Fertigstellung", "Arbeitsplätze", "Länge", "Budget", "Fahrgäste pro Jahr"),
    fact_values=(
        "40 Millionen Euro",
        "Frühjahr 2026",
        "2029",
        "etwa 350",
        "4,2 Kilometer",
        "12,5 Millionen Euro",
        "1,1 Millionen",
    ),
    ad_brands=("Nordlicht Kaffee", "Fjordlinie", "Bürofix", "Flaggschiff Möbel", "Gipfelhotels", "Flinkfaser"),
    ad_slogans=(
        "Aufwachen zu etwas Besserem",
        "Stechen Sie diesen Sommer in See",
        "Alles für das effiziente Büro",
        "Komfort, der bleibt",
        "Wohnen auf dem Gipfel",
        "Die schnellste Faser der Stadt",
    ),
    ad_offers=("Jetzt ab 19,90 €", "30 % Rabatt diese Woche", "Versandkostenfrei", "Zwei Nächte zum Preis von einer"),
)

FRENCH = Vocabulary(
    code="fr",
    by="Par",
    and_word="et",
    photo=f"Photo{NBSP}:",
    continued_on="Suite page {page}",
    continued_from="Suite de la page {page}",
    fact_titles=(
        f"Repères{NBSP}: {{topic}}",
        f"Chiffres clés{NBSP}: {{topic}}",
        f"Contexte{NBSP}: {{topic}}",
        f"Chronologie{NBSP}: {{topic}}",
    ),
    contents="Sommaire",
    page_label="page {page}",
    quote_open=f"«{NBSP}",
    quote_close=f"{NBSP}»",
    says="{quote}, affirme {name}, {role}.",
    according_to="{clause}, selon {source}.",
    conjunctions=("et", "mais"),
    weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    months=(
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    date_format="{weekday} {day} {month} {year}",
    sections=("Actualités", "Économie", "Culture", "Sport", "Sciences", "Opinions", "Voyages"),
    newspapers=("Le Courrier du Port", "La Gazette de l'Estuaire", "L'Écho du Fleuve", "Le Réveil Officiel"),
    magazines=("Affiches & Styles", "Le Magazine Fluvial", "Vie Côtière", "Efficace"),
    subjects=(
        "le conseil municipal",
        "l'autorité portuaire",
        "la compagnie de ferries",
        "la commission d'en|quête of|fi|cielle",
        "le conseil d'administration de l'hôpital",
        "un architecte bien connu de Saint-Étienne",
        "la flotte de pêche locale",
        "le rectorat",
        "l'ad|mi|nis|tra|tion ré|gio|nale",
        "le service financier",
        "la mu|ni|ci|pa|li|té",
        "le préfet",
        "un groupe d'investisseurs fortunés",
        "le mi|nis|tère des Trans|ports",
        "la compagnie aérienne régionale",
        "un con|sor|tium in|ter|na|tio|nal",
        "l'équipe de recherche de l'université",
        "l'opposition",
        "la maire",
        "les pompiers",
        "la brûlerie de café du quai",
        "le bureau de pla|ni|fi|ca|tion",
    ),
    predicates=(
        "a adopté le nouveau budget",
        "a reporté la décision finale",
        "a présenté un rapport difficile",
        "a signé un accord efficace",
        "a ouvert le premier étage de la nouvelle bibliothèque",
        "a rejeté le projet d'autoroute à péage",
        "a augmenté le prix des billets de ferry",
        "a annoncé une étude en|vi|ron|ne|men|tale",
        "a constaté un trafic deux fois plus élevé que prévu",
        "a demandé davantage de soutien financier",
        "a embauché cinquante personnes",
        "a fermé l'ancien bureau",
        "a promis une re|cons|truc|tion complète",
        "a mis en garde contre de nouveaux retards",
        "a assumé la res|pon|sa|bi|li|té de l'erreur",
        "a réduit de moitié les listes d'attente",
        "a déménagé ses bureaux au bord du fleuve",
        "a remporté ce débat houleux",
        "a déposé une plainte auprès du ministère",
        "a publié les chiffres officiels",
    ),
    adverbials=(
        "mardi",
        "la semaine dernière",
        "après une longue réunion",
        "dans le quartier du port",
        "ce printemps",
        "plus tôt cette année",
        "malgré de vives protestations",
        "pour la première fois depuis 2009",
        "dans un bref communiqué",
        "sans vote",
        "à l'hôtel de ville",
        "après des mois de négociations",
        "dans les semaines à venir",
        "dans l'après-midi",
    ),
    sources=(
        "le ministère",
        "la police",
        "l'entreprise",
        "une porte-parole",
        "la mairie",
        "des sources proches du dossier",
    ),
    quotes=(
        "Nous avons attendu bien trop longtemps",
        "C'est un compromis difficile mais juste",
        "Les chiffres parlent d'eux-mêmes",
        "Personne ne devrait attendre aussi longtemps",
        "Nous allons combattre cette décision",
        "C'est la première étape d'une longue série",
        "Notre personnel a fait un travail efficace sous pression",
        "Le trafic doit baisser au centre-ville",
        "Je suis fière de ce que nous avons accompli",
    ),
    roles=(
        "maire de la ville",
        "habitant du quartier",
        "chef de projet",
        "directrice générale de l'entreprise",
        "économiste à l'université",
        "représentant syndical",
    ),
    first_names=(
        "Anne",
        "François",
        "Sophie",
        "Jean-François",
        "Léa",
        "Raphaël",
        "Chloé",
        "Joffrey",
        "Élise",
        "Marie-Hélène",
        "Théo",
        "Margaux",
    ),
    last_names=(
        "Lefebvre",
        "Giffard",
        "Dufour",
        "Chauffier",
        "Moreau",
        "Fleury",
        "Lefèvre",
        "Roux",
        "Offenbach",
        "Girard",
        "Bonnefoy",
        "Fournier",
    ),
    headline_subjects=(
        "Le conseil",
        "Le plan du port",
        "La compagnie de ferries",
        "L'hôpital",
        "La grève du rail",
        "La flotte de pêche",
        "La tour de bureaux",
        "La compagnie aérienne",
        "Le rectorat",
        "Le directeur financier",
        "La brûlerie",
        "Les pompiers",
        "La bibliothèque",
        "L'autoroute à péage",
        "La maire",
        "Le musée",
        "Le projet de pont",
        "La croisière fluviale",
    ),
    headline_predicates=(
        "obtient un soutien",
        "prend encore du retard",
        "baisse ses prix",
        "signe un accord final",
        "critiqué après un audit",
        "ouvre son premier bureau",
        "rejette l'offre",
        "reçoit le feu vert",
        "défie ses détracteurs",
        "prévoit une grande extension",
        "voit le trafic s'envoler",
        "se prépare à un hiver difficile",
        "visé par une enquête officielle",
        "retrouve des millions disparus",
    ),
    crossheads=(
        "De vives réactions",
        "Un long chemin",
        "Les prochaines étapes",
        "Des chiffres difficiles",
        "Le premier étage",
        "Et maintenant",
        "Inquiétudes sur le trafic",
    ),
    caption_subjects=(
        "Des ouvriers",
        "Des habitants",
        "La maire",
        "Des passagers",
        "Des pêcheurs",
        "Des fonctionnaires",
        "Des étudiants",
    ),
    caption_predicates=(
        "inspectent le nouveau quai",
        "se rassemblent devant la mairie",
        "attendent le premier ferry",
        "déchargent la pêche du matin",
        "traversent le bureau inondé",
        "examinent les plans définitifs",
    ),
    fact_labels=("Coût", "Début des travaux", "Achèvement", "Emplois", "Longueur", "Budget", "Passagers par an"),
    fact_values=(
        "40 millions d'euros",
        "printemps 2026",
        "2029",
        "environ 350",
        "4,2 kilomètres",
        "12,5 millions d'euros",
        "1,1 million",
    ),
    ad_brands=(
        "Café Aurore",
        "Ferries du Fjord",
        "Bureau Efficace",
        "Meubles Vaisseau",
        "Hôtels Falaise",
        "FibreFlash",
    ),
    ad_slogans=(
        "Réveillez-vous autrement",
        "Prenez le large cet été",
        "Tout pour le bureau efficace",
        "Le confort qui dure",
        "Dormez au sommet",
        "La fibre la plus rapide de la ville",
    ),
    ad_offers=("Dès 19,90 €", "−30 % cette semaine", "Livraison offerte", "Deux nuits pour le prix d'une"),
)

VOCABULARIES: dict[str, Vocabulary] = {v.code: v for v in (ENGLISH, NORWEGIAN, GERMAN, FRENCH)}
LANGUAGES: tuple[str, ...] = tuple(VOCABULARIES)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Sidebar:
    title: str
    items: list[str]


@dataclass(frozen=True)
class Advertisement:
    brand: str
    slogan: str
    offer: str
    contact: str


class Writer:
    """Text for one edition in one language. Headlines and sidebar titles never repeat within the edition."""

    def __init__(self, language: str, rng: random.Random) -> None:
        self.words = VOCABULARIES[language]
        self.rng = rng
        self._titles_used: set[str] = set()

    def _pick(self, options: tuple[str, ...]) -> str:
        return options[self.rng.randrange(len(options))]

    def _unique(self, make: list[str]) -> str:
        for candidate in make:
            if candidate not in self._titles_used:
                self._titles_used.add(candidate)
                return candidate
        raise ValueError("the word lists ran out of distinct headlines; generate a smaller edition")

    def headline(self) -> str:
        words = self.words
        candidates = [f"{s} {p}" for s in words.headline_subjects for p in words.headline_predicates]
        self.rng.shuffle(candidates)
        return self._unique(candidates)

    def sidebar_title(self) -> str:
        words = self.words
        candidates = [t.format(topic=s) for t in words.fact_titles for s in words.headline_subjects]
        self.rng.shuffle(candidates)
        return self._unique(candidates)

    def name(self) -> str:
        return f"{self._pick(self.words.first_names)} {self._pick(self.words.last_names)}"

    def byline(self) -> str:
        if self.rng.random() < 0.2:
            return f"{self.words.by} {self.name()} {self.words.and_word} {self.name()}"
        return f"{self.words.by} {self.name()}"

    def clause(self) -> str:
        words = self.words
        clause = f"{self._pick(words.subjects)} {self._pick(words.predicates)}"
        if self.rng.random() < 0.7:
            clause += f" {self._pick(words.adverbials)}"
        return clause

    def sentence(self) -> str:
        words = self.words
        roll = self.rng.random()
        if roll < 0.25:
            text = f"{self.clause()}, {self._pick(words.conjunctions)} {self.clause()}."
        elif roll < 0.4:
            text = words.according_to.format(clause=self.clause(), source=self._pick(words.sources))
        else:
            text = f"{self.clause()}."
        return _capitalised(text)

    def quote(self) -> str:
        words = self.words
        quote = f"{words.quote_open}{self._pick(words.quotes)}{',' if words.code == 'en' else ''}{words.quote_close}"
        return words.says.format(quote=quote, name=self.name(), role=self._pick(words.roles))

    def paragraph(self) -> str:
        if self.rng.random() < 0.15:
            return f"{self.quote()} {self.sentence()}"
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def standfirst(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 2)))

    def crosshead(self) -> str:
        return self._pick(self.words.crossheads)

    def caption(self) -> str:
        words = self.words
        subject, predicate = self._pick(words.caption_subjects), self._pick(words.caption_predicates)
        return f"{subject} {predicate} {self._pick(words.adverbials)}. {words.photo} {self.name()}"

    def pull_quote(self, paragraphs: list[str]) -> str:
        """A sentence of the story itself, as magazines and newspapers repeat one in large type."""
        sentences = [
            s
            for p in paragraphs
            for s in sentences_split(plain(p))
            if 30 <= len(s) <= 140 and max(len(w) for w in s.split()) <= 14  # set large, and never hyphenated
        ]
        return self._pick(tuple(sentences)) if sentences else plain(paragraphs[0])[:120]

    def sidebar(self) -> Sidebar:
        words = self.words
        count = self.rng.randint(3, 5)
        labels = self.rng.sample(range(len(words.fact_labels)), count)
        items = [f"{words.fact_labels[i]}: {words.fact_values[i]}" for i in labels]
        if words.code == "fr":
            items = [item.replace(": ", f"{NBSP}: ", 1) for item in items]
        items.append(self.sentence())
        return Sidebar(title=self.sidebar_title(), items=items)

    def advertisement(self) -> Advertisement:
        words = self.words
        index = self.rng.randrange(len(words.ad_brands))
        brand = words.ad_brands[index]
        domain = "".join(c for c in plain(brand).lower() if c.isascii() and c.isalnum())
        return Advertisement(
            brand=brand,
            slogan=words.ad_slogans[index],
            offer=self._pick(words.ad_offers),
            contact=f"www.{domain}.example",
        )

    def continued_on(self, page: int) -> str:
        return self.words.continued_on.format(page=page)

    def continued_from(self, page: int) -> str:
        return self.words.continued_from.format(page=page)

    def date_text(self, date: datetime.date) -> str:
        words = self.words
        return words.date_format.format(
            weekday=_capitalised(words.weekdays[date.weekday()])
            if words.code != "nb"
            else words.weekdays[date.weekday()],
            day=date.day,
            month=words.months[date.month - 1],
            year=date.year,
        )


def sentences_split(text: str) -> list[str]:
    """Split at the sentence ends this module writes: ". " followed by a capital letter or an opening quote."""
    pieces, start = [], 0
    for index in range(len(text) - 2):
        if text[index] == "." and text[index + 1] == " " and (text[index + 2].isupper() or text[index + 2] in "“«„"):
            pieces.append(text[start : index + 1])
            start = index + 2
    pieces.append(text[start:])
    return [p for p in pieces if p]

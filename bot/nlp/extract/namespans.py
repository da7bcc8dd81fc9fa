"""Mending the model's name spans before anything reads them: a name split in two, a name tagged
in part, a portfolio run into its holder's name, a hyphenated name cut into tokens."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.nlp.extract.fullnames import (
    MAX_NAME_WORDS,
    NAME_COMPOUNDS,
    NAME_PARTICLES,
    hyphen_at,
    hyphen_tail,
)
from bot.nlp.first_names import first_name_gender
from bot.nlp.roles import POST_NOMINALS
from bot.nlp.words import CUE_LEMMAS, ONE_PERSON_WORDS, ORG_WORDS, ROLE_WORDS, TITLES

# Words after a hyphen that make a place or a time, never a given name: "New York-area".
PLACE_TAILS = frozenset("area wide bound side city state road line day week year time term".split())
FAMILY_NAME_LETTERS = 5  # "Han", "Park", "Hwang"; "yeon", "hoon", "ming"
PORTFOLIO_PREPS = frozenset(("of", "for", "in"))  # "Opposition leader in the Sindh Assembly"


def join_split_names(doc: Doc) -> None:
    """Make one name of two person names the model split with nothing between them ("Dana Morris"
    "Dixon" for Dana Morris Dixon): a name never follows another without a word or mark between.
    A name the model tagged in part gains its untagged first name or surname ("Aoife Byrne")."""
    _nicknamed(doc)
    _given_hyphened(doc)
    joined: list[Span] = []
    for ent in doc.ents:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.label_ == "PERSON"
            and (ent.label_ == "PERSON" or ent.text in POST_NOMINALS)  # "Anne Fairclough" "KC"
            and last.end == ent.start
            and doc[last.end - 1].whitespace_ == " "
            and doc[last.end - 1].is_alpha
        ):
            joined[-1] = Span(doc, last.start, ent.end, label="PERSON")
        else:
            joined.append(ent)
    widened: list[Span] = []
    for k, ent in enumerate(joined):
        wide = _widened(ent) if ent.label_ == "PERSON" else _surname_of(ent)
        after = joined[k + 1].start if k + 1 < len(joined) else len(doc)
        before = widened[-1].end if widened else 0
        widened.append(wide if before <= wide.start and wide.end <= after else ent)
    split = [_without_cue(piece) for ent in widened for piece in _portfolio_and_holder(ent)]
    if len(split) != len(doc.ents) or any(w is not e for w, e in zip(split, doc.ents, strict=True)):
        doc.ents = split
    _merge_hyphened(doc)


def tagged_whole(span: Span) -> bool:
    """True when the model tagged exactly this span as one entity (read off the tokens: building
    doc.ents for each speaker cost more than the rest of the speaker's search)."""
    doc = span.doc
    return (
        span[0].ent_iob_ == "B"
        and all(t.ent_iob_ == "I" for t in span[1:])
        and (span.end == len(doc) or doc[span.end].ent_iob_ != "I")
    )


def _without_cue(ent: Span) -> Span:
    """A name in a title-case headline without the speech verb the model ran into it ("Obama
    Says African-American Museum ...": Obama)."""
    last = ent[-1]
    if ent.label_ != "PERSON" or len(ent) < 2 or not last.is_title:
        return ent
    word = last.lower_
    verb = word.endswith("s") and bool({word[:-1], word[:-2]} & CUE_LEMMAS)  # "Says", "Urges"
    if verb or word in ("said", "told"):
        return Span(ent.doc, ent.start, ent.end - 1, label="PERSON")
    return ent


def _given_hyphened(doc: Doc) -> None:
    """One person's name for a family name and a hyphenated given name the model did not tag as a
    person ("Han Seo-yeon", tagged a nationality and a word): the shape of an East Asian name."""
    names = []
    for hyphen in doc:  # the hyphen first: the rarest of the four, and cheap to test
        if hyphen.text != "-" or not 2 <= hyphen.i < len(doc) - 1:
            continue
        k = hyphen.i - 2
        family, given, tail = doc[k], doc[k + 1], doc[k + 3]
        shaped = (
            family.pos_ == "PROPN"
            and family.is_title
            and len(family) <= FAMILY_NAME_LETTERS
            and family.whitespace_ == " "
            and given.is_title
            and given.is_alpha
            and not given.whitespace_
            and not hyphen.whitespace_
            and tail.is_lower
            and tail.is_alpha
            and len(tail) <= FAMILY_NAME_LETTERS
            and tail.lower_ not in NAME_COMPOUNDS
            and tail.lower_ not in PLACE_TAILS
        )
        if shaped and not (family.ent_type_ == "PERSON" and tail.ent_type_ == "PERSON"):
            names.append(Span(doc, k, k + 4, label="PERSON"))
    _tag_people(doc, names)


def _tag_people(doc: Doc, names: list[Span]) -> None:
    """Tag each span a person's name, in place of whatever the model tagged across it."""
    if names:
        kept = [e for e in doc.ents if not any(e.start < n.end and n.start < e.end for n in names)]
        doc.ents = sorted([*kept, *names], key=lambda e: e.start)


def _nicknamed(doc: Doc) -> None:
    """One person's name for 'Winston "Bigga" Ferguson', whatever the model made of its pieces
    (a place, a person and a title of a work): a first name, a nickname in quote marks, a
    surname."""
    names = []
    for opening in doc:
        if not opening.is_quote or not 1 <= opening.i < len(doc) - 3:
            continue
        k = opening.i - 1
        first = doc[k]
        if not (first.is_title and not first.is_sent_end):
            continue
        if first.ent_type_ != "PERSON" and first_name_gender(first.text, lone=True) is None:
            continue
        close = next((j for j in range(k + 2, min(k + 5, len(doc) - 1)) if doc[j].is_quote), None)
        if close is None or close == k + 2 or not all(t.is_title for t in doc[k + 2 : close]):
            continue
        end = close + 1
        while (
            end < len(doc) and end - close <= 2 and doc[end].is_title and doc[end].pos_ == "PROPN"
        ):
            end += 1
        if end > close + 1:
            names.append(Span(doc, k, end, label="PERSON"))
    _tag_people(doc, names)


def _portfolio_and_holder(ent: Span) -> list[Span]:
    """'Minister of [National Security Winston Lezama-Baptiste]': the model ran the portfolio and
    its holder's name into one organisation; the name at its end is a person's."""
    doc = ent.doc
    if ent.label_ == "PERSON" or ent.start < 2 or len(ent) < 3:
        return [ent]
    if (
        doc[ent.start - 1].lower_ not in PORTFOLIO_PREPS
        or doc[ent.start - 2].lower_ not in ROLE_WORDS
    ):
        return [ent]
    for k in range(ent.start + 1, ent.end - 1):
        name = doc[k : ent.end]
        if (
            doc[k].is_title
            and first_name_gender(name.text) is not None
            and len(name.text.split()) <= 3
        ):
            return [
                Span(doc, ent.start, k, label=ent.label_),
                Span(doc, k, ent.end, label="PERSON"),
            ]
    return [ent]


def _merge_hyphened(doc: Doc) -> None:
    """One token for each hyphenated word of a person's name ("Min-seo", "Abdulkareem-Jimoh"),
    so no rule after this can take half of it."""
    runs: list[tuple[int, int]] = []
    for ent in (e for e in doc.ents if e.label_ == "PERSON"):
        k = ent.start
        while k < ent.end:
            end = k + 1
            while end + 1 < ent.end and hyphen_at(doc, end):
                end += 2
            if end - k > 1:
                runs.append((k, end))
            k = end
    if runs:
        with doc.retokenize() as retokenizer:
            for start, end in runs:
                retokenizer.merge(doc[start:end])


def _surname_of(ent: Span) -> Span:
    """A surname the model tagged an organisation after an untagged first name ("Coun. Priya"
    "Sandhu"): one person's name."""
    if ent.label_ != "ORG" or len(ent) != 1 or ent.start == 0 or ent.doc[ent.start - 1].ent_type_:
        return ent
    wide = _widened(ent)
    return Span(ent.doc, wide.start, wide.end, label="PERSON") if wide.start < ent.start else ent


def _widened(ent: Span) -> Span:
    """A person's name with the parts the model left untagged: a known first name before it
    ("Aoife" in "Aoife Byrne"), or the surname after a first name ("Anita" "Brook-Mendez")."""
    doc, start, end = ent.doc, ent.start, ent.end
    particles = start
    while particles > 0 and doc[particles - 1].lower_ in NAME_PARTICLES:
        particles -= 1  # "Lucía de" "la Vega Orozco": a first name before the particles
    if (
        particles < start
        and particles > 0
        and _name_part(doc[particles - 1])
        and first_name_gender(doc[particles - 1].text, lone=True) is not None
    ):
        start = particles - 1
    before = doc[start - 1] if start > 0 else None
    if before is not None and _name_part(before) and before.head.i in range(start, end):
        if first_name_gender(before.text, lone=True) is not None:
            start -= 1
        elif end - start == 1:  # "Tan Siew" "Lan": a name of three words the model tagged last
            while (
                start > max(0, ent.start - 2)
                and _name_part(doc[start - 1])
                and doc[start - 1].dep_ == "compound"
            ):
                start -= 1
    if first_name_gender(doc[end - 1].text, lone=True) is not None and end - start < MAX_NAME_WORDS:
        while end < len(doc) and doc[end - 1].whitespace_ == " " and _name_part(doc[end]):
            end += 1
            while end + 1 < len(doc) and doc[end - 1].whitespace_ == "" and doc[end].text == "-":
                if not _name_part(doc[end + 1]):
                    break
                end += 2  # "Brook-Mendez"
            break  # one surname
    end = hyphen_tail(doc, end)
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label="PERSON")


def _name_part(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return (
        token.pos_ == "PROPN"
        and not token.ent_type_
        and token.text[:1].isupper()
        and token.is_alpha
        and word not in ROLE_WORDS
        and token.lemma_.lower() not in ROLE_WORDS  # "Senators Rubio and Cruz"
        and token.tag_ != "NNPS"
        and word not in TITLES
        and word not in ORG_WORDS
        and word not in ONE_PERSON_WORDS  # "Former Clinton Pollster"
    )

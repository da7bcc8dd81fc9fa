"""The words of a speaker phrase: the head and what names or titles it, its role, its text."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.nlp.extract.behind import ORG_PREPS
from bot.nlp.extract.cues import doc_text
from bot.nlp.extract.fullnames import UNCLOSED_PAREN
from bot.nlp.extract.noise import DATELINE
from bot.nlp.words import NOT_SPEAKER_LABELS, ORG_WORDS
from bot.nlp.words import SPEAKER_LABELS as NAME_LABELS

MAX_NAME_TOKENS = 5
NAME_ENT_TYPES = frozenset(("", "PERSON", "ORG", "GPE", "NORP", "FAC"))  # never "officials Monday"

# Dependents that belong to the speaker's name or title; relative clauses and most prepositions do
# not.
CORE_DEPS = frozenset(
    (
        "det",
        "amod",
        "compound",
        "poss",
        "case",
        "nummod",
        "nmod",
        "appos",
        "flat",
        "predet",
        "quantmod",
        "punct",
        "prep",
        "pobj",
        "conj",
        "cc",
        "npadvmod",
    )
)
TOP_LEVEL_EXCLUDED = frozenset(("conj", "cc"))
STRIP_EDGES = frozenset(("det", "punct", "case", "cc"))


def core_phrase(head: Token) -> list[Token]:
    """The head and the dependents that name or title it, as a contiguous run of tokens."""
    keep, stack = {head.i}, [(child, True) for child in head.children]
    left_out: set[int] = set()  # "X, who served under Y, said": Y's clause is not X's name
    while stack:
        token, top = stack.pop()
        if top and token.dep_ == "amod" and token.i > head.i:
            # a trailing adjective comes whole ("those close to him") or not at all ("a source")
            (keep if head.pos_ in ("PRON", "DET") else left_out).update(t.i for t in token.subtree)
            continue
        if (
            token.dep_ not in CORE_DEPS
            or (top and token.dep_ in TOP_LEVEL_EXCLUDED)
            or (token.dep_ == "prep" and token.lower_ not in (ORG_PREPS if top else ("of",)))
            or token.is_quote
            or (token.ent_type_ in NOT_SPEAKER_LABELS and token.pos_ != "PROPN")
        ):  # "Trump this week said": the week is when, not part of who
            left_out.update(t.i for t in token.subtree)
            continue
        keep.add(token.i)
        stack.extend((child, False) for child in token.children)
    doc = head.doc
    start, end = min(keep), max(keep) + 1
    span = [doc[i] for i in range(start, end) if i not in left_out or i in keep]
    if start == head.sent.start and start < head.i:
        # "MILLBROOK, Ohio — Mayor Tom Becker said": the dateline is where, not who
        dateline = DATELINE.match(doc_text(doc), doc[start].idx)
        if dateline is not None and doc[head.i].idx >= dateline.end():
            span = [t for t in span if t.idx >= dateline.end()]
    while span and span[-1].dep_ in STRIP_EDGES and span[-1].i != head.i:
        span.pop()
    return [t for t in span if not t.is_space] or [head]


def role_text(tokens: list[Token]) -> str | None:
    chunks: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        if current and token.i != current[-1].i + 1:
            chunks.append(current)
            current = []
        current.append(token)
    if current:
        chunks.append(current)
    texts = [phrase_text(_strip_edges(chunk)) for chunk in chunks]
    return ", ".join(t for t in texts if t) or None


def _strip_edges(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].dep_ in STRIP_EDGES or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "case"):
        tokens = tokens[:-1]
    return tokens


def phrase_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    text = doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,").lstrip("-\u2022* ")  # a bullet
    return UNCLOSED_PAREN.sub("", text)


def name_after_title(subject: Token) -> list[Token] | None:
    """The capitalised name right after a lowercase title subject ("harbourmaster Ysolde
    Carrow")."""
    if not (subject.is_lower and subject.is_alpha):
        return None
    run = []
    for token in subject.doc[subject.i + 1 : subject.i + 1 + MAX_NAME_TOKENS]:
        if (
            token.pos_ != "PROPN"
            or not token.text[:1].isupper()
            or token.ent_type_ not in NAME_ENT_TYPES
        ):
            break
        run.append(token)
    return run or None


def named_before_place(ent: Span, phrase: list[Token]) -> list[Token] | None:
    """The whole name of an organisation ending in a place the model tagged alone ("Amnesty
    International UK", "Alzheimer's Research UK"): capitalised words right before the place."""
    before = [t for t in phrase if t.i < ent.start]
    named = (
        ent.label_ == "GPE"
        and bool(before)
        and before[-1].i == ent.start - 1
        and before[0].is_title
        and all(
            t.dep_ in ("compound", "poss", "case") and (t.is_title or t.dep_ == "case")
            for t in before
        )
        and not any(t.ent_type_ == "GPE" for t in before)
    )
    # "the Trinidad and Tobago Chamber of Commerce": the model tagged the body from its second place
    before = before[1:] if before and before[0].dep_ == "det" else before
    joined = (
        ent.label_ == "ORG"
        and len(before) == 2
        and before[-1].i == ent.start - 1
        and before[0].pos_ == "PROPN"
        and before[0].ent_type_ in ("GPE", "")
        and before[0].head.i in range(ent.start, ent.end)
        and before[1].lower_ == "and"
    )
    return [*before, *ent] if named or joined else None


def index_entities(doc: Doc) -> dict[int, Span]:
    """Token index -> named entity of a speaker-like label, built once per doc."""
    found: dict[int, Span] = {}
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and len(ent) > 1 and ent[0].pos_ == "VERB":
            ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)  # 'Said Ana Ruiz: "..."'
        if ent.label_ in NAME_LABELS:
            for i in range(ent.start, ent.end):
                found[i] = ent
    return found


def possessed_org(head: Token, phrase: list[Token]) -> list[Token] | None:
    """'South Korea's finance ministry', 'Japan's health ministry': a body of a named country,
    whole (the model tags the head a name, or the body alone an organisation)."""
    owner = next((c for c in head.children if c.dep_ == "poss" and c.ent_type_ == "GPE"), None)
    if owner is None or head.lower_ not in ORG_WORDS or head.text[:1].isupper():
        return None
    words = [t for t in phrase if t.i >= owner.left_edge.i]
    return words if all(t.i <= head.i for t in words) else None

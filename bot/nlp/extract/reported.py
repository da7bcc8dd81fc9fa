"""Indirect and mixed speech: the clause a speech verb reports, with any quoted pieces it holds."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from bot.nlp.extract.asides import resumed_range
from bot.nlp.extract.cues import according_source, doc_text, is_according, subject_of
from bot.nlp.extract.findings import Finding, QuotedRanges, Spans, inside_quote, word_count
from bot.nlp.extract.marks import QuoteSpan
from bot.nlp.extract.modality import absolute, is_real_report, states
from bot.nlp.extract.noise import is_dateline
from bot.nlp.extract.ranges import reported_range, trim_clause
from bot.nlp.extract.types import QuoteKind
from bot.nlp.words import NON_SPEAKERS, ORG_LABELS, ORG_WORDS, UNNAMED_HEADS, VOICES

MIN_CLAUSE_TOKENS = 3
CONTRAST_MARKS = frozenset("while whereas whilst".split())
ADVERBIAL_MARKS = frozenset("after before when once until since because as although though".split())
# Who relays a principal's words for them ("Russian officials said"): not hearsay.
SPOKESPEOPLE = frozenset("spokesman spokeswoman spokesperson".split())  # officials: UNNAMED_HEADS
RELAYERS = frozenset("interpreter translator aide".split())  # who passes on another's words
TELLERS = frozenset("her him me us".split())  # "Bell had told her": the one now telling it
# A reported clause with a word of its own beside its quoted pieces is a mixed quote.
WORDS_OUTSIDE = re.compile(r"[^\W_]{2,}")
LOWER_WORD = re.compile(r"\b[a-z]")
# "The president made the comments during a call, the Kremlin said": where earlier words were
# spoken, a note on the source rather than a statement of its own.
SPEECH_NOUNS = frozenset("comment remark statement speech".split())
DELIVERIES = frozenset("make give deliver come".split())
BACK_REFERENCES = frozenset("the those these his her their its".split())


def find_reported(
    doc: Doc, spans: list[QuoteSpan], cues: list[Token], paragraph_starts: list[int]
) -> list[Finding]:
    """Indirect speech: the clause a speech verb reports, when no quote marks carry it."""
    quoted = [(s.open_at, s.close_at + 1, word_count(doc_text(doc), s)) for s in spans]
    ranges, resumed = {}, {}
    for cue in cues:
        if inside_quote(cue.idx, quoted) or not is_real_report(cue) or not states(cue):
            continue
        if _sourcing_note(cue):
            continue
        clause, rest = reported_range(cue), resumed_range(cue)
        if clause is not None:
            ranges[cue.i] = trim_clause(doc, *clause)
        if rest is not None:
            resumed[cue.i] = trim_clause(doc, *rest)
    cue_ids = {cue.i for cue in cues}
    nested = _nested_reports(doc, ranges, cue_ids)
    found = []
    for cue in cues:
        if cue.i in nested or _background_participle(cue, cue_ids):
            continue
        # the clause before the cue, then the words after an aside ("..., she said, ...")
        pieces = [r for r in (ranges.get(cue.i), resumed.get(cue.i)) if r is not None]
        for piece in pieces:
            finding = _reported_finding(doc, cue, piece, spans, paragraph_starts, quoted)
            if finding is not None:
                found.append(finding)
    return found


def _reported_finding(
    doc: Doc,
    cue: Token,
    token_range: tuple[int, int],
    spans: list[QuoteSpan],
    paragraph_starts: list[int],
    quoted: QuotedRanges,
) -> Finding | None:
    start_token, end_token = token_range
    if _opens_on_a_deed(doc[start_token], cue):
        return None
    if end_token - start_token < MIN_CLAUSE_TOKENS and not _bare_clause(
        doc[start_token:end_token], cue
    ):
        return None
    start, end = doc[start_token].idx, doc[end_token - 1].idx + len(doc[end_token - 1])
    # a quote opened in a clause after the cue may run on to the sentence end: the parser often
    # ends the clause at the opening mark ('blamed them for focusing on "he said this"')
    reach = cue.sent.end_char if start > cue.idx else end
    clause = mixed_clause(doc_text(doc), start, end, spans, reach=reach)
    if clause is None:
        return None  # the quote marks carry it: a direct quote, or a fragment crossing the clause
    subject = subject_of(cue)
    if subject is None or inside_quote(subject.idx, quoted):
        return None  # a word of a quote is never who spoke it
    start, end, verbatim = clause
    paragraph = bisect.bisect_right(paragraph_starts, start) - 1
    kind: QuoteKind = "mixed" if verbatim else "indirect"
    return Finding(start, end, kind, cue, subject, paragraph, verbatim=verbatim)


def _sourcing_note(cue: Token) -> bool:
    """True for a report of where or when words already quoted were spoken ("The president made
    the comments during a phone call, the Kremlin said", "the remarks came at a rally"): it points
    back at a statement and carries none of its own."""
    return any(
        verb.dep_ == "ccomp"
        and verb.lemma_.lower() in DELIVERIES
        and any(
            c.dep_ in ("dobj", "nsubj", "nsubjpass")
            and c.lemma_.lower() in SPEECH_NOUNS
            and any(d.lower_ in BACK_REFERENCES for d in c.children if d.dep_ in ("det", "poss"))
            for c in verb.children
        )
        for verb in cue.children
    )


def _opens_on_a_deed(first: Token, cue: Token) -> bool:
    """True for a clause after the cue that opens on another's deed ('"...," Warren told Stumpf,
    after he admitted he had not been held accountable'): the parser's report is an adverbial
    clause, and what follows it is the other person's admission, not the cue's statement."""
    verb = first.head
    return (
        any(c.dep_ in ("dobj", "dative") and c.right_edge.i == first.i - 2 for c in cue.children)
        and first.doc[first.i - 1].text == ","  # "told Stumpf, after ...", never "said, until"
        and first.dep_ == "mark"
        and first.lower_ in ADVERBIAL_MARKS
        and verb.dep_ == "advcl"
        and any(c.dep_ == "nsubj" for c in verb.children)
    )


def _bare_clause(words: Span, cue: Token) -> bool:
    """'said in a filing that sales fell': a noun and its verb, the shortest statement (never
    what someone is called: 'called Clinton unqualified')."""
    return (
        len(words) == 2
        and cue.lemma_.lower() != "call"
        and words[0].pos_ in ("NOUN", "PROPN")
        and words[0].dep_ == "nsubj"
        and words[1].tag_ in ("VBD", "VBZ", "VBP")
    )


def mixed_clause(
    text: str, start: int, end: int, spans: list[QuoteSpan], *, reach: int = 0
) -> tuple[int, int, Spans] | None:
    """The reported clause widened to the marks of the quoted pieces it holds, with those pieces.

    'Kelly said Arizona had become a "winnable state" for Clinton' reports the whole clause (that is
    how annotators mark a mixed quote); the quoted words stay as verbatim spans. A clause that is
    nothing but one quote is a direct quote, and a quote running past the clause (and past `reach`)
    is not its piece.
    """
    lo, hi = start, end
    inside = [s for s in spans if s.open_at < end + 2 and s.close_at >= start - 1]
    for span in inside:
        if span.start < start - 2 or span.end > max(end, reach) + 2:
            return None
        lo, hi = min(lo, span.open_at), max(hi, min(span.close_at + 1, len(text)))
    if inside and is_dateline(text[lo : inside[0].open_at].strip()):
        lo = inside[0].open_at  # 'LONDON (Reuters) - "...," said Roe': the dateline is no clause
    if inside and _stray_tail(text[inside[-1].close_at + 1 : hi]):
        hi = min(hi, inside[-1].close_at + 1)  # '"...," Tulsa police chief X said': a name's start
    outside, cut = [], lo
    for span in inside:
        outside.append(text[cut : span.open_at])
        cut = span.close_at + 1
    outside.append(text[cut:hi])
    if inside and not WORDS_OUTSIDE.search(" ".join(outside)):
        return None
    return lo, hi, tuple((s.start, s.end) for s in inside)


def _stray_tail(tail: str) -> bool:
    """True for a word or two the parser left between a quote and its speaker, not a clause."""
    return bool(WORDS_OUTSIDE.search(tail)) and not LOWER_WORD.search(tail)


def _nested_reports(doc: Doc, ranges: dict[int, tuple[int, int]], cue_ids: set[int]) -> set[int]:
    """Settle reports inside reports; returns cues to drop and trims `ranges` in place.

    'Putin told Macron that ..., officials said': the outer clause *is* the inner report, so the
    inner speaker is the quote's. 'She said 45 buses left after the ICRC confirmed ...': an inner
    report with its own subject is a detail of the outer statement. 'She said X, adding that Y':
    one speaker, two statements, so the outer clause stops where the inner cue starts.
    """
    dropped: set[int] = set()
    order = sorted(i for i in ranges if not _background_participle(doc[i], cue_ids))
    for outer in order:
        start, end = ranges[outer]
        for inner in order[bisect.bisect_left(order, start) : bisect.bisect_left(order, end)]:
            if inner == outer or inner in dropped:
                continue
            cue = doc[inner]
            if _background_participle(cue, cue_ids):
                continue  # "said he was inundated with email, some of it mentioning Trump"
            if _relayed(doc[outer], cue):
                dropped.add(outer)  # '"...," Lee said, according to his spokesperson': Lee's
                break
            if _purpose(cue):
                dropped.add(inner)  # "said the president had called Grant to urge her to ..."
            elif (
                cue.head.i == outer
                and cue.dep_ == "ccomp"
                and (_told_the_teller(cue) or _hearsay(doc[outer], cue))
            ):
                dropped.add(inner)  # "Kerr said Bell had told her ...": Kerr's account
            elif cue.head.i == outer and cue.dep_ == "ccomp" and _a_voice(subject_of(cue)):
                dropped.add(outer)  # not when the inner source cannot speak ("the phrase suggests")
            elif _own_subject_of(cue) and _contrasted(cue):
                end = min(
                    end, trim_clause(doc, start, cue.left_edge.i)[1]
                )  # "..., while Doyle warned that"
            elif subject_of(cue) is not None and _own_subject_of(cue):
                dropped.add(inner)
            elif cue.left_edge.i > start:
                end = min(end, trim_clause(doc, start, cue.left_edge.i)[1])
        ranges[outer] = (start, end)
    return dropped


def _a_voice(who: Token | None) -> bool:
    """A subject that can say something: never "the advert" in "Holm said the advert suggests"."""
    return who is not None and (who.pos_ != "NOUN" or bool(who.ent_type_) or who.lemma_ in VOICES)


def _relayed(outer: Token, inner: Token) -> bool:
    """True for a person relaying what someone said ('Lee said ..., according to spokesperson Kang
    Min-seo', '... she said, according to the interpreter'): the words are the inner speaker's.
    An outlet or a document's account ('..., according to CNN') stays the outlet's."""
    if not is_according(outer) or not _own_subject_of(inner) or subject_of(inner) is None:
        return False
    source = according_source(outer)
    return source is not None and (
        source.ent_type_ == "PERSON"
        or source.lemma_.lower() in SPOKESPEOPLE | RELAYERS | NON_SPEAKERS
    )  # a document never speaks: "told Reid that ..., according to a copy" is hers


def _purpose(cue: Token) -> bool:
    """True for a speech act as the purpose of a deed inside a report ("had called Grant to urge
    her to keep talking"): part of what was reported, not a statement of its own."""
    return cue.dep_ in ("advcl", "xcomp") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in cue.children
    )


def _hearsay(outer: Token, inner: Token) -> bool:
    """True for one person's account of what another told someone ("One of them said Vance had
    told Marchetti that ..."): only the teller vouches for it. An office or its officials relaying
    their principal ("Putin told Macron ..., Russian officials said") is not hearsay."""
    teller = subject_of(outer)
    told = inner.lemma_.lower() == "tell" and any(
        c.dep_ in ("dobj", "dative") for c in inner.children
    )
    return (
        told
        and teller is not None
        and teller.ent_type_ not in ORG_LABELS
        and teller.lemma_.lower() not in ORG_WORDS | UNNAMED_HEADS | SPOKESPEOPLE
    )


def _told_the_teller(cue: Token) -> bool:
    """True for an inner report told to the one who reports it ("Kerr said Bell had told her
    that ..."): a private word only the teller vouches for, so the quote is the teller's."""
    return any(c.dep_ in ("dobj", "dative") and c.lower_ in TELLERS for c in cue.children)


def _background_participle(cue: Token, cue_ids: set[int]) -> bool:
    """True for a participle that sets the scene rather than reports a statement.

    'X said A, adding that B' and 'rejected the offer, saying B' report B; 'with Kyiv insisting ...'
    and '... vowed to go on, saying ...' set the scene (the seed gold leaves them out).
    """
    if cue.tag_ != "VBG" or cue.lower_ == "according":
        return False
    if any(c.dep_ == "aux" for c in cue.children):
        return False  # a progressive main verb: "the White House is saying that ..."
    if absolute(cue):
        return True
    speech = next((a for a in cue.ancestors if a.i in cue_ids), None)
    # "rejected the offer, saying ..." reports what was said; "vowed to go on, saying ..." a reason.
    return speech is not None and any(_infinitive(child) for child in speech.children)


def _infinitive(token: Token) -> bool:
    return token.dep_ == "xcomp" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def _contrasted(cue: Token) -> bool:
    """True for a second speaker set beside the first ("while X warned"), not inside their
    statement."""
    return any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in cue.children)


def _own_subject_of(cue: Token) -> bool:
    return any(c.dep_ == "nsubj" for c in cue.children)

"""Word lists of the extractor and the name rules, in one place (the scorer keeps its own copy).

Pure data: no spaCy, so names, storage and chat can read it without loading a model.
"""

from __future__ import annotations

# A bare pronoun is never a stored speaker: it would put words in nobody's (or anybody's) mouth.
PRONOUNS = frozenset("he she they it we i you him her them his hers their".split())
MALE_PRONOUNS = frozenset("he him his".split())
FEMALE_PRONOUNS = frozenset("she her hers".split())
PLURAL_PRONOUNS = frozenset("they them their".split())

# Entity labels (spaCy's OntoNotes set) that can name a speaker, and those that name no person.
SPEAKER_LABELS = frozenset(("PERSON", "ORG", "GPE", "NORP"))
ORG_LABELS = frozenset(("ORG", "GPE", "NORP"))
# Places and outlets are never the speaker of a quote inside an appositive ("..., the town, said").
PLACE_LABELS = frozenset(("GPE", "LOC", "FAC"))

# Entity labels that never name a speaker: "said Thursday morning" is when, not who.
NOT_SPEAKER_LABELS = frozenset(("DATE", "TIME"))

# Speaker types a Quote carries: people, organisations and places, and sources with no name.
UNNAMED = "UNNAMED"  # "officials said", "a source said": someone, not a named person
GROUP = "GROUP"  # "shop owners and residents say", "the senators said": several people at once

# Verbs of manner that carry a direct quote ('"...," she laughed') and never report a clause
# ("Asked later, the admiral chuckled" states nothing).
MANNER_CUES = frozenset(
    "bellow snap laugh chuckle scoff sneer growl grumble thunder roar gush smile".split()
)
# Verbs that report speech or writing. Belief and perception verbs (believe, think, fear,
# expect, hope, estimate, show) are left out on purpose: "experts believe" is not a quote.
CUE_LEMMAS = MANNER_CUES | frozenset(
    """say tell add warn insist write tweet post claim confirm deny urge report state announce
    explain note argue suggest accuse stress admit acknowledge vow promise predict describe
    reply respond ask call declare comment remark recall reiterate repeat assert maintain
    contend allege concede testify emphasise emphasize underline caution complain lament
    threaten pledge boast quip joke shout scream cry whisper mutter murmur plead demand
    propose recommend disclose reveal inform assure reassure concede counter retort observe
    point charge brand fume slam blast dub rage interject exclaim sigh continue agree tweet
    conclude mention insinuate speculate muse concur proclaim answer yell chant holler
    submit""".split()
)
# Cues that report speech only with a clause ("pointed out that", "charged that").
CLAUSE_ONLY_CUES = frozenset(
    "point charge observe recall post continue agree mention answer".split()
)

# Things that "suggest" or "show" but never speak. Documents and polls are not speakers: what they
# say is a finding, not a statement (README, "Extraction").
NON_SPEAKERS = frozenset(
    "poll survey study data figure evidence research analysis statistic estimate model "
    "footage image video picture photo record document sign trend result filing report "
    "paper application proposal plan guidance guideline memo memorandum transcript minute "
    "indictment affidavit lawsuit warrant census website database forecast projection "
    "assessment audit phrase term label slogan nickname copy finding discovery reaction "
    "outcome".split()
)
# Heads of a source that names nobody ("officials said", "a source close to the talks said").
UNNAMED_HEADS = frozenset(
    "official source aide insider person someone somebody people other some many "
    "observer critic expert analyst".split()
)

# Courtesy titles carry no role: "Mr Stoltenberg" is just Stoltenberg.
TITLES = frozenset(
    "mr mrs ms miss mx dr prof sir dame lord lady baroness rev mme m".split()
    + "cllr coun insp sgt supt".split()
    # honorifics of Malaysia, Singapore and Nigeria, written before a name, never part of it
    + "datuk dato datin seri tun encik cik puan madam mdm alhaji alhaja hajiya".split()
)
# Ranks and titles written short before a name, and the word a later description uses ("Adm.
# Harry Harris" ... "the admiral said"). The tokenizer keeps each one token with its full stop.
RANKS = {
    "lt": "lieutenant",
    "lieut": "lieutenant",
    "sgt": "sergeant",
    "capt": "captain",
    "cpl": "corporal",
    "pvt": "private",
    "spc": "specialist",
    "maj": "major",
    "col": "colonel",
    "brig": "brigadier",
    "cmdr": "commander",
    "cdr": "commander",
    "adm": "admiral",
    "gen": "general",
    "det": "detective",
    "insp": "inspector",
    "supt": "superintendent",
    "const": "constable",
    "coun": "councillor",
    "cllr": "councillor",
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "atty": "attorney",
    "asst": "assistant",
    "prof": "professor",
    "hon": "honourable",
    "fr": "father",
}
# A title abbreviation before a name never ends a sentence ("said Navy Capt. Jeff Davis").
NAME_ABBREVIATIONS = frozenset(f"{t.capitalize()}." for t in (*RANKS, *"mr mrs ms dr rev".split()))
MALE_TITLES = frozenset("mr sir lord encik alhaji".split())
FEMALE_TITLES = frozenset("ms mrs miss dame lady baroness mme madam mdm puan datin hajiya".split())
# Gendered role words: "the congresswoman said" tells the reader who "she" is.
MALE_WORDS = frozenset(
    "man father son brother husband king prince congressman councilman spokesman chairman "
    "businessman boyfriend uncle nephew grandfather actor widower".split()
)
FEMALE_WORDS = frozenset(
    "woman mother daughter sister wife queen princess congresswoman councilwoman spokeswoman "
    "chairwoman businesswoman girlfriend aunt niece grandmother actress widow".split()
)
# Family and friends: "the son of Arthur Bell" is one person, never a voice of "Arthur Bell".
KIN_WORDS = frozenset(
    """son daughter wife husband widow widower mother father brother sister uncle aunt nephew
    niece cousin grandson granddaughter grandmother grandfather partner fiancee fiance friend
    relative child parent""".split()
)
# Head nouns of a description that means one person ("Roe's lawyer", "a spokesman for the
# firm", "the witness"): a he or she after it may mean that person, never the name inside it.
ONE_PERSON_WORDS = frozenset(
    """lawyer attorney barrister solicitor counsel spokesman spokeswoman spokesperson official
    aide adviser advisor source insider witness resident neighbour neighbor friend doctor nurse
    teacher student worker owner voter supporter activist farmer officer detective prosecutor
    manager coach director executive minister secretary candidate senator governor mayor judge
    chairman chairwoman man woman father mother son daughter brother sister husband wife uncle
    aunt professor researcher scientist analyst expert critic employee driver pilot soldier
    veteran survivor victim patient parent delegate member attendee staffer strategist consultant
    donor lawmaker legislator diplomat economist historian pastor priest organiser organizer
    protester passenger customer colleague relative cousin commentator columnist writer author
    editor producer investor banker agent widow widower partner pollster""".split()
)
# What a sports page (or any) calls a person it has just named: "the Celtics forward said", "the
# Spaniard said" after the player's name. A description, not a new source.
EPITHETS = frozenset(
    """forward guard centre center striker midfielder defender goalkeeper keeper winger fullback
    full-back wing-back quarterback linebacker receiver pitcher catcher shortstop outfielder
    batter batsman bowler all-rounder fly-half scrum-half flanker golfer skipper playmaker
    international rookie teenager youngster veteran champion""".split()
)
# Words that make a capitalised run a role, not a name ("Ukrainian President Volodymyr Zelensky").
ROLE_WORDS = frozenset(
    """president vice prime minister deputy secretary secretary-general general chancellor
    taoiseach tánaiste tanaiste mayor governor senator sen rep representative congressman
    congresswoman king queen
    prince princess pope chief head spokesman spokeswoman spokesperson leader chairman
    chairwoman chair director ceo commander ambassador envoy judge justice attorney foreign
    defence defense interior finance health former acting major lieutenant colonel captain
    sergeant admiral officer official coach manager nurse professor ombudsman ombudswoman
    commissioner speaker lawmaker mp councillor councilor councilman councilwoman alderman
    alderwoman selectman superintendent trustee treasurer comptroller coroner pastor sheriff
    inspector detective councilmember assemblymember assemblyman assemblywoman supervisor boss
    td msp mla mpp mhk whip
    constable archbishop bishop cardinal rabbi imam economist analyst founder executive
    counsel mayor-elect president-elect premier emir sheikh chancellor-elect lt col gen sgt
    capt adm gov supt det radiographer doctor surgeon physician paramedic firefighter
    teacher headteacher principal lawyer barrister solicitor prosecutor researcher scientist
    engineer architect pilot striker midfielder defender goalkeeper captain-elect owner
    farmer resident student organiser organizer campaigner activist volunteer elder""".split()
)
# Head nouns that name people: one person ("the lawyer") or an office ("the mayor").
PEOPLE_WORDS = ONE_PERSON_WORDS | ROLE_WORDS
# Words that make a capitalised run an organisation's name ("World Health Organization").
ORG_WORDS = frozenset(
    """organization organisation association union council committee commission department
    ministry agency authority institute university college school hospital company
    corporation inc ltd plc group party foundation bank board court office service services
    trust society federation league club fund network church army police assembly parliament
    congress senate legislature administration government coalition alliance caucus cabinet
    center centre bureau watch county city township borough parish province district campaign
    firm team newspaper paper station""".split()
    # a company's legal form after its name: "Brenner Automobilwerke AG", "Nordvik ASA"
    + "ag gmbh llc llp corp co sa se nv bv asa oyj bhd".split()
)
# Phrases that are never a speaker, however they were parsed ("my father", "someone", "That").
GENERIC_WORDS = frozenset(
    """my your our his her their this that these those it someone somebody anyone anybody
    everyone everybody nobody one another other others page director latest""".split()
)
# Offices written by their initials: "the CM" is the Chief Minister, "the FM" the First Minister.
OFFICE_ABBREVIATIONS = {
    "cm": ("minister", "chief"),
    "pm": ("minister", "prime"),
    "fm": ("minister", "first"),
}
# Common nouns that can say something (a person, a role, a body, an unnamed source): never "the
# advertisement" in "Holm said the advertisement suggests ...".
VOICES = PEOPLE_WORDS | ORG_WORDS | UNNAMED_HEADS

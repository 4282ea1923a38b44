"""Factuality of an event trigger: does its sentence say the incident happened?

A trigger ("attack", "stormed", "strike") found by :meth:`pipeline.events.EventExtractor.triggers`
is an incident only when its sentence asserts it (``gold/EVENTS.md``, "What is an incident").
:func:`factuality` answers ``"asserted"`` or why not, from the dependency parse and the cue words
of :class:`FactualityCues` (the ``factuality:`` section of ``configs/events.yml``):

- ``heading``: a title on its own ("== Attack ==", or no clause and short, ending with ":" or
  unpunctuated; a headline with a verb, "Blast kills 12 in Quetta", reports);
- ``reported-elsewhere``: the trigger is what a protest or condemnation is about ("condemned the
  attack", "protests against the blast"), the sentence is about a protest ("Protests erupted after
  the blast"), or the strike is a workers' or hunger strike;
- ``negated``: "did not attack", "no attack", "no sign of an attack", "denied that any attack took place";
- ``intended``: "vowed to attack", "a plot to bomb", "will attack", "capability to attack";
- ``hypothetical``: "could attack", "if militants attack", "a possible attack", questions;
- ``statistical``: "71 attacks", "the number of attacks", "attacks rose", "killed in attacks in 2024";
- ``generic``: "ISKP mainly targets Shia Muslims", "Suicide bombings are common".

The cues are read on the trigger and on its *governors*: the head chain from the trigger up to the
first boundary, that is a relative or adverbial clause (its own event), a temporal adjunct ("after
the attack"), or the first noun that is not transparent ("casualties from a blast": the blast is
not what "could rise"). A definite trigger ("the attack", "its bombing") presupposes the event, so
what a governor says of it ("did not claim the attack", "planned the attack") leaves it asserted,
except that it did not happen ("the attack never happened"). Negation passes neither "and" nor a
reported clause ("did not say who attacked").

Sources: the factuality cue classes of TimeML (SLINK modal, conditional, evidential, negative and
factive predicates) and FactBank (Saurí and Pustejovsky 2009); the event definitions of the ACLED
and GTD codebooks (an event is one occurrence at a place and time; protests and statistics are not
attacks).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property
from itertools import islice
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from spacy.tokens import Doc, Span, Token

from pipeline.small_numbers import word_count

LABELS = ("asserted", "negated", "hypothetical", "intended", "generic", "statistical", "heading",
          "reported-elsewhere")
#: Dependencies after which a governor's clause is another event: the walk stops there.
CLAUSE_BOUNDARIES = frozenset({"relcl", "advcl", "parataxis", "appos", "ROOT"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
VERBAL = frozenset({"VERB", "AUX"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
END_MARKS = (".", "!", "?", ";", '"', "\u201d", "'", "\u2019", ")")
MAX_WALK = 12
TO = frozenset({"to"})
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                    "sept", "oct", "nov", "dec"})


def _cue(word: str) -> str:
    # compared with spaCy's lower-cased lemma or text of one token; spaCy splits "sit-in" in three
    if word != word.lower() or not word.strip() or any(c.isspace() for c in word):
        raise ValueError("a cue is one lower-case word, not blank")
    if "-" in word.strip("-") and len(word) > 1:
        raise ValueError("spaCy splits a hyphenated word into several tokens: give one part")
    return word


Cue = Annotated[str, AfterValidator(_cue)]
Cues = frozenset[Cue]


def _cues() -> frozenset[str]:
    return Field(default_factory=frozenset)


class FactualityCues(BaseModel):
    """The cue words of :func:`factuality` (``configs/events.yml``, ``factuality:``). Words are
    compared with a token's lower-cased lemma and text. Every list may be empty: its rule is then off."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    negation: Cues = _cues()            # neg or det words: "not", "never", "no"
    denial: Cues = _cues()              # "denied that any attack took place"
    occurrence: Cues = _cues()          # words saying an event happened or was reported
    modal: Cues = _cues()               # "could attack"
    future: Cues = _cues()              # "will attack"
    condition: Cues = _cues()           # "if militants attack"
    hypothetical: Cues = _cues()        # governors and modifiers: "fear", "possible"
    prevention: Cues = _cues()          # as a purpose infinitive: "to prevent attacks"
    permission: Cues = _cues()          # with the trigger noun as object: "a law that allows the detention of suspects"
    intent: Cues = _cues()              # governors and modifiers: "vow", "plot", "planned"
    directive: Cues = _cues()           # "demanded the arrest of the killers": not presupposed, though definite
    question: Cues = _cues()            # wh-words: "Who carried out the attack?" presupposes it
    generic_adverbs: Cues = _cues()     # "mainly targets"
    generic_determiners: Cues = _cues()  # "such attacks"
    generic_verbs: Cues = _cues()       # "tend to attack"
    earlier_ones: Cues = _cues()        # "previous attacks on military installations": a class of past ones
    record: Cues = _cues()              # "militants involved in attacks on security forces": a record
    habitual_verbs: Cues = _cues()      # "continues to target": habitual in the present only
    abstract_objects: Cues = _cues()    # "eliminating terrorism": no one attacked or killed
    abstract_subjects: Cues = _cues()   # "the insurgency has hit Chad": a phenomenon, no one's deed
    earnings: Cues = _cues()            # "money from kidnapping and extortion": a kind of crime that pays
    dependence: Cues = _cues()          # "dependent on foreign aid": a state of affairs, not a delivery
    until: Cues = _cues()               # "until the last militant is eliminated": ahead, in the present tense
    statistic: Cues = _cues()           # "the number of attacks", "attacks rose"
    quantifiers: Cues = _cues()         # "dozens of attacks"
    intensifying: Cues = _cues()        # "has stepped up its attacks": a trend over many
    period: Cues = _cues()              # "in recent years", "since 2021"
    percent: Cues = _cues()             # "accounted for 60 percent": a share of many events
    one_incident: Cues = _cues()        # "twin blasts" are one incident
    definite: Cues = _cues()            # "the attack" presupposes it
    implicative: Cues = _cues()         # "were able to attack": in the past, it happened
    people: Cues = _cues()              # trigger nouns naming people: "4 bombers" count no events
    reaction: Cues = _cues()            # "condemned the attack", "protests against"
    strike_triggers: Cues = _cues()     # trigger words that may be a workers' strike
    strike_modifiers: Cues = _cues()    # "hunger strike"
    strike_verbs: Cues = _cues()        # "observed a strike"
    adjunct_preps: Cues = _cues()       # "after the attack": time, not an argument
    heading_marks: Cues = _cues()       # a line ending in one is a heading: "== Attack =="
    max_incident_count: int = Field(default=3, ge=1)    # "71 attacks": more than this is a count
    max_incident_toll: int = Field(default=500, ge=1)   # more killed than this over a period ("since 2009") is a count
    #: more killed than this over a period, told by a verb alone with no place in its sentence, is a
    #: tally ("security forces killed 140 insurgents in 2021")
    max_unplaced_period_toll: int = Field(default=100, ge=1)
    heading_max_tokens: int = Field(default=12, ge=1)   # a verbless line this short is a heading


def factuality(trigger: Token, sentence: Span | Sentence, cues: FactualityCues, heading: bool | None = None) -> str:
    """``"asserted"``, or why the trigger's mention in ``sentence`` is not an incident.

    Args:
        trigger: the trigger's head token (a noun or a verb).
        sentence: the sentence that holds it; a :class:`Sentence` when the caller labels several
            triggers of one sentence (what is read of the sentence as a whole is then read once).
        cues: the cue words.
        heading: whether the sentence is a heading, when the caller knows.

    Returns:
        One of :data:`LABELS`.
    """
    view = sentence if isinstance(sentence, Sentence) else Sentence(sentence, cues)
    if view.heading if heading is None else heading:
        return "heading"
    if trigger.dep_ in ("amod", "compound") and trigger.head.pos_ in ("NOUN", "PROPN"):
        trigger = trigger.head  # "targeted killings", "bomb blasts ... were common": what is said of the
        # noun it qualifies is said of the trigger
    chain = governors(trigger, cues)
    for label, rule in RULES:
        if rule(trigger, chain, view, cues):
            return label
    return "asserted"


class Sentence:
    """A sentence and what the rules read of it as a whole (is it a heading, a question, does it give a
    day or a period), each worked out on first use: every trigger of a sentence asks the same, and
    spaCy's ``Span.ents`` and ``Span.text`` rebuild their answer from the whole Doc on every read.

    Args:
        span: the sentence.
        cues: the cue words.
        doc_ents: the Doc's entities when the caller has them (read once per document), else None.
    """

    def __init__(self, span: Span, cues: FactualityCues, doc_ents: Sequence[Span] | None = None):
        self.span, self.cues, self._doc_ents = span, cues, doc_ents

    @cached_property
    def ents(self) -> list[Span]:
        if self._doc_ents is None:
            return list(self.span.ents)
        start, end = self.span.start, self.span.end
        return [e for e in self._doc_ents if e.start >= start and e.end <= end]

    @cached_property
    def text(self) -> str:
        return self.span.text

    @cached_property
    def heading(self) -> bool:
        return is_heading(self.span, self.cues)

    @cached_property
    def question(self) -> bool:
        return is_question(self.span, self.cues)

    @cached_property
    def headline_like(self) -> bool:
        return headline_like(self.span)

    @cached_property
    def specific_time(self) -> bool:
        return specific_time(self.span, self.cues, self.ents)

    @cached_property
    def period_only(self) -> bool:
        return period_only(self.span, self.cues, self.ents)

    @cached_property
    def percent(self) -> bool:
        return any(words(t) & self.cues.percent for t in self.span)

    @cached_property
    def has_number(self) -> bool:
        return any(t.like_num for t in self.span)

    @cached_property
    def has_count(self) -> bool:
        """A number that is no part of a date ("in August 2021" counts nothing)."""
        return any(t.like_num and t.ent_type_ not in ("DATE", "TIME") for t in self.span)


def label_mentions(doc: Doc, triggers: Iterable[Token], cues: FactualityCues) -> list[tuple[Token, str]]:
    """``(trigger, label)`` for each trigger of ``doc``, in the order given; each sentence is
    looked up once (``Token.sent`` walks the document's sentences on every call)."""
    sent_of: dict[int, Span] = {}
    for sent in doc.sents:
        sent_of.update(dict.fromkeys(range(sent.start, sent.end), sent))
    return [(token, factuality(token, sent_of[token.i], cues)) for token in triggers]


# -- the head chain ---------------------------------------------------------------------------------
class Link:
    """One governor on the trigger's head chain, and what of it reaches the trigger."""

    __slots__ = ("token", "child", "negates", "modal")

    def __init__(self, token: Token, child: Token, negates: bool, modal: bool):
        self.token, self.child = token, child  # child: the token below it on the chain
        self.negates = negates    # its negation reaches the trigger (no "and" or reported clause between)
        self.modal = modal        # its modal or future reaches the trigger (no reported clause between)


def governors(trigger: Token, cues: FactualityCues) -> list[Link]:
    """The head chain above the trigger up to the first boundary (see the module's docstring)."""
    chain: list[Link] = []
    child, negates, modal = trigger, True, True
    for _ in range(MAX_WALK):
        head = child.head
        if head.i == child.i or child.dep_ in CLAUSE_BOUNDARIES:
            break
        if child.dep_ == "prep" and lemma(child) in cues.adjunct_preps and head.pos_ in VERBAL:
            break
        negates = negates and child.dep_ not in ("conj", "ccomp")
        modal = modal and child.dep_ != "ccomp"
        chain.append(Link(head, child, negates, modal))
        if head.pos_ in NOMINAL and not words(head) & (cues.occurrence | cues.quantifiers):
            break  # "casualties from a blast": what is said of the casualties is not said of the blast
        child = head
    return chain


def words(token: Token) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def children(token: Token, deps: Iterable[str]) -> list[Token]:
    deps = set(deps)
    return [c for c in token.children if c.dep_ in deps]


def definite(token: Token, cues: FactualityCues) -> bool:
    """"the attack", "its bombing", "ISKP's attack": the event is taken as known."""
    return token.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in cues.definite) for c in token.children)


def reaches(trigger: Token, link: Link, cues: FactualityCues, *, semantic: bool = False) -> bool:
    """Does what the governor says reach the trigger? A governor about the event happening at all
    always does ("the attack never happened", "an attack may occur"). Else never a definite trigger
    ("did not claim the attack", "planned the attack"); and the negation or modal of a verb whose
    active subject the trigger is only when the verb's own meaning is the cue (``semantic``:
    "attacks are feared"; not "a blast did not cause casualties")."""
    if words(link.token) & cues.occurrence:
        return True
    if definite(trigger, cues):
        return False
    return semantic or link.child.dep_ not in ("nsubj", "csubj")


def governor_words(link: Link) -> set[str]:
    """The governor's words; for a copula also its subject's ("the plan was to attack")."""
    found = words(link.token)
    if lemma(link.token) == "be" and link.child.dep_ in ("attr", "xcomp", "acomp", "ccomp"):
        for subject in children(link.token, ("nsubj",)):
            found |= words(subject)
    return found


def is_plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS")


def bare(token: Token, cues: FactualityCues) -> bool:
    """A plural with no determiner, number, possessive or one-incident modifier ("attacks", not
    "the attacks", "two attacks", "twin blasts")."""
    return is_plural(token) and not any(
        c.dep_ in ("det", "nummod", "poss") or c.lower_ in cues.one_incident for c in token.children)


# -- sentence level -------------------------------------------------------------------------------------
def is_heading(sentence: Span, cues: FactualityCues) -> bool:
    """A title on its own: a line ending in a heading mark ("== Attack =="), or one with no clause (no
    finite verb, participle, or verb with a subject or object: "12 killed in Quetta blast" and "Gunmen
    attack bus carrying miners" are headlines, which report) that begins with one ("# Timeline"), is
    short, ends with ":" or does not end like a sentence; or a title that opens with a gerund and has a
    subtitle ("Targeting the TTP: A Cross-Border Challenge")."""
    text = sentence.text.strip()
    if text and text[-1] in cues.heading_marks:
        return True
    first = next((t for t in sentence if t.is_alpha), None)
    if first is not None and first.tag_ == "VBG" and ": " in text and not text.endswith(END_MARKS):
        return True  # "Targeting the TTP: A Cross-Border Security Challenge"
    if any(clause_verb(t) for t in sentence if t.is_alpha):
        return False  # "== Aftermath == Following the explosion, police cordoned off the area."
    if text and text[0] in cues.heading_marks:
        return True
    words_in = [t for t in sentence if not t.is_punct and not t.is_space]
    return len(words_in) <= cues.heading_max_tokens or text.endswith(":") or not text.endswith(END_MARKS)


def clause_verb(token: Token) -> bool:
    if token.tag_ in FINITE_TAGS or (token.pos_ == "VERB" and token.tag_ == "VBN"):
        return True
    return token.pos_ == "VERB" and bool(children(token, ("nsubj", "nsubjpass", "dobj")))


def headline_like(sentence: Span) -> bool:
    """A line that does not end like a sentence: a headline's present tense reports the news."""
    return not sentence.text.strip().endswith(END_MARKS)


def period_only(sentence: Span, cues: FactualityCues, ents: Sequence[Span] | None = None) -> bool:
    """A date over a year or a period ("in 2024", "in recent years", "since 2021") and no day;
    ``ents``: the sentence's entities when the caller has them."""
    found = False
    for ent in sentence.ents if ents is None else ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        toks = [t.lower_ for t in ent]
        if ent.label_ == "TIME" or any(t.isdigit() and int(t) <= 31 or t.rstrip(".") in MONTHS for t in toks):
            return False
        found = found or any(len(t) == 4 and t.isdigit() for t in toks)
    return found or any(words(t) & cues.period and (t.ent_type_ == "DATE" or t.dep_ == "pobj") for t in sentence)


def specific_time(sentence: Span, cues: FactualityCues, ents: Sequence[Span] | None = None) -> bool:
    """A date or time in the sentence that is not itself habitual ("every week"); ``ents``: the
    sentence's entities when the caller has them."""
    return any(ent.label_ in ("DATE", "TIME") and not any(
        t.lower_ in cues.generic_determiners or t.lower_ in cues.generic_adverbs for t in ent)
        for ent in (sentence.ents if ents is None else ents))


# -- the labels -------------------------------------------------------------------------------------------
def reported_elsewhere(trigger: Token, chain: list[Link], sentence: Sentence, cues: FactualityCues) -> bool:
    """A protest, condemnation or mourning about the event, or a workers' or hunger strike."""
    if lemma(trigger) in cues.strike_triggers and labour_strike(trigger, cues):
        return True
    if any(c.dep_ in ("relcl", "acl") and c.pos_ == "VERB" and c.tag_ == "VBD" for c in trigger.children):
        return False  # "condemned the attack that killed 12" reports the attack itself
    if any(governor_words(link) & cues.reaction for link in chain):
        return True
    noun = trigger.head if trigger.dep_ == "compound" else trigger  # "drone" of "drone strikes"
    if noun.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.lower_ == "against":
        return True  # "a sit-in against the quadcopter strikes", "slogans against drone strikes": what it opposes
    if trigger.pos_ == "VERB":
        return False  # a clause of its own: "Protests erupted after militants attacked a post"
    if any(words(a) & cues.reaction for a in islice(trigger.ancestors, MAX_WALK)):
        return True  # "expressed condolences to the families of those martyred in the bomb explosion"
    root = sentence.span.root
    return bool(words(root) & cues.reaction) or any(
        words(s) & cues.reaction for s in children(root, ("nsubj",)))


#: Verbs of a strike lasting: a plain strike that continues or ends is a stoppage, not a blow.
LASTING = frozenset({"continue", "end"})


def labour_strike(trigger: Token, cues: FactualityCues) -> bool:
    """"a hunger strike", "traders observed a strike", "went on strike", "the strike will continue"."""
    if any(words(c) & cues.strike_modifiers for c in children(trigger, ("compound", "amod", "poss", "nmod"))):
        return True
    if any(c.dep_ == "acl" and words(c) & cues.strike_verbs for c in trigger.children) or lasting_days(trigger):
        return True  # "a strike called by separatists", "a two-day strike": a shutdown, no air strike lasts days
    head = trigger.head
    if trigger.dep_ in ("dobj", "nsubjpass", "attr") and words(head) & cues.strike_verbs:
        return True
    if trigger.dep_ == "nsubj" and trigger.tag_ == "NN" and lemma(head) in LASTING and words(head) & cues.strike_verbs \
            and not children(trigger, ("compound", "amod", "nmod", "poss")) and not children(head, ("dobj",)):
        return True  # "the strike would continue until the case is withdrawn" (not "the air strike continued")
    return trigger.dep_ == "pobj" and head.lower_ == "on" and not children(trigger, ("det", "poss"))


def lasting_days(trigger: Token) -> bool:
    """Is the noun said to last days or weeks ("a two-day strike", "a day-long strike", "a three-day
    shutdown")?"""
    return any(lemma(c) in ("day", "week", "day-long", "daylong") or (c.dep_ == "amod" and c.lower_ == "long"
               and any(lemma(g) in ("day", "week") for g in c.children))
               for c in children(trigger, ("compound", "amod", "nmod")))


def the_same_strike(trigger: Token, strikes: list[Token], cues: FactualityCues) -> bool:
    """Is ``trigger`` a plain "strike" in a document that tells a workers' or hunger strike (``strikes``,
    each read by :func:`labour_strike`): "the strike", "this strike" there is that strike, not an attack
    (one sense per discourse, as Gale, Church and Yarowsky found for word senses). A strike with a
    modifier or a target of its own ("a US strike", "a strike on a hideout") keeps its own reading."""
    if not strikes or trigger.pos_ != "NOUN" or lemma(trigger) not in cues.strike_triggers or trigger in strikes:
        return False
    if children(trigger, ("prep",)) or any(not (words(c) & cues.strike_modifiers) for c in
                                           children(trigger, ("compound", "amod", "nmod", "poss"))):
        return False
    return all(c.lower_ in ("the", "this", "that", "a") for c in children(trigger, ("det",)))


def negated(trigger: Token, chain: list[Link], sentence: Sentence, cues: FactualityCues) -> bool:
    """"did not attack", "no attack", "no sign of an attack", "denied that any attack took place"."""
    if any(c.dep_ in ("neg", "det") and c.lower_ in cues.negation for c in trigger.children):
        return True
    for i, link in enumerate(chain):
        if link.negates and reaches(trigger, link, cues) and any(
                c.dep_ in ("neg", "det") and c.lower_ in cues.negation for c in link.token.children):
            return True
        if words(link.token) & cues.denial and denies_occurrence(trigger, chain[:i], cues):
            return True
    return False


def denies_occurrence(trigger: Token, below: list[Link], cues: FactualityCues) -> bool:
    """Under a denial, did the event happen at all ("denied reports of an attack", "denied that
    there was an attack")? A denial of taking part ("denied carrying out the attack") leaves it real."""
    path = [trigger] + [link.token for link in below]
    return any(words(t) & cues.occurrence or any(c.dep_ == "expl" for c in t.children) for t in path)


def intended(trigger: Token, chain: list[Link], sentence: Sentence, cues: FactualityCues) -> bool:
    """"vowed to attack", "a plot to bomb", "will attack", "the planned attack", "plans attacks"."""
    if has_aux(trigger, cues.future) or any(words(c) & cues.intent for c in children(trigger, ("amod", "compound"))):
        return True  # "the planned attack"; "a cell planning attacks", parsed as a compound
    if infinitive_after(trigger, cues.intent) or plot_infinitive(trigger, cues.intent):
        return True
    noun = trigger.head if trigger.dep_ == "compound" else trigger  # "a bomb attack": as the attack
    if noun.dep_ == "dobj" and words(noun.head) & cues.prevention and any(
            words(c) & cues.intent for c in children(noun, ("relcl", "acl"))):
        return True  # "stopped a bombing they had planned for the city": a plot, no attempt
    if trigger.pos_ == "VERB" and trigger.tag_ == "VB" and has_aux(trigger, TO) and trigger.dep_ in ("advcl", "xcomp") \
            and children(trigger.head, ("auxpass",)):
        return True  # a purpose of a passive: "is backed by America to strike" (not "used grenades to attack")
    if trigger.tag_ == "VBD" and children(trigger, ("nsubj",)):
        return False  # a past verb with its own subject reports a deed, whatever the parse hangs it under
    for link in chain:
        if words(link.token) & cues.implicative and past_copula(link.token):
            return False  # "were able to launch attacks": they did (Karttunen's implicatives)
        intent = governor_words(link) & cues.intent
        if intent and link.child.dep_ == "conj":
            continue  # "guilty of planning and carrying out a bombing": it was carried out
        if intent and reaches(trigger, link, cues, semantic=True):
            return True
        if words(link.token) & cues.directive and link.child.i == trigger.i and trigger.dep_ == "dobj":
            return True  # "demanding the arrest of the killers", "urged the arrest": asked for, not done
        if link.modal and has_aux(link.token, cues.future) and reaches(trigger, link, cues):
            return True
    return False


def plot_infinitive(trigger: Token, cue_words: frozenset[str]) -> bool:
    """"The army foiled a plot by insurgents to storm a jail", "... to carry out a bombing": the
    infinitive (the trigger, or the verb whose object it is) of a plot, which the parse hangs on the verb
    whose object the plot is."""
    verb = trigger.head if trigger.dep_ == "dobj" else trigger
    return verb.pos_ == "VERB" and verb.dep_ in ("xcomp", "advcl") and has_aux(verb, TO) and verb.head.i != verb.i \
        and any(words(o) & cue_words for o in children(verb.head, ("dobj", "nsubjpass")))


def infinitive_after(trigger: Token, cue_words: frozenset[str]) -> bool:
    """"a plot to bomb", "intent to attack", read on the words (the parse may hang "to bomb" elsewhere)."""
    to = next(iter(children(trigger, ("aux",))), None)
    if trigger.pos_ != "VERB" or to is None or to.lower_ != "to" or to.i != trigger.i - 1 or to.i == 0:
        return False
    return bool(words(trigger.doc[to.i - 1]) & cue_words)


def past_copula(token: Token) -> bool:
    """"were able": an adjective under a past "be", or with one as its auxiliary."""
    copulas = [token.head] if token.dep_ == "acomp" else []
    copulas += children(token, ("aux", "cop", "auxpass"))
    return any(lemma(c) == "be" and c.tag_ == "VBD" for c in copulas)


def has_aux(token: Token, cue_words: frozenset[str]) -> bool:
    return any(words(c) & cue_words for c in children(token, ("aux",)))


def hypothetical(trigger: Token, chain: list[Link], sentence: Sentence, cues: FactualityCues) -> bool:
    """"could attack", "if militants attack", "a possible attack", "fears of an attack", "a law
    allowing detention", questions."""
    if has_aux(trigger, cues.modal) or any(words(c) & cues.hypothetical for c in children(trigger, ("amod",))):
        return True
    nodes = [trigger] + [link.token for link in chain if link.modal]
    if any(c.dep_ == "mark" and c.lower_ in cues.condition for t in nodes for c in t.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in cues.until for c in trigger.children) and (
            present(trigger) or has_aux(trigger.head, cues.modal | cues.future)):
        return True  # "operations will go on until the last militant is eliminated"; "would go on until ... was"
    for link in chain:
        if governor_words(link) & cues.hypothetical and reaches(trigger, link, cues, semantic=True):
            return True
        if lemma(link.token) in cues.permission and link.child.i == trigger.i and trigger.dep_ == "dobj":
            return True  # "a law that allows the detention of suspects": a power, not an arrest (not "allowed
            # militants to attack", whose trigger is no object)
        if link.modal and has_aux(link.token, cues.modal) and reaches(trigger, link, cues, semantic=True):
            return True
        if lemma(link.token) in cues.prevention and link.token.tag_ == "VB" and has_aux(link.token, TO) \
                and (reaches(trigger, link, cues) or definite(trigger, cues)):
            return True  # "measures to prevent attacks", "... to prevent the attack" an alert warned of;
            # "police prevented an attack" is a foiled attack
    return sentence.question


def is_question(sentence: Span, cues: FactualityCues) -> bool:
    """A yes-no question; "Who carried out the attack?" takes the attack as known."""
    text = sentence.text.strip().rstrip("\"'\u201d\u2019)")
    first = next((t for t in sentence if not t.is_punct and not t.is_space), None)
    return text.endswith("?") and first is not None and first.lower_ not in cues.question


def statistical(trigger: Token, chain: list[Link], sentence: Sentence, cues: FactualityCues) -> bool:
    """"71 attacks", "dozens of attacks", "the number of attacks", "attacks rose by 20 percent",
    "1,081 people were killed in terrorist attacks in 2024"."""
    if is_plural(trigger) and many(trigger, cues):
        return True
    if is_plural(trigger) and trigger.dep_ == "dobj" and words(trigger.head) & cues.intensifying \
            and not any(c.dep_ == "nummod" for c in trigger.children):
        return True  # "the Taliban has stepped up its attacks across the country", "escalated attacks"
    if trigger.pos_ == "VERB" and (trigger.dep_ in ("acl", "advcl", "relcl") and some_of_them(trigger.head, cues)
                                   or any(some_of_them(c, cues) for c in children(trigger, ("nsubj",)))):
        return True  # "600 attacks, many of them targeting police": said of the counted ones
    for link in chain:
        found = governor_words(link)
        if found & cues.quantifiers and link.child.lower_ == "of":
            return True  # "dozens of attacks"
        if found & cues.statistic and (link.token.pos_ in NOMINAL or trend(trigger, link)):
            return True
    if not bare(trigger, cues):
        return False
    return sentence.percent or sentence.period_only


def some_of_them(token: Token, cues: FactualityCues) -> bool:
    """"many of them", "most of which": a share of ones counted before (not "dozens of militants")."""
    return bool(words(token) & cues.quantifiers) and any(
        g.lower_ in ("them", "which", "these", "those") for c in children(token, ("prep",)) if c.lower_ == "of"
        for g in children(c, ("pobj",)))


def trend(trigger: Token, link: Link) -> bool:
    """"attacks rose": a plural trigger as the subject of a trend verb with no object ("the attacks
    increased fears" is no trend)."""
    return is_plural(trigger) and link.child.dep_ == "nsubj" and not children(link.token, ("dobj",))


def many(token: Token, cues: FactualityCues) -> bool:
    """A number above ``max_incident_count`` or a quantifier ("hundreds") on a plural trigger that
    names events ("4 bombers" are people)."""
    if words(token) & cues.people:
        return False
    for child in token.children:
        if child.dep_ == "nummod" and child.like_num and not a_year(child):
            count = word_count(child)  # "71 attacks", "eight attacks"; not "the September 11, 2001 attacks"
            if count is not None and count > cues.max_incident_count:
                return True
        if child.dep_ in ("nummod", "amod", "quantmod") and words(child) & cues.quantifiers:
            return True
    return False


def a_year(token: Token) -> bool:
    """A number written as a year in a date ("2001" of "the September 11, 2001 attacks")."""
    return token.ent_type_ in ("DATE", "EVENT") and len(token.text) == 4 and token.text.isdigit()


def generic(trigger: Token, chain: list[Link], sentence: Sentence, cues: FactualityCues) -> bool:
    """Habitual or generic: "ISKP mainly targets Shia Muslims", "such attacks", "Suicide bombings are
    common", "Militants attack convoys in Kurram" (present simple, no time, a bare plural)."""
    if any(c.dep_ == "det" and c.lower_ in cues.generic_determiners for c in trigger.children):
        return True
    if is_plural(trigger) and [c.lower_ for c in trigger.children if c.dep_ in ("det", "predet", "nummod")] == ["all"]:
        return True  # "the mother of all bombs", "all attacks on civilians": the whole kind ("all the attacks" is not)
    if trigger.tag_ in ("NNS", "NNPS") and any(c.dep_ == "amod" and c.lower_ in cues.earlier_ones
                                               for c in trigger.children):
        return True  # "heavier losses than in previous attacks on military installations"
    if is_plural(trigger) and not definite(trigger, cues) and any(words(link.token) & cues.record for link in chain):
        return True  # "the militants were involved in multiple attacks on security forces": their record
    if aimed_at_an_abstraction(trigger, cues) or done_by_an_abstraction(trigger, cues) \
            or a_class_of_incidents(trigger, chain, sentence, cues) \
            or against_a_kind(trigger, cues.earnings, cues.dependence) or examples_of_a_kind(trigger, cues):
        return True
    clause = trigger if trigger.pos_ == "VERB" else next(
        (link.token for link in chain if link.token.pos_ in VERBAL and link.modal), None)
    if clause is None:
        return False
    if any(c.dep_ in ("advmod", "npadvmod") and (words(c) & cues.generic_adverbs or any(
            d.lower_ in cues.generic_determiners for d in children(c, ("det",)))) for c in clause.children):
        return True
    if any(words(link.token) & cues.generic_verbs for link in chain):
        return True
    if trigger.dep_ == "xcomp" and words(trigger.head) & cues.habitual_verbs and present(trigger.head) \
            and not sentence.specific_time:
        return True  # "the group continues to target Hazaras"; not "militants continued to fire until dawn"
    if trigger.tag_ == "VBG" and present_perfect_progressive(trigger) and (not sentence.specific_time
                                                                           or sentence.period_only):
        return True  # "the TTP has been targeting security staff and civilians": what it has kept doing
    if sentence.headline_like or (sentence.specific_time and not sentence.period_only) or not present(clause):
        return False  # "it has also attacked foreigners ... in recent years": a period is no time of one deed
    if sentence.has_count and not sentence.period_only and not rate(sentence.span):
        return False  # "Suicide bomb attacks at a gas plant kill at least 14": a headline's toll, one incident
    if trigger.pos_ == "VERB":
        objects = children(trigger, ("dobj", "nsubjpass"))
        return not objects or all(bare(o, cues) for o in objects)
    return bare(trigger, cues)


#: Words of a rate: "kill 1,000 people a year", "per month", "annually".
RATE_WORDS = frozenset({"per", "annually", "yearly", "monthly", "weekly", "daily", "annual"})
RATE_UNITS = frozenset({"year", "month", "week", "day"})


def rate(span: Span) -> bool:
    """Does the sentence count by the year, month, week or day ("1,000 people a year")?"""
    tokens = list(span)
    return any(t.lower_ in RATE_WORDS or (t.lower_ in ("a", "an", "each", "every") and i + 1 < len(tokens)
                                          and tokens[i + 1].lemma_.lower() in RATE_UNITS)
               for i, t in enumerate(tokens))


def present_perfect_progressive(verb: Token) -> bool:
    """"has been targeting", "have been attacking": with "been" and a present "has"/"have"."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return "been" in auxes and bool(auxes & {"has", "have", "'ve", "'s"})


def examples_of_a_kind(trigger: Token, cues: FactualityCues) -> bool:
    """A bare plural given as an example of a kind ("abuses such as arbitrary detentions and arrests",
    "attacks such as bombings and kidnappings"): no incident of its own."""
    first = trigger
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    prep = first.head
    return bare(trigger, cues) and first.dep_ == "pobj" and prep.lower_ == "as" and any(
        c.lower_ in cues.generic_determiners for c in prep.children)


def a_class_of_incidents(trigger: Token, chain: list[Link], sentence: Sentence, cues: FactualityCues) -> bool:
    """A bare plural in a sentence with no time and no number, not told in the simple past: "attacks
    on security forces had shaken public confidence", "military operations alone would not end the
    insurgency", "residents live in fear of targeted killings". ("Explosions rocked the city" tells
    what happened.)"""
    if trigger.pos_ not in ("NOUN", "PROPN") or not bare(trigger, cues) or sentence.headline_like or sentence.has_count:
        return False
    verb = next((link.token for link in chain if link.token.pos_ in VERBAL), None)
    clause = verb if verb is not None else chain[-1].token if chain else trigger
    since = {t.i for c in clause.children if c.lower_ == "since" or any(m.lower_ == "since" for m in children(c, ("mark",)))
             for t in c.subtree}  # "has carried out attacks since the Taliban seized power in August 2021": a period
    if any(ent.label_ in ("DATE", "TIME") and clause.left_edge.i <= ent.start and ent.end <= clause.right_edge.i + 1
           and ent.start not in since for ent in sentence.ents):
        return False  # "Senators on Monday said that attacks had ...": that day is the speech's, not the attacks'
    if verb is None:  # "a base for military operations"; not "PESHAWAR — Gunmen shot ...", which the parse hangs under the place
        return trigger.dep_ == "pobj"
    return not simple_past(verb)


def simple_past(verb: Token) -> bool:
    """"rocked", "were reported": the simple past, active or passive (not "had shaken", "would end")."""
    auxes = children(verb, ("aux", "auxpass"))
    if not auxes:
        return verb.tag_ == "VBD"
    return verb.tag_ == "VBN" and all(a.tag_ == "VBD" and lemma(a) == "be" for a in auxes)


def against_a_kind(trigger: Token, earnings: frozenset[str] = frozenset(), dependence: frozenset[str] = frozenset()) -> bool:
    """A bare singular noun (or gerund) that something stands against, alone or in a list: a kind of
    crime, not one incident ("a sit-in against extortion, targeted killing and enforced disappearances",
    "a protest against extortion, kidnapping and ..."); not "against the killing of a lawyer" nor
    "protests against a bombing". So is one that money comes from (``earnings``: "an income from
    kidnapping for ransom and extortion"; not "two died from shelling"), and one something depends on
    (``dependence``: "a cabinet reliant on donor aid"; not "relied on the aid delivered in May")."""
    if trigger.tag_ not in ("NN", "VBG") or children(trigger, ("det", "poss", "nummod", "nsubj", "dobj")) or any(
            c.lower_ == "of" for c in children(trigger, ("prep",))):
        return False
    head = trigger
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ not in ("pobj", "pcomp"):
        return False
    prep = head.head
    if prep.lower_ == "from":  # the money word, or the object of the verb "from" hangs on ("ensure an income, from")
        return any(words(t) & earnings for t in (prep.head, *children(prep.head, ("dobj",))))
    if prep.lower_ == "on" and words(prep.head) & dependence:
        return True
    return head.dep_ == "pobj" and prep.lower_ == "against"


#: Verbs of doing away with that, said of an organisation, are figurative ("a bid to eliminate the party
#: from the elections"); a militant group is no ORG entity (the catalog's label) and is struck.
ELIMINATING = frozenset({"eliminate", "elimination", "wipe", "eradicate"})


def aimed_at_an_abstraction(trigger: Token, cues: FactualityCues) -> bool:
    """"eliminating terrorism", "the elimination of extremism": the object is a phenomenon, not a
    target that was hit; "eliminate the party from the elections": an organisation done away with."""
    objects = children(trigger, ("dobj",)) if trigger.pos_ == "VERB" else [
        g for c in children(trigger, ("prep",)) if c.lower_ == "of" for g in children(c, ("pobj",))]
    eliminating = trigger.lemma_.lower() in ELIMINATING
    if eliminating and trigger.pos_ == "VERB" and any(c.lower_ == "from" for c in children(trigger, ("prep",))):
        return True  # "to eliminate the party from the elections", "eliminated from the tournament"
    return bool(objects) and all(words(o) & cues.abstract_objects or (o.ent_type_ == "ORG" and eliminating)
                                 for o in objects)


def done_by_an_abstraction(trigger: Token, cues: FactualityCues) -> bool:
    """"The insurgency has hit Chad hardest", "militancy struck Kurram again": a phenomenon, not a doer,
    whose object is a place's name (the small model may take "Burkina Faso" for a person), or nothing
    ("Sectarian violence killed 12" tells a toll)."""
    if trigger.pos_ != "VERB":
        return False
    subjects = children(trigger, ("nsubj",))
    objects = children(trigger, ("dobj",))
    return bool(subjects) and all(words(s) & cues.abstract_subjects for s in subjects) and all(
        o.pos_ == "PROPN" or o.ent_type_ in ("GPE", "LOC") for o in objects)


def present(verb: Token) -> bool:
    """Present simple or present perfect, active or passive ("targets", "are attacked", "have attacked")."""
    auxes = children(verb, ("aux", "auxpass"))
    if not auxes and verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and verb.head.tag_ == "VBN":
        auxes = children(verb.head, ("aux", "auxpass"))  # "has launched campaigns, arrested suspects": "has"
    if any(a.tag_ in ("MD", "VBD") for a in auxes):
        return False
    if verb.tag_ in PRESENT_TAGS or (verb.tag_ == "VB" and not auxes and children(verb, ("nsubj",))):
        return True  # the small model tags "Gunmen target shops" VB
    return bool(auxes) and any(a.tag_ in PRESENT_TAGS for a in auxes)


RULES = (("reported-elsewhere", reported_elsewhere), ("negated", negated), ("intended", intended),
         ("hypothetical", hypothetical), ("statistical", statistical), ("generic", generic))

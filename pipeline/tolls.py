"""The killed and wounded that one sentence's ``figures`` rows give: each number attached to a kill
or wound word ("killing 12", "28 injured", "ten men were shot to death"), parts of one list added up,
breakdowns and numbers of attacks left out.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.figures import toll

PART_MARKERS = frozenset({"including", "among", "of"})


def to_death(token: Token) -> bool:
    """Is the token the "to" of "shot to death", "stabbed four people to death"?"""
    return token.dep_ == "prep" and token.lower_ == "to" and any(g.lower_ == "death" for g in token.children)


def whole(values: list[float]) -> float:
    """Figures under one kill or wound word: added up ("13 service members and about 170
    civilians"), unless the others are a breakdown of the largest ("40 people, 6 soldiers and 34
    civilians")."""
    largest = max(values)
    rest = sum(values) - largest
    return largest if len(values) > 2 and rest == largest else sum(values)


#: Verbs of saying whose subject the parser may hang on a list of victims before them.
SPEECH = frozenset({"say", "tell", "report", "confirm", "add"})


def speaker(token: Token) -> bool:
    """Is the token the misparsed subject of a sentence-final verb of saying: "killed 23 farmers,
    residents and a local leader said", with "leader" taken for one more victim?"""
    root = token.sent.root  # a victim cannot stand right before the sentence's last verb of saying
    return root.lemma_.lower() in SPEECH and token.right_edge.i + 1 == root.i


class TollCounter:
    """Read casualty figures; set up once per run with the kill, wound and perpetrator words and the
    nouns that name events."""

    def __init__(self, words: dict[str, set[str]], event_nouns: set[str],
                 not_counted: frozenset[str] = frozenset({"USD", "PKR", "percent", "fraction"})):
        self.words = words
        #: Nouns that name events ("blasts", "attacks"): a number of them is no casualty count.
        self.event_nouns = event_nouns
        #: Units of figures that count no people: currencies, measures, percent, fraction
        #: (:attr:`pipeline.figures.Lexicon.not_counted`).
        self.not_counted = not_counted

    def count(self, doc: Doc, rows: list[dict], by_state: bool = False) -> tuple[int | None, int | None, int | None]:
        """Killed and wounded in one sentence: parts coordinated under one kill word are added
        ("13 service members and about 170 civilians"); parts after "including" are not; attackers
        killed are counted apart, except in a state's operation (``by_state``), whose toll they are."""
        totals: dict[tuple[str, int], float] = {}
        perps = None
        for row in rows:
            span = doc.char_span(row["start_char"], row["end_char"], alignment_mode="expand")
            if span is None or row.get("unit") in self.not_counted:
                continue
            kind, head = self.casualty_kind(span)
            if kind is None:
                continue
            noun = (row.get("unit") or "").split()[-1:]
            if noun and (noun[0] in self.event_nouns or noun[0].rstrip("s") in self.event_nouns):
                continue  # "80 injured in 2 suicide car bomb blasts": a number of attacks, not of people
            if noun and (noun[0] in self.words["perpetrator"] or noun[0].rstrip("s") in self.words["perpetrator"]):
                if not by_state:  # the militants an operation killed are its toll
                    perps = toll(row["value"]) if kind == "killed" else perps
                    continue
            totals.setdefault((kind, head), []).append(row["value"])
            totals[(kind, head)] += [1] * len(self.single_conjuncts(span.root))
        sums = {key: whole(values) for key, values in totals.items()}
        killed = [v for (k, _), v in sums.items() if k == "killed"]
        wounded = [v for (k, _), v in sums.items() if k == "wounded"]
        return (toll(max(killed)) if killed else None, toll(max(wounded)) if wounded else None, perps)

    def single_conjuncts(self, number: Token) -> list[Token]:
        """The single people coordinated with a counted noun: "Six soldiers, 6 civilians and a police
        officer were killed" (the officer), "15 police personnel and a driver" (the driver)."""
        noun = number.head if number.dep_ == "nummod" else None
        if noun is None or noun.dep_ == "conj":
            return []  # counted once, from the first noun of the list
        doc = noun.doc
        twins = [c for c in noun.head.children if c.dep_ == noun.dep_ and c.i > noun.i and any(
            t.dep_ == "cc" for t in doc[noun.i + 1:c.i])]  # "15 personnel and a driver were killed", parsed as two subjects
        return [c for c in [*noun.conjuncts, *twins] if c.tag_ == "NN" and not any(d.like_num for d in c.children)
                and not speaker(c)
                and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)
                and c.lemma_.lower() not in self.words["perpetrator"]]

    def casualty_kind(self, span: Span) -> tuple[str | None, int]:
        """``killed`` or ``wounded`` when the figure is attached to such a word, and that word's index.

        In order: a part of a larger number ("including 13 policemen") counts for nothing; a kill
        or wound verb just before ("injures 27") or word just after ("28 injured", "dozens of
        others injured") decides; else the parse is climbed through nouns, never through another verb.
        """
        doc, start = span.doc, span.start
        if self.is_part(span.root) or doc[span.end: span.end + 2].text.lower() in ("of them", "of whom", "of those"):
            return None, -1  # "147 people, 132 of them children"
        if start > 0 and doc[start - 1].pos_ == "VERB" and self.word_kind(doc[start - 1]):
            return self.word_kind(doc[start - 1]), start - 1
        if start > 1 and doc[start - 1].lower_ in ("another", "other") and doc[start - 2].pos_ == "VERB" \
                and self.word_kind(doc[start - 2]):
            return self.word_kind(doc[start - 2]), start - 2  # "killed 30 and wounded another 65"
        if start > 1 and doc[start - 1].lower_ == "dead" and doc[start - 2].pos_ == "VERB":
            return "killed", start - 1  # "shot dead two constables", with "dead" parsed as the noun's modifier
        for tok in doc[span.end: min(span.end + 4, len(doc))]:
            if self.word_kind(tok):
                return self.word_kind(tok), tok.i
            if tok.pos_ not in ("NOUN", "ADJ", "ADV", "AUX", "DET", "PART") and tok.lower_ != "of":
                break
        token = span.root
        for _ in range(5):
            head = token.head
            kind = self.word_kind(head)
            if kind:
                return kind, head.i
            for child in head.children:
                if child.dep_ in ("oprd", "acomp", "xcomp", "nsubj") and child.i != token.i and self.word_kind(child):
                    return self.word_kind(child), head.i  # "left 25 victims dead", "the death toll rose to"
                if child.dep_ == "conj" and child.pos_ == "VERB" and token.dep_ in ("nsubjpass", "nsubj") \
                        and self.word_kind(child):
                    return self.word_kind(child), child.i  # "Three officers were shot and injured"
                if to_death(child):
                    return "killed", head.i  # "ten men were shot to death", "stabbed 4 people to death"
            if head is token or head.pos_ in ("VERB", "AUX"):
                break
            token = head
        return None, -1

    @staticmethod
    def is_part(token: Token) -> bool:
        """Is the number under "including"/"among", or a breakdown in apposition to another number?"""
        for _ in range(5):
            head = token.head
            if token.dep_ == "pobj" and head.lower_ in PART_MARKERS - {"of"}:
                return True
            if token.dep_ == "appos" and any(c.like_num for c in head.children):
                return True
            if head is token or token.dep_ not in ("nummod", "conj", "pobj", "appos", "quantmod", "advmod", "compound"):
                return False
            token = head
        return False

    def word_kind(self, token: Token) -> str | None:
        lemma, lower = token.lemma_.lower(), token.lower_
        if token.pos_ == "VERB" and any(to_death(c) for c in token.children):
            return "killed"  # "stabbed 4 people to death"
        if lemma in self.words["wound"] or lower in self.words["wound"]:
            return "wounded"
        if lemma in self.words["kill"] or lower in self.words["kill"]:
            return "killed"
        return None

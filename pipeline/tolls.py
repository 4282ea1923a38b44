"""The killed and wounded that one sentence's ``figures`` rows give: each number attached to a kill
or wound word ("killing 12", "28 injured", "ten men were shot to death"), parts of one list added up
with the single people listed among them ("a soldier, 4 paramilitaries and 4 civilians"), breakdowns
and numbers of attacks left out; counts the figures table missed are read from the parse
(:func:`missed_counts`: "Twenty 2 people", "wounded another 65").
"""
from __future__ import annotations

from collections.abc import Callable, Collection

from spacy.tokens import Doc, Span, Token

from pipeline.figures import WORDS, toll
from pipeline.small_numbers import after_age_words

PART_MARKERS = frozenset({"including", "among", "of"})
#: Nouns that name no one in particular: figures in apposition to a number of them are its breakdown
#: ("40 people, 6 soldiers and 34 civilians"); beside a number of anyone else they are more victims
#: ("22 civilians, 2 police officers, and 5 attackers were killed").
GENERIC_PEOPLE = frozenset({"people", "person", "persons", "individual", "victim", "casualty", "other", "others"})
#: Verbs whose object says the harm: "suffered stab wounds", "sustained injuries", "got light injuries".
SUPPORT = frozenset({"suffer", "sustain", "receive", "get", "incur"})
#: Number words of the tens, which a text's conversion of digits may leave before a digit ("Twenty 2 people").
TENS = {word: value for word, value in WORDS.items() if value in (20, 30, 40, 50, 60, 70, 80, 90)}
#: Things a kill or wound verb may take that are no victims ("rammed a car and injured a bus").
VEHICLES = frozenset({"car", "vehicle", "bus", "truck", "van", "motorcycle", "train", "building", "house"})
#: Nouns of time: a number of them is an age or a length of time.
TIME_NOUNS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "-year", "decade"})
#: Entity labels of numbers that count no people.
NOT_PEOPLE = frozenset({"TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
#: Named things that are never a victim ("a van", "the Supercenter").
NOT_PERSON = frozenset({"FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "DATE", "TIME"})
#: Prepositions of place: a number under one counts places ("at six locations", "in three districts").
PLACE_PREPS = frozenset({"at", "in", "across", "near", "inside", "outside", "around"})


#: Verbs of dying with no doer: "two of the hurt later succumbed", "one of them died in hospital".
DYING = frozenset({"die", "perish", "succumb"})


def wounded_who_died(span: Span, word_kind: Callable[[Token], str | None]) -> bool:
    """Is the figure "N of the wounded" as the subject of a verb of dying ("two of the hurt
    later succumbed in hospital")? They are neither more wounded nor, by the figure alone, the dead: the
    toll they raise is told beside them or added by the events stage."""
    root = span.root.head if span.root.dep_ == "nummod" else span.root  # "three more of the injured"
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in DYING and of_the_wounded(root, word_kind)


def of_the_wounded(one: Token, word_kind: Callable[[Token], str | None]) -> bool:
    """Is it "one (or N) of the wounded": people counted already among the wounded?"""
    return any(word_kind(g) == "wounded" for c in one.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj")


#: Nouns of a count that a copula gives the figure of ("the overall number of those hurt was 85").
COUNT_NOUNS = frozenset({"number", "total", "tally", "count", "toll", "figure"})


def count_subject(number: Token) -> Token | None:
    """The subject of "be" whose value the number is, when that subject is a count ("the overall
    number of those hurt in the bombing was 85"), else None."""
    verb = number.head
    if number.dep_ not in ("attr", "acomp") or verb.lemma_ != "be":
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in COUNT_NOUNS), None)


def list_members(noun: Token) -> list[Token]:
    """The nouns of the list that ``noun`` opens: its conjuncts and the nouns set beside it by commas,
    not a breakdown ("40 people, 6 soldiers and 34 civilians") nor what "including" adds."""
    found = [noun]
    for child in noun.children:
        if child.dep_ == "conj" or (child.dep_ == "appos" and not breakdown(child, noun)):
            found += list_members(child)
    return found


def names_the_one_before(member: Token, singles: list[Token]) -> bool:
    """Is a list member the name of the single person just before it ("the district governor, Abdul
    Wali Sarhadi, and two bodyguards", parsed as an apposition or as one more conjunct)? One person,
    not two."""
    if member.dep_ == "appos" and member.head in singles:
        return True
    if member.ent_type_ != "PERSON":
        return False
    start = member.i - sum(1 for t in member.lefts if t.dep_ == "compound")  # "Abdul Wali" of "Abdul Wali Sarhadi"
    doc = member.doc
    return start >= 2 and doc[start - 1].text == "," and doc[start - 2] in singles and doc[start - 2].ent_type_ != "PERSON"


def killed_along_with(number: Token, single: Callable[[Token], bool]) -> bool:
    """Is the number counted "along with" (or "together with") one person the verb names ("Qari
    Saifullah Mehsud was killed along with two of his guards", "killed the governor along with 3 others")?
    ``single``: whether a noun is one person (:meth:`TollCounter.single`)."""
    prep = number.head if number.dep_ == "pobj" else number.head.head if number.dep_ == "nummod" else None
    if prep is None or prep.lower_ != "with" or prep.i == 0 or prep.nbor(-1).lower_ not in ("along", "together"):
        return False
    one = prep.head.head if prep.head.lower_ in ("along", "together") else prep.head
    if one.pos_ == "VERB":  # else the phrase hangs on the noun: "killed a tribal elder along with three of his sons"
        one = next((c for c in one.children if c.dep_ in ("nsubjpass", "dobj")), None)
    if one is None or one.dep_ not in ("nsubjpass", "dobj"):
        return False
    return any(single(n) or n.ent_type_ == "PERSON"  # or its apposition: a dateline the parse made the subject
               for n in (one, *(c for c in one.children if c.dep_ == "appos")))


def partitive_of(number: Token) -> int | None:
    """The count of a part taken of a counted group: 1 for "One of the 2 gunmen" (a "one" the figures
    table leaves out), 3 for "three of the five attackers"; None where the number counts no such group."""
    noun = number.head if number.dep_ == "nummod" else number
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of" or of.head.i >= of.i:
        return None
    return number_value(of.head) if of.head.pos_ in ("NUM", "NOUN", "PRON") else None


def part_of_them(span: Span, word_kind: Callable[[Token], str | None]) -> bool:
    """Is "N of them" a breakdown of a number told before ("147 people, 132 of them children"), not the
    subject of its own clause ("Two of them suffered stab wounds") nor the kill verb's object ("killing 11
    of them")?"""
    doc = span.doc
    return doc[span.end: span.end + 2].text.lower() in ("of them", "of whom", "of those") \
        and not partitive_subject(span.root) and not (span.root.dep_ == "dobj" and word_kind(span.root.head))


def partitive_subject(number: Token) -> bool:
    """Is "N of them" the subject of its own clause ("Two of them suffered stab wounds"), not a
    breakdown after a comma ("147 people, 132 of them children") or in a relative clause ("1 of whom")?"""
    return number.dep_ in ("nsubj", "nsubjpass") and number.head.dep_ in ("ROOT", "conj") \
        and not any(t.lower_ == "whom" for t in number.subtree)


def breakdown(noun: Token, head: Token) -> bool:
    """Is a counted noun in apposition to a number of others a breakdown of them: the others are
    anyone ("40 people, 6 soldiers and 34 civilians") or its parts add up to them? Otherwise it is
    one more group of victims ("22 civilians, 2 police officers, and 5 attackers")."""
    total = next((number_value(c) for c in head.children if c.dep_ == "nummod"), None)
    if total is None and not head.like_num:
        return False
    parts = [next((number_value(c) for c in n.children if c.dep_ == "nummod"), None) for n in [noun, *noun.conjuncts]]
    return head.lemma_.lower() in GENERIC_PEOPLE or head.like_num or sum(p or 0 for p in parts) == total


def to_death(token: Token, ends: Collection[str] = ("death",)) -> bool:
    """Is the token the "to" of "shot to death", "stabbed four people to death", or of another end
    in ``ends`` (``kill_ends`` of events.yml: the military's "six terrorists were sent to hell")?"""
    return token.dep_ == "prep" and token.lower_ == "to" and any(g.lower_ in ends for g in token.children)


def taken_to_hospital(verb: Token, child: Token, words: dict[str, set[str]]) -> bool:
    """Is the child the "to" or "for" phrase of a verb of taking that ends in a hospital or a
    treatment (``taken`` and ``taken_to`` of events.yml): "were rushed to hospital", "were taken to
    the district hospital for treatment"?"""
    return verb.lemma_.lower() in words.get("taken", ()) and child.dep_ == "prep" and child.lower_ in ("to", "for") \
        and any(g.lemma_.lower() in words.get("taken_to", ()) or g.lower_ in words.get("taken_to", ())
                for g in child.children if g.dep_ == "pobj")


def died_by(child: Token, subject: Token, words: dict[str, set[str]]) -> bool:
    """Is the child an object that says the verb's subject died ("23 soldiers embraced martyrdom",
    "five soldiers lost their lives": ``kill_objects`` of events.yml, an object alone or a verb and its
    object, so that "risked their lives" says nothing)?"""
    if child.dep_ != "dobj" or subject.dep_ != "nsubj":
        return False
    said = words.get("kill_objects", ())
    obj = child.lemma_.lower()
    return obj in said or f"{child.head.lemma_.lower()} {obj}" in said


def told_word(child: Token, counted: Token) -> Token | None:
    """The word a verb's child says of the ones ``counted`` ("left 25 victims dead", "the death toll rose
    to"), or one given by "as" ("20 were confirmed as injured", "listed as dead"), parsed as a clause marked
    by "as" or as its object."""
    if child.dep_ in ("oprd", "acomp", "xcomp", "nsubj") and child.i != counted.i:
        return child
    if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in child.children):
        return child
    if child.dep_ == "prep" and child.lower_ == "as":
        return next((c for c in child.children if c.dep_ in ("pobj", "acomp", "amod")), None)
    return None


def second_verb_kind(verb: Token, word_kind: Callable[[Token], str | None]) -> str | None:
    """The kind a second verb of the victims' tells ("were shot and injured"), or a death word that
    completes it when it has no victims of its own ("were taken off a bus and shot dead")."""
    if kind := word_kind(verb):
        return kind
    told = [c for c in verb.children if c.dep_ in ("oprd", "acomp") and word_kind(c)]
    if told and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children):
        return word_kind(told[0])
    return None


def killed_or_wounded(word: Token, word_kind: Callable[[Token], str | None]) -> bool:
    """Is the kill or wound word joined by "or" to one of the other kind ("killed or wounded", "dead or
    injured")? Its figure counts the dead and the hurt together: GTD and ACLED take neither from it."""
    kind = word_kind(word)
    return kind is not None and any(word_kind(j) not in (None, kind) and any(
        c.dep_ == "cc" and c.lower_ == "or" for c in (*word.children, *j.children)) for j in word.conjuncts)


def whole(values: list[float]) -> float:
    """Figures under one kill or wound word: added up ("13 service members and about 170
    civilians"), unless the others are a breakdown of the largest ("40 people, 6 soldiers and 34
    civilians")."""
    if not values:
        return 0
    largest = max(values)
    rest = sum(values) - largest
    return largest if len(values) > 2 and rest == largest else sum(values)


def number_value(token: Token) -> int | None:
    """A count written as digits or a number word ("65", "sixty"), else None."""
    text = token.lower_.replace(",", "")
    return int(text) if text.isdigit() else WORDS.get(text)


def split_tens(doc: Doc, start: int) -> int | None:
    """The number a conversion of digits split into a tens word and a digit ("Twenty 2", "Forty 6"),
    read from the tens word at ``start``; None when it is no such pair."""
    if start + 1 >= len(doc) or doc[start].lower_ not in TENS:
        return None
    digit = doc[start + 1].text
    return TENS[doc[start].lower_] + int(digit) if len(digit) == 1 and digit in "123456789" else None


def bare_count(token: Token) -> bool:
    """Could the token be a count of people the figures table missed: digits or a number word outside
    a time, a sum or a measure, or a date that is nothing but the number ("wounded another 65", which
    the model labels DATE)? "one" counts only after "another" ("wounded another one")."""
    if number_value(token) is None or token.ent_type_ in NOT_PEOPLE or token.is_digit and len(token) == 4:
        return False
    if token.head.lemma_.lower() in TIME_NOUNS or after_age_words(token.doc, token.i):
        return False  # "a 22 year old", "for 15 hours", "as young as 12": an age or a length of time
    if token.i > 0 and token.doc[token.i - 1].is_title and token.doc[token.i - 1].pos_ in ("PROPN", "NOUN"):
        return False  # a number in a name: "Terminal 2", "Flight 93"
    if token.lower_ == "one":
        return token.i > 0 and token.doc[token.i - 1].lower_ == "another"
    if token.ent_type_ == "DATE":
        ent = next(e for e in token.doc.ents if e.start <= token.i < e.end)
        return all(t.is_stop or number_value(t) is not None for t in ent)
    return True


def missed_counts(sent: Span, rows: list[dict]) -> list[dict]:
    """The sentence's ``figures`` rows with the counts they missed added: a tens word and a digit that a
    conversion split ("Twenty 2 people" is 22, also where a row holds only the digit), and numbers the
    model took for a date or an adjective ("wounded another 65", "Sixty people were injured")."""
    doc = sent.doc
    rows = list(rows)
    covered = {t.i for r in rows for t in (doc.char_span(r["start_char"], r["end_char"], alignment_mode="expand") or [])}
    for token in sent:
        value = split_tens(doc, token.i)
        if value is not None and token.i not in covered:
            rows = [r for r in rows if r["start_char"] != doc[token.i + 1].idx]  # the digit read alone
            covered |= {token.i, token.i + 1}
        elif token.i in covered or not bare_count(token):
            continue
        end = doc[token.i + 1] if value is not None else token
        noun = end.head.lower_ if end.dep_ == "nummod" else None
        rows.append({"start_char": token.idx, "end_char": end.idx + len(end), "unit": noun,
                     "value": float(value if value is not None else number_value(token))})
    return sorted(rows, key=lambda r: r["start_char"])


#: Verbs of saying whose subject the parser may hang on a list of victims before them.
SPEECH = frozenset({"say", "tell", "report", "confirm", "add"})


def speaker(token: Token) -> bool:
    """Is the token the misparsed subject of a sentence-final verb of saying: "killed 23 farmers,
    residents and a local leader said", with "leader" taken for one more victim?"""
    root = token.sent.root  # a victim cannot stand right before the sentence's last verb of saying
    return root.lemma_.lower() in SPEECH and token.right_edge.i + 1 == root.i


def takes_object(verb: Token) -> bool:
    """Is the word a verb in the active past or present with an object of its own ("killed 138 people")?"""
    return verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBZ", "VBP") and any(c.dep_ == "dobj" for c in verb.children)


def counts_doers(span: Span, word_kind: Callable[[Token], str | None]) -> bool:
    """Does the number count the doers of a killing: the subject of one with another object ("Two
    soldiers killed three militants"; not "18 others sustained injuries"), or its passive's agent?"""
    counted = span.root.head if span.root.dep_ == "nummod" else span.root
    verb = counted.head
    if counted.dep_ == "pobj" and verb.lower_ == "by" and verb.dep_ == "agent":
        return True  # "was shot dead by four men riding motorcycles"
    return counted.dep_ == "nsubj" and verb.pos_ == "VERB" and word_kind(verb) is not None and any(
        c.dep_ == "dobj" and not word_kind(c) for c in verb.children)


def is_part(token: Token) -> bool:
    """Is the number under "including"/"among", a breakdown in apposition to another number, or one
    set after the clause ("36 people were wounded, 4 by gunfire")? A group with "another" or
    "others" is never a part ("including 8 civilians and 10 soldiers and another 27 people")."""
    if token.dep_ == "npadvmod" and token.head.pos_ == "VERB":
        return not any(c.dep_ == "acl" for c in token.children)  # but "5 killed, 12 injured in blast": its own
    for _ in range(5):
        head = token.head
        if token.lower_ == "others" or any(c.dep_ == "det" and c.lower_ == "another" for c in token.children):
            return False
        if token.dep_ == "pobj" and head.lower_ in PART_MARKERS - {"of"}:
            # "X and Y were among four people killed": the number is the total the subject is part of
            return not (head.lower_ == "among" and head.head.lemma_ == "be" and head.dep_ == "prep")
        if token.dep_ == "appos" and breakdown(token, head):
            return True
        if head.i == token.i or token.dep_ not in ("nummod", "conj", "pobj", "appos", "quantmod", "advmod", "compound"):
            return False
        token = head
    return False


def toll_at(prep: Token, word_kind: Callable[[Token], str | None]) -> Token | None:
    """The toll noun whose value "at" gives ("put the death toll at 25", "the toll stood at 40"), or
    None where it is a place ("killed 30 militants at six locations")."""
    if prep.lower_ != "at":
        return None
    head = prep.head
    return next((t for t in (head, *(c for c in head.children if c.dep_ in ("nsubj", "dobj")))
                 if t.pos_ == "NOUN" and word_kind(t)), None)


#: Dependencies of a group's name on the noun of its members ("Shabaab fighters", "the TTP's men").
MEMBER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


def members_of_doers(number: Token, doers: frozenset[str]) -> bool:
    """Does the number count members of a group that did the incident ("five Shabaab fighters were
    killed", "three TTP militants"): a group's name on the counted noun, one of ``doers`` where the
    incident has any (not "two Taliban guards were killed" in an attack by another group)?"""
    noun = number.head if number.dep_ == "nummod" else number
    groups = {c.ent_id_ for c in noun.children if c.dep_ in MEMBER_DEPS and c.ent_type_ == "MILITANT_GROUP"}
    return bool(groups) and (not doers or bool(groups & doers))


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

    def count(self, doc: Doc, rows: list[dict], by_state: bool = False,
              doers: frozenset[str] = frozenset()) -> tuple[int | None, int | None, int | None]:
        """Killed and wounded in one sentence: parts coordinated under one kill word are added
        ("13 service members and about 170 civilians", "a soldier, 4 paramilitaries and 4 civilians");
        parts after "including" are not; attackers killed are counted apart, except in a state's
        operation (``by_state``), whose toll they are: those the perpetrator words name ("gunmen"),
        and the members of a group ("five Shabaab fighters") that is one of the incident's ``doers``
        (catalog ids), or any group where it has none."""
        totals: dict[tuple[str, int], list[float]] = {}
        ones: dict[tuple[str, int], int] = {}  # single people listed beside the numbers, added after them
        perps, lists = None, set()
        for row in rows:
            span = doc.char_span(row["start_char"], row["end_char"], alignment_mode="expand")
            if span is None or row.get("unit") in self.not_counted:
                continue
            kind, head = self.casualty_kind(span)
            if kind is None or killed_or_wounded(doc[head], self.word_kind):
                continue  # "100 killed or wounded": the dead and the hurt together, neither figure
            noun = (row.get("unit") or "").split()[-1:]
            if noun and (noun[0] in self.event_nouns or noun[0].rstrip("s") in self.event_nouns):
                continue  # "80 injured in 2 suicide car bomb blasts": a number of attacks, not of people
            singles, attackers = self.list_singles(span.root, lists, kind)
            part = partitive_of(span.root)
            if part is not None and part != 1:
                continue  # "three of the five attackers": the part's own row counts
            value = part or row["value"]
            if kind == "killed" and attackers and not by_state:
                perps = (perps or 0) + len(attackers)  # "killed a suspected bomber, a soldier and 4 civilians"
            else:
                singles += attackers
            if kind == "killed" and (noun and (noun[0] in self.words["perpetrator"]
                                               or noun[0].rstrip("s") in self.words["perpetrator"])
                                     or members_of_doers(span.root, doers)):
                if not by_state:  # the militants an operation killed are its toll; attackers hurt are the wounded's
                    perps = (perps or 0) + toll(value)
                    if singles:  # "3 gunmen and a policeman were killed": the policeman
                        ones[(kind, head)] = ones.get((kind, head), 0) + len(singles)
                    continue
            totals.setdefault((kind, head), []).append(value)
            ones[(kind, head)] = ones.get((kind, head), 0) + len(singles)
            if (kind, head) not in lists and killed_along_with(span.root, self.single):
                lists.add((kind, head))  # "the commander was killed along with two of his guards": 3
                ones[(kind, head)] += 1
        sums = {key: whole(totals.get(key, [])) + ones.get(key, 0) for key in {*totals, *ones}}
        killed = [v for (k, _), v in sums.items() if k == "killed"]
        wounded = [v for (k, _), v in sums.items() if k == "wounded"]
        return (toll(max(killed)) if killed else None, toll(max(wounded)) if wounded else None, perps)

    def list_singles(self, number: Token, seen: set[tuple[int, str]], kind: str) -> tuple[list[Token], list[Token]]:
        """The single people listed with a counted noun, as (victims, attackers), once per list
        and kind (``seen`` holds the lists already read; a member with a verb of its own, "2 others and
        a woman injured", is read only for that verb's kind): "Six soldiers, 6 civilians and a police officer" (the
        officer), "a suspected bomber, a soldier, 4 paramilitaries and 4 civilians" (the soldier; the
        bomber apart), "Two Americans, a Swiss and a Dutch national", "15 police personnel and a
        driver", parsed as two subjects."""
        noun = number.head if number.dep_ == "nummod" else number if number.dep_ == "conj" else None
        if noun is None:  # a number that is a conjunct itself: "Gul Khan and three of his guards"
            return [], []
        root = noun
        while root.dep_ in ("conj", "appos") and not (root.dep_ == "appos" and breakdown(root, root.head)):
            root = root.head
        if (root.i, kind) in seen:
            return [], []
        seen.add((root.i, kind))
        doc = root.doc
        twins = [c for c in root.head.children if c.dep_ == root.dep_ and c.i > root.i and any(
            t.dep_ == "cc" for t in doc[root.i + 1:c.i])]
        members = [m for top in [root, *twins] for m in list_members(top)]
        singles = [m for m in members if self.single(m) and self.own_kind(m) in (None, kind)]
        singles = [m for m in singles if not names_the_one_before(m, singles)]
        attackers = [m for m in singles if m.lemma_.lower() in self.words["perpetrator"]]
        return [m for m in singles if m not in attackers], attackers

    def own_kind(self, noun: Token) -> str | None:
        """The kind a reduced relative after the noun says: "a woman injured" (wounded)."""
        return next((self.word_kind(c) for c in noun.children if c.dep_ == "acl" and self.word_kind(c)), None)

    def single(self, noun: Token) -> bool:
        """One person named in a list: "a police officer", "a Swiss", "the district governor", "their
        driver", "the city's mayor", "Abdul Wali Sarhadi"; not a count, a plural, a place, a vehicle or an event ("a bus", "a blast")."""
        named = noun.ent_type_ == "PERSON" and noun.tag_ == "NNP" and noun.ent_iob_ == "I"  # "Abdul Wali Sarhadi and two guards"
        return noun.tag_ in ("NN", "NNP", "JJ") and not any(d.like_num and d.lower_ != "one" and d.dep_ != "conj"
                                                            for d in noun.children) \
            and (named or any((d.dep_ == "det" and d.lower_ in ("a", "an", "the")) or (  # "their Pakistani driver"
                d.dep_ == "poss" and (d.lower_ in ("his", "her", "their") or any(  # "the province's governor"
                    c.dep_ == "case" for c in d.children))) for d in noun.children)) \
            and not speaker(noun) and noun.ent_type_ not in NOT_PERSON \
            and noun.lemma_.lower() not in self.event_nouns | VEHICLES

    def casualty_kind(self, span: Span) -> tuple[str | None, int]:
        """``killed`` or ``wounded`` when the figure is attached to such a word, and that word's index.

        In order: a part of a larger number ("including 13 policemen") counts for nothing; a kill
        or wound verb just before ("injures 27") or word just after ("28 injured", "dozens of
        others injured") decides; else the parse is climbed through nouns, never through another verb.
        """
        doc, start = span.doc, span.start
        if is_part(span.root) or part_of_them(span, self.word_kind) or wounded_who_died(span, self.word_kind):
            return None, -1  # "147 people, 132 of them children"; but "killing 11 of them"
        if start > 0 and doc[start - 1].pos_ == "VERB" and self.word_kind(doc[start - 1]):
            return self.word_kind(doc[start - 1]), start - 1
        if start > 1 and doc[start - 1].lower_ in ("another", "other") and doc[start - 2].pos_ == "VERB" \
                and self.word_kind(doc[start - 2]):
            return self.word_kind(doc[start - 2]), start - 2  # "killed 30 and wounded another 65"
        if start > 1 and doc[start - 1].lower_ == "to" and doc[start - 2].pos_ == "NOUN" and self.word_kind(doc[start - 2]):
            return self.word_kind(doc[start - 2]), start - 2  # "injuries to over 141 others", "the toll to 60"
        if start > 1 and doc[start - 1].lower_ == "dead" and doc[start - 2].pos_ == "VERB":
            return "killed", start - 1  # "shot dead two constables", with "dead" parsed as the noun's modifier
        if counts_doers(span, self.word_kind):
            return None, -1  # "Two soldiers killed three militants": the doers
        for tok in doc[span.end: min(span.end + 4, len(doc))]:
            if self.word_kind(tok) and takes_object(tok):
                break  # "blasts at three churches and three luxury hotels killed 138 people": its object's count
            if self.word_kind(tok):
                return self.word_kind(tok), tok.i
            if tok.pos_ not in ("NOUN", "ADJ", "ADV", "AUX", "DET", "PART") and tok.lower_ != "of":
                break
        noun = span.root.head if span.root.dep_ == "nummod" else span.root
        told = [c for n in [noun, *noun.conjuncts] for c in n.children if c.dep_ == "acl"] + after_inserted_part(doc, span.end)
        if told := [c for c in told if self.word_kind(c)]:  # "2 others and a woman injured", a reduced relative
            return self.word_kind(told[0]), told[0].i  # (or "seven others, including a child, wounded", however parsed)
        return self.climbed_kind(span.root)

    def climbed_kind(self, token: Token) -> tuple[str | None, int]:
        """The kind of the kill or wound word the parse reaches from the number through nouns, never
        through another verb, with that word's index; or that a count's subject holds ("the overall
        number of those hurt was 85")."""
        if (counted := count_subject(token)) is not None:
            word = next((t for t in counted.subtree if t.i != token.i and self.word_kind(t)), None)
            if word is not None:
                return self.word_kind(word), word.i
        for _ in range(5):
            head = token.head
            if head.dep_ == "prep" and head.lower_ in PLACE_PREPS:
                if (word := toll_at(head, self.word_kind)) is not None:  # "put the death toll at 25"
                    return self.word_kind(word), head.i  # its own total: "the toll, first put at 12, is now 30"
                return None, -1  # "killed 30 militants at six locations": places counted, not people
            if token.dep_ == "nsubj" and head.i != token.i and takes_object(head) and head.lemma_.lower() not in SUPPORT \
                    and not any(died_by(c, token, self.words) or self.word_kind(c) for c in head.children if c.dep_ == "dobj"):
                return None, -1  # "the siege by seven militants left 20 people dead": the doers, in the subject;
                # not "12 policemen embraced martyrdom", "two of them suffered stab wounds"
            kind = self.word_kind(head)
            if kind:
                return kind, head.i
            for child in head.children:
                if (told := told_word(child, token)) is not None and self.word_kind(told):
                    return self.word_kind(told), head.i  # "left 25 victims dead", "the death toll rose to"
                if child.dep_ == "conj" and child.pos_ == "VERB" and token.dep_ in ("nsubjpass", "nsubj") \
                        and (kind := second_verb_kind(child, self.word_kind)):
                    return kind, child.i  # "Three officers were shot and injured"
                if to_death(child, self.words.get("kill_ends", ("death",))) or died_by(child, token, self.words):
                    return "killed", head.i  # "ten men were shot to death", "23 soldiers embraced martyrdom"
                if token.dep_ == "nsubjpass" and taken_to_hospital(head, child, self.words):
                    return "wounded", head.i  # "dozens more were rushed to the district hospital"
                if child.dep_ == "dobj" and head.lemma_.lower() in SUPPORT and self.word_kind(child) == "wounded":
                    return "wounded", head.i  # "Two of them suffered stab wounds", "4 people got light injuries"
            if head.i == token.i or head.pos_ in ("VERB", "AUX"):
                break
            token = head
        return None, -1

    def word_kind(self, token: Token) -> str | None:
        lemma, lower = token.lemma_.lower(), token.lower_
        if token.pos_ == "VERB" and any(to_death(c, self.words.get("kill_ends", ("death",))) for c in token.children):
            return "killed"  # "stabbed 4 people to death"
        if token.pos_ == "VERB" and any(c.dep_ == "advmod" and c.lower_ == "fatally" for c in token.children):
            return "killed"  # "fatally stabbed a policeman", "fatally shooting a woman": only harm is fatal
        if token.pos_ == "VERB" and lemma in self.words.get("kill_down", ()) and any(
                c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
            return "killed"  # "gunned down two policemen"
        if lemma in self.words["wound"] or lower in self.words["wound"]:
            return "wounded"
        if lemma == "claim" and not self.claims_lives(token):
            return None  # "other sources claiming 50": a figure that a source claims, not lives an attack claimed
        if lemma in self.words["kill"] or lower in self.words["kill"]:
            return "killed"
        return None

    def claims_lives(self, verb: Token) -> bool:
        """Is "claim" said of an attack taking lives ("the blast claimed 12 lives", "claiming 12 lives")
        rather than of someone claiming a figure ("other sources claiming 50")?"""
        doer = next((c for c in verb.children if c.dep_ == "nsubj"), verb.head if verb.dep_ in ("acl", "relcl") else None)
        if doer is not None and doer.tag_ in ("WDT", "WP") and doer.head.dep_ == "relcl":
            doer = doer.head.head  # "the attack, which claimed 12 lives"
        return doer is None or doer.lemma_.lower() in self.event_nouns or doer.lower_ == "it" \
            or any(c.lemma_.lower() in ("life", "live") for c in verb.children if c.dep_ == "dobj")


#: Tokens an inserted part ("including a woman and a child") may run to before its closing comma.
INSERTED_PART_TOKENS = 8


#: Words that open a part set off by commas after a count ("12, including two children, killed", "70, mostly
#: lawyers, killed", "nine, among them a judge, were hurt").
INSERT_OPENERS = frozenset({"including", "mostly", "mainly", "many", "most", "among", "all", "both", "largely"})


def after_inserted_part(doc: Doc, end: int) -> list[Token]:
    """The word after a part set off by commas right after a counted noun ("seven others, including
    a child, wounded": "wounded"; "18 soldiers, including a captain, were killed": "killed", past
    the auxiliaries; "70, mostly lawyers, killed"), if there is one."""
    i = end
    while i < len(doc) and i < end + 2 and doc[i].text != ",":
        i += 1
    if i + 1 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in INSERT_OPENERS:
        return []
    close = next((j for j in range(i + 2, min(i + 2 + INSERTED_PART_TOKENS, len(doc))) if doc[j].text == ","), None)
    if close is None:
        return []
    after = close + 1
    while after < len(doc) and after < close + 3 and doc[after].pos_ == "AUX":
        after += 1  # "were", "have been"
    return [doc[after]] if after < len(doc) else []

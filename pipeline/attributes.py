"""The model's attribute rules (tag to POS and morphology, lemma exceptions), applied by lookup.

spaCy's ``attribute_ruler`` runs its patterns with a ``Matcher``, which tries every pattern at every
token: on en_core_web_sm's 179 patterns that was 17% of the model's time on news text (1.8 s of 10.0 s
for 55,000 words; measured by disabling the component). :class:`FastAttributeRuler` applies the same
patterns from the same component and gives the same tokens (``tests/test_attributes.py`` compares every
token's tag, POS, morphology, lemma and dependency label on the sample corpus and hand-picked
sentences): what the one-token patterns do to a token depends only on its tag, lower-case form,
dependency label and whether it is a space, so it is worked out once per such key and looked up after;
the few two-token patterns are tried only where a token fits their first. As in spaCy, every pattern is matched on
the tokens as the earlier components left them, then the matches are applied in pattern order, so a
later pattern overrides an earlier one.

A pattern of a form this module does not read (an operator, another attribute) makes
:func:`compile_rules` return None, and the model keeps spaCy's own component.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy import attrs
from spacy.language import Language
from spacy.tokens import Doc

#: The token attributes a condition may test, in the order of a token's key.
KEY = ("TAG", "LOWER", "DEP", "IS_SPACE")
KEY_IDS = [attrs.TAG, attrs.LOWER, attrs.DEP, attrs.IS_SPACE]
AT = {name: i for i, name in enumerate(KEY)}
#: The attributes a rule may set.
WRITABLE = frozenset({"TAG", "POS", "MORPH", "LEMMA", "DEP"})


@dataclass(frozen=True)
class Condition:
    """One attribute test of one token of a pattern."""

    attr: str
    equals: object = None
    within: frozenset | None = None
    outside: frozenset | None = None
    regex: re.Pattern | None = None

    def holds(self, value: object) -> bool:
        if self.within is not None:
            return value in self.within
        if self.outside is not None:
            return value not in self.outside
        if self.regex is not None:
            return isinstance(value, str) and self.regex.search(value) is not None
        return value == self.equals


@dataclass(frozen=True)
class Rule:
    """One pattern of the attribute ruler: its order, its tokens' conditions, the token it sets."""

    order: int
    tokens: tuple[tuple[Condition, ...], ...]
    index: int
    attrs: tuple[tuple[str, str], ...]


def condition(attr: str, value: object) -> Condition | None:
    """A condition from a pattern's ``{attr: value}``, or None for a form not read here."""
    if attr not in AT:
        return None
    if not isinstance(value, dict):
        return Condition(attr, equals=value)
    if len(value) != 1:
        return None
    (op, arg), = value.items()
    if op == "IN":
        return Condition(attr, within=frozenset(arg))
    if op == "NOT_IN":
        return Condition(attr, outside=frozenset(arg))
    if op == "REGEX":
        return Condition(attr, regex=re.compile(arg))
    return None


def compile_rules(patterns: list[dict]) -> list[Rule] | None:
    """The ruler's patterns (``AttributeRuler.patterns``) as rules, or None if one is of another form."""
    rules = []
    for order, entry in enumerate(patterns):
        if not set(entry["attrs"]) <= WRITABLE:
            return None
        for pattern in entry["patterns"]:
            tokens = []
            for spec in pattern:
                conditions = tuple(condition(attr, value) for attr, value in spec.items())
                if not spec or None in conditions:
                    return None
                tokens.append(conditions)
            rules.append(Rule(order, tuple(tokens), entry.get("index", 0),
                              tuple((k, str(v)) for k, v in entry["attrs"].items())))
    return rules


def holds_all(conditions: tuple[Condition, ...], key: tuple) -> bool:
    return all(c.holds(key[AT[c.attr]]) for c in conditions)


def composed(rules: list[Rule]) -> tuple[tuple[str, str], ...]:
    """What a token's matching rules set, applied in rule order (a later value overrides)."""
    return tuple(dict(pair for r in sorted(rules, key=lambda r: r.order) for pair in r.attrs).items())


class FastAttributeRuler:
    """A pipeline component equal in effect to the model's ``attribute_ruler`` (see the module).

    The single-token rules a token matches depend only on its key (tag, lower-case form, dependency
    label, whether it is a space), so their combined effect is worked out once per key and looked up
    after; a rule of two tokens is tried only where a token fits its first."""

    def __init__(self, rules: list[Rule]):
        self.single = [r for r in rules if len(r.tokens) == 1]
        self.longer = [r for r in rules if len(r.tokens) > 1]
        self.plans: dict[tuple, tuple] = {}

    def plan(self, key: tuple) -> tuple:
        """For one key: its single-token rules, the longer rules it can start, their combined effect."""
        singles = [r for r in self.single if holds_all(r.tokens[0], key)]
        starting = tuple(r for r in self.longer if holds_all(r.tokens[0], key))
        return singles, starting, composed(singles)

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        rows = doc.to_array(KEY_IDS).tolist() if len(doc) else []
        keys, plans = [], []
        for tag, lower, dep, space in rows:  # every rule matches the tokens before any is applied
            key = (strings[tag] if tag else "", strings[lower], strings[dep] if dep else "", bool(space))
            plan = self.plans.get(key)
            if plan is None:
                plan = self.plans[key] = self.plan(key)
            keys.append(key)
            plans.append(plan)
        extra: dict[int, list[Rule]] = {}
        for i, (_, starting, _) in enumerate(plans):
            for rule in starting:
                if i + len(rule.tokens) <= len(keys) and all(
                        holds_all(rule.tokens[k], keys[i + k]) for k in range(1, len(rule.tokens))):
                    extra.setdefault(i + rule.index, []).append(rule)
        for i, token in enumerate(doc):
            singles, _, effect = plans[i]
            if i in extra:
                effect = composed([*singles, *extra[i]])
            if effect:
                apply(token, effect)
        return doc


def apply(token, effect: tuple[tuple[str, str], ...]) -> None:
    for attr, value in effect:
        if attr == "MORPH":
            token.set_morph(None if value == "_" else value)
        elif attr == "POS":
            token.pos_ = value
        elif attr == "LEMMA":
            token.lemma_ = value
        elif attr == "TAG":
            token.tag_ = value
        else:
            token.dep_ = value


@Language.factory("fast_attribute_ruler", default_config={"patterns": []})
def make_fast_attribute_ruler(nlp: Language, name: str, patterns: list[dict]) -> FastAttributeRuler:
    rules = compile_rules(patterns)
    if rules is None:
        raise ValueError("fast_attribute_ruler: a pattern of a form it does not read")
    return FastAttributeRuler(rules)


def speed_up(nlp: Language) -> bool:
    """Put :class:`FastAttributeRuler` in place of the model's ``attribute_ruler`` when every pattern
    is of a form it reads; return whether it did."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    patterns = nlp.get_pipe("attribute_ruler").patterns
    if compile_rules(patterns) is None:
        return False
    nlp.replace_pipe("attribute_ruler", "fast_attribute_ruler", config={"patterns": patterns})
    return True

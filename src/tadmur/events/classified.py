"""Where the trained classifier decides: the sub-event type of the rules' events, and
events the trigger lexicon does not see.

The trigger rules are good at roles, negation and modality, places, dates and territory
logic; the classifier, learned from ACLED's own coding, is better at telling close
sub-event types apart and knows ways of telling an event that no lexicon lists. Each
paragraph the parser saw is classified as a whole, and each of its sentences alone; then:
- a rule's draft keeps its type when the classifier finds that type plausible, when a rule
  decides it from the parse (territory, chemical weapons, displacement) or when an explicit
  cue of ACLED's definitions chose it; otherwise the classifier's type replaces it, so that
  one event is not told as two of types ACLED would code as one;
- a paragraph with no draft, or beside other drafts a sentence with none, becomes an event
  of the classifier's type when the classifier is confident that it reports one and its
  main verb is not negated, planned or hypothetical; a text of one paragraph, when the
  classifier is sure it reports some event, whichever type it finds most probable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from tadmur.classify import NONE, EventClassifier, Prediction
from tadmur.events.candidates import (
    IRREALIS_GOVERNORS,
    clause_verb,
    irrealis,
    not_a_flight,
    paragraph_text,
    trim,
)
from tadmur.events.dating import REPORTING_VERBS, event_date
from tadmur.events.draft import Draft, Scope, is_article, is_headline
from tadmur.events.placing import location
from tadmur.events.roles import roles
from tadmur.events.subtypes import PROTEST_TYPES, TERRITORY_TYPES, protest_type
from tadmur.events.within import place_key

RULE_DECIDES = frozenset({"Chemical weapon", "Displacement"})
"""Types the rules decide from the parse whatever the classifier says (what is delivered
how; flight, which ACLED codes as Other)."""


@dataclass(frozen=True, slots=True)
class ClassifierPolicy:
    """How far the classifier's word goes; the thresholds are tuned on the tuning rows of
    the ACLED split and on the project's own gold sets, never on held-out rows."""

    keep: float = 0.15
    """A rule's type stays when the classifier gives it at least this probability."""
    replace: float = 0.4
    """The classifier's type replaces a rule's when it has at least this probability."""
    new_event: float = 0.6
    """A paragraph or sentence without a rule's draft becomes an event at this probability
    of its type."""
    new_paragraph: float = 0.45
    """... and a paragraph without any draft, at this probability."""
    brief_event: float = 0.8
    """A text of one paragraph (a brief, a note, a post) without a rule's draft reports an
    event, of the classifier's most probable type, when all event types together have at
    least this probability: what a brief is about is rarely in doubt, which of the close
    types it is often is. Not for paragraphs of longer articles, whose background paragraphs
    read like events (measured on the synthetic gold set)."""
    passage_chars: int = 1000
    """A paragraph is classified by its sentences up to this many characters."""


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph the parser saw: its sentences, and the text it is classified by."""

    sentences: tuple[Any, ...]
    text: str


@dataclass(frozen=True, slots=True)
class Readings:
    """What the classifier made of a document: each sentence alone, and each paragraph."""

    passages: tuple[Passage, ...]
    sentence: dict[int, Prediction]
    """By the sentence's first character."""
    paragraph: dict[int, Prediction]
    """By the paragraph's first character."""
    paragraph_of: dict[int, int]
    """A sentence's first character -> its paragraph's."""


def passages(doc: Any, policy: ClassifierPolicy, visible: str | None = None) -> list[Passage]:
    """The sentences grouped into paragraphs (a line break ends one), but for those blank in
    `visible` (the text as the sentence filter leaves it)."""
    groups: list[list[Any]] = []
    previous_end = -1
    for sentence in doc.sents:
        told = sentence.text.rstrip()
        shown = visible[sentence.start_char : sentence.end_char] if visible else told
        if not told.strip() or not shown.strip():
            continue
        between = doc.text[previous_end : sentence.start_char] if previous_end >= 0 else "\n"
        if "\n" in between or not groups:
            groups.append([sentence])
        else:
            groups[-1].append(sentence)
        previous_end = sentence.start_char + len(told)
    out: list[Passage] = []
    for group in groups:
        start, end = group[0].start_char, group[0].end_char
        for sentence in group[1:]:
            if sentence.end_char - start > policy.passage_chars:
                break
            end = sentence.end_char
        out.append(Passage(tuple(group), doc.text[start:end].strip()))
    return out


def classify(
    classifier: EventClassifier, doc: Any, policy: ClassifierPolicy, visible: str | None = None
) -> Readings:
    """Every sentence's and every paragraph's prediction."""
    found = passages(doc, policy, visible)
    sentences = [s for p in found for s in p.sentences]
    texts = [s.text.strip() for s in sentences] + [p.text for p in found]
    distinct = list(dict.fromkeys(texts))  # a one-sentence paragraph is classified once
    predicted = dict(zip(distinct, classifier.predict(distinct), strict=True))
    by_sentence = {s.start_char: predicted[texts[k]] for k, s in enumerate(sentences)}
    by_paragraph = {p.sentences[0].start_char: predicted[p.text] for p in found}
    paragraph_of = {s.start_char: p.sentences[0].start_char for p in found for s in p.sentences}
    return Readings(tuple(found), by_sentence, by_paragraph, paragraph_of)


def _event_types(prediction: Prediction) -> tuple[str, float]:
    """The most probable event type and its probability."""
    ranked = sorted(
        ((p, label) for label, p in prediction.probabilities.items() if label != NONE),
        key=lambda x: (-x[0], x[1]),
    )
    return ranked[0][1], ranked[0][0]


def _plausibility(prediction: Prediction, sub: str) -> float:
    """The classifier's probability of a type, or of its whole family for territory: whether
    territory changed hands, the classifier may judge; which of the three it was, the rules
    decide (who acts, at home or abroad, by force or not)."""
    family = TERRITORY_TYPES if sub in TERRITORY_TYPES else frozenset({sub})
    return sum(prediction.probabilities.get(t, 0.0) for t in family)


def retype(
    doc: Any,
    classifier: EventClassifier,
    drafts: Sequence[Draft],
    readings: Readings,
    policy: ClassifierPolicy,
) -> None:
    """Each draft takes the classifier's type where the classifier decides (see above).

    A paragraph whose events are all at one place is typed as a whole: its later sentences
    often say what makes the type (the police response, the toll), and ACLED codes "killed
    three villagers and abducted two" as one attack. Where a paragraph names events at
    several places, each sentence is typed alone, and in a sentence with several places
    ("police tear-gassed protesters in Abuja, while in Kano rioters burned a police post")
    each event by its own clause. A draft retyped to the type of another draft of its
    sentence or paragraph is a second reading of that event: it adds its words to it, not
    its place or date (it becomes a supporting mention)."""
    article = doc is not None and is_article(doc.text)
    by_paragraph: dict[int, list[Draft]] = {}
    for draft in drafts:
        by_paragraph.setdefault(readings.paragraph_of.get(draft.sentence, -1), []).append(draft)
    for paragraph, group in by_paragraph.items():
        whole = len(_places(group)) <= 1 and paragraph in readings.paragraph
        # the readings a retyped draft may coincide with: (-1, type) paragraph-wide
        typed = {(-1 if whole else d.sentence, d.sub_event_type) for d in group}
        territorial = any(d.sub_event_type in TERRITORY_TYPES for d in group)
        if whole:
            judged = [(d, readings.paragraph[paragraph]) for d in group]
        else:
            judged = []
            by_sentence: dict[int, list[Draft]] = {}
            for draft in group:
                by_sentence.setdefault(draft.sentence, []).append(draft)
            for sentence, drafts_here in by_sentence.items():
                if len(_places(drafts_here)) > 1:
                    clauses = [clause_text(doc, d, drafts_here) for d in drafts_here]
                    found = classifier.predict(clauses)
                    judged += list(zip(drafts_here, found, strict=True))
                elif sentence in readings.sentence:
                    judged += [(d, readings.sentence[sentence]) for d in drafts_here]
        for draft, prediction in judged:
            if draft.sub_event_type in RULE_DECIDES or draft.decided:
                continue
            plausible = _plausibility(prediction, draft.sub_event_type)
            best, probability = _event_types(prediction)
            if plausible >= policy.keep:
                continue
            if best == "Other" or (best in TERRITORY_TYPES and not territorial):
                continue  # no trigger means "other"; a change of control is the rules' to find
            if article and _kept_in_an_article(doc, draft, best):
                continue
            if probability >= policy.replace:
                again = (-1 if whole else draft.sentence, best) in typed
                draft.support = draft.support or again
                draft.sub_event_type = best
                draft.confidence = max(draft.confidence, min(0.95, probability))


def _kept_in_an_article(doc: Any, draft: Draft, best: str) -> bool:
    """Where an article's rule keeps its type against the classifier: "two attacks, the
    first since the ceasefire ended" makes no agreement, and a state's detention is an
    arrest (a disappearance has its own cue). A note's type stays the classifier's to read
    (measured on ACLED's training rows)."""
    if best == "Agreement":
        return draft.head >= 0 and not _an_agreement(doc[draft.head].sent)
    return (
        draft.sub_event_type == "Arrests"
        and best == "Abduction/forced disappearance"
        and (draft.actor1 is None or draft.actor1.is_state)
    )


def _places(drafts: Sequence[Draft]) -> set[object]:
    return {place_key(d) for d in drafts if d.place_from_text and not d.support}


def clause_text(doc: Any, draft: Draft, group: Sequence[Draft]) -> str:
    """The words of a draft's own clause: its verb's subtree without the clauses of the
    sentence's other drafts."""
    if draft.head < 0:
        start, end = draft.evidence[0]
        return str(doc.text[start:end])
    head = doc[draft.head]
    verb = clause_verb(head)
    others = {d.head for d in group if d.head != draft.head and d.head >= 0}
    skipped: set[int] = set()
    for child in verb.children:
        if child.dep_ in {"conj", "advcl", "ccomp", "parataxis"}:
            inside = {t.i for t in child.subtree}
            if inside & others and draft.head not in inside:
                skipped |= inside
    words = [t for t in verb.subtree if t.i not in skipped]
    return "".join(t.text_with_ws for t in words).strip() or str(head.sent.text)


def new_drafts(
    scope: Scope,
    drafts: Sequence[Draft],
    readings: Readings,
    covered: set[int],
    policy: ClassifierPolicy,
    first_order: int,
) -> list[Draft]:
    """Events the rules found nothing of, where the classifier is confident: a paragraph
    without any draft becomes one event (told by its sentence most typical of the type),
    and in a paragraph with drafts, a sentence without one becomes an event of its own when
    it names a place of its own; a text of one paragraph needs less (`brief_event`). In the
    headline of a longer text, such an event only supports one of the body's."""
    out: list[Draft] = []
    article = is_article(scope.ctx.text)
    for passage in readings.passages:
        starts = [s.start_char for s in passage.sentences]
        prediction = readings.paragraph[starts[0]]
        label = prediction.label
        brief = len(readings.passages) == 1 and prediction.event >= policy.brief_event
        whole = label != NONE and (prediction.probability >= policy.new_paragraph or brief)
        if whole and not any(start in covered for start in starts):
            sentence = max(
                passage.sentences,
                key=lambda s: (readings.sentence[s.start_char].probabilities[label], -s.start),
            )
            candidates = [(sentence, prediction)]
            # a brief's event may be of a type the classifier is less sure of
            threshold = min(policy.new_paragraph, prediction.probability)
        else:
            candidates = [
                (s, readings.sentence[s.start_char])
                for s in passage.sentences
                if s.start_char not in covered
            ]
            threshold = policy.new_event
        told = [d for d in drafts if d.sentence in starts and not d.support]
        here = _places(told)
        for sentence, prediction in candidates:
            if prediction.label == NONE or prediction.probability < threshold:
                continue
            head = _main_verb(sentence)
            if head is None or any(t.lemma_.casefold() in sport_words() for t in sentence):
                continue
            if article and prediction.label == "Agreement" and not _an_agreement(sentence):
                continue  # "agreed to add three sites to the list", "a truce remains elusive"
            if prediction.label == "Displacement" and not_a_flight(head, sentence):
                continue
            draft = _draft(scope, sentence, head, prediction, first_order + len(out))
            if told and (not draft.place_from_text or place_key(draft) in here):
                continue  # a later sentence of a paragraph's event tells more of it
            if article and not (draft.place_from_text or draft.date_explicit):
                continue  # in an article, words with no place or day of their own tell
                # more of an event told before them ("Two people were killed," he said)
            # a headline tells what the body tells: of itself it only supports an event
            lead = passage is readings.passages[0]
            draft.support = (
                lead
                and len(readings.passages) > 1
                and is_headline(scope.ctx.text, passage.sentences[0].start_char)
            )
            out.append(draft)
    return out


_AGREED_ON = re.compile(
    r"truce|cease-?fire|\bpeace\b|\bdeal\b|\baccords?\b|agreement|exchange|\bswap|surrender|"
    r"(?<!press )\breleas|withdraw|hand(?:ed)? over|evacuat",
    re.I,
)
"""What ACLED's agreements are about: an agreement the classifier reads elsewhere is not one."""
_AGREEING = frozenset(
    {"sign", "reach", "agree", "broker", "conclude", "seal", "strike", "declare", "accept",
     "approve", "ink", "finalise", "finalize", "announce", "exchange", "swap", "release",
     "hand", "evacuate", "withdraw", "surrender"}
)  # fmt: skip
"""... and what is done with one: talks about a truce that "remains elusive" made none."""


def _an_agreement(sentence: Any) -> bool:
    """Whether a sentence the classifier reads as an agreement tells of one being made."""
    return bool(_AGREED_ON.search(sentence.text)) and any(
        t.lemma_.casefold() in _AGREEING and t.pos_ == "VERB" for t in sentence
    )


@cache
def sport_words() -> frozenset[str]:
    """`data/not_events.yaml`: sentences with these lemmas are about sport."""
    text = resources.files("tadmur").joinpath("data/not_events.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict) or not isinstance(raw.get("sport"), list):
        raise ValueError("not_events.yaml must map 'sport' to a list of lemmas")
    return frozenset(str(w).casefold() for w in raw["sport"])


def _main_verb(sentence: Any) -> Any:
    """What a sentence reports: its root, or under a reporting verb ('officials said that
    ...') the clause reported; None when that is negated, planned or hypothetical
    ('the army denied that it shelled the camp')."""
    head = sentence.root
    if head.pos_ in {"NOUN", "PROPN"}:
        # "Defusal: On 17 April, forces located an IED": the label is the root
        colon = [c for c in head.children if c.text == ":" and c.i > head.i]
        verbs = [c for c in head.children if c.pos_ == "VERB" and colon and c.i > colon[0].i]
        head = verbs[0] if verbs else head
    if head.lemma_ in REPORTING_VERBS:
        reported = [c for c in head.children if c.dep_ in {"ccomp", "parataxis"}]
        if head.lemma_ in IRREALIS_GOVERNORS:
            return None
        head = reported[0] if reported else head
    if irrealis(head) or (head.lemma_ in IRREALIS_GOVERNORS and _governs_clause(head)):
        return None
    return head


def _governs_clause(head: Any) -> bool:
    """'militants plan to attack', 'set to march': the governor has the event as its clause;
    'set a car on fire' has none."""
    return any(c.dep_ in {"xcomp", "ccomp"} for c in head.children)


def _draft(scope: Scope, sentence: Any, head: Any, prediction: Prediction, order: int) -> Draft:
    doc, ctx = scope.doc, scope.ctx
    sub = prediction.label
    decided = False
    if sub in PROTEST_TYPES:
        sub, decided = protest_type(paragraph_text(doc, sentence))
        sub = sub if decided else prediction.label
    actor1, actor2, assoc1 = roles(doc, head, head, scope.by_token, scope.actors, ctx)
    place, from_text = location(doc, head, head, sub, ctx.places, scope.focus)
    first, last, explicit, since = event_date(doc, head, head, ctx, {head.i})
    confidence = 0.4 + 0.5 * prediction.probability
    return Draft(
        sub_event_type=sub,
        actor1=actor1,
        actor2=actor2,
        assoc1=assoc1,
        place=place,
        place_from_text=from_text,
        first=first,
        last=last,
        date_explicit=explicit,
        evidence=[trim(ctx.text, sentence.start_char, sentence.end_char)],
        order=order,
        confidence=round(min(confidence, 0.9), 4),
        since=since,
        headline=is_headline(ctx.text, sentence.start_char),
        sentence=sentence.start_char,
        head=head.i,
        decided=decided,
    )

"""When an event happened: the date its clause hangs on, else the clause's own date, else
the sentence's, else the day before publication to the day of publication (precision 2).

Dates of reporting verbs ("officials said on Tuesday") and dates owned by another
trigger of the sentence do not count, and a perfect tense with 'since' and no date is
undated. Dating is its own module because these rules about which date belongs to which
clause are independent of where the event was and who took part.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tadmur.events.draft import Context
from tadmur.when import TimeExpression

_PERFECT = frozenset({"has", "have", "had", "'s", "'ve", "'d"})

REPORTING_VERBS = frozenset(
    {"say", "tell", "report", "announce", "add", "confirm", "state", "claim", "write", "tweet",
     "post", "publish", "note", "explain", "warn", "deny", "accuse", "allege", "estimate"}
)  # fmt: skip


def _reporting_date(doc: Any, expression: TimeExpression) -> bool:
    """'residents said on Thursday': the day of the report, not of the event."""
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None:
        return False
    for ancestor in span.root.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            # "killed on Sunday, a local official told AFP": a date before the reporting
            # verb is the event's, whatever the parser attached it to
            return bool(ancestor.lemma_ in REPORTING_VERBS and expression.start > ancestor.idx)
    return False


def _date_owner(doc: Any, expression: TimeExpression, trigger_heads: set[int]) -> int | None:
    """The trigger a date expression modifies: the nearest trigger among its ancestors."""
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None:
        return None
    for ancestor in span.root.ancestors:
        if ancestor.i in trigger_heads and ancestor.pos_ in {"VERB", "AUX"}:
            return int(ancestor.i)
    return None


def event_date(
    doc: Any, head: Any, verb: Any, ctx: Context, trigger_heads: set[int]
) -> tuple[date | None, date | None, bool, bool]:
    """The date of an event: a date the clause hangs on ('on Saturday, when gunmen killed'),
    else the clause's own temporal expression (one attached to the verb first), else the
    sentence's; perfect aspect with 'since' and no date is undated; else the publication
    date with precision 2. Dates of reporting verbs ('officials said on Tuesday') and of
    other events in the clause do not count."""
    sentence = head.sent
    while verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        verb = verb.head  # "has since blown up ... and murdered": one tense for both
    clause = list(verb.subtree)
    lo = min(t.idx for t in clause)
    hi = max(t.idx + len(t) for t in clause)
    dated = [e for e in ctx.dates if e.date is not None and not _reporting_date(doc, e)]
    for ancestor in list(head.ancestors)[:4]:
        for e in dated:
            if e.start <= ancestor.idx < e.end:  # "since Saturday, when jihadists killed"
                since = e.rule.startswith("since")
                return e.date, e.date if since else e.date_end, True, False
    # "a missile strike on Dnipro two weeks ago killed 44": the date of the clause's verb
    # is the date of the event its subject names
    # ... and so is the date of any clause the event's words sit in ("two were killed on
    # Sunday in an Israeli strike": the strike is Sunday's)
    governing = {head.i, verb.i} | _clause_ancestors(head)
    own = [e for e in dated if _owned_by(_date_owner(doc, e, trigger_heads), governing)]
    in_clause = [e for e in own if lo <= e.start and e.end <= hi]
    in_sentence = [e for e in own if sentence.start_char <= e.start < sentence.end_char]
    for group in (in_clause, in_sentence):
        if group:
            best = min(
                group, key=lambda e: (not _attached(doc, e, verb, head), abs(e.start - head.idx))
            )
            return best.date, best.date_end, True, best.rule.startswith("since")
    if any(c.dep_ == "aux" and c.lower_ in _PERFECT for c in verb.children) and any(
        c.lower_ == "since" for c in verb.children
    ):
        return None, None, False, False
    if ctx.published is None:
        return None, None, False, False
    day_before = ctx.published - timedelta(days=1) if ctx.published > date.min else date.min
    return day_before, ctx.published, False, False


_CLAUSE_EDGES = frozenset({"advcl", "ccomp", "parataxis", "relcl", "xcomp", "csubj"})


def _clause_ancestors(token: Any) -> set[int]:
    """The words above `token` up to the edge of its clause: a date of one of them dates
    what `token` names; a date of the clause that governs it does not."""
    out: set[int] = set()
    while token.dep_ not in _CLAUSE_EDGES and token.head.i != token.i:
        token = token.head
        out.add(int(token.i))
    return out


def _owned_by(owner: int | None, governing: set[int]) -> bool:
    return owner is None or owner in governing


def _attached(doc: Any, expression: TimeExpression, verb: Any, head: Any) -> bool:
    """Does the expression modify the event's verb itself ('surrendered ... on Monday')?"""
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None:
        return False
    parent = span.root.head
    return parent in (verb, head) or parent.head in (verb, head)

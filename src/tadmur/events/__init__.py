"""Events from a parsed article: triggers, roles from the dependency parse, modality,
attribution, counts, and the merge of reports of the same event within the article.

ACLED's rules as applied here:
- one event per (sub_event_type, location, day); title, standfirst, captions and body
  that report the same event are one event with several evidence spans;
- background events ("had seized the town in May 2015") are events with their own date,
  but for an article's month-old background dated only by its month;
- negated, denied, planned, threatened, future, conditional or hypothetical actions are
  not events, nor are sporting or figurative uses ("a clash in the cup final");
- a territory verb is "Government regains territory" when its actor is a state force,
  "Non-state actor overtakes territory" otherwise;
- deaths caused by a strike, a bomb or a battle are that event's fatalities; a killing
  by an armed actor of civilians is "Attack", of armed men "Armed clash".

The modules, in pipeline order:
- `core`: `extract_events`, the stage read top to bottom;
- `draft`: the data passed between steps (`Context`, `Scope`, the mutable `Draft`);
- `candidates`: from a trigger match to a draft, or to nothing (modality, conditions);
- `subtypes`: the sub-event type where a rule decides it (territory, kill, attack, protest);
- `roles`: actor1, actor2 and the associated actor from the dependency parse;
- `placing`: the event's place, the article's focus city, coordinated places;
- `dating`: the event's date, ignoring dates of reporting verbs and of other events;
- `classified`: where the trained classifier decides the type, and the events the
  trigger lexicon misses;
- `tallies`: sources cited, fatality counts, chemical attacks and their delivery;
- `article`: what the whole article decides about one report (its lead's day, its
  demonstrations, its named weapons and actors, its background);
- `within`: the merge of reports of one event within the article;
- `output`: from a merged draft to the output `Event`, with ACLED's default actors.
"""

from tadmur.events.classified import ClassifierPolicy
from tadmur.events.core import Context, extract_events

__all__ = ["ClassifierPolicy", "Context", "extract_events"]

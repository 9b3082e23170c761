"""The event classifier: does a sentence report an event, and of which sub-event type.

`model` runs the shipped model (numpy only), `features` turns text into its features,
`train` fits it from ACLED rows (scikit-learn). The events stage asks it where the trigger
lexicon is silent or ambiguous.
"""

from tadmur.classify.model import NONE, EventClassifier, Prediction, load_classifier

__all__ = ["NONE", "EventClassifier", "Prediction", "load_classifier"]

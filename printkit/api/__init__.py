"""The library's entry points: each makes one product or check from a campaign.

The command line is a thin layer over these; they are what the tests mostly call.
"""

from printkit.api.campaigns import Checked, check, check_all, init, lookup
from printkit.api.common import Outcome, Written, default_output, load, renderer, today
from printkit.api.letters import LetterRun, filled_letter, letters
from printkit.api.mail import EnvelopeRun, LabelRun, MailRun, envelopes, labels
from printkit.api.merged import Layout
from printkit.api.stall import build, leaflet, letter, outputs, poster, proof, signup

__all__ = [
    "Checked",
    "EnvelopeRun",
    "LabelRun",
    "Layout",
    "LetterRun",
    "MailRun",
    "Outcome",
    "Written",
    "build",
    "check",
    "check_all",
    "default_output",
    "envelopes",
    "filled_letter",
    "init",
    "labels",
    "leaflet",
    "letter",
    "letters",
    "load",
    "lookup",
    "outputs",
    "poster",
    "proof",
    "renderer",
    "signup",
    "today",
]

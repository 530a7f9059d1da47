"""The citizens app's models, one module per capability."""

from cchc.citizens.models_feedback import Feedback, FeedbackContact, FeedbackReminder  # noqa: F401
from cchc.citizens.models_surveys import *  # noqa: F403

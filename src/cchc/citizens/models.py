"""The citizens app's models, one module per capability."""

from cchc.citizens.models_surveys import *  # noqa: F403

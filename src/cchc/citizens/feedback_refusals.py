"""The one error a refused feedback step raises (its message is shown to the user as is)."""


class FeedbackRefused(Exception):
    """A step the rules do not allow; the message says why, in Vietnamese."""

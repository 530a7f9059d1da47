"""The one error a refused feedback step raises (its message is shown to the user as is)."""


class FeedbackRefused(Exception):
    """A step the rules do not allow; the message says why, in Vietnamese. `field`: the form field
    it is about, when one is (the page puts the message beside it)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field

from cchc.citizens.models_feedback import Feedback, FeedbackContact, FeedbackReminder  # noqa: F401

"""Models of the plans app; each part of the app keeps its models in its own module."""

from cchc.plans.models_indices import IndexResult
from cchc.plans.models_plans import (
    Occurrence,
    Plan,
    Target,
    TargetReview,
    Task,
    TaskComment,
    TaskEvidence,
    TaskReminderSent,
)

__all__ = [
    "IndexResult",
    "Occurrence",
    "Plan",
    "Target",
    "TargetReview",
    "Task",
    "TaskComment",
    "TaskEvidence",
    "TaskReminderSent",
]

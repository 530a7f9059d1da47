"""Models of the plans app; each part of the app keeps its models in its own module."""

from cchc.plans.models_indices import IndexResult

__all__ = ["IndexResult"]

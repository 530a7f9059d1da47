"""Indicators: the Decision 766 catalogue as data, the analytics store and its engines, and the
history of the national portal's published scores."""

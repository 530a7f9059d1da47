"""cchc: administrative-reform (cải cách hành chính) monitoring for a Vietnamese province."""

__version__ = "0.1.0"

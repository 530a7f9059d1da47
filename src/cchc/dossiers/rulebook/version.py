"""The version of the rulebook. Raise it with every change that moves a stored figure (a due
date, an outcome, a flag) or a counted one (a period rule, a status class); `cchc dossiers
recompute` records the version it applied, and pages show it beside "data as of"."""

RULES_VERSION = "2026.12.1"  # deemed receipt made coherent; status classes counted apart

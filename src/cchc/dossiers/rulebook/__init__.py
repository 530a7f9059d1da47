"""The rulebook: every timing, status, period and lateness rule of cchc, each defined once.

- `timing`: deemed receipt, statutory due date, deadline, outcome and hidden-lateness flags of
  each dossier (computed on import and by `cchc dossiers recompute`);
- `period`: the reference day open dossiers are judged on, the due-soon cut-off, rates.

docs/timing.md states the rules in words, with worked examples that run as tests.
"""

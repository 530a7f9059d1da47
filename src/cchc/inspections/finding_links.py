"""Blocks a feature app adds under each finding on the inspection page (the improvement plan's
tasks answering it, with a link to create one).

The inspection page is this app's; what answers a finding elsewhere belongs to a higher app, which
registers a provider in its AppConfig.ready, so this module imports no feature app above it
(tests/test_layers.py). A provider returns the block to show for one finding to the user of the
request, or None to show nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

from cchc.inspections.models import Finding


@dataclass(frozen=True)
class FindingLink:
    text: str
    url: str
    note: str = ""  # shown after the link, muted (the state, the deadline)


@dataclass(frozen=True)
class FindingBlock:
    heading: str  # "Nhiệm vụ kế hoạch"
    links: list[FindingLink] = field(default_factory=list)
    actions: list[FindingLink] = field(default_factory=list)  # "Tạo nhiệm vụ trong kế hoạch"


FindingLinks = Callable[[HttpRequest, Finding], FindingBlock | None]

_PROVIDERS: list[FindingLinks] = []


def register_finding_links(provider: FindingLinks) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def finding_blocks(request: HttpRequest, finding: Finding) -> list[FindingBlock]:
    """Every provider's block for `finding`, in the order they registered."""
    blocks = (provider(request, finding) for provider in _PROVIDERS)
    return [b for b in blocks if b is not None]

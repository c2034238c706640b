"""What the reports and workflows can be told: won stages, the R6 goal, the W3 delay, currencies."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from connector import names

DEFAULT_GOAL = Decimal("10000")  # R6 monthly revenue goal [decided]; override with --goal
DEFAULT_CURRENCY = "USD"  # for deals with no deal_currency_code (HubSpot's company currency)
DEFAULT_REENGAGE_DAYS = 90  # W3 [decided in api/integration.md §6]


class ConfigError(ValueError):
    """A report or workflow setting that cannot be used."""


@dataclass(frozen=True)
class ReportConfig:
    """Settings shared by reports and workflows.

    ``goal`` is in ``goal_currency`` (default: ``default_currency``); amounts in other currencies
    are shown next to it but never counted against it.
    """

    won_stages: frozenset[str] = field(default_factory=lambda: names.DEFAULT_WON_STAGES)
    goal: Decimal = DEFAULT_GOAL
    goal_currency: str | None = None
    default_currency: str = DEFAULT_CURRENCY
    reengage_days: int = DEFAULT_REENGAGE_DAYS

    def __post_init__(self) -> None:
        known = {stage_id for stage_id, _, _ in names.ECOMMERCE_STAGES}
        if not self.won_stages:
            raise ConfigError("won stages: give at least one stage id")
        unknown = sorted(set(self.won_stages) - known)
        if unknown:
            raise ConfigError(f"won stages: unknown stage id(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        if names.STAGE_CANCELLED in self.won_stages or names.STAGE_ABANDONED in self.won_stages:
            raise ConfigError("won stages: cancelled and checkout_abandoned can never be won")
        if not self.goal.is_finite() or self.goal < 0:
            raise ConfigError(f"goal must be a non-negative amount, not {self.goal}")
        if self.reengage_days < 0:
            raise ConfigError(f"re-engagement days must be >= 0, not {self.reengage_days}")

    @property
    def goal_currency_code(self) -> str:
        """The currency the R6 goal is expressed in."""
        return self.goal_currency or self.default_currency


def parse_won_stages(text: str) -> frozenset[str]:
    """``a,b,c`` as a set of stage ids (validated when the ReportConfig is built)."""
    stages = frozenset(part.strip() for part in text.split(",") if part.strip())
    if not stages:
        raise ConfigError(f"won stages: no stage id in {text!r}")
    return stages


def parse_goal(text: str) -> Decimal:
    """A goal amount such as ``25000`` or ``12500.50``."""
    try:
        goal = Decimal(text.strip())
    except InvalidOperation:
        raise ConfigError(f"goal must be a number, not {text!r}") from None
    if not goal.is_finite() or goal < 0:
        raise ConfigError(f"goal must be a non-negative amount, not {text!r}")
    return goal

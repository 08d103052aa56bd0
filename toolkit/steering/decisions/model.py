"""Deciding with three partners: consensus, majority and a lead partner, on the same proposals.

Two partners who disagree must talk until they agree; three or more can choose how they
decide, and the choice matters:

- **consensus** (unanimity): a proposal passes only if every partner is for it, and any one
  partner can block it. Biopharma joint steering committees decide this way with one vote per
  party, and with two parties it works;
- **majority**: a proposal passes when more than half the partners are for it; a tie (an even
  number of partners, split) is broken by the lead partner when one is named, else it blocks;
- **lead partner**: where the partners disagree, the lead partner's position decides (the
  prime contractor of a bid, say); where they all agree, that is the decision.

The more partners, the less likely all of them agree: if each partner backs a good proposal
with the same chance, unanimity needs that chance multiplied once per partner
(:func:`agreement_chance`). That is why unanimity on everything deadlocks multi-party
alliances, and why their charters keep it for a few decisions (changing the contract, letting
in a new partner) and decide the rest by majority or through a lead partner.

Examples
--------
>>> votes = {"Acme": True, "Orbit": False, "Vela": True}
>>> outcome(votes, "consensus"), outcome(votes, "majority")
('blocked', 'approved')
>>> outcome(votes, "lead_partner", lead="Orbit")
'rejected'
>>> round(agreement_chance(3, 0.8, "consensus"), 3), round(agreement_chance(3, 0.8, "majority"), 3)
(0.512, 0.896)
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import pandas as pd

from toolkit.steering.agenda.model import CONSTELLATION_PARTNERS

__all__ = [
    "LEAD_PARTNER",
    "OUTCOMES",
    "PROPOSALS",
    "RULES",
    "Proposal",
    "agreement_chance",
    "blocked_by",
    "chance_table",
    "outcome",
    "outcomes_table",
]

#: the decision rules, in the order the lesson shows them
RULES = {
    "consensus": "Consensus (every partner must agree)",
    "majority": "Majority (more than half; the lead partner breaks a tie)",
    "lead_partner": "Lead partner (decides where the partners disagree)",
}
OUTCOMES = ("approved", "rejected", "blocked")
#: Constellation's lead partner: Acme Software is the prime contractor of the joint bids
LEAD_PARTNER = CONSTELLATION_PARTNERS[0]


@dataclass(frozen=True)
class Proposal:
    """A proposal before the steering committee and each partner's position (True: for it)."""

    id: str
    title: str
    votes: dict[str, bool]


def _votes(acme: bool, orbit: bool, vela: bool) -> dict[str, bool]:
    return dict(zip(CONSTELLATION_PARTNERS, (acme, orbit, vela), strict=True))


#: the proposals of Constellation's meeting, with where each partner stands
PROPOSALS: tuple[Proposal, ...] = (
    Proposal("shared-bid-manager", "Hire a shared bid manager", _votes(True, True, True)),
    Proposal("hospitals", "Take the joint offer to hospitals", _votes(True, False, True)),
    Proposal("price-cut", "Cut the framework price by 8 %", _votes(False, True, False)),
    Proposal("acme-crm", "Run the joint pipeline in Acme's CRM", _votes(True, False, False)),
    Proposal("brussels-office", "Open a joint bid office in Brussels", _votes(False, True, True)),
    Proposal("drop-south", "Stop bidding in the southern region", _votes(False, False, False)),
)


def _check_votes(votes) -> dict[str, bool]:
    if not isinstance(votes, dict) or not votes:
        msg = "votes must be a dict of partner -> True (for) or False (against)"
        raise ValueError(msg)
    for partner, vote in votes.items():
        if not isinstance(vote, bool):
            msg = f"{partner}'s vote must be True (for) or False (against), got {vote!r}"
            raise ValueError(msg)
    return votes


def outcome(votes: dict[str, bool], rule: str, *, lead: str | None = None) -> str:
    """What a proposal comes to under a decision rule: approved, rejected or blocked.

    Parameters
    ----------
    votes : dict
        Partner -> True (for) or False (against).
    rule : str
        One of :data:`RULES`.
    lead : str, optional
        The lead partner (needed for ``lead_partner``; breaks a tie under ``majority``).

    Raises
    ------
    ValueError
        For an unknown rule, a vote that is not True or False, or a lead partner who has no
        vote.
    """
    votes = _check_votes(votes)
    if rule not in RULES:
        msg = f"unknown decision rule {rule!r}; use one of {', '.join(RULES)}"
        raise ValueError(msg)
    if lead is not None and lead not in votes:
        msg = f"the lead partner {lead!r} has no vote; the partners are {', '.join(votes)}"
        raise ValueError(msg)
    n_for = sum(votes.values())
    n_against = len(votes) - n_for
    if n_for == len(votes):
        return "approved"
    if n_against == len(votes):
        return "rejected"
    # the partners disagree
    if rule == "consensus":
        return "blocked"
    if rule == "majority":
        if n_for != n_against:
            return "approved" if n_for > n_against else "rejected"
        return "blocked" if lead is None else ("approved" if votes[lead] else "rejected")
    if lead is None:
        msg = "the lead-partner rule needs a lead partner: pass lead='<partner>'"
        raise ValueError(msg)
    return "approved" if votes[lead] else "rejected"


def outcomes_table(
    proposals: tuple[Proposal, ...] = PROPOSALS, *, lead: str = LEAD_PARTNER
) -> pd.DataFrame:
    """Every proposal, each partner's position and its outcome under each rule.

    Examples
    --------
    >>> table = outcomes_table()
    >>> table.loc["hospitals", ["consensus", "majority", "lead_partner"]].tolist()
    ['blocked', 'approved', 'approved']
    """
    rows = []
    for proposal in proposals:
        row = {"proposal": proposal.id, "title": proposal.title}
        row.update({p: "for" if v else "against" for p, v in proposal.votes.items()})
        row.update({rule: outcome(proposal.votes, rule, lead=lead) for rule in RULES})
        rows.append(row)
    return pd.DataFrame(rows).set_index("proposal")


def blocked_by(rule: str, proposals: tuple[Proposal, ...] = PROPOSALS, **kwargs) -> list[str]:
    """The ids of the proposals that ``rule`` leaves blocked (no decision at all)."""
    return [p.id for p in proposals if outcome(p.votes, rule, **kwargs) == "blocked"]


def agreement_chance(partners: int, chance: float, rule: str = "consensus") -> float:
    """The chance that a proposal passes when each partner backs it with ``chance``.

    Partners are taken to decide independently of one another (a simplification: in practice
    they talk, which is the point of a steering committee).

    Parameters
    ----------
    partners : int
        How many partners vote (2 or more).
    chance : float
        The chance that any one partner is for the proposal (0 to 1).
    rule : str
        ``"consensus"`` (all must be for it) or ``"majority"`` (more than half; a tie counts
        as not passed).
    """
    if isinstance(partners, bool) or not isinstance(partners, int) or partners < 2:
        msg = f"partners must be a whole number of 2 or more, got {partners!r}"
        raise ValueError(msg)
    if not 0 <= chance <= 1:
        msg = f"chance must be from 0 to 1, got {chance!r}"
        raise ValueError(msg)
    if rule == "consensus":
        return chance**partners
    if rule == "majority":
        need = partners // 2 + 1
        return sum(
            comb(partners, k) * chance**k * (1 - chance) ** (partners - k)
            for k in range(need, partners + 1)
        )
    msg = f"agreement_chance knows the rules consensus and majority, got {rule!r}"
    raise ValueError(msg)


def chance_table(chance: float, most: int = 6) -> pd.DataFrame:
    """The chance a proposal passes, by number of partners, under consensus and majority.

    Examples
    --------
    >>> chance_table(0.8, most=3).round(2).to_dict("list")
    {'partners': [2, 3], 'consensus': [0.64, 0.51], 'majority': [0.64, 0.9]}
    """
    rows = [
        {
            "partners": n,
            "consensus": agreement_chance(n, chance, "consensus"),
            "majority": agreement_chance(n, chance, "majority"),
        }
        for n in range(2, most + 1)
    ]
    return pd.DataFrame(rows)

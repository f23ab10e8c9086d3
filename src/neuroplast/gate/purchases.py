"""Calls that spend: a commitment or reservation bought, a marketplace offer's terms
accepted, a domain registered, a payment made.

Usage billed by the hour stops when the resource does; a purchase does not. A one- or
three-year reservation or savings plan is billed to its end (AWS's Savings Plans User Guide:
'You can't cancel a Savings Plan during its term'; Google Cloud's committed use discounts
'cannot be canceled'; an Azure reservation is refunded only within a yearly limit), a
registered domain is paid for its year, a payment is gone. A user's view of this is one view
whatever buys: someone who stops letting the agent run ``aws ec2
purchase-reserved-instances-offering`` stops it for ``gcloud compute commitments create``
and ``az reservations reservation-order purchase`` alike. So it is an act across programs
(``gate.acts``: ``* purchase``), asked once like the other acts that commit an account.
Each tool is read from its own reference; quotes, offerings listed, prices, help, versions
and dry runs are not the act:

- AWS CLI: an operation ``purchase-*`` (EC2's reserved instances, host reservations,
  scheduled instances and capacity blocks; RDS's, ElastiCache's, Redshift's, OpenSearch's,
  MemoryDB's reserved nodes; MediaLive's and MediaConnect's offerings), ``savingsplans
  create-savings-plan``, ``ec2 accept-reserved-instances-exchange-quote``,
  ``route53domains register-domain|renew-domain|transfer-domain``;
- gcloud: ``compute commitments create``, ``domains registrations register|transfer``;
- az: ``reservations reservation-order purchase``, ``billing-benefits
  savings-plan-order-alias create``, a commitment plan created (``cognitiveservices ...
  commitment-plan create``), ``appservice domain create`` ('Create and purchase a custom
  domain'), a marketplace offer's terms accepted (``term accept``, ``vm image terms
  accept``);
- Linode's ``linode-cli account payment-create``; Vercel's ``vercel domains buy``;
- the Stripe CLI: a payment, charge, payout, transfer or refund made (``payment_intents
  create|confirm|capture``, ``charges create|capture``, ``payouts|transfers|refunds create``,
  ``invoices pay``).

>>> from neuroplast.gate.shell import split_command
>>> [purchases(s) for s in split_command(
...     "aws ec2 purchase-reserved-instances-offering --reserved-instances-offering-id x "
...     "--instance-count 2; aws ec2 describe-reserved-instances-offerings; "
...     "gcloud compute commitments create c1 --plan 12-month; gcloud compute commitments list; "
...     "az vm image terms accept --urn a:b:c:d; stripe charges list")]
[True, False, True, False, True, False]
"""

from __future__ import annotations

from neuroplast.gate.executed import global_values
from neuroplast.gate.outputs import names_option, operands, starts_with
from neuroplast.gate.provisions import NO_CHANGE
from neuroplast.gate.shell import Segment

__all__ = ["purchases"]

_AWS = frozenset({("savingsplans", "create-savings-plan"),
                  ("ec2", "accept-reserved-instances-exchange-quote"),
                  ("route53domains", "register-domain"), ("route53domains", "renew-domain"),
                  ("route53domains", "transfer-domain")})
# (program, the leading words of a command that buys); az's lead may sit under any group
_BUYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "gcloud": (("compute", "commitments", "create"), ("domains", "registrations", "register"),
               ("domains", "registrations", "transfer")),
    "az": (("reservations", "reservation-order", "purchase"),
           ("billing-benefits", "savings-plan-order-alias", "create"),
           ("appservice", "domain", "create"), ("term", "accept"),
           ("vm", "image", "terms", "accept")),
    "linode-cli": (("account", "payment-create"),),
    "vercel": (("domains", "buy"),),
    "stripe": (*((obj, verb) for obj in ("payment_intents", "charges")
                 for verb in ("create", "confirm", "capture")),
               *((obj, "create") for obj in ("payouts", "transfers", "refunds")),
               ("invoices", "pay")),
}


def purchases(seg: Segment) -> bool:
    """Whether ``seg`` buys a commitment, reservation, domain or marketplace offer, or makes
    a payment (the ``purchase`` act)."""
    head = seg.head
    if (head not in _BUYS and head != "aws") or names_option(seg.argv[1:], NO_CHANGE):
        return False
    words = operands(seg.argv, global_values(head))
    if head == "aws":
        op = words[1] if len(words) > 1 else ""
        return op.startswith("purchase-") or tuple(words[:2]) in _AWS
    if head == "az" and "commitment-plan" in words[:4]:  # under cognitiveservices [account]
        return "create" in words[:5]
    return starts_with(words, _BUYS[head])

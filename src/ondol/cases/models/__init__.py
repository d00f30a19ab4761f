"""Tables of the cases domain: clients, consent, consultations, cases, referrals and messages."""

from ondol.cases.models.clients import (
    ChangeLog,
    Client,
    Consent,
    ConsentBasis,
    Household,
    HouseholdMember,
    IdentityKind,
    Purpose,
    Relation,
    Sex,
)
from ondol.cases.models.screenings import Screening
from ondol.cases.models.messages import Message, MessageChannel, MessageStatus, ProducedBy
from ondol.cases.models.referrals import (
    ENFORCEMENT_WITHHELD,
    SHARING_STATUSES,
    Outcome,
    Referral,
    ReferralStatus,
    Section,
)
from ondol.cases.models.work import (
    Case,
    CaseSource,
    CaseStatus,
    CaseTransition,
    Channel,
    Consultation,
    InterpreterKind,
    PlanItem,
    PlanItemStatus,
    RiskLevel,
    Task,
)

__all__ = [
    "ENFORCEMENT_WITHHELD", "SHARING_STATUSES", "Case", "CaseSource", "CaseStatus", "CaseTransition", "ChangeLog",
    "Channel", "Client", "Consent", "ConsentBasis", "Consultation", "Household", "HouseholdMember", "IdentityKind",
    "InterpreterKind", "Message", "MessageChannel", "MessageStatus", "Outcome", "PlanItem", "PlanItemStatus",
    "ProducedBy", "Purpose", "Referral", "ReferralStatus", "Relation", "RiskLevel", "Section", "Sex", "Task",
]

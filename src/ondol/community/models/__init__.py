"""Tables of the community domain: programs and events, donation campaigns, competitions."""

from ondol.community.models.competitions import (
    Award,
    Competition,
    ConflictDeclaration,
    Criterion,
    Entry,
    Judge,
    Score,
    Voter,
)
from ondol.community.models.donations import (
    Allocation,
    AllocationStatus,
    Campaign,
    Donation,
    DonationKind,
    DonationMethod,
    Donor,
    LedgerAccount,
    LedgerEntry,
    Pledge,
    Receipt,
    ReceiptCounter,
    ReceiptIssue,
    RecipientKind,
    SubCampaign,
)
from ondol.community.models.programs import (
    DeliveryStatus,
    Material,
    MaterialDelivery,
    OneTimeCode,
    Program,
    ProgramKind,
    Registration,
    RegistrationStatus,
    Session,
    SessionMode,
)

__all__ = [
    "Allocation", "AllocationStatus", "Award", "Campaign", "Competition", "ConflictDeclaration", "Criterion",
    "DeliveryStatus", "Donation", "DonationKind", "DonationMethod", "Donor", "Entry", "Judge", "LedgerAccount",
    "LedgerEntry", "Material", "MaterialDelivery", "OneTimeCode", "Pledge", "Program", "ProgramKind", "Receipt",
    "ReceiptCounter", "ReceiptIssue", "RecipientKind", "Registration", "RegistrationStatus", "Score", "Session",
    "SessionMode", "SubCampaign", "Voter",
]

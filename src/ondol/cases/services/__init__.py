"""Every change to clients, consents, consultations, cases, referrals and messages: `do_<verb>_<thing>(actor, *, ...)`.

Other apps open cases and read consent through these functions, never through the tables.
"""

from ondol.cases.services.cases import (
    do_add_plan_item,
    do_add_task,
    do_complete_task,
    do_move_case,
    do_open_case,
    do_record_consultation,
    do_set_plan_item_status,
    do_update_case,
)
from ondol.cases.services.clients import (
    PossibleDuplicates,
    do_add_to_household,
    do_merge_clients,
    do_register_client,
    do_update_client,
    reveal_identity_number,
)
from ondol.cases.services.consent import (
    allows,
    do_record_consent,
    do_record_emergency_override,
    do_withdraw_consent,
    valid_consent,
)
from ondol.cases.services.messages import (
    Composed,
    compose_from_phrase,
    compose_from_text,
    do_message_address,
    do_message_client,
)
from ondol.cases.services.referrals import (
    do_accept_referral,
    do_complete_referral,
    do_decline_referral,
    do_refer_case,
    do_revoke_referral,
    is_overdue,
)

__all__ = [
    "Composed", "PossibleDuplicates", "allows", "compose_from_phrase", "compose_from_text", "do_accept_referral",
    "do_add_plan_item", "do_add_task", "do_add_to_household", "do_complete_referral", "do_complete_task",
    "do_decline_referral", "do_merge_clients", "do_message_address", "do_message_client", "do_move_case",
    "do_open_case", "do_record_consent", "do_record_consultation", "do_record_emergency_override",
    "do_refer_case", "do_register_client", "do_revoke_referral", "do_set_plan_item_status", "do_update_case",
    "do_update_client", "do_withdraw_consent", "is_overdue", "reveal_identity_number", "valid_consent",
]

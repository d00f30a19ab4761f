"""Every change in field work: `do_<verb>_<thing>(actor, *, ...)`."""

from ondol.fieldwork.services.worklists import (
    colleagues,
    do_assign_item,
    do_record_contact,
    do_record_need,
    do_record_outcome,
    do_reopen_item,
    do_route_item,
    do_update_household,
    hand_off,
    history_of,
    import_round,
)

__all__ = [
    "colleagues", "do_assign_item", "do_record_contact", "do_record_need", "do_record_outcome", "do_reopen_item",
    "do_route_item", "do_update_household", "hand_off", "history_of", "import_round",
]

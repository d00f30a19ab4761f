"""Tables of the eligibility domain."""

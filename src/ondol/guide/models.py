"""Tables of the guide domain."""

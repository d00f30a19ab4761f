"""Tables of the complaints domain."""

"""Tables of the discovery domain."""

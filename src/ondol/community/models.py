"""Tables of the community domain."""

"""Tables of the centre domain."""

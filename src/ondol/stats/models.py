"""Tables of the stats domain."""

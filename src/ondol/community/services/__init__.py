"""Every change in the community domain goes through these services."""

"""Messages to residents: a vetted phrasebook, pluggable machine translation, and delivery channels."""

"""Staff pages of the cases app: parse, call one service, render."""

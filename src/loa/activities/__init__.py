"""What was actually broadcast, posted, printed, held and trained: the evidence log."""

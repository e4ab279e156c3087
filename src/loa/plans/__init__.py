"""Plans (kế hoạch), their sections and task appendix, and the task occurrences to fulfil."""

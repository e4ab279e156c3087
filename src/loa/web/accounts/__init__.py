"""Staff pages of the signed-in user's own account: personal API tokens."""

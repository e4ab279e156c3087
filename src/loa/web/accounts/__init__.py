"""Staff pages of the signed-in user's own account: personal API tokens; and the page a
sign-in locked by too many wrong passwords gets (django-axes)."""

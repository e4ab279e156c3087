"""Crash safety: real servers killed with SIGKILL mid-work, restarted, and the data checked."""

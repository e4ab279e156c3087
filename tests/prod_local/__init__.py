"""Loa deployed as in production (nginx, gunicorn, the worker, PostgreSQL), driven from outside."""

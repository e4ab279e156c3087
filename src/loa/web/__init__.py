"""Staff pages: server-rendered templates with htmx, thin views over services and queries."""

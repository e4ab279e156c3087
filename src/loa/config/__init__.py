"""Project wiring: settings, URL map, WSGI entry point. No domain logic lives here."""

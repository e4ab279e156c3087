"""Operations: production settings, security headers, health check, request logs."""

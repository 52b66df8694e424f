"""The Telegram runtime: wiring, run modes, session, middlewares, language choice, logs."""

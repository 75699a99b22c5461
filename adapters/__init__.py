"""Adapters: the command line (composition root), the console chat, Telegram and Slack."""

"""Adapters: one thin translator per platform (Slack, Discord, console) over the core's router."""

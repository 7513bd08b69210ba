"""Qt code that is not a widget: PDF painting, the single-instance server, the private clipboard, text scaling."""

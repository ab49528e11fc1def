"""Case review pages: rapid.py (notifications and Rapid Reviews), pages.py (reviews, clocks,
documents, access log), cdop.py (child death review and external learning)."""

"""Section 11 rounds and agencies' returns: the pages partners use most.

lists.py: the lists of rounds and of returns, with their CSV exports. rounds.py: setting a
round up, opening it and inviting more agencies, and a round's page with every invited agency's progress (each person sees the rows they may see).
return_pages.py: one agency's return by standard, with last round's answer beside each
requirement, and the steps of its life (carry forward, submit, send back, accept, planned
improvements, colleagues). edits.py: changing and removing planned improvements, and taking
colleagues off a return. answers.py: the form for one standard's answers and evidence files.
"""

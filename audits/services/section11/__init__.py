"""Section 11 writes, by entity: `rounds.py` (setting up, inviting and opening a round) and
`returns.py` (an agency's return: answers, evidence, planned improvements, colleagues,
submitting, sending back and accepting). The peer challenge panel's are in `../panel.py`."""

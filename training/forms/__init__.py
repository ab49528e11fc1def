"""Forms of training's pages, one module per sub-domain (programme, attendees, booking, feedback,
needs, coverage, analysis). Forms parse what was typed and say what is missing; the rules are the
services' (training/services/), and a view puts a service's `DomainError` next to its field."""

"""Action plan and action pages: a source's plan with its recommendations and actions, and each
action's page with its timeline, progress updates, evidence, completion, cancellation and due
date moves.

Every page looks its object up through the person's selector (outside their scope is a 404),
checks the named permission before showing a form (a 403 for someone who may see but not do),
calls one service and redirects with a message.
"""

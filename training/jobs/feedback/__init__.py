"""The evaluation the morning after a session and the three-month follow-up, with one reminder
each, run daily by `send_reminders` (partnership/services/reminders.py).

- Evaluation: from the day after a session ends (the first run on or after it), every attendee
  marked attended is emailed their EVALUATION link, which closes
  TRAINING_EVALUATION_LINK_DAYS later. A session whose attendance is not marked yet is simply
  not due yet: its attendees are emailed on the first run after it is marked, as long as the
  session is no more than TRAINING_EVALUATION_LINK_DAYS days ago (older ones are left alone,
  so a late deployment does not email last year's courses).
- Evaluation reminder: TRAINING_EVALUATION_REMINDER_DAYS after the first email was sent, once,
  to those who have not answered and whose link is still open; the same link.
- Follow-up: TRAINING_FOLLOW_UP_MONTHS after the session (dateutil's relativedelta, so
  31 August gives 30 November), the sample is drawn (`services.feedback.follow_up_sample_draw`,
  once per session) and each sampled participant is emailed their FOLLOW_UP_PARTICIPANT link
  and their line manager, when a manager's email is recorded, their own FOLLOW_UP_MANAGER link
  about that participant. Links close TRAINING_FOLLOW_UP_LINK_DAYS after they are made, and a
  session whose follow-up fell due longer ago than that is not started any more.
- Follow-up reminder: TRAINING_FOLLOW_UP_REMINDER_DAYS after the first email, once, to each
  participant or manager who has not answered and whose link is still open.

Every email is claimed first (claim_many, a batch at a time), keyed on (job, attendee, period,
recipient), so a rerun, a second beat or a second worker at the same moment sends nothing twice.
The sweep is "due and not yet sent": who has already been sent or has answered is read in the
same query as who is due (no query per person), then each email is claimed on its own row. The
emails built are sent a batch at a time over one mail connection and the batch marked sent in
one UPDATE once it went (`common.Run.flush`): one refused for a transient reason is released
for the next run, and a failure part-way leaves the unsent ones to be claimed again.
"""

from .evaluation import send_evaluation_reminders, send_evaluations
from .follow_up import send_follow_up_reminders, send_follow_ups

JOBS = [send_evaluations, send_evaluation_reminders, send_follow_ups, send_follow_up_reminders]

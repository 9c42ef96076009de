"""What the agency learns from its cases: the chat funnel, demand, first contact, mentors'
load and readiness at intake, as suppressed aggregates (`/admin/insights`, `intake report`)."""

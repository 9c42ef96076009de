"""Re-assessment at the end of mentoring (T1): the mentor and the owner answer the readiness
questions of the intake again at 성과 리포트, and the case keeps both measurements (T0 in the
brief, T1 here), the change per dimension, what was done and the mentor's summary."""

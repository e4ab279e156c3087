"""Schedules and fulfilment of plan tasks; plain Python, no Django.

`schedule.periods_for` expands a task's recurrence over its window into due periods
(occurrences); `fulfilment.assess` decides whether the activities logged in a period
meet the task's quota, and when.
"""

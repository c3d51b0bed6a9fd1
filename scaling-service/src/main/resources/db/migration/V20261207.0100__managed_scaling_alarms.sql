-- Managed scaling's two alarms as state machines (ADR 0042): the high alarm waits for one datapoint above the
-- target like the low alarm's fifteen below it, so both keep their CloudWatch state and when their breach began.
-- Rows from before had no high alarm; a low alarm with a breach was counting towards ALARM.
alter table managed_scaling_state add column high_alarm_state text not null default 'INSUFFICIENT_DATA';
alter table managed_scaling_state add column above_target_since timestamptz;
alter table managed_scaling_state add column low_alarm_state text not null default 'INSUFFICIENT_DATA';
update managed_scaling_state set low_alarm_state = 'OK' where below_target_since is not null;

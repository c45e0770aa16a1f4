-- identity: when a record's exact keys (agency id, NHS number, name with date of birth) are held by two
-- subjects, the hub merges them by rule (unless their records clearly differ), as a decision of its own
-- with the records it moved, so that a split undoes it like any other.
alter table identity_decision drop constraint identity_decision_kind_check;
alter table identity_decision add constraint identity_decision_kind_check
    check (kind in ('confirm-link', 'reject-link', 'split-subject', 'merge-subjects'));

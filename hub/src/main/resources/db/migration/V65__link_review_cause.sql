-- identity (issue 17): why a pair was put to an analyst. 'score': between the review and link thresholds;
-- 'ambiguous': a record without a date of birth or given name that resembles subjects of different people;
-- '<key>-conflict': the record carries an exact key (agency id, NHS number, name with date of birth) that a
-- subject holds whose records clearly differ from it on date of birth, given name or sex (a recording error,
-- such as a twin's NHS number typed on the other twin's record, or two people): it was not linked by the key.
alter table link_review add column cause text not null default 'score'
    check (cause in ('score', 'ambiguous', 'agency-id-conflict', 'nhs-number-conflict', 'name-dob-conflict'));

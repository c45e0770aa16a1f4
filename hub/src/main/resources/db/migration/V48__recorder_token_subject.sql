-- access: who recorded a consent or made an assignment, also by the stable id the identity provider gives them
-- (the token's sub), which outlives a renamed user name (issue 14). Null for rows written before.
alter table consent add column recorded_by_subject text;
alter table case_assignment add column assigned_by_subject text;

-- access: a consent names its evidence (a kind, a document reference and its date, not free text), who recorded
-- it (user, agency, the role the agreement named them in, the agreement) and its review by auditors (issue 14).
-- Consents granted before this change have only free-text evidence from whoever wrote it: they stay listed for
-- review but no longer release anything (fail closed); a recorder the agreement names records them again.
alter table consent alter column evidence drop not null;
alter table consent add column evidence_kind text check (evidence_kind in ('SIGNED_FORM', 'RECORDED_VERBAL', 'ELECTRONIC'));
alter table consent add column evidence_reference text;
alter table consent add column evidence_date date;
alter table consent add constraint consent_evidence_whole
    check ((evidence_kind is null) = (evidence_reference is null) and (evidence_kind is null) = (evidence_date is null));
alter table consent add column recorded_by_role text;
alter table consent add column agreement text;
alter table consent add column review_status text
    check (review_status in ('AWAITING_REVIEW', 'UPHELD', 'NOT_UPHELD'));
alter table consent add column reviewed_by text;
alter table consent add column reviewed_at timestamptz;
alter table consent add column review_note text;
-- only a grant widens what is shared, so only grants are reviewed
update consent set review_status = 'AWAITING_REVIEW' where state = 'GRANTED';
create index consent_review on consent (review_status, recorded_at desc);

-- access: an exemption is claimed under one agreement, opens only that agreement's clauses and lasts only as
-- long as that agreement allows (issue 14). Claims made before this change named no agreement and cannot be
-- attributed to one after the fact: they stay listed for auditors' review but open nothing from now on (fail
-- closed); a claimant who still needs one claims it again, under the agreement whose clause they need.
alter table exemption add column agreement text;
alter table exemption add column agreement_version text;
alter table exemption add constraint exemption_agreement_whole
    check ((agreement is null) = (agreement_version is null));

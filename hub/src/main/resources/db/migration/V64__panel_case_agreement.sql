-- casework: a panel case belongs to one agreement and its work is kept by one agency (issue 15, item 2). Its
-- free text (reasons, rationales, decisions, actions, notes) is decided as case.* fields of the keeper's
-- records under that agreement alone. The keeper is the agency of whoever opened the case (the audit log
-- of its referral says which); the agreement of a case opened before this is the one the shipped policies
-- serve its purpose with. A case with neither (an unknown purpose) keeps null: no clause shares its work,
-- and no one sees the case.
alter table panel_case add column agreement text, add column keeper text;

update panel_case c set keeper = a.actor_agency
from audit_entry a
where a.operation = 'referCase' and a.detail->>'case' = c.id::text;

update panel_case set agreement = case purpose
    when 'VVASB_PANEL' then 'lambeth-vvasb-panel'
    when 'MARAC' then 'lambeth-marac'
    when 'YOUTH_JUSTICE' then 'triborough-youth-justice' end;
